/** The REST path of an API group version: `v1` is the core group under /api, others under /apis. */
export function groupVersionPath(apiVersion: string): string {
  return apiVersion.includes('/') ? `/apis/${apiVersion}` : `/api/${apiVersion}`
}

/** An APIResourceList as GET /apis/<group>/<version> returns it. */
export interface ApiResourceList {
  resources?: Array<{ name: string; kind: string; namespaced: boolean; verbs?: string[] }>
}

export interface ApiResource {
  /** The plural in the path (`certificates`). */
  plural: string
  namespaced: boolean
  /** Whether the resource may be watched (else it is listed again on every read). */
  watchable: boolean
}

/**
 * The resource that serves a kind in a discovery document. Subresources (`certificates/status`)
 * carry the kind of their parent, and some (`deployments/scale`) another kind altogether: only
 * top-level resources are collections that can be listed.
 */
export function resourceForKind(doc: ApiResourceList, kind: string): ApiResource | undefined {
  const r = (doc.resources ?? []).find((x) => x.kind === kind && !x.name.includes('/'))
  if (!r) return undefined
  return {
    plural: r.name,
    namespaced: r.namespaced,
    watchable: r.verbs === undefined || r.verbs.includes('watch')
  }
}

/** The collection path of a resource, in a namespace when it is namespaced. */
export function collectionPath(apiVersion: string, r: ApiResource, namespace: string): string {
  const ns = r.namespaced ? `/namespaces/${encodeURIComponent(namespace)}` : ''
  return `${groupVersionPath(apiVersion)}${ns}/${r.plural}`
}
