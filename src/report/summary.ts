import { renderGate } from '../analysis/summary.js'
import type { DeployResult } from '../deploy/deploy.js'
import { describeFailure } from '../verify/assess.js'

const esc = (s: string): string => s.replace(/\|/g, '\\|').replace(/\n/g, '<br>')
const code = (s: string | number | undefined): string =>
  s === undefined || s === '' ? '—' : `\`${String(s).replace(/`/g, "'")}\``

function headline(r: DeployResult): string {
  if (r.ok) return `✅ Deployed \`${r.release}\` revision ${r.revision} to \`${r.namespace}\``
  if (r.rollback?.uninstalled)
    return `❌ First install of \`${r.release}\` failed; the release was removed`
  if (r.rollback?.healthy)
    return `⏪ Deploy of \`${r.release}\` failed; rolled back to revision ${r.rollback.toRevision}`
  return `❌ Deploy of \`${r.release}\` failed`
}

/** The job summary of a deploy: a pure function of its result, rendered as GitHub markdown. */
export function renderDeploySummary(r: DeployResult): string {
  const lines: string[] = [`### ${headline(r)}`, '']
  lines.push('| | Before | After |', '| --- | --- | --- |')
  lines.push(`| Revision | ${code(r.previousRevision)} | ${code(r.revision)} |`)
  lines.push(`| Chart | ${code(r.chartBefore)} | ${code(r.chartAfter)} |`)
  lines.push(
    `| Images | ${r.imagesBefore.map(code).join('<br>') || '—'} | ${r.imagesAfter.map(code).join('<br>') || '—'} |`
  )
  lines.push('')
  lines.push(
    `Namespace ${code(r.namespace)} · duration ${r.durationSeconds}s${r.detectionSeconds !== undefined ? ` · failure detected after ${r.detectionSeconds}s` : ''}${r.recovered ? ` · ${r.recovered}` : ''}`
  )
  if (r.progress.length > 0) {
    lines.push('', '#### Rollout', '', '| Workload | Ready | State |', '| --- | --- | --- |')
    for (const p of r.progress)
      lines.push(
        `| ${code(p.workload)} | ${p.ready}/${p.desired} | ${p.complete && !p.note ? `ready${p.readySeconds !== undefined ? ` after ${p.readySeconds}s` : ''}` : esc(p.note ?? 'not ready')} |`
      )
  }
  if (r.warnings.length > 0) {
    lines.push('', '#### Warnings', '')
    for (const w of r.warnings) lines.push(`- ⚠️ ${esc(w)}`)
  }
  if (r.health.length > 0) {
    lines.push('', '#### Health checks', '', '| URL | Result |', '| --- | --- |')
    for (const h of r.health)
      lines.push(`| ${esc(h.url)} | ${h.ok ? '✅' : '❌'} ${esc(h.detail)} |`)
  }
  for (const g of r.gates ?? []) lines.push('', renderGate(g, 'Metrics gate'))
  if (!r.ok) {
    lines.push('', '#### What failed', '')
    if (r.failures.length > 0)
      for (const f of r.failures) lines.push(`- ${esc(describeFailure(f))}`)
    else lines.push('```text', (r.error ?? 'unknown error').replace(/```/g, "'''"), '```')
  }
  if (r.rollback) {
    lines.push('', '#### Rollback', '')
    lines.push(
      r.rollback.uninstalled
        ? `The release never worked, so it was uninstalled (${r.rollback.durationSeconds}s).`
        : `${r.rollback.healthy ? '✅' : '❌'} ${esc(r.rollback.detail)}${r.rollback.revision ? ` as revision ${r.rollback.revision}` : ''} (${r.rollback.durationSeconds}s).`
    )
  }
  return `${lines.join('\n')}\n`
}
