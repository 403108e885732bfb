import { podSpecOf, type ContainerLike, type K8sObject } from '../render/manifests.js'
import { looksSecret, MASK } from '../exec/redact.js'

type Json = null | boolean | number | string | Json[] | { [k: string]: Json }

const clone = <T>(v: T): T => JSON.parse(JSON.stringify(v)) as T

/** A marker that says whether a hidden value changed, without revealing either value. */
function marker(before: unknown, after: unknown, marks: boolean): string {
  if (!marks) return MASK
  if (before === undefined) return `${MASK} (added)`
  if (after === undefined) return `${MASK} (removed)`
  return JSON.stringify(before) === JSON.stringify(after) ? MASK : `${MASK} (changed)`
}

function maskMap(
  after: Record<string, Json> | undefined,
  before: Record<string, Json> | undefined,
  every: boolean,
  marks: boolean
): Record<string, Json> | undefined {
  if (!after || typeof after !== 'object') return after
  const out: Record<string, Json> = {}
  for (const [k, v] of Object.entries(after))
    out[k] = every || looksSecret(k) ? marker(before?.[k], v, marks) : v
  return out
}

/** The containers, then the init containers, of the object's pod template. */
function podTemplateContainers(o: Record<string, unknown>): ContainerLike[] {
  const pod = podSpecOf(o as K8sObject)
  return [...(pod?.containers ?? []), ...(pod?.initContainers ?? [])]
}

/**
 * A copy of an object safe to show: every value of a Secret, credential-looking keys of
 * ConfigMaps and credential-looking container env values become "***", marked when they change.
 * With `before` (the same object's previous version) each mask says whether the value was
 * added or changed; without it every hidden value is a plain "***".
 */
export function maskObject(after: K8sObject, before?: K8sObject): K8sObject {
  const marks = before !== undefined
  const o = clone(after) as unknown as Record<string, unknown>
  const prev = before ? (clone(before) as unknown as Record<string, unknown>) : undefined
  if (o.kind === 'Secret') {
    o.data = maskMap(
      o.data as Record<string, Json>,
      prev?.data as Record<string, Json>,
      true,
      marks
    )
    o.stringData = maskMap(
      o.stringData as Record<string, Json>,
      prev?.stringData as Record<string, Json>,
      true,
      marks
    )
    if (o.data === undefined) delete o.data
    if (o.stringData === undefined) delete o.stringData
  } else if (o.kind === 'ConfigMap') {
    o.data = maskMap(
      o.data as Record<string, Json>,
      prev?.data as Record<string, Json>,
      false,
      marks
    )
    if (o.data === undefined) delete o.data
  }
  const prevContainers = prev ? podTemplateContainers(prev) : []
  podTemplateContainers(o).forEach((c, i) => {
    for (const e of c.env ?? []) {
      if (e.value === undefined || !looksSecret(e.name)) continue
      const old = prevContainers[i]?.env?.find((x) => x.name === e.name)?.value
      e.value = marker(old, e.value, marks)
    }
  })
  const annotations = (o.metadata as { annotations?: Record<string, string> } | undefined)
    ?.annotations
  // kubectl's last-applied annotation repeats the whole object, Secret data included.
  if (annotations?.['kubectl.kubernetes.io/last-applied-configuration'])
    annotations['kubectl.kubernetes.io/last-applied-configuration'] = MASK
  return o as unknown as K8sObject
}
