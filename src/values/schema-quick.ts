// The quick answer to "do these values pass every values.schema.json?", for the common case
// where they do. The full check (schema.ts) compiles each schema with Ajv, which costs about
// 60 ms of CPU per run (loading Ajv, compiling the draft's meta-schema and the chart's schema)
// while helm lint and helm template want the same two cores. An interpreting validator
// (@cfworker/json-schema, already loaded for the Kubernetes schemas) answers in a few ms.
//
// Only a yes is trusted, and only for schemas both validators read alike. The values then pass
// the full check too, so it is skipped. Any other answer — a violation, a schema outside that
// set, an error — means the full check runs and reports as it always did. So the quick check
// can only ever save time; it never decides a finding.
//
// The set (see quickBlocker): schemas checked by draft-07 rules (draft-04 to draft-07 and
// gojsonschema's hybrid, as schema-prepare.ts translates them; their `$ref` siblings are already
// renamed away, and both validators ignore keywords they do not know), that are valid against
// the draft-07 meta-schema (as Ajv checks before compiling), whose `$ref`s are JSON pointers
// into the same file that all resolve (Ajv refuses one that does not, even where no value
// reaches it) and whose patterns compile. Outside it, because the two validators differ there:
// - a `format` for numbers (int32, int64, float, double: cfworker checks strings only) and the
//   format comparisons (formatMinimum, …); string formats are checked by ajv-formats' own
//   definitions, the ones the full check uses, put in cfworker's place while it runs;
// - `multipleOf` (cfworker allows a float error margin, Ajv does not);
// - identifiers and anchors (`$id`, `id`, `$anchor`, …), `urn:`, remote and `#name` refs;
// - `dependencies`, `dependentSchemas`, `dependentRequired`, `unevaluated*`, `min/maxContains`,
//   and a `$schema` below the top level;
// - 2019-09 and 2020-12 (Helm 4's default without `$schema`): their meta-schemas need dynamic
//   references, which cfworker does not follow.

import { format, validate, type Schema } from '@cfworker/json-schema'
import { fullFormats } from 'ajv-formats/dist/formats.js'
import type { ChartNode, ComputedValues } from './merge.js'
import { prepareSchema, resolvePointer, valueAt } from './schema-prepare.js'
import { isMap, toJsonData } from './tree.js'

/** True when every schema of the chart and its subcharts accepts the values, quickly. */
export async function quicklyAccepted(computed: ComputedValues): Promise<boolean> {
  let meta: { schema: Schema; lookup: Lookup } | undefined
  const accepts = async (chart: ChartNode): Promise<boolean> => {
    if (chart.schema) {
      const data = valueAt(computed.values, chart.path)
      if (!isMap(data)) return false
      const prepared = prepareSchema(chart.schema.path, chart.schema.text, computed.dialect)
      if (!prepared.ok || prepared.rules !== 'draft-07') return false
      if (quickBlocker(prepared.root) !== undefined) return false
      if (!meta) {
        const schema = (
          await import('ajv/dist/refs/json-schema-draft-07.json', { with: { type: 'json' } })
        ).default as Schema
        meta = { schema, lookup: refLookup(schema) }
      }
      if (!accepted(prepared.root, meta.schema, meta.lookup)) return false
      if (!accepted(toJsonData(data), prepared.root, refLookup(prepared.root))) return false
    }
    for (const sub of chart.subcharts) if (!(await accepts(sub))) return false
    return true
  }
  return accepts(computed.chart)
}

/**
 * cfworker's verdict by draft-07 rules; false on anything it throws (an unresolved $ref). Its
 * table of formats holds ajv-formats' string formats meanwhile: a format Ajv does not know is
 * then one cfworker does not know either, and both ignore it.
 */
function accepted(data: unknown, schema: Schema, lookup: Lookup): boolean {
  const own = { ...format }
  for (const name of Object.keys(format)) delete format[name]
  Object.assign(format, ajvStringFormats())
  try {
    // Stops at the first violation: only a yes is used.
    return validate(data, schema, '7', lookup, true).valid
  } catch {
    return false
  } finally {
    for (const name of Object.keys(format)) delete format[name]
    Object.assign(format, own)
  }
}

type Lookup = Record<string, Schema>

/**
 * What cfworker resolves each `$ref` with: its target under the `$ref` text. Every `$ref` here is
 * `#` or a JSON pointer into the same file (quickBlocker), so the text is the key; cfworker's own
 * dereference() would index every subschema under an absolute URI, which costs more than the
 * check. A `$ref` missing here makes cfworker throw, which is a no.
 */
function refLookup(root: unknown): Lookup {
  const lookup: Lookup = {}
  const walk = (v: unknown): void => {
    if (Array.isArray(v)) return v.forEach(walk)
    if (v === null || typeof v !== 'object') return
    for (const [key, x] of Object.entries(v)) {
      if (key === '$ref' && typeof x === 'string' && PLAIN_REF.test(x)) {
        const target = resolvePointer(root, x)
        if (typeof target === 'boolean' || (target !== null && typeof target === 'object'))
          lookup[x] = target as Schema
      }
      walk(x)
    }
  }
  walk(root)
  return lookup
}

