// Validates computed values against the chart's values.schema.json and each enabled subchart's
// (on that subchart's part of the values, `global` included), as Helm's ValidateAgainstSchema
// does before rendering, and says for every violation where the offending value was set.
//
// The rules are those of the Helm release the values were computed for (ComputedValues.dialect):
// - santhosh-tekuri/jsonschema v6 (Helm 4, Helm 3 from v3.18.5): the draft of `$schema`, 2020-12
//   when there is none; formats are checked for draft-07 and older only, annotations after.
// - gojsonschema (Helm 3 before v3.18.5): draft-04/06/07 by `$schema` (http URLs only), else a
//   hybrid of them, a 2019-09 or 2020-12 schema included (their keywords ignored); formats are
//   checked in every draft.
// Before 2019-09, the siblings of a `$ref` are ignored. Remote $refs and meta-schemas are not
// fetched; a `urn:` that cannot be resolved is `true` where Helm does that (v3.19.1+, v4.1.0+).

import { Ajv, type ErrorObject, type Options, type ValidateFunction } from 'ajv'
import { Ajv2019 } from 'ajv/dist/2019.js'
import { Ajv2020 } from 'ajv/dist/2020.js'
import formatsModule, { type FormatsPlugin } from 'ajv-formats'
import type { ValuesDialect } from './dialect.js'
import type { ChartNode, ComputedValues, ValuesProblem } from './merge.js'
import { isChartDefault, isFlag, type Origin } from './origins.js'
import { formatPath, type PathSegment } from './path.js'
import { CIRCULAR, prepareSchema, schemaFileName, valueAt, type Rules } from './schema-prepare.js'
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

type AnyAjv = Ajv | Ajv2019 | Ajv2020

// inlineRefs false: a circular $ref then fails only where the values reach it, as in Helm.
// code.optimize false: each schema is compiled for one validation, and ajv's pass that tidies
// the generated code took longer than the validation it speeds up.
const OPTIONS: Options = {
  strict: false,
  allErrors: true,
  verbose: true,
  logger: false,
  inlineRefs: false,
  code: { optimize: false }
}

const validators = new Map<string, AnyAjv>()

/**
 * One validator per draft for the whole run, emptied before each schema file: ajv compiles the
 * draft's meta-schema (to check the file is a schema) once instead of once per file, and one
 * file's `$id`s and `urn:` stand-ins never meet another's. A file's schema is compiled and its
 * values validated before the next file is compiled (validateValues walks the charts in turn).
 */
function validatorFor(draft: Rules): AnyAjv {
  let ajv = validators.get(draft)
  if (!ajv) {
    ajv =
      draft === '2020-12'
        ? new Ajv2020({ ...OPTIONS, validateFormats: false })
        : draft === '2019-09'
          ? new Ajv2019({ ...OPTIONS, validateFormats: false })
          : new Ajv(OPTIONS)
    addFormats(ajv)
    validators.set(draft, ajv)
  }
  // Without an argument: every schema but the meta-schemas, and the compiled-schema cache.
  ajv.removeSchema()
  return ajv
}

function compile(file: string, text: string, dialect: ValuesDialect): Compiled {
  const problem = (message: string): Compiled => ({
    ok: false,
    problem: { severity: 'error', message, file }
  })
  const name = schemaFileName(file)
  const prepared = prepareSchema(file, text, dialect)
  if (!prepared.ok) return problem(prepared.message)
  const ajv = validatorFor(prepared.rules)
  for (const urn of prepared.permissiveUrns) ajv.addSchema(true, urn)
  try {
    return { ok: true, validate: ajv.compile(prepared.root) }
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

function checkChart(chart: ChartNode, data: Value, computed: ComputedValues): ValuesProblem[] {
  const schema = chart.schema
  if (!schema) return []
  const compiled = compile(schema.path, schema.text, computed.dialect)
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
  const name = schema.path.split(/[\\/]/).pop() ?? schema.path
  for (const e of errors) {
    if ((e.parentSchema as { $comment?: unknown } | undefined)?.$comment === CIRCULAR) {
      const path = formatPath([...chart.path, ...pointerToPath(e.instancePath, json)])
      const message = `${name} has a circular $ref here (a $ref that leads back to itself), which Helm cannot check`
      if (seen.has(`${path}\n${message}`)) continue
      seen.add(`${path}\n${message}`)
      problems.push({ severity: 'error', path, message, file: schema.path })
      continue
    }
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
  if (typeof v === 'number' || typeof v === 'boolean' || typeof v === 'bigint')
    return `${typeof v} ${v}`
  return typeof v
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
