export const id = 318;
export const ids = [318];
export const modules = {

/***/ 7318:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   commentMarker: () => (/* binding */ commentMarker),
/* harmony export */   fitComment: () => (/* binding */ fitComment),
/* harmony export */   upsertComment: () => (/* binding */ upsertComment)
/* harmony export */ });
/* unused harmony export COMMENT_LIMIT */
const COMMENT_LIMIT = 65_536;
/** The hidden line that finds this release's comment again on later runs. */
const commentMarker = (release, environment) => `<!-- goatflow/deploy-action release=${release} environment=${environment ?? '-'} -->`;
/**
 * Fits a comment under GitHub's limit: detail blocks are dropped from the end first (with a note
 * saying how many), then the text is cut, closing a code fence left open.
 */
function fitComment(head, details, limit = COMMENT_LIMIT) {
    const kept = [...details];
    const note = (n) => n > 0
        ? `\n\n_${n} more detail section(s) left out to fit GitHub's comment size limit; see the job summary._`
        : '';
    let dropped = 0;
    for (;;) {
        const body = [head, ...kept].join('\n\n') + note(dropped);
        if (body.length <= limit)
            return body;
        if (kept.length === 0)
            break;
        kept.pop();
        dropped++;
    }
    const suffix = "\n\n_… cut to fit GitHub's comment size limit._";
    let text = head.slice(0, limit - suffix.length - 10);
    if ((text.match(/^```/gm) ?? []).length % 2 === 1)
        text += '\n```';
    return text + suffix;
}
/** Creates the release's comment, or updates the one that carries its marker. */
async function upsertComment(octokit, where, marker, body) {
    const full = `${marker}\n${body}`;
    const comments = await octokit.paginate(octokit.rest.issues.listComments, {
        owner: where.owner,
        repo: where.repo,
        issue_number: where.issueNumber,
        per_page: 100
    });
    const mine = comments.find((c) => c.body?.includes(marker));
    if (mine) {
        await octokit.rest.issues.updateComment({
            owner: where.owner,
            repo: where.repo,
            comment_id: mine.id,
            body: full
        });
        return { action: 'updated', id: mine.id };
    }
    const created = await octokit.rest.issues.createComment({
        owner: where.owner,
        repo: where.repo,
        issue_number: where.issueNumber,
        body: full
    });
    return { action: 'created', id: created.data.id };
}


/***/ })

};

//# sourceMappingURL=318.index.js.map