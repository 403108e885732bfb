import * as core from '@actions/core'
import type { Config } from '../inputs/config.js'
import type { Octokit, RunContext } from '../github/client.js'
import type { DeploymentReporter } from '../github/deployments.js'

/**
 * Everything the action tells people besides its log: the job summary, the pull request comment
 * and GitHub Deployment statuses. A reporting failure is a warning; it never changes the outcome.
 * The GitHub API client is loaded only by runs that talk to the API: it is the largest part of
 * the bundle, and a run that only validates or writes its summary never needs it.
 */
export class Reporter {
  private deployment?: DeploymentReporter
  private octokitCache?: Octokit

  constructor(
    private readonly config: Config,
    private readonly runContext?: () => RunContext
  ) {}

  private async context(): Promise<RunContext> {
    return this.runContext ? this.runContext() : (await import('../github/client.js')).runContext()
  }

  private async octokit(): Promise<Octokit> {
    const { createOctokit } = await import('../github/client.js')
    this.octokitCache ??= createOctokit(this.config.githubToken ?? '')
    return this.octokitCache
  }

  private async soft(what: string, fn: () => Promise<void>): Promise<void> {
    try {
      await fn()
    } catch (e) {
      const status = (e as { status?: number }).status
      const hint =
        status === 403 || status === 404
          ? " (check the job's permissions: see the README's permissions table)"
          : ''
      core.warning(
        `${what} failed${status ? ` (HTTP ${status})` : ''}: ${(e as Error).message.split('\n')[0]}${hint}`
      )
    }
  }

  /** `what` names the change in the Deployment (default: helm upgrade of the release). */
  async deploymentStarted(what?: string): Promise<void> {
    if (!this.config.deploymentStatus || !this.config.environment) return
    await this.soft('Creating the GitHub deployment', async () => {
      const { DeploymentReporter } = await import('../github/deployments.js')
      this.deployment = await DeploymentReporter.create(
        await this.octokit(),
        await this.context(),
        {
          environment: this.config.environment!,
          release: this.config.release,
          environmentUrl: this.config.environmentUrl,
          description: what
        }
      )
      await this.deployment.status('in_progress', what ?? `Deploying ${this.config.release}`)
      core.info(
        `GitHub deployment ${this.deployment.id} for ${this.config.environment}: in_progress`
      )
    })
  }

  async deploymentFinished(ok: boolean, description: string): Promise<void> {
    const d = this.deployment
    if (!d) return
    await this.soft('Reporting the GitHub deployment status', async () => {
      await d.status(ok ? 'success' : 'failure', description)
      core.info(`GitHub deployment ${d.id}: ${ok ? 'success' : 'failure'}`)
    })
  }

  /** The environment was taken down: its deployments become inactive. */
  async environmentRemoved(description: string): Promise<void> {
    if (!this.config.deploymentStatus || !this.config.environment) return
    const environment = this.config.environment
    await this.soft('Marking the GitHub deployments inactive', async () => {
      const { deactivateEnvironment } = await import('../github/deployments.js')
      const n = await deactivateEnvironment(
        await this.octokit(),
        await this.context(),
        environment,
        description
      )
      core.info(`GitHub environment ${environment}: ${n} deployment(s) marked inactive`)
    })
  }

  /** `link`: the live environment's URL, shown on top so a reviewer can open it at once. */
  async comment(head: string, details: readonly string[], link?: string): Promise<void> {
    if (!this.config.prComment) return
    const ctx = await this.context()
    if (ctx.pullRequest === undefined) {
      core.info(
        'pr-comment: this run has no pull request (not a pull_request event); no comment written.'
      )
      return
    }
    await this.soft('Writing the pull request comment', async () => {
      const { COMMENT_LIMIT, commentMarker, fitComment, upsertComment } =
        await import('../github/comment.js')
      const marker = commentMarker(this.config.release, this.config.environment)
      const top = link ? `${head.trimEnd()}\n\n🔗 **[${link}](${link})**\n` : head
      const body = fitComment(top, details, COMMENT_LIMIT - marker.length - 1)
      const r = await upsertComment(
        await this.octokit(),
        { owner: ctx.owner, repo: ctx.repo, issueNumber: ctx.pullRequest! },
        marker,
        body
      )
      core.info(`Pull request #${ctx.pullRequest}: comment ${r.id} ${r.action}`)
    })
  }

  async summary(markdown: string): Promise<void> {
    if (!this.config.summary || !process.env.GITHUB_STEP_SUMMARY) return
    await this.soft('Writing the job summary', async () => {
      await core.summary.addRaw(markdown).write()
    })
  }
}