/** Formats Ajv checks on numbers only; cfworker checks formats on strings only. */
const NUMBER_FORMATS = new Set(['int32', 'int64', 'float', 'double'])

let stringFormats: Record<string, (s: string) => boolean> | undefined

/**
 * A `#` and a JSON pointer of unreserved characters: every such string is a URI reference (a bare
 * fragment), so ajv-formats' `uri-reference` expression says yes to it too. The meta-schema
 * checks every `$ref` with that format, and V8 spends about 9 ms compiling the expression the
 * first time it runs; a schema whose `$ref`s are all like `#/definitions/probe` never needs it.
 */
const PLAIN_FRAGMENT = /^#[A-Za-z0-9\-._~$/]*$/

/** ajv-formats' full formats for strings, as cfworker calls a format: a test of one string. */
export function ajvStringFormats(): Record<string, (s: string) => boolean> {
  if (stringFormats) return stringFormats
  stringFormats = {}
  for (const [name, def] of Object.entries(fullFormats) as Array<[string, unknown]>) {
    if (NUMBER_FORMATS.has(name)) continue
    const check =
      def !== null && typeof def === 'object' && !(def instanceof RegExp)
        ? (def as { validate: unknown }).validate
        : def
    // As Ajv builds a format given as a string: a regular expression in Unicode mode.
    const re = typeof check === 'string' ? new RegExp(check, 'u') : check
    if (re === true) stringFormats[name] = () => true
    else if (re instanceof RegExp)
      stringFormats[name] =
        name === 'uri-reference' ? (x) => PLAIN_FRAGMENT.test(x) || re.test(x) : (x) => re.test(x)
    else if (typeof re === 'function')
      stringFormats[name] = (x) => Boolean((re as (s: string) => unknown)(x))
  }
  return stringFormats
}

/**
 * Keywords by the type of value that makes them a keyword: a property of the values called
 * `format` or `id` is a key of `properties` whose value is a schema (an object), not a string.
 */
const BLOCKERS: Record<string, (v: unknown) => boolean> = {
  format: (v) => typeof v === 'string' && NUMBER_FORMATS.has(v),
  formatMinimum: () => true,
  formatMaximum: () => true,
  formatExclusiveMinimum: () => true,
  formatExclusiveMaximum: () => true,
  multipleOf: (v) => typeof v === 'number',
  $id: (v) => typeof v === 'string',
  id: (v) => typeof v === 'string',
  $anchor: (v) => typeof v === 'string',
  $dynamicAnchor: (v) => typeof v === 'string',
  $dynamicRef: (v) => typeof v === 'string',
  $recursiveRef: (v) => typeof v === 'string',
  $recursiveAnchor: (v) => typeof v === 'boolean',
  minContains: (v) => typeof v === 'number',
  maxContains: (v) => typeof v === 'number',
  dependencies: () => true,
  dependentSchemas: () => true,
  dependentRequired: () => true,
  unevaluatedProperties: () => true,
  unevaluatedItems: () => true
}

/** A `$ref` both read alike: the whole file, or a JSON pointer of plain names into it. */
const PLAIN_REF = /^#(\/[A-Za-z0-9_.$-]+)*$/

/**
 * Why the quick check does not apply to this prepared draft-07 schema (the first thing found
 * outside the set both validators read alike), or undefined when it does. Every object in the
 * file is looked at, values of `enum`, `const` and `default` included: a false alarm there only
 * costs the time the quick check would have saved.
 */
export function quickBlocker(root: unknown): string | undefined {
  const walk = (v: unknown, top: boolean): string | undefined => {
    if (Array.isArray(v)) {
      for (const x of v) {
        const found = walk(x, false)
        if (found !== undefined) return found
      }
      return undefined
    }
    if (v === null || typeof v !== 'object') return undefined
    for (const [key, x] of Object.entries(v)) {
      if (Object.hasOwn(BLOCKERS, key) && BLOCKERS[key](x)) return key
      if (key === '$ref' && typeof x === 'string') {
        if (!PLAIN_REF.test(x)) return `$ref ${x}`
        const target = resolvePointer(root, x)
        if (typeof target !== 'boolean' && (target === null || typeof target !== 'object'))
          return `$ref ${x} points nowhere`
      }
      if (key === '$schema' && typeof x === 'string' && !top) return '$schema below the top'
      if (key === 'pattern' && typeof x === 'string' && !compiles(x)) return `pattern ${x}`
      if (key === 'patternProperties' && x !== null && typeof x === 'object')
        for (const p of Object.keys(x as object)) if (!compiles(p)) return `pattern ${p}`
      const found = walk(x, false)
      if (found !== undefined) return found
    }
    return undefined
  }
  return walk(root, true)
}

/** Whether a pattern is a regular expression both validators build (Unicode mode). */
function compiles(pattern: string): boolean {
  try {
    new RegExp(pattern, 'u')
    return true
  } catch {
    return false
  }
}
