import { validate, type OutputUnit, type Schema } from '@cfworker/json-schema'
import type { RenderedObject } from '../render/manifests.js'

// Rendered objects checked against the OpenAPI definitions of a Kubernetes minor, offline.
// The definitions come from the project's own kube-apiserver (scripts/kube-schemas.mjs).
//
// Why an interpreting validator (@cfworker/json-schema) and not a compiling one: a run checks a
// few dozen kinds once. Compiling validators for them (a Deployment pulls in ~140 definitions)
// cost more than everything else validate mode does; walking the schema per object costs
// milliseconds. Why each minor is loaded on demand: only one is ever used per run.

type Definitions = Record<string, Record<string, unknown>>
interface Bundle {
  definitions: Definitions
}

// One dynamic import per file, so that the bundle keeps each minor in a chunk of its own.
const BUNDLED: Record<string, () => Promise<{ default: unknown }>> = {
  '1.32': () => import('../../schemas/kubernetes/1.32.json', { with: { type: 'json' } }),
  '1.33': () => import('../../schemas/kubernetes/1.33.json', { with: { type: 'json' } }),
  '1.34': () => import('../../schemas/kubernetes/1.34.json', { with: { type: 'json' } }),
  '1.35': () => import('../../schemas/kubernetes/1.35.json', { with: { type: 'json' } })
}
export const BUNDLED_KUBE_VERSIONS = Object.keys(BUNDLED).sort((a, b) => minor(a) - minor(b))

function minor(v: string): number {
  return Number(v.split('.')[1])
}

/** The bundled version to check against: the requested one, else the nearest below (or the oldest). */
export function pickKubeVersion(requested?: string): { version: string; note?: string } {
  const newest = BUNDLED_KUBE_VERSIONS.at(-1)!
  if (!requested) return { version: newest }
  if (BUNDLED[requested]) return { version: requested }
  const below = BUNDLED_KUBE_VERSIONS.filter((v) => minor(v) <= minor(requested)).pop()
  const version = below ?? BUNDLED_KUBE_VERSIONS[0]
  return {
    version,
    note: `no bundled schemas for Kubernetes ${requested}; checked against ${version}`
  }
}

const INT_OR_STRING = { anyOf: [{ type: 'integer' }, { type: 'string' }] }
const NUMBER_OR_STRING = { anyOf: [{ type: 'number' }, { type: 'string' }] }

/**
 * OpenAPI v2 as JSON Schema: unknown fields are refused (what `kubectl apply` would drop or the
 * API server reject), IntOrString and Quantity accept both numbers and strings.
 */
function toJsonSchema(name: string, def: Record<string, unknown>): Record<string, unknown> {
  if (name.endsWith('.util.intstr.IntOrString')) return INT_OR_STRING
  if (name.endsWith('.api.resource.Quantity')) return NUMBER_OR_STRING
  return closeObjects(def) as Record<string, unknown>
}

/** Walks schema positions only: property names such as "format" or "anyOf" stay names. */
function closeObjects(node: unknown): unknown {
  if (!node || typeof node !== 'object' || Array.isArray(node)) return node
  const o = { ...(node as Record<string, unknown>) }
  if (o['x-kubernetes-int-or-string'] || o.format === 'int-or-string') return INT_OR_STRING
  delete o.format
  if (o.properties && typeof o.properties === 'object')
    o.properties = Object.fromEntries(
      Object.entries(o.properties as Record<string, unknown>).map(([k, v]) => [k, closeObjects(v)])
    )
  if (o.items) o.items = closeObjects(o.items)
  if (o.additionalProperties && typeof o.additionalProperties === 'object')
    o.additionalProperties = closeObjects(o.additionalProperties)
  for (const k of ['allOf', 'anyOf', 'oneOf'])
    if (Array.isArray(o[k])) o[k] = (o[k] as unknown[]).map(closeObjects)
  if (
    o.properties &&
    o.additionalProperties === undefined &&
    !o['x-kubernetes-preserve-unknown-fields']
  )
    o.additionalProperties = false
  return o
}

const REF_PREFIX = '#/definitions/'

/**
 * What the validator resolves a `$ref` with: each definition under the `$ref` text that names it.
 * The definitions have no `$id` and every `$ref` is a local `#/definitions/…`, so the raw text is
 * the key; the library's own dereference() would also index every subschema under an absolute
 * URI, which cost more than the check itself.
 */
function lookupOf(definitions: Record<string, Schema>): Record<string, Schema> {
  return Object.fromEntries(
    Object.entries(definitions).map(([name, schema]) => [`${REF_PREFIX}${name}`, schema])
  )
}

/** The definitions `roots` refer to, directly or not (a Deployment needs ~140 of ~700). */
export function definitionsClosure(defs: Definitions, roots: Iterable<string>): Set<string> {
  const seen = new Set<string>()
  const visit = (node: unknown): void => {
    if (!node || typeof node !== 'object') return
    if (Array.isArray(node)) return node.forEach(visit)
    const ref = (node as { $ref?: unknown }).$ref
    if (typeof ref === 'string' && ref.startsWith(REF_PREFIX)) add(ref.slice(REF_PREFIX.length))
    for (const v of Object.values(node)) if (v && typeof v === 'object') visit(v)
  }
  const add = (name: string): void => {
    if (seen.has(name) || !defs[name]) return
    seen.add(name)
    visit(defs[name])
  }
  for (const r of roots) add(r)
  return seen
}

