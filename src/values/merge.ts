// computeValues: the `.Values` Helm renders a chart with, from values files and `--set*` flags,
// with the origin of every value. Order as Helm's values.Options.MergeValues: values files in
// order (maps merge, anything else replaces), then --set-json, --set and --set-string whatever
// their order on the command line; then the chart's defaults and its subcharts' underneath.

import type { HelmMajor } from '../helm/dialect.js'
import { loadChart, type ChartFile, type LoadedChart } from './chart.js'
import { CoalesceError, Coalescer, type WorkChart } from './coalesce.js'
import { helmLabel, valuesDialectFor, type ValuesDialect } from './dialect.js'
import { OriginIndex, type ChartDefaultOrigin, type Origin, type UserOrigin } from './origins.js'
import { formatPath, type PathSegment } from './path.js'
import { parseStrvalsInto, type SetFlag } from './strvals.js'
import { isMap, mergeMaps, type Value, type ValuesMap } from './tree.js'
import { readValuesYaml, type Position, type PositionTree } from './yaml.js'

export interface ValuesInput {
  /** Chart folder (or packaged .tgz). */
  chartDir: string
  /** Values files in the order given, with their text; `path` is used in messages. */
  files: Array<{ path: string; text: string }>
  set: string[]
  setString: string[]
  setJson: string[]
  /**
   * The Helm release whose behaviour to follow (`v3.22.0`, `v4.3.1`): releases differ, within a
   * major too. Wins over `helmMajor`.
   */
  helmVersion?: string
  /** Without `helmVersion`: the newest behaviour of this major; Helm 4 when neither is given. */
  helmMajor?: HelmMajor
}

export interface ValuesProblem {
  severity: 'error' | 'warning'
  message: string
  /** The values path the problem is about (`backend.replicaCount`). */
  path?: string
  file?: string
  line?: number
  column?: number
  flag?: SetFlag
  item?: string
  /** The value comes from the chart's own values.yaml (`file` is that file). */
  chartDefault?: boolean
}

/** A chart or subchart whose values are part of the result, and where they are. */
export interface ChartNode {
  /** Name, or the alias it has as a dependency. */
  name: string
  /** Where its values are: [] for the chart, ['child'] for a subchart. */
  path: PathSegment[]
  location: string
  values?: ChartFile
  schema?: ChartFile
  subcharts: ChartNode[]
}

export interface ComputedValues {
  /** `.Values` exactly as Helm renders with it. */
  values: ValuesMap
  /** Where the user set each value: `path → file line` or `path → --set item`. */
  origins: Map<string, UserOrigin>
  /** Chart defaults still in effect: `path → line of a chart's values.yaml`. */
  defaults: Map<string, ChartDefaultOrigin>
  /** Nearest-ancestor lookup over both. */
  index: OriginIndex
  chart: ChartNode
  /** Duplicate keys, YAML documents Helm 3 ignores. */
  warnings: ValuesProblem[]
  /** What Helm itself logs while merging (type clashes it resolves silently). */
  notes: string[]
  /** The Helm rules the values were computed by (validateValues checks by them too). */
  dialect: ValuesDialect
}

export type ValuesResult =
  ({ ok: true } & ComputedValues) | { ok: false; problems: ValuesProblem[] }

/** One user source, recorded in the origin index once the chart defaults are in. */
type UserLayer = (index: OriginIndex) => void

