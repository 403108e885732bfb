import { readFileSync } from 'node:fs'
import { relative } from 'node:path'
import type { ValuesProblem } from './values/index.js'
import { computeValues, validateValues } from './values/index.js'
import type { Session } from './session.js'

export interface Annotation {
  level: 'error' | 'warning'
  message: string
  /** Workspace-relative path, so GitHub shows it on the file. */
  file?: string
  line?: number
  column?: number
}

/**
 * Merges the values exactly as Helm will and checks them against the chart's (and subcharts')
 * values.schema.json, before anything is rendered or sent to a cluster. Each problem points at
 * the values file and line that set the value, or names the --set item.
 */
export function checkValues(s: Session): { annotations: Annotation[]; checked: boolean } {
  const { config } = s
  if (config.chart.kind !== 'local') return { annotations: [], checked: false }
  const files = s.values.files.map((path) => ({ path, text: readFileSync(path, 'utf8') }))
  const computed = computeValues({
    chartDir: config.chart.path,
    files,
    set: [...s.values.set],
    setString: [...s.values.setString],
    setJson: [...s.values.setJson],
    helmMajor: s.helm.major,
    helmVersion: s.helm.version
  })
  const problems: ValuesProblem[] = computed.ok
    ? [...computed.warnings, ...validateValues(computed)]
    : computed.problems
  return { annotations: problems.map((p) => annotation(p, s.inlineValuesFile)), checked: true }
}

function annotation(p: ValuesProblem, inlineValuesFile?: string): Annotation {
  const what = p.path ? `${p.path}: ${p.message}` : p.message
  if (p.file && p.file === inlineValuesFile)
    return { level: p.severity, message: `input "values" line ${p.line ?? '?'}: ${what}` }
  if (p.flag) return { level: p.severity, message: `--${p.flag} ${p.item ?? ''}: ${what}` }
  const workspace = process.env.GITHUB_WORKSPACE || process.cwd()
  const file = p.file ? relative(workspace, p.file) || p.file : undefined
  return {
    level: p.severity,
    message: `${what}${p.chartDefault ? ' (chart default)' : ''}`,
    file,
    line: p.line,
    column: p.column
  }
}
