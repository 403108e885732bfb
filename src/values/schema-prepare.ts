// A chart's values.schema.json read as Helm's validator for the release reads it, before any
// validator sees it: the draft it is checked by, older drafts translated to draft-07's rules
// (schema-draft07.ts), loops of $refs broken, and the `urn:` $refs Helm lets pass. Both the full
// check (schema.ts) and the quick one (schema-quick.ts) start from this.

import type { SchemaValidator, ValuesDialect } from './dialect.js'
import { toDraft07 } from './schema-draft07.js'
import type { PathSegment } from './path.js'
import { isMap, type Value } from './tree.js'

/** The rules a prepared schema is checked by: older drafts are translated to draft-07's. */
export type Rules = '2020-12' | '2019-09' | 'draft-07'

export type Prepared =
  | {
      ok: true
      root: Record<string, unknown>
      rules: Rules
      /** `urn:` $refs no `$id` declares, which Helm reads as the schema `true` (v3.19.1+, v4.1.0+). */
      permissiveUrns: string[]
    }
  | { ok: false; message: string }

export const schemaFileName = (file: string): string => file.split(/[\\/]/).pop() ?? file

/** The schema file parsed and made ready for a validator, or why it cannot be checked. */
export function prepareSchema(file: string, text: string, dialect: ValuesDialect): Prepared {
  const problem = (message: string): Prepared => ({ ok: false, message })
  const name = schemaFileName(file)
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
  const draft = draftOf(root.$schema, dialect.schemaValidator)
  if (typeof draft !== 'string')
    return problem(
      `${name} names ${draft.unknown} as its meta-schema ($schema), which is not fetched here; Helm downloads it, so the values were not checked`
    )
  if (draft !== '2020-12' && draft !== '2019-09') {
    // Older drafts by the draft-07 rules, with what differs translated; formats are checked.
    delete root.$schema
    root = toDraft07(root, draft)
  }
  root = breakRefCycles(root)
  return {
    ok: true,
    root,
    rules: draft === '2020-12' || draft === '2019-09' ? draft : 'draft-07',
    permissiveUrns: dialect.urnRefsPermissive ? unresolvedUrns(root) : []
  }
}

type Draft = '2020-12' | '2019-09' | 'draft-07' | 'draft-06' | 'draft-04' | 'hybrid'

/**
 * The draft a validator reads a schema by: its `$schema`, else 2020-12 (jsonschema v6) or
 * gojsonschema's hybrid of draft-04 to draft-07. `{ unknown }` for a meta-schema jsonschema v6
 * would have to fetch.
 */
function draftOf(schema: unknown, validator: SchemaValidator): Draft | { unknown: string } {
  if (typeof schema !== 'string') return validator === 'gojsonschema' ? 'hybrid' : '2020-12'
  if (validator === 'gojsonschema') {
    // gojsonschema knows the three http URLs of its drafts, with or without the empty fragment.
    const m = /^http:\/\/json-schema\.org\/draft-0([467])\/schema#?$/.exec(schema)
    return m ? (`draft-0${m[1]}` as Draft) : 'hybrid'
  }
  // jsonschema v6 (draftFromURL): http or https; another json-schema.org URL is one of its
  // embedded meta-schemas, whose own $schema names the draft.
  const m =
    /^https?:\/\/json-schema\.org\/(schema|draft\/2020-12\/schema|draft\/2019-09\/schema|draft-0[467]\/schema)(#.*)?$/.exec(
      schema
    )
  if (!m) return { unknown: schema }
  if (m[1] === 'schema' || m[1].includes('2020-12')) return '2020-12'
  if (m[1].includes('2019-09')) return '2019-09'
  return m[1].slice(0, 8) as Draft
}

/** What a same-file `$ref` (`#` or a JSON pointer `#/…`) points at in the schema, if anything. */
export function resolvePointer(root: unknown, ref: string): unknown {
  if (ref === '#') return root
  if (!ref.startsWith('#/')) return undefined
  let cur: unknown = root
  for (const raw of ref.slice(2).split('/')) {
    if (cur === null || typeof cur !== 'object') return undefined
    let key: string
    try {
      key = decodeURIComponent(raw).replace(/~1/g, '/').replace(/~0/g, '~')
    } catch {
      return undefined
    }
    cur = Object.hasOwn(cur, key) ? (cur as Record<string, unknown>)[key] : undefined
  }
  return cur
}

/** Marks the stand-in for a $ref that leads back to itself (see breakRefCycles). */
export const CIRCULAR = 'values: a $ref that leads back to itself'

/**
 * The schema with every `$ref` on a loop of `$ref`s (`a` → `b` → `a`) replaced by a schema that
 * fails with CIRCULAR. Helm's validators fail on such a loop only where the values reach it (a
 * stack overflow in gojsonschema, a loop error in jsonschema v6); Ajv would not compile it.
 */
function breakRefCycles(root: Record<string, unknown>): Record<string, unknown> {
  const resolve = (ref: string): unknown => resolvePointer(root, ref)
  const refOf = (v: unknown): string | undefined =>
    v !== null && typeof v === 'object' && !Array.isArray(v)
      ? typeof (v as Record<string, unknown>).$ref === 'string'
        ? ((v as Record<string, unknown>).$ref as string)
        : undefined
      : undefined
  const looping = new Set<unknown>()
  const find = (v: unknown): void => {
    if (v === null || typeof v !== 'object') return
    if (Array.isArray(v)) return v.forEach(find)
    const chain: unknown[] = []
    let cur: unknown = v
    for (let ref = refOf(cur); ref !== undefined; ref = refOf(cur)) {
      const at = chain.indexOf(cur)
      if (at >= 0) {
        chain.slice(at).forEach((n) => looping.add(n))
        break
      }
      chain.push(cur)
      cur = resolve(ref)
    }
    Object.values(v).forEach(find)
  }
  find(root)
  if (looping.size === 0) return root
  const copy = (v: unknown): unknown => {
    if (looping.has(v)) return { $comment: CIRCULAR, not: {} }
    if (v === null || typeof v !== 'object') return v
    if (Array.isArray(v)) return v.map(copy)
    return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, copy(x)]))
  }
  return copy(root) as Record<string, unknown>
}

/** `urn:` $refs (without fragment) that no `$id` in the schema declares. */
function unresolvedUrns(root: unknown): string[] {
  const refs = new Set<string>()
  const ids = new Set<string>()
  const walk = (v: unknown): void => {
    if (Array.isArray(v)) return v.forEach(walk)
    if (v === null || typeof v !== 'object') return
    const o = v as Record<string, unknown>
    if (typeof o.$ref === 'string' && o.$ref.startsWith('urn:') && !o.$ref.includes('#'))
      refs.add(o.$ref)
    for (const id of [o.$id, o.id]) if (typeof id === 'string') ids.add(id.replace(/#$/, ''))
    Object.values(o).forEach(walk)
  }
  walk(root)
  return [...refs].filter((r) => !ids.has(r))
}

export function valueAt(root: Value, path: readonly PathSegment[]): Value | undefined {
  let cur: Value | undefined = root
  for (const s of path) {
    if (typeof s === 'number') cur = Array.isArray(cur) ? cur[s] : undefined
    else cur = isMap(cur) && Object.hasOwn(cur, s) ? cur[s] : undefined
  }
  return cur
}