export function computeValues(input: ValuesInput): ValuesResult {
  let dialect: ValuesDialect
  try {
    dialect = valuesDialectFor(input.helmVersion ?? input.helmMajor ?? 4)
  } catch (e) {
    return { ok: false, problems: [{ severity: 'error', message: (e as Error).message }] }
  }
  const problems: ValuesProblem[] = []
  const warnings: ValuesProblem[] = []

  const loaded = loadChart(input.chartDir)
  if (!loaded.ok)
    return {
      ok: false,
      problems: [{ severity: 'error', message: loaded.error, file: input.chartDir }]
    }
  const missing = (loaded.value.dependencies ?? [])
    .map((d) => d.name)
    .filter((n) => !loaded.value.subcharts.some((s) => s.name === n))
  if (missing.length > 0)
    problems.push({
      severity: 'error',
      message: `Chart.yaml lists ${missing.join(', ')} as ${missing.length > 1 ? 'dependencies' : 'a dependency'}, but charts/ has no such chart; run helm dependency build`,
      file: `${input.chartDir}/Chart.yaml`
    })

  const work = toWorkChart(loaded.value, dialect, problems, warnings)
  const user = userValues(input, dialect, problems, warnings)
  if (!work || problems.some((p) => p.severity === 'error')) return { ok: false, problems }

  if (dialect.crashesOnNullInList) {
    const found = nullInUserList(user.values) ?? nullInChartList(work)
    if (found)
      return {
        ok: false,
        problems: [
          {
            severity: 'error',
            message: `${helmLabel(dialect)} crashes on a null inside a list (reflect: call of reflect.Value.Set on zero Value); Helm 4.1.1 and later do not`,
            path: found.path,
            ...(found.file ? { file: found.file, chartDefault: true } : {})
          }
        ]
      }
  }

  const notes: string[] = []
  let values: ValuesMap
  try {
    values = new Coalescer(dialect, (m) => notes.push(m)).render(work, user.values)
  } catch (e) {
    if (!(e instanceof CoalesceError)) throw e
    return { ok: false, problems: [{ severity: 'error', message: e.message }] }
  }

  const chart = chartNode(work, [])
  const index = new OriginIndex(subchartPaths(chart))
  recordDefaults(index, work, [])
  for (const layer of user.layers) layer(index)
  const { user: origins, defaults } = index.flatten()
  return {
    ok: true,
    values,
    origins,
    defaults,
    index,
    chart,
    warnings,
    notes: [...new Set(notes)],
    dialect
  }
}

/** The path of the first null inside a list, if any. */
function nullInList(v: Value, path: PathSegment[]): PathSegment[] | undefined {
  if (Array.isArray(v)) {
    for (let i = 0; i < v.length; i++) {
      const found = v[i] === null ? [...path, i] : nullInList(v[i], [...path, i])
      if (found) return found
    }
  } else if (isMap(v))
    for (const [k, x] of Object.entries(v)) {
      const found = nullInList(x, [...path, k])
      if (found) return found
    }
  return undefined
}

function nullInUserList(v: ValuesMap): { path: string; file?: string } | undefined {
  const found = nullInList(v, [])
  return found && { path: formatPath(found) }
}

function nullInChartList(c: WorkChart): { path: string; file?: string } | undefined {
  const own = nullInList(c.values, [])
  if (own) return { path: formatPath(own), file: c.loaded.values?.path }
  for (const d of c.dependencies) {
    const found = nullInChartList(d)
    if (found) return found
  }
  return undefined
}

function toWorkChart(
  c: LoadedChart,
  dialect: ValuesDialect,
  problems: ValuesProblem[],
  warnings: ValuesProblem[]
): WorkChart | undefined {
  let values: ValuesMap = {}
  let positions: PositionTree | undefined
  if (c.values) {
    const r = readValuesYaml(c.values.text, dialect, { chartDefaults: true })
    const file = c.values.path
    if (!r.ok) {
      problems.push(...r.problems.map((p) => ({ ...p, file, chartDefault: true })))
      return undefined
    }
    warnings.push(...r.warnings.map((p) => ({ ...p, file, chartDefault: true })))
    values = r.values
    positions = r.positions
  }
  const subcharts = c.subcharts.map((s) => toWorkChart(s, dialect, problems, warnings))
  if (subcharts.some((s) => s === undefined)) return undefined
  return {
    name: c.name,
    version: c.version,
    values,
    defaults: values,
    positions,
    metadataDependencies:
      c.dependencies?.map((d) => ({ ...d, importValues: [...d.importValues], enabled: true })) ??
      null,
    dependencies: subcharts as WorkChart[],
    loaded: c
  }
}

