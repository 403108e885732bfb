import type { RollbackOutcome } from '../remediate/rollback.js'

const esc = (s: string): string => s.replace(/\|/g, '\\|').replace(/\n/g, '<br>')
const code = (s: string | number | undefined): string =>
  s === undefined || s === '' ? '—' : `\`${String(s).replace(/`/g, "'")}\``
const list = (xs: readonly string[]): string => xs.map(code).join('<br>') || '—'

/** The headline of a rollback, also the Deployment status and the step's error. */
export function rollbackHeadline(r: RollbackOutcome): string {
  return r.ok
    ? `Rolled back ${r.release} from revision ${r.fromRevision} to ${r.toRevision}; verified healthy`
    : r.restore?.revision !== undefined
      ? `Rolled back ${r.release} to revision ${r.toRevision}, but it is not healthy`
      : `Rollback of ${r.release} to revision ${r.toRevision} failed`
}

/** The job summary of `mode: rollback`: a pure function of its outcome. */
export function renderRollbackSummary(r: RollbackOutcome): string {
  const icon = r.ok ? '⏪' : '❌'
  const lines: string[] = [`### ${icon} ${esc(rollbackHeadline(r))}`, '']
  lines.push(`**Why revision ${r.toRevision}:** ${esc(r.why)}.`)
  if (r.forced) lines.push('', `⚠️ ${esc(r.forced)}.`)
  lines.push('', '| | Before | After |', '| --- | --- | --- |')
  lines.push(
    `| Revision | ${code(r.fromRevision)} | ${code(r.revision)} (content of ${r.toRevision}) |`
  )
  lines.push(`| Chart | ${code(r.chartBefore)} | ${code(r.chartAfter)} |`)
  lines.push(`| Images | ${list(r.imagesBefore)} | ${list(r.imagesAfter)} |`)
  lines.push('', `Namespace ${code(r.namespace)} · duration ${r.durationSeconds}s`)
  if (r.health.length > 0) {
    lines.push('', '#### Health checks', '', '| URL | Result |', '| --- | --- |')
    for (const h of r.health)
      lines.push(`| ${esc(h.url)} | ${h.ok ? '✅' : '❌'} ${esc(h.detail)} |`)
  }
  if (!r.ok) {
    lines.push('', '#### What is wrong', '')
    lines.push('```text', (r.error ?? 'unknown error').replace(/```/g, "'''"), '```')
    lines.push(
      '',
      `Nothing else was changed: no further rollback, nothing uninstalled. Pick another revision (helm history ${r.release} --namespace ${r.namespace}) and run the rollback again.`
    )
  }
  return `${lines.join('\n')}\n`
}
