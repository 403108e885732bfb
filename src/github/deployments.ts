import type { Octokit, RunContext } from './client.js'
import { ExternalError } from '../errors/result.js'

export type DeploymentState = 'in_progress' | 'success' | 'failure' | 'error' | 'inactive'

/** A GitHub Deployment for the environment, reported on as the deploy goes. */
export class DeploymentReporter {
  private constructor(
    private readonly octokit: Octokit,
    private readonly ctx: RunContext,
    readonly id: number,
    private readonly environmentUrl?: string
  ) {}

  static async create(
    octokit: Octokit,
    ctx: RunContext,
    o: { environment: string; release: string; environmentUrl?: string; description?: string }
  ): Promise<DeploymentReporter> {
    const res = await octokit.rest.repos.createDeployment({
      owner: ctx.owner,
      repo: ctx.repo,
      ref: ctx.sha,
      environment: o.environment,
      description: o.description ?? `helm upgrade ${o.release}`,
      auto_merge: false,
      // Deploying a commit is this workflow's decision; commit statuses are not re-checked here.
      required_contexts: [],
      transient_environment: ctx.pullRequest !== undefined,
      payload: { release: o.release }
    })
    const id = (res.data as { id?: number }).id
    if (typeof id !== 'number')
      throw new ExternalError(
        `GitHub did not create a deployment: ${JSON.stringify(res.data).slice(0, 200)}`
      )
    return new DeploymentReporter(octokit, ctx, id, o.environmentUrl)
  }

  /**
   * Reports a state. After `success`, the environment's earlier successful deployments are marked
   * `inactive` explicitly: GitHub's auto_inactive skips production environments.
   */
  async status(state: DeploymentState, description: string): Promise<void> {
    await this.octokit.rest.repos.createDeploymentStatus({
      owner: this.ctx.owner,
      repo: this.ctx.repo,
      deployment_id: this.id,
      state,
      description: description.slice(0, 140),
      log_url: this.ctx.runUrl,
      ...(this.environmentUrl && state === 'success'
        ? { environment_url: this.environmentUrl }
        : {}),
      auto_inactive: true
    })
    if (state === 'success') await this.deactivatePrevious()
  }

  private async deactivatePrevious(): Promise<void> {
    const { owner, repo } = this.ctx
    const mine = await this.octokit.rest.repos.getDeployment({
      owner,
      repo,
      deployment_id: this.id
    })
    const others = await this.octokit.rest.repos.listDeployments({
      owner,
      repo,
      environment: mine.data.environment,
      per_page: 30
    })
    for (const d of others.data) {
      if (d.id === this.id) continue
      const statuses = await this.octokit.rest.repos.listDeploymentStatuses({
        owner,
        repo,
        deployment_id: d.id,
        per_page: 1
      })
      if (statuses.data[0]?.state !== 'success') continue
      await this.octokit.rest.repos.createDeploymentStatus({
        owner,
        repo,
        deployment_id: d.id,
        state: 'inactive',
        description: `Replaced by deployment ${this.id}`,
        log_url: this.ctx.runUrl
      })
    }
  }
}

/**
 * Marks every deployment of an environment that was taken down `inactive`, so GitHub shows no live
 * link for it any more. Returns how many were marked.
 */
export async function deactivateEnvironment(
  octokit: Octokit,
  ctx: RunContext,
  environment: string,
  description: string
): Promise<number> {
  const { owner, repo } = ctx
  const deployments = await octokit.paginate(octokit.rest.repos.listDeployments, {
    owner,
    repo,
    environment,
    per_page: 100
  })
  let marked = 0
  for (const d of deployments) {
    const latest = await octokit.rest.repos.listDeploymentStatuses({
      owner,
      repo,
      deployment_id: d.id,
      per_page: 1
    })
    if (latest.data[0]?.state === 'inactive') continue
    await octokit.rest.repos.createDeploymentStatus({
      owner,
      repo,
      deployment_id: d.id,
      state: 'inactive',
      description: description.slice(0, 140),
      log_url: ctx.runUrl
    })
    marked++
  }
  return marked
}
