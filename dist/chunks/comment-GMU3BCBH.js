import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);
import "./chunk-SK5B422H.js";

// src/github/comment.ts
var COMMENT_LIMIT = 65536;
var commentMarker = (release, environment) => `<!-- goatflow/deploy-action release=${release} environment=${environment ?? "-"} -->`;
function fitComment(head, details, limit = COMMENT_LIMIT) {
  const kept = [...details];
  const note = (n) => n > 0 ? `

_${n} more detail section(s) left out to fit GitHub's comment size limit; see the job summary._` : "";
  let dropped = 0;
  for (; ; ) {
    const body = [head, ...kept].join("\n\n") + note(dropped);
    if (body.length <= limit) return body;
    if (kept.length === 0) break;
    kept.pop();
    dropped++;
  }
  const suffix = "\n\n_\u2026 cut to fit GitHub's comment size limit._";
  let text = head.slice(0, limit - suffix.length - 10);
  if ((text.match(/^```/gm) ?? []).length % 2 === 1) text += "\n```";
  return text + suffix;
}
async function upsertComment(octokit, where, marker, body) {
  const full = `${marker}
${body}`;
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
    return { action: "updated", id: mine.id };
  }
  const created = await octokit.rest.issues.createComment({
    owner: where.owner,
    repo: where.repo,
    issue_number: where.issueNumber,
    body: full
  });
  return { action: "created", id: created.data.id };
}
export {
  COMMENT_LIMIT,
  commentMarker,
  fitComment,
  upsertComment
};
//# sourceMappingURL=comment-GMU3BCBH.js.map
