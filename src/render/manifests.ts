import { parseAllDocuments } from 'yaml'

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

/** Splits helm's rendered output into objects, keeping the template each came from. */
export function parseManifests(text: string): RenderedObject[] {
  const objects: RenderedObject[] = []
  for (const doc of parseAllDocuments(text)) {
    if (doc.errors.length > 0)
      throw new Error(`rendered manifest is not valid YAML: ${doc.errors[0].message}`)
    const value = doc.toJS() as K8sObject | null
    if (!value || typeof value !== 'object') continue
    // Helm writes `# Source:` after each `---`; without a leading `---` the comment belongs to
    // the first key instead.
    const contents = doc.contents as {
      commentBefore?: string
      items?: Array<{ key?: { commentBefore?: string } }>
    } | null
    const comments = [
      doc.commentBefore,
      contents?.commentBefore,
      contents?.items?.[0]?.key?.commentBefore
    ].join('\n')
    const source = /Source: (.+)/.exec(comments)?.[1]?.trim()
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

export const isWorkload = (o: RenderedObject): boolean => WORKLOAD_KINDS.has(o.kind)

interface PodSpecLike {
  containers?: Array<{ image?: string }>
  initContainers?: Array<{ image?: string }>
}

/** The pod template of a workload object, wherever its kind keeps it. */
export function podSpecOf(o: K8sObject): PodSpecLike | undefined {
  const spec = o.spec as Record<string, unknown> | undefined
  if (!spec) return undefined
  if (o.kind === 'Pod') return spec as PodSpecLike
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
