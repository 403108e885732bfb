// What the action marks as its own when it creates it, and the decision `mode: remove` takes from
// those marks. Pure. A preview release and its namespace can only be removed when the marks say
// this action created them (or force says the person running it knows better), so a wrong
// `release` or `namespace` input cannot delete production.

const DOMAIN = 'deploy-action.goatflow.io'

/** Label on a namespace the action created: the value names the release it was created for. */
export const NAMESPACE_CREATED_FOR = `${DOMAIN}/created-for`
/** Annotation on that namespace: the run that created it. */
export const NAMESPACE_CREATED_BY_RUN = `${DOMAIN}/created-by-run`
/**
 * Helm release label (`helm upgrade --install --labels`, kept on every later revision and on
 * rollbacks by Helm 3.14+ and 4) on a release the action installed. Helm stores release labels on
 * its storage Secrets, where kubectl reads them for both majors (`helm get metadata` shows them
 * only in Helm 4).
 */
export const RELEASE_INSTALLED_BY = `${DOMAIN}/installed-by`
export const RELEASE_INSTALLED_BY_VALUE = 'deploy-action'

/** Namespaces no input may ever delete, force or not. */
const PROTECTED_NAMESPACES = new Set(['default', 'kube-system', 'kube-public', 'kube-node-lease'])

export interface NamespaceObject {
  apiVersion: 'v1'
  kind: 'Namespace'
  metadata: {
    name: string
    labels?: Record<string, string>
    annotations?: Record<string, string>
  }
}

/** The namespace deploy creates for a release (create-namespace), marked as the action's. */
export function markedNamespace(name: string, release: string, runUrl?: string): NamespaceObject {
  return {
    apiVersion: 'v1',
    kind: 'Namespace',
    metadata: {
      name,
      labels: { [NAMESPACE_CREATED_FOR]: release },
      ...(runUrl ? { annotations: { [NAMESPACE_CREATED_BY_RUN]: runUrl } } : {})
    }
  }
}

/** Helm takes `--labels` from 3.14 on; an older Helm 3 installs the release unmarked. */
export function releaseLabelsSupported(helmVersion: string): boolean {
  const m = /^v?(\d+)\.(\d+)/.exec(helmVersion)
  if (!m) return false
  const [major, minor] = [Number(m[1]), Number(m[2])]
  return major > 3 || (major === 3 && minor >= 14)
}

/** The labels marking a release this run installs, when the Helm in use can set them. */
export const installedByLabels = (helmVersion: string): Record<string, string> | undefined =>
  releaseLabelsSupported(helmVersion)
    ? { [RELEASE_INSTALLED_BY]: RELEASE_INSTALLED_BY_VALUE }
    : undefined

/** What `mode: remove` finds before it changes anything. */
export interface RemoveFacts {
  release: string
  namespace: string
  /** The release has revisions in helm history. */
  releaseExists: boolean
  /** Its Helm records carry RELEASE_INSTALLED_BY. */
  releaseMarked: boolean
  deleteNamespace: boolean
  /**
   * The namespace: absent, present with the release it was created for (undefined when the action
   * did not create it), or unreadable (RBAC) with the reason.
   */
  namespaceState:
    | { kind: 'absent' }
    | { kind: 'present'; createdFor?: string }
    | { kind: 'unreadable'; reason: string }
  force: boolean
}

export type RemovePlan =
  | { kind: 'remove'; uninstall: boolean; deleteNamespace: boolean; notes: string[] }
  | { kind: 'refuse'; reason: string }

/** Decides everything before the first change: a refusal leaves the release and namespace as they are. */
export function decideRemove(f: RemoveFacts): RemovePlan {
  const where = `release "${f.release}" in namespace "${f.namespace}"`
  const problems: string[] = []
  const notes: string[] = []
  if (f.releaseExists && !f.releaseMarked) {
    if (f.force) notes.push(`force: true removes ${where}, which this action did not install`)
    else
      problems.push(
        `Input "release" "${f.release}": ${where} was not installed by this action (its Helm records carry no ${RELEASE_INSTALLED_BY} label), so it is not removed. Check the release and namespace inputs; if this really is the release to delete, set force: true.`
      )
  }
  if (!f.releaseExists) notes.push(`${where} is not installed (already removed?)`)

  let deleteNamespace = false
  if (f.deleteNamespace) {
    const ns = f.namespaceState
    if (PROTECTED_NAMESPACES.has(f.namespace))
      problems.push(
        `Input "namespace" "${f.namespace}": delete-namespace never deletes ${f.namespace}, even with force. Set delete-namespace: false.`
      )
    else if (ns.kind === 'absent')
      notes.push(`namespace "${f.namespace}" does not exist (or is being deleted)`)
    else if (ns.kind === 'unreadable')
      problems.push(
        `Input "delete-namespace": true, but namespace "${f.namespace}" cannot be read (${ns.reason}), so the action cannot tell whether it created it. Grant get and delete on namespaces, or set delete-namespace: false.`
      )
    else if (ns.createdFor === f.release) deleteNamespace = true
    else if (f.force) {
      deleteNamespace = true
      notes.push(
        `force: true deletes namespace "${f.namespace}", which this action ${ns.createdFor ? `created for release "${ns.createdFor}"` : 'did not create'}`
      )
    } else
      problems.push(
        `Input "delete-namespace": true, but namespace "${f.namespace}" ${ns.createdFor ? `was created by this action for release "${ns.createdFor}", not "${f.release}"` : `was not created by this action (no ${NAMESPACE_CREATED_FOR} label)`}, so it is not deleted. Set delete-namespace: false to remove only the release, or force: true if the namespace really is to go with everything in it.`
      )
  }
  if (problems.length > 0)
    return { kind: 'refuse', reason: `Nothing was removed. ${problems.join(' ')}` }
  return { kind: 'remove', uninstall: f.releaseExists, deleteNamespace, notes }
}
