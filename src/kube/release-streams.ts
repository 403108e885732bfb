import { collectionPath, resourceForKind, type ApiResourceList } from './api-discovery.js'
import { selectorQuery } from './label-selector.js'
import { snapshotOf } from './snapshot.js'
import type { KubeEvent, LabelSelector, Snapshot, WorkloadRef } from './types.js'
import type { ApiObject } from './watch-cache.js'

/** One LIST+WATCH of a collection, narrowed by selectors to what the release owns. */
export interface StreamSpec {
  /** Identity: the path and query; workloads that share a selector share the stream. */
  key: string
  path: string
  query: Readonly<Record<string, string>>
  /** The kind of the collection's items (LIST items carry none). */
  kind: string
  /** For messages: `pods of Deployment/web in namespace shop`. */
  what: string
  /** Events and custom resources: the rollout can be judged without them (a warning instead). */
  optional: boolean
  /** Where its items go in a Snapshot. */
  role: 'objects' | 'events' | 'custom'
  /** False for resources that cannot be watched: they are listed again on every poll. */
  watchable: boolean
}

const BUILT_IN: Readonly<Record<string, { group: string; plural: string }>> = {
  Deployment: { group: 'apps/v1', plural: 'deployments' },
  StatefulSet: { group: 'apps/v1', plural: 'statefulsets' },
  DaemonSet: { group: 'apps/v1', plural: 'daemonsets' },
  Job: { group: 'batch/v1', plural: 'jobs' },
  ReplicaSet: { group: 'apps/v1', plural: 'replicasets' },
  ControllerRevision: { group: 'apps/v1', plural: 'controllerrevisions' },
  Pod: { group: 'v1', plural: 'pods' },
  Event: { group: 'v1', plural: 'events' }
}

/** What each workload kind's rollout is judged on, besides the workload itself. */
const DEPENDENTS: Readonly<Record<string, readonly string[]>> = {
  Deployment: ['ReplicaSet', 'Pod'],
  StatefulSet: ['ControllerRevision', 'Pod'],
  DaemonSet: ['ControllerRevision', 'Pod'],
  Job: ['Pod']
}

/**
 * Above this many pods in a namespace, their events come from one stream of all pod events of
 * the namespace (filtered here by name) instead of one stream per pod: an event field selector
 * takes one name only.
 */
export const MAX_PER_POD_EVENT_STREAMS = 20

const spec = (
  kind: string,
  namespace: string,
  query: Record<string, string>,
  what: string,
  optional = false
): StreamSpec => {
  const b = BUILT_IN[kind]
  const path = collectionPath(
    b.group,
    { plural: b.plural, namespaced: true, watchable: true },
    namespace
  )
  const role = kind === 'Event' ? 'events' : 'objects'
  return keyed({ path, query, kind, what, optional, role, watchable: true })
}

function keyed(s: Omit<StreamSpec, 'key'>): StreamSpec {
  const q = new URLSearchParams(Object.entries(s.query).sort(([a], [b]) => a.localeCompare(b)))
  return { ...s, key: `${s.path}?${q.toString()}` }
}

export const refKey = (r: WorkloadRef): string =>
  `${r.apiVersion ?? ''}/${r.kind}/${r.namespace}/${r.name}`

const label = (r: WorkloadRef): string => `${r.kind}/${r.name} in namespace ${r.namespace}`

/** The stream that follows one workload or custom resource by name, once its REST path is known. */
export function objectStream(
  r: WorkloadRef,
  discovery: (apiVersion: string) => ApiResourceList | undefined
): StreamSpec | undefined {
  const byName = { fieldSelector: `metadata.name=${r.name}` }
  if (r.apiVersion === undefined) return spec(r.kind, r.namespace, byName, label(r))
  const doc = discovery(r.apiVersion)
  const res = doc && resourceForKind(doc, r.kind)
  if (!res) return undefined
  return keyed({
    path: collectionPath(r.apiVersion, res, r.namespace),
    query: byName,
    kind: r.kind,
    what: label(r),
    optional: true,
    role: 'custom',
    watchable: res.watchable
  })
}

/**
 * The streams a workload's rollout is judged on, from the workload object itself: its
 * ReplicaSets or ControllerRevisions and its pods by the workload's own spec.selector, and the
 * events about a StatefulSet (its FailedCreate warnings). A workload not read yet has none.
 */
export function dependentStreams(r: WorkloadRef, workload: ApiObject | undefined): StreamSpec[] {
  if (r.apiVersion !== undefined || !workload) return []
  const selector = selectorQuery(
    (workload as { spec?: { selector?: LabelSelector } }).spec?.selector
  )
  const out: StreamSpec[] = []
  if (selector !== undefined)
    for (const kind of DEPENDENTS[r.kind] ?? [])
      out.push(spec(kind, r.namespace, { labelSelector: selector }, `${kind}s of ${label(r)}`))
  if (r.kind === 'StatefulSet')
    out.push(
      spec(
        'Event',
        r.namespace,
        { fieldSelector: `involvedObject.kind=StatefulSet,involvedObject.name=${r.name}` },
        `events about ${label(r)}`,
        true
      )
    )
  return out
}

/** The streams of events about the given pods of one namespace. */
export function podEventStreams(namespace: string, podNames: readonly string[]): StreamSpec[] {
  const names = [...new Set(podNames)].sort()
  if (names.length > MAX_PER_POD_EVENT_STREAMS)
    return [
      spec(
        'Event',
        namespace,
        { fieldSelector: 'involvedObject.kind=Pod' },
        `pod events in namespace ${namespace}`,
        true
      )
    ]
  return names.map((n) =>
    spec(
      'Event',
      namespace,
      { fieldSelector: `involvedObject.kind=Pod,involvedObject.name=${n}` },
      `events about pod ${n} in namespace ${namespace}`,
      true
    )
  )
}

const objectId = (o: ApiObject): string =>
  `${o.kind}/${o.metadata.namespace ?? ''}/${o.metadata.name}`

/**
 * The Snapshot the rollout is judged on, from the caches of the release's streams: each object
 * once (streams of overlapping selectors hold the same pods), and of the events only those about
 * the release's pods and workloads (a namespace-wide pod event stream holds others too).
 */
export function snapshotFromStreams(
  streams: ReadonlyArray<{ spec: StreamSpec; items: readonly ApiObject[] }>
): Snapshot {
  const by = (role: StreamSpec['role']): ApiObject[] => {
    const seen = new Map<string, ApiObject>()
    for (const s of streams)
      if (s.spec.role === role) for (const o of s.items) seen.set(objectId(o), o)
    return [...seen.values()]
  }
  const objects = by('objects')
  const pods = new Set(
    objects
      .filter((o) => o.kind === 'Pod')
      .map((p) => `${p.metadata.namespace ?? ''}/${p.metadata.name}`)
  )
  const events = (by('events') as unknown as KubeEvent[]).filter(
    (e) =>
      e.involvedObject.kind !== 'Pod' ||
      pods.has(
        `${e.involvedObject.namespace ?? e.metadata.namespace ?? ''}/${e.involvedObject.name}`
      )
  )
  return snapshotOf(
    objects as Array<{ kind: string }>,
    events,
    by('custom') as Array<{ kind: string }>
  )
}
