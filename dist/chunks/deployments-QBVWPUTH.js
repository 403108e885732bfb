import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);
import {
  ExternalError
} from "./chunk-R5UD73HC.js";
import "./chunk-SK5B422H.js";

// src/github/deployments.ts
var DeploymentReporter = class _DeploymentReporter {
  constructor(octokit, ctx, id, environmentUrl) {
    this.octokit = octokit;
    this.ctx = ctx;
    this.id = id;
    this.environmentUrl = environmentUrl;
  }
  octokit;
  ctx;
  id;
  environmentUrl;
  static async create(octokit, ctx, o) {
    const res = await octokit.rest.repos.createDeployment({
      owner: ctx.owner,
      repo: ctx.repo,
      ref: ctx.sha,
      environment: o.environment,
      description: o.description ?? `helm upgrade ${o.release}`,
      auto_merge: false,
      // Deploying a commit is this workflow's decision; commit statuses are not re-checked here.
      required_contexts: [],
      transient_environment: ctx.pullRequest !== void 0,
      payload: { release: o.release }
    });
    const id = res.data.id;
    if (typeof id !== "number")
      throw new ExternalError(
        `GitHub did not create a deployment: ${JSON.stringify(res.data).slice(0, 200)}`
      );
    return new _DeploymentReporter(octokit, ctx, id, o.environmentUrl);
  }
  /**
   * Reports a state. After `success`, the environment's earlier successful deployments are marked
   * `inactive` explicitly: GitHub's auto_inactive skips production environments.
   */
  async status(state, description) {
    await this.octokit.rest.repos.createDeploymentStatus({
      owner: this.ctx.owner,
      repo: this.ctx.repo,
      deployment_id: this.id,
      state,
      description: description.slice(0, 140),
      log_url: this.ctx.runUrl,
      ...this.environmentUrl && state === "success" ? { environment_url: this.environmentUrl } : {},
      auto_inactive: true
    });
    if (state === "success") await this.deactivatePrevious();
  }
  async deactivatePrevious() {
    const { owner, repo } = this.ctx;
    const mine = await this.octokit.rest.repos.getDeployment({
      owner,
      repo,
      deployment_id: this.id
    });
    const others = await this.octokit.rest.repos.listDeployments({
      owner,
      repo,
      environment: mine.data.environment,
      per_page: 30
    });
    for (const d of others.data) {
      if (d.id === this.id) continue;
      const statuses = await this.octokit.rest.repos.listDeploymentStatuses({
        owner,
        repo,
        deployment_id: d.id,
        per_page: 1
      });
      if (statuses.data[0]?.state !== "success") continue;
      await this.octokit.rest.repos.createDeploymentStatus({
        owner,
        repo,
        deployment_id: d.id,
        state: "inactive",
        description: `Replaced by deployment ${this.id}`,
        log_url: this.ctx.runUrl
      });
    }
  }
};
async function deactivateEnvironment(octokit, ctx, environment, description) {
  const { owner, repo } = ctx;
  const deployments = await octokit.paginate(octokit.rest.repos.listDeployments, {
    owner,
    repo,
    environment,
    per_page: 100
  });
  let marked = 0;
  for (const d of deployments) {
    const latest = await octokit.rest.repos.listDeploymentStatuses({
      owner,
      repo,
      deployment_id: d.id,
      per_page: 1
    });
    if (latest.data[0]?.state === "inactive") continue;
    await octokit.rest.repos.createDeploymentStatus({
      owner,
      repo,
      deployment_id: d.id,
      state: "inactive",
      description: description.slice(0, 140),
      log_url: ctx.runUrl
    });
    marked++;
  }
  return marked;
}
export {
  DeploymentReporter,
  deactivateEnvironment
};
//# sourceMappingURL=deployments-QBVWPUTH.js.map
