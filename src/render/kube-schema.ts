import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv'
import k132 from '../../schemas/kubernetes/1.32.json' with { type: 'json' }
import k133 from '../../schemas/kubernetes/1.33.json' with { type: 'json' }
import k134 from '../../schemas/kubernetes/1.34.json' with { type: 'json' }
import k135 from '../../schemas/kubernetes/1.35.json' with { type: 'json' }
import type { RenderedObject } from './manifests.js'

// Rendered objects checked against the OpenAPI definitions of a Kubernetes minor, offline.
// The definitions come from the project's own kube-apiserver (scripts/kube-schemas.mjs).

type Definitions = Record<string, Record<string, unknown>>
const BUNDLED: Record<string, { definitions: unknown }> = {
  '1.32': k132,
  '1.33': k133,
  '1.34': k134,
  '1.35': k135
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

/**
 * OpenAPI v2 as JSON Schema for ajv: unknown fields are refused (what `kubectl apply` would drop
 * or the API server reject), IntOrString and Quantity accept both numbers and strings.
 */
function toJsonSchema(defs: Definitions): Definitions {
  const out: Definitions = {}
  for (const [name, def] of Object.entries(defs)) {
    if (name.endsWith('.util.intstr.IntOrString'))
      out[name] = { anyOf: [{ type: 'integer' }, { type: 'string' }] }
    else if (name.endsWith('.api.resource.Quantity'))
      out[name] = { anyOf: [{ type: 'number' }, { type: 'string' }] }
    else out[name] = closeObjects(def) as Record<string, unknown>
  }
  return out
}

/** Walks schema positions only: property names such as "format" or "anyOf" stay names. */
function closeObjects(node: unknown): unknown {
  if (!node || typeof node !== 'object' || Array.isArray(node)) return node
  const o = { ...(node as Record<string, unknown>) }
  if (o['x-kubernetes-int-or-string'] || o.format === 'int-or-string')
    return { anyOf: [{ type: 'integer' }, { type: 'string' }] }
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
  // The bundled definitions are generated and tested; checking them against the meta-schema on
  // every run would only cost time.
  private readonly ajv = new Ajv({
    strict: false,
    allErrors: true,
    validateFormats: false,
    validateSchema: false
  })
  private readonly byGvk = new Map<string, string>()
  private readonly compiled = new Map<string, ValidateFunction>()

  constructor(readonly version: string) {
    const defs = (BUNDLED[version]?.definitions ?? {}) as Definitions
    for (const [name, def] of Object.entries(defs)) {
      for (const g of (def['x-kubernetes-group-version-kind'] as
        Array<{ group: string; version: string; kind: string }> | undefined) ?? [])
        this.byGvk.set(`${g.group ? `${g.group}/` : ''}${g.version}/${g.kind}`, name)
    }
    this.ajv.addSchema({ $id: 'k8s', definitions: toJsonSchema(defs) })
  }

  private validator(apiVersion: string, kind: string): ValidateFunction | undefined {
    const def = this.byGvk.get(`${apiVersion}/${kind}`)
    if (!def) return undefined
    let v = this.compiled.get(def)
    if (!v) {
      v = this.ajv.compile({ $ref: `k8s#/definitions/${def}` })
      this.compiled.set(def, v)
    }
    return v
  }

  /** Problems of every object; kinds without a bundled schema (CRDs) come back as `unchecked`. */
  check(objects: readonly RenderedObject[]): {
    problems: KubeSchemaProblem[]
    unchecked: string[]
  } {
    const problems: KubeSchemaProblem[] = []
    const unchecked = new Set<string>()
    for (const o of objects) {
      const validate = this.validator(o.apiVersion, o.kind)
      if (!validate) {
        unchecked.add(`${o.apiVersion}/${o.kind}`)
        continue
      }
      if (validate(dropNulls(o.object))) continue
      for (const e of dedupe(validate.errors ?? []))
        problems.push({ object: `${o.kind}/${o.name}`, source: o.source, message: describe(e) })
    }
    return { problems, unchecked: [...unchecked] }
  }
}

function path(e: ErrorObject): string {
  return e.instancePath
    .split('/')
    .slice(1)
    .map((p) => (/^\d+$/.test(p) ? `[${p}]` : `.${p.replace(/~1/g, '/').replace(/~0/g, '~')}`))
    .join('')
    .replace(/^\./, '')
}

function describe(e: ErrorObject): string {
  const at = path(e) || '(top level)'
  if (e.keyword === 'additionalProperties')
    return `${at}: unknown field "${(e.params as { additionalProperty: string }).additionalProperty}"`
  if (e.keyword === 'enum')
    return `${at}: must be one of ${(e.params as { allowedValues: unknown[] }).allowedValues.map((v) => JSON.stringify(v)).join(', ')}`
  return `${at}: ${e.message ?? e.keyword}`
}

/** anyOf failures repeat each branch's error; keep one message per path and keyword family. */
function dedupe(errors: ErrorObject[]): ErrorObject[] {
  const seen = new Set<string>()
  return errors.filter((e) => {
    if (e.keyword === 'anyOf') return false
    const k = `${e.instancePath}|${e.keyword === 'type' ? 'type' : e.message}`
    if (seen.has(k)) return false
    seen.add(k)
    return true
  })
}
