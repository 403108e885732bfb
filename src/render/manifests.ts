// Rendered manifests are read by two YAML libraries, both with the YAML 1.2 core schema:
// js-yaml first, which reads a chart of a hundred objects about four times faster, and `yaml`
// (the library the rest of the action reads YAML with) for any document js-yaml declines: a tag
// or a complex key it has no type for, nesting past its depth limit, or a syntax error, whose
// message is then `yaml`'s. On every scalar of the core schema the two
// give the same value (table-tested in __tests__/unit/manifests.test.ts).
import { CORE_SCHEMA, loadAll } from 'js-yaml'
import { parse } from 'yaml'
import { ExternalError } from '../errors/result.js'

export interface K8sObject {
  apiVersion: string
  kind: string
  metadata: {
    name?: string
    namespace?: string
    labels?: Record<string, string>
    annotations?: Record<string, string>
  }
  [key: string]: unknown
}

export interface RenderedObject {
  kind: string
  apiVersion: string
  name: string
  namespace?: string
  /** Template file that produced it (Helm's `# Source:` comment). */
  source?: string
  object: K8sObject
}

const WORKLOAD_KINDS = new Set([
  'Deployment',
  'StatefulSet',
  'DaemonSet',
  'Job',
  'CronJob',
  'ReplicaSet',
  'Pod'
])

// A line that starts with `---` (alone, or followed by a space or a comment) opens a document,
// wherever it is: YAML forbids it inside any scalar, so splitting on it is exact.
const DOCUMENT_START = /^---(?=[ \t]|$)/m

/**
 * Splits helm's rendered output into objects, keeping the template each came from. Each document
 * is parsed on its own: the multi-document parser keeps a syntax tree with every comment, which
 * costs several times more on a chart of a hundred objects, and only Helm's `# Source:` line of
 * each document is needed.
 */
export function parseManifests(text: string): RenderedObject[] {
  const objects: RenderedObject[] = []
  for (const chunk of text.split(DOCUMENT_START)) {
    const doc = chunk.replace(/^[ \t]+/, '')
    const value = parseDocument(doc) as K8sObject | null
    if (!value || typeof value !== 'object') continue
    // Helm writes `# Source: <chart>/templates/<file>` right after each `---`.
    const source = /^(?:[ \t]*(?:#.*)?\r?\n)*?[ \t]*# Source: (.+)/.exec(doc)?.[1]?.trim()
    const items =
      value.kind?.endsWith('List') && Array.isArray(value.items)
        ? (value.items as K8sObject[])
        : [value]
    for (const o of items) {
      objects.push({
        kind: String(o.kind ?? ''),
        apiVersion: String(o.apiVersion ?? ''),
        name: String(o.metadata?.name ?? ''),
        namespace: o.metadata?.namespace,
        source,
        object: o
      })
    }
  }
  return objects
}

/** One document's value: js-yaml's when it reads the document alone, else `yaml`'s. */
function parseDocument(doc: string): unknown {
  try {
    const docs = loadAll(doc, { schema: CORE_SCHEMA })
    if (docs.length <= 1) return docs[0] ?? null
  } catch {
    // Read again below, where the message is the one every other YAML error of the action has.
  }
  try {
    // A tag yaml cannot resolve leaves the value as written, without a warning on stderr.
    return parse(doc, { logLevel: 'error' })
  } catch (e) {
    throw new ExternalError(`rendered manifest is not valid YAML: ${(e as Error).message}`, {
      cause: e
    })
  }
}

export const isWorkload = (o: RenderedObject): boolean => WORKLOAD_KINDS.has(o.kind)

/** A container of a pod template: the fields the action reads of it. */
export interface ContainerLike {
  name?: string
  image?: string
  env?: Array<{ name: string; value?: unknown }>
  resources?: { requests?: Record<string, unknown>; limits?: Record<string, unknown> }
  readinessProbe?: unknown
}

export interface PodSpecLike {
  containers?: ContainerLike[]
  initContainers?: ContainerLike[]
}

/** The pod template of a workload object, wherever its kind keeps it. */
export function podSpecOf(o: K8sObject): PodSpecLike | undefined {
  const spec = o.spec as Record<string, unknown> | undefined
  if (!spec) return undefined
  if (o.kind === 'Pod') return spec
  if (o.kind === 'CronJob') {
    const job = (spec.jobTemplate as { spec?: { template?: { spec?: PodSpecLike } } } | undefined)
      ?.spec
    return job?.template?.spec
  }
  return (spec.template as { spec?: PodSpecLike } | undefined)?.spec
}

/** Distinct container images, in order of appearance. */
export function imagesOf(objects: readonly RenderedObject[]): string[] {
  const seen = new Set<string>()
  for (const o of objects) {
    const pod = podSpecOf(o.object)
    for (const c of [...(pod?.initContainers ?? []), ...(pod?.containers ?? [])])
      if (c.image) seen.add(c.image)
  }
  return [...seen]
}

export const objectKey = (o: Pick<RenderedObject, 'kind' | 'name' | 'namespace'>): string =>
  `${o.kind}/${o.namespace ? `${o.namespace}/` : ''}${o.name}`
