import type { PlanResult } from '../plan/plan.js'

const fence = (s: string): string => s.replace(/```/g, "'''")

/** Markdown of a plan: the head (always shown) and one collapsible diff per changed object. */
export function renderPlan(p: PlanResult): { head: string; details: string[] } {
  const c = p.diff.counts
  const title = !p.diff.changed
    ? `### 🟰 No changes for \`${p.release}\` in \`${p.namespace}\``
    : `### 📝 Plan for \`${p.release}\` in \`${p.namespace}\`: ${c.added} to add, ${c.changed} to change, ${c.removed} to remove`
  const lines = [title, '']
  lines.push(
    p.exists
      ? `Compared with live revision ${p.liveRevision} (${p.source}).`
      : `The release does not exist yet: everything would be installed (${p.source}).`
  )
  for (const n of p.notes) lines.push(`> ${n.replace(/\n/g, ' ')}`)
  const changed = p.diff.changes.filter((x) => x.change !== 'unchanged')
  if (changed.length > 0) {
    lines.push('', '| Change | Kind | Name |', '| --- | --- | --- |')
    const icon = { added: '➕ add', changed: '✏️ change', removed: '➖ remove', unchanged: '' }
    for (const x of changed) lines.push(`| ${icon[x.change]} | ${x.kind} | \`${x.name}\` |`)
  }
  if (p.imagesBefore.join() !== p.imagesAfter.join()) {
    lines.push(
      '',
      `Images: ${p.imagesBefore.map((i) => `\`${i}\``).join(', ') || '—'} → ${p.imagesAfter.map((i) => `\`${i}\``).join(', ') || '—'}`
    )
  }
  lines.push('', '_Secret values and credential-looking values are masked._')
  const details = changed.map(
    (x) =>
      `<details><summary>${x.change} ${x.kind}/${x.name}</summary>\n\n\`\`\`diff\n${fence(x.diff)}\n\`\`\`\n\n</details>`
  )
  return { head: lines.join('\n'), details }
}
