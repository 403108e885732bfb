export const id = 887;
export const ids = [887];
export const modules = {

/***/ 6887:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   DeploymentReporter: () => (/* binding */ DeploymentReporter),
/* harmony export */   deactivateEnvironment: () => (/* binding */ deactivateEnvironment)
/* harmony export */ });
/** A GitHub Deployment for the environment, reported on as the deploy goes. */
class DeploymentReporter {
    octokit;
    ctx;
    id;
    environmentUrl;
    constructor(octokit, ctx, id, environmentUrl) {
        this.octokit = octokit;
        this.ctx = ctx;
        this.id = id;
        this.environmentUrl = environmentUrl;
    }
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
            transient_environment: ctx.pullRequest !== undefined,
            payload: { release: o.release }
        });
        const id = res.data.id;
        if (typeof id !== 'number')
            throw new Error(`GitHub did not create a deployment: ${JSON.stringify(res.data).slice(0, 200)}`);
        return new DeploymentReporter(octokit, ctx, id, o.environmentUrl);
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
            ...(this.environmentUrl && state === 'success'
                ? { environment_url: this.environmentUrl }
                : {}),
            auto_inactive: true
        });
        if (state === 'success')
            await this.deactivatePrevious();
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
            if (d.id === this.id)
                continue;
            const statuses = await this.octokit.rest.repos.listDeploymentStatuses({
                owner,
                repo,
                deployment_id: d.id,
                per_page: 1
            });
            if (statuses.data[0]?.state !== 'success')
                continue;
            await this.octokit.rest.repos.createDeploymentStatus({
                owner,
                repo,
                deployment_id: d.id,
                state: 'inactive',
                description: `Replaced by deployment ${this.id}`,
                log_url: this.ctx.runUrl
            });
        }
    }
}
/**
 * Marks every deployment of an environment that was taken down `inactive`, so GitHub shows no live
 * link for it any more. Returns how many were marked.
 */
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
        if (latest.data[0]?.state === 'inactive')
            continue;
        await octokit.rest.repos.createDeploymentStatus({
            owner,
            repo,
            deployment_id: d.id,
            state: 'inactive',
            description: description.slice(0, 140),
            log_url: ctx.runUrl
        });
        marked++;
    }
    return marked;
}


/***/ })

};

//# sourceMappingURL=887.index.js.map