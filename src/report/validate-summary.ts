// The job summary of `mode: validate`: what was checked, on which chart and values, what was
// found (errors first), and what the chart renders. A pure function of the report.

export type Severity = 'error' | 'warning' | 'info'

export interface ValidateFinding {
  severity: Severity
  /** Which check found it: `values`, `helm lint`, `Kubernetes 1.35 API`, `deploy safety`. */
  check: string
  /** `templates/deployment.yaml:12`, `Deployment/web`, `--set image.tag`… */
  where?: string
  message: string
}

export interface ValidateCheck {
  name: string
  outcome: 'passed' | 'failed' | 'not run'
  detail: string
}

export interface ValidateReport {
  release: string
  namespace?: string
  /** The chart as the inputs name it, and `chart-version` as given (a version or a range). */
  chart: string
  chartVersion?: string
  helmVersion: string
  /** Values files in the order applied (workspace-relative), the inline `values` input last. */
  valuesFiles: string[]
  /** Keys given with --set, --set-string and --set-json; their values are never shown. */
  setKeys: string[]
  checks: ValidateCheck[]
  findings: ValidateFinding[]
  /** Rendered objects per kind, in the order helm rendered them. */
  objects: Array<{ kind: string; names: string[] }>
  /** Objects that are hooks (`helm.sh/hook`), counted apart from the release's own objects. */
  hooks: number
  durationSeconds: number
}

const esc = (s: string): string => s.replace(/\|/g, '\\|').replace(/\r?\n/g, '<br>')
const code = (s: string): string => `\`${s.replace(/`/g, "'")}\``
const ICON: Record<Severity, string> = { error: '❌', warning: '⚠️', info: 'ℹ️' }
const OUTCOME = { passed: '✅', failed: '❌', 'not run': '⏭️' } as const

/** At most this many findings of one severity are listed; the rest are counted. */
export const FINDINGS_SHOWN = 50

export function renderValidateSummary(r: ValidateReport): string {
  const count = (s: Severity) => r.findings.filter((f) => f.severity === s).length
  const errors = count('error')
  const warnings = count('warning')
  const total = r.objects.reduce((n, o) => n + o.names.length, 0)
  const where = `${code(r.release)}${r.namespace ? ` in ${code(r.namespace)}` : ''}`
  const lines = [
    errors > 0
      ? `### ❌ Validation of ${where} failed: ${errors} error(s), ${warnings} warning(s)`
      : `### ✅ Validated ${where}: ${total} object(s), ${warnings} warning(s)`,
    ''
  ]
  lines.push(
    `Chart ${code(r.chart)}${r.chartVersion ? ` (${code(r.chartVersion)})` : ''} · Helm ${code(r.helmVersion)} · ${r.durationSeconds}s`,
    '',
    `Values: ${r.valuesFiles.length > 0 ? r.valuesFiles.map(code).join(' → ') : 'the chart defaults only'}${r.setKeys.length > 0 ? `, then ${r.setKeys.map(code).join(', ')} (values not shown)` : ''}`
  )

  lines.push('', '| Check | Result |', '| --- | --- |')
  for (const c of r.checks)
    lines.push(`| ${esc(c.name)} | ${OUTCOME[c.outcome]} ${esc(c.detail)} |`)

  if (r.findings.length > 0) {
    lines.push(
      '',
      '#### Findings',
      '',
      '| | Check | Where | Finding |',
      '| --- | --- | --- | --- |'
    )
    for (const severity of ['error', 'warning', 'info'] as const) {
      const of = r.findings.filter((f) => f.severity === severity)
      for (const f of of.slice(0, FINDINGS_SHOWN))
        lines.push(
          `| ${ICON[severity]} | ${esc(f.check)} | ${f.where ? code(f.where) : ''} | ${esc(f.message)} |`
        )
      if (of.length > FINDINGS_SHOWN)
        lines.push(
          `| ${ICON[severity]} | | | …and ${of.length - FINDINGS_SHOWN} more (see the log) |`
        )
    }
  }

  if (total > 0) {
    lines.push(
      '',
      `<details><summary>${total} rendered object(s)${r.hooks > 0 ? `, ${r.hooks} of them hooks` : ''}</summary>`,
      '',
      '| Kind | Count | Names |',
      '| --- | --- | --- |'
    )
    for (const o of r.objects)
      lines.push(`| ${o.kind} | ${o.names.length} | ${o.names.map(code).join(', ')} |`)
    lines.push('', '</details>')
  }
  return `${lines.join('\n')}\n`
}
