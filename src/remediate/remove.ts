import * as helmArgs from '../helm/args.js'
import type { DeployDeps } from '../deploy/deploy.js'
import { DeployLock, defaultLockTiming, holderFromEnv } from '../kube/lease.js'
import { defaultRetryPolicy } from '../kube/retry.js'
import { imagesOf, parseManifests } from '../render/manifests.js'
import { UserError } from '../errors/result.js'
import type { Session } from '../run/session.js'
import { decideRemove, RELEASE_INSTALLED_BY, RELEASE_INSTALLED_BY_VALUE } from './marks.js'
import { namespaceState } from './namespace.js'

/** What `mode: remove` did, for the summary, the outputs and the pull request comment. */
export interface RemoveOutcome {
  release: string
  namespace: string
  /** The revision that was live, when the release existed. */
  lastRevision?: number
  lastChart?: string
  imagesBefore: string[]
  uninstalled: boolean
  namespaceDeleted: boolean
  /** What was found or forced, for the report. */
  notes: string[]
  durationSeconds: number
}

const secondsBetween = (from: number, to: number): number => Math.round((to - from) / 100) / 10

/**
 * Removes a preview environment: uninstalls the release and, with delete-namespace, deletes its
 * namespace, each only when this action created it (or force). Everything is decided before the
 * first change, so a refusal leaves both as they are. Waits for a deploy of the release that holds
 * its lock, so a preview being deployed is not removed half-way.
 */
export async function removeRelease(s: Session, deps: DeployDeps): Promise<RemoveOutcome> {
  const { helm, target, config, log } = s
  const namespace = target.namespace ?? 'default'
  const warn = deps.warn ?? ((l: string) => s.log(`Warning: ${l}`))
  const start = deps.clock.now().getTime()
  const policy = { ...defaultRetryPolicy(log), deadline: () => undefined }
  helm.retryReads(policy)
  deps.kube.configure({ retry: policy, warn })

  const nsState = await namespaceState(deps.kube)
  let lock: DeployLock | undefined
  // The lock's Lease lives in the namespace: without one there is no deploy to wait for.
  if (config.lock && nsState.kind !== 'absent') {
    lock = new DeployLock(deps.kube, config.release, deps.holder ?? holderFromEnv(process.env), {
      ...defaultLockTiming,
      ...deps.lockTiming,
      clock: deps.clock,
      log,
      warn
    })
    await lock.acquire(config.lockTimeoutSeconds)
    deps.remember?.({ lock: { name: lock.name, holder: lock.me.identity } })
    lock.startRenewing()
  }
  try {
    const history = await helm.history(target)
    const marked =
      history.length > 0 &&
      (
        await deps.kube.listObjects<{ metadata: { labels?: Record<string, string> } }>(
          'secrets',
          `owner=helm,name=${config.release},${RELEASE_INSTALLED_BY}=${RELEASE_INSTALLED_BY_VALUE}`
        )
      ).length > 0
    const plan = decideRemove({
      release: config.release,
      namespace,
      releaseExists: history.length > 0,
      releaseMarked: marked,
      deleteNamespace: config.deleteNamespace,
      namespaceState: nsState,
      force: config.force
    })
    if (plan.kind === 'refuse') throw new UserError(plan.reason)
    for (const n of plan.notes) log(n)

    const last = history.at(-1)
    const outcome: RemoveOutcome = {
      release: config.release,
      namespace,
      lastRevision: last?.revision,
      lastChart: last?.chart,
      imagesBefore: last
        ? imagesOf(parseManifests(await helm.manifest(target, last.revision).catch(() => '')))
        : [],
      uninstalled: false,
      namespaceDeleted: false,
      notes: plan.notes,
      durationSeconds: 0
    }
    if (plan.uninstall) {
      log(`Uninstalling ${config.release} from ${namespace}`)
      await helm.run(helmArgs.uninstallArgs(target, { timeoutSeconds: config.timeoutSeconds }))
      outcome.uninstalled = true
    }
    if (plan.deleteNamespace) {
      // The lock goes with the namespace: free it first so no one waits on a Lease being deleted.
      await lock?.release().catch(() => undefined)
      lock = undefined
      log(`Deleting namespace ${namespace} (created by this action for ${config.release})`)
      outcome.namespaceDeleted = await deps.kube.deleteObject('namespace', namespace)
    }
    outcome.durationSeconds = secondsBetween(start, deps.clock.now().getTime())
    return outcome
  } finally {
    await lock?.releaseOrWarn(warn)
  }
}
