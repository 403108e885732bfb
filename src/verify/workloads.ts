import type { WorkloadRef } from '../kube/types.js'
import { parseManifests, type RenderedObject } from '../render/manifests.js'

const WORKLOADS = new Set<string>(['Deployment', 'StatefulSet', 'DaemonSet', 'Job'])

/**
 * API groups of Kubernetes itself. Objects of other groups are custom resources: they are
 * verified when their status follows the usual conventions (conditions, observedGeneration).
 */
const BUILT_IN_GROUPS = new Set([
  '',
  'apps',
  'batch',
  'autoscaling',
  'policy',
  'networking.k8s.io',
  'rbac.authorization.k8s.io',
  'storage.k8s.io',
  'scheduling.k8s.io',
  'coordination.k8s.io',
  'discovery.k8s.io',
  'node.k8s.io',
  'admissionregistration.k8s.io',
  'apiextensions.k8s.io',
  'apiregistration.k8s.io',
  'certificates.k8s.io',
  'events.k8s.io',
  'flowcontrol.apiserver.k8s.io',
  'resource.k8s.io',
  'storagemigration.k8s.io',
  'authentication.k8s.io',
  'authorization.k8s.io'
])

const groupOf = (apiVersion: string): string =>
  apiVersion.includes('/') ? apiVersion.split('/')[0] : ''

/** Hook phases Helm runs during an install or upgrade; `test` hooks run only in `helm test`. */
export const DEPLOY_HOOK_PHASES = new Set([
  'pre-install',
  'post-install',
  'pre-upgrade',
  'post-upgrade'
])

function hookPhases(o: RenderedObject): string[] | undefined {
  const h = o.object.metadata.annotations?.['helm.sh/hook']
  if (!h) return undefined
  return h
    .split(',')
    .map((p) => p.trim())
    .filter(Boolean)
}

function isClusterScoped(o: RenderedObject): boolean {
  return /^(Namespace|ClusterRole|ClusterRoleBinding|CustomResourceDefinition|StorageClass|PriorityClass|PersistentVolume|IngressClass|ValidatingWebhookConfiguration|MutatingWebhookConfiguration|APIService)$/.test(
    o.kind
  )
}

/**
 * The objects of a release manifest (and its hooks) whose rollout the action verifies: the
 * workloads, wherever the chart places them, and custom resources that may report status.
 * Hooks of `helm test` are left out: they run only when tests are asked for.
 */
export function workloadsOf(manifest: string, namespace: string, hooks = ''): WorkloadRef[] {
  const refs: WorkloadRef[] = []
  const add = (text: string, hook: boolean): void => {
    for (const o of parseManifests(text)) {
      const phases = hook ? hookPhases(o) : undefined
      if (hook && !phases?.some((p) => DEPLOY_HOOK_PHASES.has(p))) continue
      const ns = o.namespace ?? namespace
      if (WORKLOADS.has(o.kind) && groupOf(o.apiVersion) !== '') {
        const spec = o.object.spec as { ttlSecondsAfterFinished?: unknown } | undefined
        const ttl = spec?.ttlSecondsAfterFinished
        refs.push({
          kind: o.kind,
          name: o.name,
          namespace: ns,
          ...(phases ? { hook: phases } : {}),
          ...(o.kind === 'Job' && typeof ttl === 'number' ? { ttlSecondsAfterFinished: ttl } : {})
        })
      } else if (!hook && !BUILT_IN_GROUPS.has(groupOf(o.apiVersion)) && !isClusterScoped(o)) {
        refs.push({ kind: o.kind, apiVersion: o.apiVersion, name: o.name, namespace: ns })
      }
    }
  }
  add(manifest, false)
  if (hooks) add(hooks, true)
  return refs
}

export const isCustom = (w: WorkloadRef): boolean => w.apiVersion !== undefined

/** `Deployment/goatflow-backend`, with the namespace when it is not the release's. */
export function workloadName(
  w: { kind: string; name: string; namespace?: string },
  releaseNamespace?: string
): string {
  return w.namespace && releaseNamespace !== undefined && w.namespace !== releaseNamespace
    ? `${w.kind}/${w.namespace}/${w.name}`
    : `${w.kind}/${w.name}`
}
