import type { Octokit } from './client.js'

export const COMMENT_LIMIT = 65_536

/** The hidden line that finds this release's comment again on later runs. */
export const commentMarker = (release: string, environment?: string): string =>
  `<!-- goatflow/deploy-action release=${release} environment=${environment ?? '-'} -->`

/**
 * Fits a comment under GitHub's limit: detail blocks are dropped from the end first (with a note
 * saying how many), then the text is cut, closing a code fence left open.
 */
export function fitComment(
  head: string,
  details: readonly string[],
  limit = COMMENT_LIMIT
): string {
  const kept = [...details]
  const note = (n: number): string =>
    n > 0
      ? `\n\n_${n} more detail section(s) left out to fit GitHub's comment size limit; see the job summary._`
      : ''
  let dropped = 0
  for (;;) {
    const body = [head, ...kept].join('\n\n') + note(dropped)
    if (body.length <= limit) return body
    if (kept.length === 0) break
    kept.pop()
    dropped++
  }
  const suffix = "\n\n_… cut to fit GitHub's comment size limit._"
  let text = head.slice(0, limit - suffix.length - 10)
  if ((text.match(/^```/gm) ?? []).length % 2 === 1) text += '\n```'
  return text + suffix
}

export interface Where {
  owner: string
  repo: string
  issueNumber: number
}

/** Creates the release's comment, or updates the one that carries its marker. */
export async function upsertComment(
  octokit: Octokit,
  where: Where,
  marker: string,
  body: string
): Promise<{ action: 'created' | 'updated'; id: number }> {
  const full = `${marker}\n${body}`
  const comments = await octokit.paginate(octokit.rest.issues.listComments, {
    owner: where.owner,
    repo: where.repo,
    issue_number: where.issueNumber,
    per_page: 100
  })
  const mine = comments.find((c) => c.body?.includes(marker))
  if (mine) {
    await octokit.rest.issues.updateComment({
      owner: where.owner,
      repo: where.repo,
      comment_id: mine.id,
      body: full
    })
    return { action: 'updated', id: mine.id }
  }
  const created = await octokit.rest.issues.createComment({
    owner: where.owner,
    repo: where.repo,
    issue_number: where.issueNumber,
    body: full
  })
  return { action: 'created', id: created.data.id }
}
