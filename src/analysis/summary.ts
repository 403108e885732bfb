import type { GateReport } from './gate.js'
import { formatValue, type Measurement } from './verdict.js'

const esc = (s: string): string => s.replace(/\|/g, '\\|').replace(/\n/g, '<br>')
const ICON: Record<Measurement['outcome'], string> = {
  pass: '✅',
  fail: '❌',
  'no-data': '∅',
  unreachable: '⚠️',
  rejected: '⛔'
}
const VERDICT: Record<GateReport['verdict']['kind'], string> = {
  passed: '✅ passed',
  failed: '❌ failed',
  unreachable: '❌ not evaluated (metrics endpoint unreachable)',
  ignored: '⚠️ NOT evaluated (on-unreachable: ignore)'
}

function cell(m: Measurement): string {
  const shown =
    m.values.length === 0
      ? m.outcome === 'no-data'
        ? `no data${m.failed ? '' : ' (passes)'}`
        : m.outcome
      : m.values
          .slice(0, 3)
          .map((v) => `${v.series ? `${v.series} ` : ''}${formatValue(v.value)}`)
          .join(', ') + (m.values.length > 3 ? ` +${m.values.length - 3}` : '')
  return `${ICON[m.outcome]} ${shown}`
}

/** A gate's figures: one row per query, one column per measurement, then the verdict. */
export function renderGate(r: GateReport, title: string): string {
  const rounds = Math.max(0, ...r.queries.map((q) => q.measurements.length))
  const at =
    r.queries.find((q) => q.measurements.length === rounds)?.measurements.map((m) => m.at) ?? []
  const lines = [
    `#### ${title}: ${VERDICT[r.verdict.kind]}`,
    '',
    `| Query | Condition | ${at.map((t) => `${t}s`).join(' | ')} |`,
    `| --- | --- | ${at.map(() => '---').join(' | ')} |`
  ]
  for (const q of r.queries)
    lines.push(
      `| \`${q.name}\` | \`${q.success.text}\` | ${Array.from({ length: rounds }, (_, i) => (q.measurements[i] ? esc(cell(q.measurements[i])) : '—')).join(' | ')} |`
    )
  lines.push('', `${esc(r.verdict.reason)} (${r.durationSeconds}s)`)
  return lines.join('\n')
}
