// Draft-04, draft-06, draft-07 (and gojsonschema's hybrid of them) schemas rewritten so that
// Ajv's draft-07 validator reads them as Helm's validators do. Hand-written because no library
// does this translation: Ajv 8 applies the siblings of a `$ref` in every draft, while before
// 2019-09 they are ignored (gojsonschema and santhosh-tekuri/jsonschema v6 alike), and Ajv knows
// neither draft-04's `id` and boolean exclusiveMaximum/exclusiveMinimum nor the keywords a draft
// does not have yet.
//
// Ignored keywords are not deleted but renamed (IGNORED + name), and every JSON-pointer `$ref`
// that passes through one is rewritten to the new name: a `$ref` may point anywhere in the
// document, into `$defs` next to a root `$ref` (charts generated from Go types do exactly that) or
// into the `properties` of another schema, and Helm's validators follow such pointers into the
// raw document. Only schemas Helm would evaluate are rewritten: those under schema keywords and
// those a `$ref` reaches (by pointer, `$id` or a draft-06/07 `#name` anchor).

export type OldDraft = 'draft-07' | 'draft-06' | 'draft-04' | 'hybrid'

type Json = unknown
type Obj = Record<string, Json>

/** Prefix of a keyword Helm's validator ignores in this place (Ajv ignores unknown keywords). */
export const IGNORED = 'x-values-ignored:'

// Keywords whose value is a schema, a list of schemas, or a map of names to schemas (draft-07).
const SCHEMA_KEYWORDS = new Set([
  'additionalItems',
  'additionalProperties',
  'contains',
  'propertyNames',
  'not',
  'if',
  'then',
  'else',
  'items'
])
const SCHEMA_LIST_KEYWORDS = new Set(['allOf', 'anyOf', 'oneOf', 'items'])
const SCHEMA_MAP_KEYWORDS = new Set(['properties', 'patternProperties', 'definitions'])
/** Keywords a draft does not have: its validators ignore them. */
const NOT_IN_DRAFT: Partial<Record<OldDraft, readonly string[]>> = {
  'draft-06': ['if', 'then', 'else'],
  'draft-04': ['if', 'then', 'else', 'const', 'contains', 'propertyNames']
}
/** Where a document without `$id` lives, so that relative `$id`s and `$ref`s resolve. */
const DEFAULT_BASE = 'https://values-schema.invalid/values.schema.json'

const isObj = (v: Json): v is Obj => v !== null && typeof v === 'object' && !Array.isArray(v)

function resolveUri(ref: string, base: string): string | undefined {
  try {
    return new URL(ref, base).href
  } catch {
    return undefined
  }
}