function userValues(
  input: ValuesInput,
  dialect: ValuesDialect,
  problems: ValuesProblem[],
  warnings: ValuesProblem[]
): { values: ValuesMap; layers: UserLayer[] } {
  let base: ValuesMap = {}
  const layers: UserLayer[] = []

  for (const { path: file, text } of input.files) {
    const r = readValuesYaml(text, dialect)
    if (!r.ok) {
      problems.push(...r.problems.map((p) => ({ ...p, file })))
      continue
    }
    warnings.push(...r.warnings.map((p) => ({ ...p, file })))
    const at = (pos: Position | undefined): Origin => ({
      file,
      line: pos?.line ?? 1,
      column: pos?.column ?? 1
    })
    layers.push((index) => {
      for (const [k, v] of Object.entries(r.values))
        index.record([k], v, r.positions.children?.get(k), at, false)
    })
    base = mergeMaps(base, r.values)
  }

  const flags: Array<[SetFlag, string[]]> = [
    ['set-json', input.setJson],
    ['set', input.set],
    ['set-string', input.setString]
  ]
  for (const [flag, items] of flags) {
    for (const item of items) {
      const origin = (): Origin => ({ flag, item })
      const trimmed = item.trim()
      if (flag === 'set-json' && !dialect.setJsonObject && trimmed.startsWith('{')) {
        problems.push({
          severity: 'error',
          message:
            'a whole JSON object needs Helm 4; for Helm 3 write key=<JSON>, for example image={"tag":"1.0"}',
          flag,
          item
        })
        continue
      }
      if (flag === 'set-json' && dialect.setJsonObject && trimmed.startsWith('{')) {
        // Helm 4: a whole JSON object, merged like a values file.
        const parsed = parseJsonObject(trimmed)
        if (typeof parsed === 'string') {
          problems.push({ severity: 'error', message: parsed, flag, item })
          continue
        }
        layers.push((index) => {
          for (const [k, v] of Object.entries(parsed))
            index.record([k], v, undefined, origin, false)
        })
        base = mergeMaps(base, parsed)
        continue
      }
      const sets: Array<{ path: PathSegment[]; value: Value }> = []
      const r = parseStrvalsInto(item, base, {
        flag,
        dialect,
        onSet: (path, value) => sets.push({ path, value })
      })
      if (!r.ok) {
        problems.push({ severity: 'error', message: r.error, flag, item })
        continue
      }
      layers.push((index) => {
        for (const s of sets) {
          // Lists on the way (`a[0].b`, `m[1][2]`) are the user's now, in place of the chart's.
          s.path.forEach((seg, i) => {
            if (typeof seg === 'number') index.claim(s.path.slice(0, i), origin())
          })
          index.record(s.path, s.value, undefined, origin, true)
        }
      })
    }
  }
  return { values: base, layers }
}

function parseJsonObject(text: string): ValuesMap | string {
  let parsed: unknown
  try {
    parsed = JSON.parse(text)
  } catch (e) {
    return `not a valid JSON object: ${(e as Error).message}`
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed))
    return 'not a JSON object'
  return parsed as ValuesMap
}

function chartNode(c: WorkChart, path: PathSegment[]): ChartNode {
  return {
    name: c.name,
    path,
    location: c.loaded.location,
    values: c.loaded.values,
    schema: c.loaded.schema,
    subcharts: c.dependencies.map((d) => chartNode(d, [...path, d.name]))
  }
}

function subchartPaths(c: ChartNode): PathSegment[][] {
  return c.subcharts.flatMap((s) => [s.path, ...subchartPaths(s)])
}

/** Chart defaults, deepest subcharts first: a parent's values.yaml overrides its subcharts'. */
function recordDefaults(index: OriginIndex, c: WorkChart, path: PathSegment[]): void {
  for (const d of c.dependencies) recordDefaults(index, d, [...path, d.name])
  const file = c.loaded.values?.path
  const positions = c.positions
  if (!file || !positions) return
  const at = (pos: Position | undefined): Origin => ({
    chart: c.name,
    file,
    line: pos?.line ?? 1,
    column: pos?.column ?? 1
  })
  for (const [k, v] of Object.entries(c.defaults))
    index.record([...path, k], v, positions.children?.get(k), at, false)
}

/** `file:line:column: path: message` or `--set item: message`, for logs. */
export function formatProblem(p: ValuesProblem): string {
  const where = p.file
    ? `${p.file}${p.line ? `:${p.line}${p.column ? `:${p.column}` : ''}` : ''}`
    : p.flag
      ? `--${p.flag} ${p.item ?? ''}`.trim()
      : ''
  const what = p.path ? `${p.path}: ${p.message}` : p.message
  const suffix = p.chartDefault ? ' (chart default)' : ''
  return `${where ? `${where}: ` : ''}${what}${suffix}`
}
