import type { WorkloadKind, WorkloadRef } from '../kube/types.js'
import { parseManifests } from '../render/manifests.js'

const KINDS = new Set<string>(['Deployment', 'StatefulSet', 'DaemonSet', 'Job'])

/**
 * The workloads a release manifest holds, in the release namespace. Objects placed in another
 * namespace are returned separately: the rollout check reads one namespace.
 */
export function workloadsOf(
  manifest: string,
  namespace: string,
  hooks = ''
): { workloads: WorkloadRef[]; elsewhere: string[] } {
  const workloads: WorkloadRef[] = []
  const elsewhere: string[] = []
  const add = (text: string, hook: boolean): void => {
    for (const o of parseManifests(text)) {
      if (!KINDS.has(o.kind)) continue
      const ns = o.namespace ?? namespace
      if (ns !== namespace) {
        elsewhere.push(`${o.kind}/${ns}/${o.name}`)
        continue
      }
      workloads.push({
        kind: o.kind as WorkloadKind,
        name: o.name,
        namespace: ns,
        ...(hook ? { hook } : {})
      })
    }
  }
  add(manifest, false)
  if (hooks) add(hooks, true)
  return { workloads, elsewhere }
}
