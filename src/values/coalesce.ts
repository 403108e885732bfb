// A port of how Helm turns a chart and the user's values into `.Values` for `helm template` and
// `helm upgrade --install`: ProcessDependencies (enabled subcharts by condition and tags,
// aliases, import-values) and then CoalesceValues (chart defaults under user values, subchart
// values nested under the subchart's name or alias, `global` copied down, user nulls deleting
// defaults). Sources: helm v3.17.3–v3.22.0 pkg/chartutil/{dependencies,coalesce,values}.go and
// v4.0.0–v4.3.1 pkg/chart/v2/util/dependencies.go, pkg/chart/common/util/coalesce.go; where
// releases differ, the dialect says which way.
//
// The port keeps Go's data sharing on purpose: where Helm copies a map this code copies it, and
// where Helm shares one (copyMap is shallow), so does this, because the results can show it.

import type { DependencySpec, LoadedChart } from './chart.js'
import { helmLabel, type ValuesDialect } from './dialect.js'
import { isCompatibleRange } from './semver.js'
import { deepCopy, describeValue, has, isMap, put, type Value, type ValuesMap } from './tree.js'
import type { PositionTree } from './yaml.js'

export interface WorkDependency extends DependencySpec {
  enabled: boolean
}

/** A chart while Helm processes it: names may become aliases, subcharts may be dropped. */
export interface WorkChart {
  name: string
  version: string
  values: ValuesMap
  /** Its values.yaml as written (`values` gains its subcharts' during processing). */
  defaults: ValuesMap
  /** Positions in the chart's own values.yaml. */
  positions?: PositionTree
  metadataDependencies: WorkDependency[] | null
  dependencies: WorkChart[]
  loaded: LoadedChart
}

export class CoalesceError extends Error {}

const GLOBAL = 'global'
const concatPrefix = (a: string, b: string): string => (a === '' ? b : `${a}.${b}`)

export class Coalescer {
  constructor(
    private readonly dialect: ValuesDialect,
    private readonly warn: (message: string) => void = () => undefined
  ) {}

  /** Helm's ProcessDependencies (install and upgrade), then CoalesceValues (ToRenderValues). */
  render(chart: WorkChart, userValues: ValuesMap): ValuesMap {
    const quiet = new Coalescer(this.dialect)
    quiet.processDependencyEnabled(chart, userValues, '')
    quiet.processDependencyImportValues(chart, true)
    return this.coalesceValues(chart, userValues, false)
  }

  /** CoalesceValues (merge false: user nulls delete) and MergeValues (merge true: nulls stay). */
  coalesceValues(chart: WorkChart, values: ValuesMap | null, merge: boolean): ValuesMap {
    return this.coalesce(chart, values ? deepCopy(values) : {}, '', merge)
  }

  private coalesce(ch: WorkChart, dest: ValuesMap, prefix: string, merge: boolean): ValuesMap {
    this.coalesceOwn(ch, dest, prefix, merge)
    return this.coalesceDeps(ch, dest, prefix, merge)
  }

  private coalesceDeps(ch: WorkChart, dest: ValuesMap, prefix: string, merge: boolean): ValuesMap {
    for (const sub of ch.dependencies) {
      if (!has(dest, sub.name)) put(dest, sub.name, {})
      const dv = dest[sub.name]
      if (!isMap(dv))
        throw new CoalesceError(
          `${concatPrefix(prefix, sub.name)} holds the values of subchart ${sub.name} and must be a map, but it is ${describeValue(dv)}`
        )
      const subPrefix = concatPrefix(prefix, ch.name)
      this.coalesceGlobals(dv, dest, subPrefix)
      put(dest, sub.name, this.coalesce(sub, dv, subPrefix, merge))
    }
    return dest
  }

  private coalesceGlobals(dest: ValuesMap, src: ValuesMap, prefix: string): void {
    const dg = has(dest, GLOBAL) ? dest[GLOBAL] : {}
    if (!isMap(dg)) return this.warn(`skipping globals because destination global is not a table`)
    const sg = has(src, GLOBAL) ? src[GLOBAL] : {}
    if (!isMap(sg)) return this.warn(`skipping globals because source global is not a table`)
    for (const [key, val] of Object.entries(sg)) {
      if (isMap(val)) {
        // A shallow copy, as in Helm: nested maps stay shared with the parent's globals.
        const vv: ValuesMap = {}
        for (const [k, x] of Object.entries(val)) put(vv, k, x)
        if (!has(dg, key)) put(dg, key, vv)
        else {
          const destv = dg[key]
          if (!isMap(destv)) this.warn(`cannot merge map onto non-map for global.${key}; skipped`)
          else {
            this.coalesceTables(vv, destv, concatPrefix(prefix, key), true)
            put(dg, key, vv)
          }
        }
      } else if (has(dg, key) && isMap(dg[key])) this.warn(`global.${key} is a table; skipped`)
      else put(dg, key, val)
    }
    put(dest, GLOBAL, dg)
  }