/** The API server ignores null fields; so does the check. */
function dropNulls(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(dropNulls)
  if (!v || typeof v !== 'object') return v
  return Object.fromEntries(
    Object.entries(v as Record<string, unknown>)
      .filter(([, x]) => x !== null)
      .map(([k, x]) => [k, dropNulls(x)])
  )
}

export interface KubeSchemaProblem {
  object: string
  source?: string
  message: string
}

export class KubeSchemas {
  private readonly byGvk = new Map<string, string>()

  /** The definitions of one bundled minor, loaded on first use. */
  static async load(version: string): Promise<KubeSchemas> {
    const load = BUNDLED[version]
    if (!load) throw new Error(`no bundled Kubernetes schemas for ${version}`)
    return new KubeSchemas(version, ((await load()).default as Bundle).definitions)
  }

  constructor(
    readonly version: string,
    private readonly defs: Definitions
  ) {
    for (const [name, def] of Object.entries(defs)) {
      for (const g of (def['x-kubernetes-group-version-kind'] as
        Array<{ group: string; version: string; kind: string }> | undefined) ?? [])
        this.byGvk.set(`${g.group ? `${g.group}/` : ''}${g.version}/${g.kind}`, name)
    }
  }

  /** Problems of every object; kinds without a bundled schema (CRDs) come back as `unchecked`. */
  check(objects: readonly RenderedObject[]): {
    problems: KubeSchemaProblem[]
    unchecked: string[]
  } {
    const problems: KubeSchemaProblem[] = []
    const unchecked = new Set<string>()
    const rootOf = new Map<RenderedObject, string>()
    for (const o of objects) {
      const def = this.byGvk.get(`${o.apiVersion}/${o.kind}`)
      if (def) rootOf.set(o, def)
      else unchecked.add(`${o.apiVersion}/${o.kind}`)
    }
    // Only what the rendered kinds need is converted and indexed.
    const definitions: Record<string, Schema> = {}
    for (const name of definitionsClosure(this.defs, new Set(rootOf.values())))
      definitions[name] = toJsonSchema(name, this.defs[name])
    const lookup = lookupOf(definitions)
    for (const [o, def] of rootOf) {
      const r = validate(dropNulls(o.object), definitions[def], '7', lookup, false)
      if (r.valid) continue
      for (const message of describeErrors(r.errors))
        problems.push({ object: `${o.kind}/${o.name}`, source: o.source, message })
    }
    return { problems, unchecked: [...unchecked] }
  }
}

// Instance locations are JSON pointers in URI form, as the validator writes them.
const pointerSegment = (key: string): string =>
  encodeURI(key.replace(/~/g, '~0').replace(/\//g, '~1')).replace(/#/g, '%23')

function safeDecode(segment: string): string {
  try {
    return decodeURI(segment).replace(/%23/g, '#')
  } catch {
    return segment
  }
}

/** `#/spec/template/spec/containers/0/name` → `spec.template.spec.containers[0].name`. */
function path(instanceLocation: string): string {
  return instanceLocation
    .replace(/^#\/?/, '')
    .split('/')
    .filter((p) => p !== '')
    .map((p) => safeDecode(p).replace(/~1/g, '/').replace(/~0/g, '~'))
    .map((p) => (/^\d+$/.test(p) ? `[${p}]` : `.${p}`))
    .join('')
    .replace(/^\./, '')
}

// The validator reports every level of the failing path ("Property "spec" does not match
// schema", "A subschema had errors"); the leaves say what is wrong.
const WRAPPERS = new Set([
  'properties',
  '$ref',
  'items',
  'allOf',
  'anyOf',
  'oneOf',
  'false',
  'additionalItems'
])

/** One message per problem: leaves only, the types an anyOf accepts merged into one. */
export function describeErrors(errors: readonly OutputUnit[]): string[] {
  const out = new Map<string, string>()
  const types = new Map<string, string[]>()
  const forbidden = new Set(
    errors.filter((e) => e.keyword === 'false').map((e) => e.instanceLocation)
  )
  for (const e of errors) {
    const at = path(e.instanceLocation) || '(top level)'
    if (e.keyword === 'type') {
      const expected = /Expected "([^"]+)"/.exec(e.error)?.[1] ?? 'another type'
      const list = types.get(at) ?? []
      if (!list.includes(expected)) list.push(expected)
      types.set(at, list)
      out.set(`${at}|type`, `${at}: must be ${list.join(' or ')}`)
    } else if (e.keyword === 'additionalProperties') {
      // A field no schema allows fails the `false` schema; a map value of the wrong type
      // fails its own schema, and that leaf error says what is wrong.
      const field = /Property "([^"]*)"/.exec(e.error)?.[1] ?? '?'
      const below = `${e.instanceLocation}/${pointerSegment(field)}`
      if (forbidden.has(below)) out.set(`${at}|unknown|${field}`, `${at}: unknown field "${field}"`)
    } else if (e.keyword === 'enum') {
      const allowed = /any of (\[.*\])\.?$/.exec(e.error)?.[1]
      const list = allowed ? (JSON.parse(allowed) as unknown[]) : []
      out.set(
        `${at}|enum`,
        `${at}: must be one of ${list.map((v) => JSON.stringify(v)).join(', ')}`
      )
    } else if (e.keyword === 'required') {
      const field = /property "([^"]*)"/.exec(e.error)?.[1] ?? '?'
      out.set(`${at}|required|${field}`, `${at}: missing required field "${field}"`)
    } else if (!WRAPPERS.has(e.keyword)) {
      out.set(`${at}|${e.keyword}`, `${at}: ${e.error.replace(/^Instance /, '')}`)
    }
  }
  return [...out.values()]
}