const withoutFragment = (uri: string): string => uri.replace(/#.*$/, '')

function decodeSegment(raw: string): string | undefined {
  try {
    return decodeURIComponent(raw).replace(/~1/g, '/').replace(/~0/g, '~')
  } catch {
    return undefined
  }
}

const encodeSegment = (key: string): string => key.replace(/~/g, '~0').replace(/\//g, '~1')

export function toDraft07(root: Obj, draft: OldDraft): Obj {
  const dropped = new Set(NOT_IN_DRAFT[draft] ?? [])
  const oldForms = draft === 'draft-04' || draft === 'hybrid'
  const idOf = (o: Obj): string | undefined => {
    // Next to a `$ref`, `$id` is ignored like every other sibling.
    if (typeof o.$ref === 'string') return undefined
    const id = o.$id ?? (oldForms ? o.id : undefined)
    return typeof id === 'string' ? id : undefined
  }

  // Pass 1: every `$id` (and `#name` anchor) of the raw document, by absolute URI, and the base
  // URI each object sits under.
  const resources = new Map<string, Obj>()
  const baseOf = new Map<Obj, string>()
  const index = (v: Json, base: string): void => {
    if (Array.isArray(v)) return v.forEach((x) => index(x, base))
    if (!isObj(v)) return
    const id = idOf(v)
    const uri = id === undefined ? undefined : resolveUri(id, base)
    if (uri !== undefined) {
      if (id?.startsWith('#')) resources.set(uri, v)
      else {
        base = withoutFragment(uri)
        resources.set(base, v)
      }
    }
    baseOf.set(v, base)
    for (const x of Object.values(v)) index(x, base)
  }
  const rootBase = idOf(root) ?? ''
  index(root, resolveUri(rootBase, DEFAULT_BASE) ?? DEFAULT_BASE)
  if (!resources.has(withoutFragment(baseOf.get(root) ?? DEFAULT_BASE)))
    resources.set(withoutFragment(baseOf.get(root) ?? DEFAULT_BASE), root)

  /** Keys of a schema its validator ignores here. */
  const ignoredKeys = (o: Obj): Set<string> =>
    new Set(
      typeof o.$ref === 'string'
        ? Object.keys(o).filter((k) => k !== '$ref')
        : Object.keys(o).filter((k) => dropped.has(k))
    )

  /** The node a `$ref` leads to, walked in the raw document, with the pointer's segments. */
  const target = (
    ref: string,
    from: Obj
  ): { node: Json; resource: Obj; segments: string[] } | undefined => {
    const uri = resolveUri(ref, baseOf.get(from) ?? DEFAULT_BASE)
    if (uri === undefined) return undefined
    const hash = uri.indexOf('#')
    const fragment = hash < 0 ? '' : uri.slice(hash + 1)
    if (fragment !== '' && !fragment.startsWith('/')) {
      const anchored = resources.get(uri)
      return anchored && { node: anchored, resource: anchored, segments: [] }
    }
    const resource = resources.get(withoutFragment(uri))
    if (!resource) return undefined
    const segments = fragment === '' ? [] : fragment.slice(1).split('/')
    let node: Json = resource
    for (const raw of segments) {
      const key = decodeSegment(raw)
      if (key === undefined) return undefined
      if (Array.isArray(node) && /^\d+$/.test(key)) node = node[Number(key)]
      else if (isObj(node) && Object.hasOwn(node, key)) node = node[key]
      else return undefined
    }
    return { node, resource, segments }
  }

  // Pass 2: the schemas the validator evaluates, from the root and through every `$ref`.
  const schemas = new Set<Obj>()
  const visit = (v: Json): void => {
    if (!isObj(v) || schemas.has(v)) return
    schemas.add(v)
    const ignored = ignoredKeys(v)
    for (const [k, x] of Object.entries(v)) {
      if (ignored.has(k)) continue
      if (SCHEMA_MAP_KEYWORDS.has(k) && isObj(x)) Object.values(x).forEach(visit)
      else if (k === 'dependencies' && isObj(x)) Object.values(x).forEach(visit)
      else if (SCHEMA_LIST_KEYWORDS.has(k) && Array.isArray(x)) x.forEach(visit)
      else if (SCHEMA_KEYWORDS.has(k)) visit(x)
    }
    if (typeof v.$ref === 'string') visit(target(v.$ref, v)?.node)
  }
  visit(root)

  /** A `$ref` whose pointer passes through renamed keys, spelled with the new names. */
  const rewriteRef = (ref: string, from: Obj): string => {
    const hash = ref.indexOf('#')
    if (hash < 0 || !ref.slice(hash + 1).startsWith('/')) return ref
    const found = target(ref, from)
    if (!found) return ref
    let node: Json = found.resource
    const out: string[] = []
    for (const raw of found.segments) {
      const key = decodeSegment(raw) ?? raw
      const renamed = isObj(node) && schemas.has(node) && ignoredKeys(node).has(key)
      out.push(renamed ? encodeSegment(IGNORED + key) : raw)
      node = Array.isArray(node) ? node[Number(key)] : isObj(node) ? node[key] : undefined
    }
    return `${ref.slice(0, hash)}#/${out.join('/')}`
  }

  const copy = (v: Json): Json => {
    if (Array.isArray(v)) return v.map(copy)
    if (!isObj(v)) return v
    if (!schemas.has(v)) return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, copy(x)]))
    const ignored = ignoredKeys(v)
    const out: Obj = {}
    for (const [k, x] of Object.entries(v)) out[ignored.has(k) ? IGNORED + k : k] = copy(x)
    if (typeof out.$ref === 'string') out.$ref = rewriteRef(out.$ref, v)
    if (oldForms) {
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
    }
    return out
  }
  return copy(root) as Obj
}