  private coalesceOwn(c: WorkChart, v: ValuesMap, prefix: string, merge: boolean): void {
    const subPrefix = concatPrefix(prefix, c.name)
    const vc = deepCopy(c.values)
    const clean = this.dialect.dropNullDefaults
    for (const [key, val] of Object.entries(vc)) {
      if (!has(v, key)) {
        // v4.2.0+: a chart's null defaults stay out of the result when coalescing.
        if (clean && !merge) {
          if (val === null) continue
          if (isMap(val)) cleanNulls(val)
        }
        put(v, key, val)
        continue
      }
      const value = v[key]
      if (value === null && !merge) delete v[key]
      else if (isMap(value)) {
        if (!isMap(val)) {
          if (val !== null) this.warn(`skipped value for ${subPrefix}.${key}: not a table`)
        } else {
          const childMerge = c.dependencies.some((d) => d.name === key) || merge
          if (clean && !childMerge) cleanNulls(val)
          this.coalesceTables(value, val, concatPrefix(subPrefix, key), childMerge)
        }
      }
    }
  }

  /** coalesceTablesFullKey: `dst` wins; maps merge; a null in `dst` deletes unless merging. */
  coalesceTables(dst: ValuesMap, src: ValuesMap, prefix: string, merge: boolean): ValuesMap {
    const nulls = this.dialect.userNulls
    const srcNonNull = new Set(Object.keys(src).filter((k) => src[k] !== null))
    // v3.19.5+ and Helm 4 copy every null of dst into src first, so that the loop sees it.
    if (nulls !== 'delete-chart-keys')
      for (const [key, val] of Object.entries(dst)) if (val === null) put(src, key, null)
    for (const [key, val] of Object.entries(src)) {
      const fullKey = concatPrefix(prefix, key)
      const present = has(dst, key)
      const dv = present ? dst[key] : undefined
      if (
        present &&
        !merge &&
        dv === null &&
        (nulls !== 'delete-non-null-defaults' || srcNonNull.has(key))
      )
        delete dst[key]
      else if (!present) put(dst, key, val)
      else if (isMap(val)) {
        if (isMap(dv)) this.coalesceTables(dv, val, fullKey, merge)
        else
          this.warn(`cannot overwrite table with non table for ${fullKey} (${describeValue(val)})`)
      } else if (isMap(dv) && val !== null)
        this.warn(
          `destination for ${fullKey} is a table; ignoring non-table value (${describeValue(val)})`
        )
    }
    return dst
  }

  // ---- ProcessDependencies ------------------------------------------------------------------

  private processDependencyEnabled(c: WorkChart, v: ValuesMap, path: string): void {
    const reqs = c.metadataDependencies
    if (reqs === null) return
    const chartDependencies = c.dependencies.filter(
      (existing) =>
        !reqs.some(
          (r) => existing.name === r.name && isCompatibleRange(r.version, existing.version)
        )
    )
    for (const req of reqs) {
      const aliased = aliasDependency(c.dependencies, req)
      if (aliased) chartDependencies.push(aliased)
      if (req.alias !== '') req.name = req.alias
    }
    c.dependencies = chartDependencies
    for (const r of reqs) r.enabled = true
    const cvals = this.coalesceValues(c, v, false)
    processTags(reqs, cvals)
    processConditions(reqs, cvals, path)
    const removed = new Set(reqs.filter((r) => !r.enabled).map((r) => r.name))
    const kept = c.dependencies.filter((d) => !removed.has(d.name))
    const keptReqs = reqs.filter((r) => !removed.has(r.name))
    for (const t of kept) this.processDependencyEnabled(t, cvals, `${path}${t.name}.`)
    c.metadataDependencies = keptReqs
    c.dependencies = kept
  }

  private processDependencyImportValues(c: WorkChart, merge: boolean): void {
    for (const d of c.dependencies) this.processDependencyImportValues(d, merge)
    this.processImportValues(c, merge)
  }

