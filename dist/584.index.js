export const id = 584;
export const ids = [584];
export const modules = {

/***/ 6584:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   createOctokit: () => (/* binding */ createOctokit),
/* harmony export */   runContext: () => (/* binding */ runContext)
/* harmony export */ });
/* harmony import */ var _actions_github__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(1758);
/* harmony import */ var _octokit_plugin_retry__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(9735);


/** Octokit with retries of rate limits and 5xx answers (not of 4xx: those will not change). */
function createOctokit(token) {
    return _actions_github__WEBPACK_IMPORTED_MODULE_0__/* .getOctokit */ .Q(token, { retry: { retries: 2 } }, _octokit_plugin_retry__WEBPACK_IMPORTED_MODULE_1__/* .retry */ .L);
}
function runContext() {
    const ctx = _actions_github__WEBPACK_IMPORTED_MODULE_0__/* .context */ ._;
    const { owner, repo } = ctx.repo;
    const pr = ctx.payload.pull_request?.number ??
        (ctx.payload.issue?.pull_request ? ctx.payload.issue.number : undefined);
    const headSha = ctx.payload.pull_request?.head?.sha;
    return {
        owner,
        repo,
        sha: headSha ?? ctx.sha,
        ref: ctx.payload.pull_request?.head?.ref ?? ctx.ref,
        runUrl: `${ctx.serverUrl}/${owner}/${repo}/actions/runs/${ctx.runId}`,
        pullRequest: typeof pr === 'number' ? pr : undefined
    };
}


/***/ })

};

//# sourceMappingURL=584.index.js.map