// Validates computed values against the chart's values.schema.json and each enabled subchart's
// (on that subchart's part of the values, `global` included), as Helm's ValidateAgainstSchema
// does before rendering, and says for every violation where the offending value was set.
//
// Drafts: 2020-12 and 2019-09 by their $schema, draft-07 otherwise. Formats are checked for
// draft-07 and older (Helm 3's gojsonschema and Helm 4's validator both do); newer drafts treat
// them as annotations. Remote $refs are not fetched.

import { Ajv, type ErrorObject, type Options, type ValidateFunction } from 'ajv'
import { Ajv2019 } from 'ajv/dist/2019.js'
import { Ajv2020 } from 'ajv/dist/2020.js'
import formatsModule, { type FormatsPlugin } from 'ajv-formats'
import type { ChartNode, ComputedValues, ValuesProblem } from './merge.js'
import { isChartDefault, isFlag, type Origin } from './origins.js'
import { formatPath, type PathSegment } from './path.js'
import { isMap, toJsonData, type Value } from './tree.js'

// ajv-formats is CommonJS: its plugin is module.exports and module.exports.default alike.
const addFormats = ((formatsModule as unknown as { default?: FormatsPlugin }).default ??
  formatsModule) as FormatsPlugin

export function validateValues(computed: ComputedValues): ValuesProblem[] {
  const problems: ValuesProblem[] = []
  const visit = (chart: ChartNode) => {
    if (chart.schema) {
      const data = valueAt(computed.values, chart.path)
      if (isMap(data)) problems.push(...checkChart(chart, data, computed))
      else if (data !== undefined && data !== null)
        problems.push({
          severity: 'error',
          path: formatPath(chart.path),
          message: `must be a map of values for subchart ${chart.name}`,
          ...where(computed, chart.path)
        })
    }
    chart.subcharts.forEach(visit)
  }
  visit(computed.chart)
  return problems
}

type Compiled = { ok: true; validate: ValidateFunction } | { ok: false; problem: ValuesProblem }

function compile(file: string, text: string): Compiled {
  const problem = (message: string): Compiled => ({
    ok: false,
    problem: { severity: 'error', message, file }
  })
  const name = file.split(/[\\/]/).pop() ?? file
  let schema: unknown
  try {
    schema = JSON.parse(text)
  } catch (e) {
    return problem(`${name} is not valid JSON: ${(e as Error).message}`)
  }
  if (typeof schema === 'boolean') schema = schema ? {} : { not: {} }
  if (schema === null || typeof schema !== 'object' || Array.isArray(schema))
    return problem(`${name} is not a JSON Schema: its top level must be an object`)
  let root = { ...(schema as Record<string, unknown>) }
  const draft = typeof root.$schema === 'string' ? root.$schema : ''
  const options: Options = { strict: false, allErrors: true, verbose: true, logger: false }
  let ajv: Ajv | Ajv2019 | Ajv2020
  if (draft.includes('2020-12')) ajv = new Ajv2020({ ...options, validateFormats: false })
  else if (draft.includes('2019-09')) ajv = new Ajv2019({ ...options, validateFormats: false })
  else {
    // Older drafts are checked by the draft-07 rules, draft-04's boolean exclusive bounds and
    // `id` translated (the rest is alike).
    if (draft !== '' && !draft.includes('draft-07')) {
      delete root.$schema
      if (draft.includes('draft-04')) root = fromDraft04(root)
    }
    ajv = new Ajv(options)
  }
  addFormats(ajv)
  try {
    return { ok: true, validate: ajv.compile(root) }
  } catch (e) {
    const err = e as Error & { missingRef?: string }
    if (err.missingRef !== undefined) {
      const remote = /^https?:/.test(err.missingRef)
      return problem(
        remote
          ? `${name} refers to ${err.missingRef} ($ref), which is not fetched here; the values it describes were not checked`
          : `${name} has a $ref that points nowhere: ${err.missingRef}`
      )
    }
    if (err instanceof RangeError)
      return problem(`${name} has a circular $ref (a $ref that leads back to itself)`)
    return problem(`${name} is not a valid JSON Schema: ${err.message}`)
  }
}

/** draft-04 → draft-07: `exclusiveMaximum: true` + `maximum: n` → `exclusiveMaximum: n`, id → $id. */
function fromDraft04(node: unknown): Record<string, unknown> {
  const walk = (v: unknown): unknown => {
    if (Array.isArray(v)) return v.map(walk)
    if (v === null || typeof v !== 'object') return v
    const out: Record<string, unknown> = {}
    for (const [k, x] of Object.entries(v)) out[k] = walk(x)
    for (const [flag, bound] of [
      ['exclusiveMaximum', 'maximum'],
      ['exclusiveMinimum', 'minimum']
    ]) {
      if (typeof out[flag] !== 'boolean') continue
      if (out[flag] && typeof out[bound] === 'number') {
        out[flag] = out[bound]
        delete out[bound]
      } else delete out[flag]
    }
    if (typeof out.id === 'string' && out.$id === undefined) {
      out.$id = out.id
      delete out.id
    }
    return out
  }
  return walk(node) as Record<string, unknown>
}

