import { readFileSync } from 'node:fs'
import type { ChartNode, ComputedValues, ValuesProblem } from '../values/merge.js'
import { computeValues } from '../values/merge.js'
import { quicklyAccepted } from '../values/schema-quick.js'
import type { Session } from '../run/session.js'
import { workspacePath, type Annotation } from './annotation.js'

/**
 * Merges the values exactly as Helm will and checks them against the chart's (and subcharts')
 * values.schema.json, before anything is rendered or sent to a cluster. Each problem points at
 * the values file and line that set the value, or names the --set item.
 */
export async function checkValues(
  s: Pick<Session, 'config' | 'helm' | 'values' | 'inlineValuesFile'>
): Promise<ValuesCheck> {
  const { config } = s
  if (config.chart.kind !== 'local') return { annotations: [], checked: false, schemas: 0 }
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
  if (!computed.ok)
    return {
      annotations: computed.problems.map((p) => annotation(p, s.inlineValuesFile)),
      checked: true,
      schemas: 0
    }
  const schemas = countSchemas(computed.chart)
  const problems: ValuesProblem[] = [
    ...computed.warnings,
    ...(schemas > 0 ? await schemaProblems(computed) : [])
  ]
  return {
    annotations: problems.map((p) => annotation(p, s.inlineValuesFile)),
    checked: true,
    schemas
  }
}

export interface ValuesCheck {
  annotations: Annotation[]
  /** False for charts from a repository or registry: helm template checks those. */
  checked: boolean
  /** values.schema.json files the values were checked against (chart and subcharts). */
  schemas: number
}

/**
 * The values against every values.schema.json. Most runs pass: the quick check, which can only
 * say yes, then spares loading and compiling the full check (Ajv, see values/schema-quick.ts);
 * everything else, and every finding, comes from the full check.
 */
async function schemaProblems(computed: ComputedValues): Promise<ValuesProblem[]> {
  if (await quicklyAccepted(computed)) return []
  return (await import('../values/schema.js')).validateValues(computed)
}

function countSchemas(chart: ChartNode): number {
  return (chart.schema ? 1 : 0) + chart.subcharts.reduce((n, c) => n + countSchemas(c), 0)
}

function annotation(p: ValuesProblem, inlineValuesFile?: string): Annotation {
  const what = p.path ? `${p.path}: ${p.message}` : p.message
  if (p.file && p.file === inlineValuesFile)
    return { level: p.severity, message: `input "values" line ${p.line ?? '?'}: ${what}` }
  if (p.flag) return { level: p.severity, message: `--${p.flag} ${p.item ?? ''}: ${what}` }
  const file = p.file ? workspacePath(p.file) : undefined
  return {
    level: p.severity,
    message: `${what}${p.chartDefault ? ' (chart default)' : ''}`,
    file,
    line: p.line,
    column: p.column
  }
}
