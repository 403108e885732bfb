import type { ObjectMeta } from './types.js'

/** Any API object as a LIST or WATCH returns it. */
export interface ApiObject {
  kind?: string
  apiVersion?: string
  metadata: ObjectMeta & { resourceVersion?: string }
}

/** One line of a watch stream (k8s.io/apimachinery/pkg/apis/meta/v1 WatchEvent). */
export interface WatchEvent {
  /** ADDED, MODIFIED, DELETED, BOOKMARK or ERROR (any other type is read as an error). */
  type: string
  object: ApiObject & { code?: number; reason?: string; message?: string }
}

/** What one watch event did to a stream's cache. */
export type Applied =
  | { kind: 'changed' | 'unchanged'; resourceVersion?: string }
  /** The resourceVersion is too old (410 Gone / Expired): the stream must LIST again. */
  | { kind: 'gone' }
  | { kind: 'error'; message: string }

export type ObjectCache = Map<string, ApiObject>

const keyOf = (o: ApiObject): string => `${o.metadata.namespace ?? ''}/${o.metadata.name}`

/** Objects of a LIST carry no kind; the stream knows it, and the snapshot sorts by it. */
const stamped = (o: ApiObject, kind: string): ApiObject => (o.kind ? o : { ...o, kind })

/**
 * Applies one watch event to a cache (what client-go's reflector does with a store). BOOKMARK only
 * moves the resourceVersion on; an ERROR with code 410 or reason Expired/Gone means the server no
 * longer has history that old, and the stream has to LIST again.
 */
export function applyWatchEvent(cache: ObjectCache, e: WatchEvent, kind: string): Applied {
  const rv = e.object?.metadata?.resourceVersion
  switch (e.type) {
    case 'ADDED':
    case 'MODIFIED': {
      const key = keyOf(e.object)
      const old = cache.get(key)
      cache.set(key, stamped(e.object, kind))
      return {
        kind: old?.metadata.resourceVersion === rv ? 'unchanged' : 'changed',
        resourceVersion: rv
      }
    }
    case 'DELETED':
      return { kind: cache.delete(keyOf(e.object)) ? 'changed' : 'unchanged', resourceVersion: rv }
    case 'BOOKMARK':
      return { kind: 'unchanged', resourceVersion: rv }
    case 'ERROR': {
      const o = e.object ?? {}
      if (o.code === 410 || o.reason === 'Expired' || o.reason === 'Gone') return { kind: 'gone' }
      return {
        kind: 'error',
        message: `${o.code ?? ''} ${o.reason ?? ''}: ${o.message ?? ''}`.trim()
      }
    }
    default:
      return { kind: 'error', message: `unknown watch event type ${JSON.stringify(e.type)}` }
  }
}

/** Replaces a cache with the items of a LIST; tells whether anything differs from before. */
export function replaceCache(
  cache: ObjectCache,
  items: readonly ApiObject[],
  kind: string
): boolean {
  const next = new Map(items.map((o) => [keyOf(o), stamped(o, kind)]))
  let changed = next.size !== cache.size
  for (const [k, o] of next)
    if (cache.get(k)?.metadata.resourceVersion !== o.metadata.resourceVersion) changed = true
  cache.clear()
  for (const [k, o] of next) cache.set(k, o)
  return changed
}