function checkChart(chart: ChartNode, data: Value, computed: ComputedValues): ValuesProblem[] {
  const schema = chart.schema
  if (!schema) return []
  const compiled = compile(schema.path, schema.text)
  if (!compiled.ok) return [compiled.problem]
  const json = toJsonData(data)
  try {
    if (compiled.validate(json)) return []
  } catch (e) {
    if (e instanceof RangeError)
      return [
        {
          severity: 'error',
          message: `${schema.path.split(/[\\/]/).pop()} has a circular $ref (a $ref that leads back to itself)`,
          file: schema.path
        }
      ]
    throw e
  }
  const errors = relevant(compiled.validate.errors ?? [])
  const seen = new Set<string>()
  const problems: ValuesProblem[] = []
  for (const e of errors) {
    const { segments, message } = describe(e, json)
    const path = [...chart.path, ...segments]
    // A missing property may be missing because the user set it to null: look there first.
    const missing = e.keyword === 'required' ? String(e.params.missingProperty) : undefined
    const p: ValuesProblem = {
      severity: 'error',
      path: formatPath(path),
      message,
      ...where(computed, missing === undefined ? path : [...path, missing])
    }
    const key = `${p.path}\n${p.message}`
    if (seen.has(key)) continue
    seen.add(key)
    problems.push(p)
  }
  return problems
}

/** Drops the noise of combinators: what failed inside anyOf/oneOf branches, `if` markers. */
function relevant(errors: ErrorObject[]): ErrorObject[] {
  const combinators = errors.filter((e) => e.keyword === 'anyOf' || e.keyword === 'oneOf')
  return errors.filter(
    (e) =>
      e.keyword !== 'if' &&
      !combinators.some((c) => c !== e && e.schemaPath.startsWith(`${c.schemaPath}/`))
  )
}

function describe(e: ErrorObject, root: unknown): { segments: PathSegment[]; message: string } {
  const segments = pointerToPath(e.instancePath, root)
  const got = `(got ${describeJson(e.data)})`
  const p = e.params as Record<string, unknown>
  switch (e.keyword) {
    case 'type': {
      const types = Array.isArray(p.type) ? p.type : String(p.type).split(',')
      return { segments, message: `must be ${types.join(' or ')} ${got}` }
    }
    case 'enum': {
      const allowed = (p.allowedValues as unknown[]).map((v) => JSON.stringify(v)).join(', ')
      return { segments, message: `must be one of ${allowed} ${got}` }
    }
    case 'const':
      return { segments, message: `must be ${JSON.stringify(p.allowedValue)} ${got}` }
    case 'required':
      return { segments, message: `must have the property "${String(p.missingProperty)}"` }
    case 'additionalProperties':
      return {
        segments: [...segments, String(p.additionalProperty)],
        message: 'is not a property the schema allows here (additionalProperties is false)'
      }
    case 'unevaluatedProperties':
      return {
        segments: [...segments, String(p.unevaluatedProperty)],
        message: 'is not a property the schema allows here (unevaluatedProperties is false)'
      }
    case 'pattern':
      return { segments, message: `must match the pattern ${String(p.pattern)} ${got}` }
    case 'format':
      return { segments, message: `must be a valid ${String(p.format)} ${got}` }
    case 'anyOf':
    case 'oneOf':
      return {
        segments,
        message: `must match ${e.keyword === 'anyOf' ? 'at least one' : 'exactly one'} of the forms the schema allows (${e.keyword}) ${got}`
      }
    case 'false schema':
      return { segments, message: 'is not allowed here (the schema is false)' }
    case 'not':
      return { segments, message: `must not match the schema under "not" ${got}` }
    default:
      return { segments, message: `${e.message ?? 'is invalid'} ${got}` }
  }
}

function describeJson(v: unknown): string {
  if (v === null || v === undefined) return 'null'
  if (Array.isArray(v)) return `array of ${v.length}`
  if (typeof v === 'object') return 'object'
  if (typeof v === 'string')
    return `string ${JSON.stringify(v.length > 60 ? `${v.slice(0, 57)}...` : v)}`
  return `${typeof v} ${String(v)}`
}

/** `/backend/hosts/0` → ['backend', 'hosts', 0], indexes where the data has lists. */
function pointerToPath(pointer: string, root: unknown): PathSegment[] {
  if (pointer === '') return []
  const out: PathSegment[] = []
  let cur: unknown = root
  for (const raw of pointer.slice(1).split('/')) {
    const key = raw.replace(/~1/g, '/').replace(/~0/g, '~')
    if (Array.isArray(cur) && /^\d+$/.test(key)) {
      out.push(Number(key))
      cur = cur[Number(key)]
    } else {
      out.push(key)
      cur =
        cur !== null && typeof cur === 'object' && Object.hasOwn(cur, key)
          ? (cur as Record<string, unknown>)[key]
          : undefined
    }
  }
  return out
}

function valueAt(root: Value, path: readonly PathSegment[]): Value | undefined {
  let cur: Value | undefined = root
  for (const s of path) {
    if (typeof s === 'number') cur = Array.isArray(cur) ? cur[s] : undefined
    else cur = isMap(cur) && Object.hasOwn(cur, s) ? cur[s] : undefined
  }
  return cur
}

/** Where a value was set, as problem fields. */
function where(
  computed: ComputedValues,
  path: readonly PathSegment[]
): Pick<ValuesProblem, 'file' | 'line' | 'column' | 'flag' | 'item' | 'chartDefault'> {
  const origin: Origin | undefined = computed.index.locate(path)
  if (!origin) return {}
  if (isFlag(origin)) return { flag: origin.flag, item: origin.item }
  const at = { file: origin.file, line: origin.line, column: origin.column }
  return isChartDefault(origin) ? { ...at, chartDefault: true } : at
}
