import type { RemoveOutcome } from '../remediate/remove.js'

const esc = (s: string): string => s.replace(/\|/g, '\\|').replace(/\n/g, '<br>')
const code = (s: string | number | undefined): string =>
  s === undefined || s === '' ? '—' : `\`${String(s).replace(/`/g, "'")}\``

/** One line for the log and the Deployment status. */
export function removeHeadline(r: RemoveOutcome): string {
  if (!r.uninstalled && !r.namespaceDeleted)
    return `Nothing to remove: ${r.release} is not installed in ${r.namespace}`
  return `Removed ${r.release}${r.uninstalled && r.lastRevision ? ` (revision ${r.lastRevision})` : ''}${r.namespaceDeleted ? ` and namespace ${r.namespace}` : ` from ${r.namespace}`}`
}

/**
 * The job summary and pull request comment of `mode: remove`: says the preview is gone, so a
 * reviewer does not follow a dead link. Pure.
 */
export function renderRemoveSummary(r: RemoveOutcome): string {
  const lines: string[] = [`### 🧹 Preview \`${r.release}\` is gone`, '']
  lines.push(`${esc(removeHeadline(r))}. The environment's links no longer work.`, '')
  lines.push('| | |', '| --- | --- |')
  lines.push(
    `| Release | ${r.uninstalled ? `uninstalled (last revision ${code(r.lastRevision)}, chart ${code(r.lastChart)})` : 'was not installed'} |`
  )
  lines.push(`| Namespace | ${code(r.namespace)} ${r.namespaceDeleted ? 'deleted' : 'kept'} |`)
  if (r.imagesBefore.length > 0)
    lines.push(`| Images it ran | ${r.imagesBefore.map(code).join('<br>')} |`)
  lines.push('', `Duration ${r.durationSeconds}s`)
  if (r.notes.length > 0) {
    lines.push('', '#### Notes', '')
    for (const n of r.notes) lines.push(`- ${esc(n)}`)
  }
  return `${lines.join('\n')}\n`
}