  private processImportValues(c: WorkChart, merge: boolean): void {
    if (c.metadataDependencies === null) return
    const cvals = this.coalesceValues(c, null, merge)
    let b: ValuesMap = {}
    const add = (src: ValuesMap) => {
      b = this.coalesceTables(b, src, '', merge)
    }
    for (const r of c.metadataDependencies) {
      const normalized: Value[] = []
      for (const iv of r.importValues) {
        if (isMap(iv)) {
          if (
            this.dialect.importValuesStringsOnly &&
            (typeof iv.child !== 'string' || typeof iv.parent !== 'string')
          )
            throw new CoalesceError(
              `import-values of dependency ${r.name} of ${c.name}: child is ${describeValue(iv.child)} and parent is ${describeValue(iv.parent)}, but ${helmLabel(this.dialect)} crashes unless both are strings (v3.18.5 and later take any value)`
            )
          const child = goString(iv.child)
          const parent = goString(iv.parent)
          normalized.push({ child, parent })
          const vv = table(cvals, `${r.name}.${child}`)
          if (vv) add(pathToMap(parent, vv))
        } else if (typeof iv === 'string') {
          const child = `exports.${iv}`
          normalized.push({ child, parent: '.' })
          const vm = table(cvals, `${r.name}.${child}`)
          if (vm) add(vm)
        }
      }
      r.importValues = normalized
    }
    c.values = merge
      ? this.coalesceTables(deepCopy(cvals), b, '', true)
      : this.coalesceTables(trimNulls(cvals), b, '', false)
  }
}

function aliasDependency(charts: WorkChart[], dep: WorkDependency): WorkChart | undefined {
  const c = charts.find((x) => x.name === dep.name && isCompatibleRange(dep.version, x.version))
  if (!c) return undefined
  // Helm 4's copy (Helm 3 shares the nested dependency lists between two aliases of one chart).
  return {
    ...c,
    name: dep.alias !== '' ? dep.alias : c.name,
    metadataDependencies: c.metadataDependencies?.map((d) => ({ ...d })) ?? null,
    dependencies: c.dependencies.map((d) => ({ ...d }))
  }
}

function processTags(reqs: WorkDependency[], cvals: ValuesMap): void {
  const tags = table(cvals, 'tags')
  if (!tags) return
  for (const r of reqs) {
    let hasTrue = false
    let hasFalse = false
    for (const k of r.tags) {
      const b = has(tags, k) ? tags[k] : undefined
      if (b === true) hasTrue = true
      else if (b === false) hasFalse = true
    }
    if (!hasTrue && hasFalse) r.enabled = false
    else r.enabled = true
  }
}

function processConditions(reqs: WorkDependency[], cvals: ValuesMap, path: string): void {
  for (const r of reqs) {
    for (const c of r.condition.trim().split(',')) {
      if (c === '') continue
      const found = pathValue(cvals, path + c)
      if (found !== undefined && typeof found.value === 'boolean') {
        r.enabled = found.value
        break
      }
    }
  }
}

/** Values.Table: the map at a dotted path, or undefined. */
export function table(v: ValuesMap, name: string): ValuesMap | undefined {
  let t: ValuesMap = v
  for (const n of name.split('.')) {
    const next = has(t, n) ? t[n] : undefined
    if (!isMap(next)) return undefined
    t = next
  }
  return t
}

/** Values.PathValue: a non-map value at a dotted path. */
function pathValue(v: ValuesMap, path: string): { value: Value } | undefined {
  if (path === '') return undefined
  const parts = path.split('.')
  const key = parts.pop() as string
  const t = parts.length === 0 ? v : table(v, parts.join('.'))
  if (!t || !has(t, key) || isMap(t[key])) return undefined
  return { value: t[key] }
}

function pathToMap(path: string, data: ValuesMap): ValuesMap {
  if (path === '.') return data
  let cur: ValuesMap = data
  for (const p of path.split('.').reverse()) {
    const next: ValuesMap = {}
    put(next, p, cur)
    cur = next
  }
  return cur
}

/** cleanNilValues: removes nulls from a map and the maps in it, in place (not inside lists). */
function cleanNulls(m: ValuesMap): void {
  for (const [k, v] of Object.entries(m)) {
    if (v === null) delete m[k]
    else if (isMap(v)) cleanNulls(v)
  }
}

function trimNulls(vals: ValuesMap): ValuesMap {
  const out = deepCopy(vals)
  for (const [k, v] of Object.entries(out)) {
    if (v === null) delete out[k]
    else if (isMap(v)) put(out, k, trimNulls(v))
  }
  return out
}

/** fmt's %v of a value, for import-values paths: `[a b]` for a list, `map[k:v]` (sorted keys). */
function goString(v: Value | undefined): string {
  if (v === undefined || v === null) return '<nil>'
  if (Array.isArray(v)) return `[${v.map(goString).join(' ')}]`
  if (typeof v === 'object')
    return `map[${Object.keys(v)
      .sort()
      .map((k) => `${k}:${goString(v[k])}`)
      .join(' ')}]`
  return typeof v === 'string' ? v : String(v)
}
