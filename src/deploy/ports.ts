import type { CommandResult, RunningCommand } from '../exec/runner.js'
import * as helmArgs from '../helm/args.js'
import type { Helm } from '../helm/helm.js'
import type { HistoryEntry, ReleaseInfo } from '../helm/release.js'
import type { StoredRecords, StoredRelease } from '../helm/storage.js'
import type { Snapshot, WorkloadRef } from '../kube/types.js'
import type { LockState } from './remediation.js'

// The narrow ports the deploy core works through: helm bound to one release, what it reads of the
// cluster, and the deploy lock. The real ones wrap Helm, the release watch and the Lease; unit
// tests replace them with tables of answers.

/** helm, bound to one release and its options: everything the deploy, the pending recovery and the post step ask of it. */
export interface ReleaseHelm {
  readonly release: string
  /** helm's version (a first install is labelled only where helm supports release labels). */
  readonly version: string
  history(): Promise<HistoryEntry[]>
  /** The current release, or undefined when there is none. */
  status(): Promise<ReleaseInfo | undefined>
  manifest(revision: number): Promise<string>
  /** The manifest and hooks helm recorded for a revision; undefined while it has not recorded it. */
  recorded(revision: number): Promise<{ manifest: string; hooks: string } | undefined>
  /** Starts `helm upgrade --install` without --wait; the rollout is watched by the action. */
  startUpgrade(o: { createNamespace: boolean; labels?: Record<string, string> }): RunningCommand
  test(): Promise<CommandResult>
  /** `helm rollback` without --wait: helm rollback has no signal handling, so it must never be interrupted. */
  rollback(revision: number): Promise<CommandResult>
  uninstall(): Promise<CommandResult>
}

/** What the deploy reads of the cluster while it follows a rollout (a ReleaseWatch, or kubectl lists). */
export interface RolloutReader {
  snapshot(refs: readonly WorkloadRef[]): Promise<Snapshot>
  /** Calls back when an object of the release changed, so the watcher reads at once. */
  onChange?(listener: () => void): () => void
}

/** The deploy lock of one release (a Lease), or its absence with lock: false. */
export interface LockPort {
  /** Waits for the lock and holds it; says what it found (free, expired, or no lock at all). */
  acquire(): Promise<LockState>
  /** Frees the lock if held; only ever warns. */
  release(): Promise<void>
}

export interface ReleaseHelmOptions {
  timeoutSeconds: number
  historyMax: number
}

/**
 * The release's records read from the cluster without helm (helm/storage.ts). Each read says
 * undefined (or rejects) when it cannot tell this way, and helm is asked instead.
 */
export type StoredReads = Pick<StoredRecords, 'read' | 'release'>

/** The real ReleaseHelm: the session's helm with argument arrays from helm/args. */
export function releaseHelm(
  helm: Helm,
  target: helmArgs.Target,
  o: ReleaseHelmOptions,
  upgrade?: { chart: helmArgs.ChartSpec; values: helmArgs.ValuesSpec },
  stored?: StoredReads
): ReleaseHelm {
  // history() and status() asked together (as the deploy does) share one read of the records.
  let reading: Promise<StoredRelease | undefined> | undefined
  const storedRelease = (): Promise<StoredRelease | undefined> => {
    if (!stored) return Promise.resolve(undefined)
    reading ??= stored
      .release()
      .catch(() => undefined)
      .finally(() => setImmediate(() => (reading = undefined)))
    return reading
  }
  return {
    release: target.release,
    version: helm.version,
    history: async () => (await storedRelease())?.history ?? helm.history(target),
    async status() {
      const s = await storedRelease()
      return s ? s.current : helm.status(target)
    },
    manifest: (revision) => helm.manifest(target, revision),
    async recorded(revision) {
      const found = await stored?.read(revision).catch(() => undefined)
      if (found) return found.found ? found.record : undefined
      const [m, h] = await Promise.all([
        helm.runAllowingFailure(helmArgs.getManifestArgs(target, revision), { echo: false }),
        helm.runAllowingFailure(helmArgs.getHooksArgs(target, revision), { echo: false })
      ])
      if (m.exitCode !== 0) return undefined
      return { manifest: m.stdout, hooks: h.exitCode === 0 ? h.stdout : '' }
    },
    startUpgrade({ createNamespace, labels }) {
      if (!upgrade) throw new Error('releaseHelm: no chart and values given for an upgrade')
      return helm.start(
        helmArgs.upgradeArgs(helm.dialect, target, upgrade.chart, upgrade.values, {
          timeoutSeconds: o.timeoutSeconds,
          historyMax: o.historyMax,
          createNamespace,
          labels,
          // No helm --wait: the verdict is the action's own (helm's wait would also hold a deploy
          // on a LoadBalancer address or an unbound volume, and ends only at its timeout).
          wait: false
        })
      )
    },
    test: () =>
      helm.runAllowingFailure(helmArgs.testArgs(target, { timeoutSeconds: o.timeoutSeconds })),
    rollback: (revision) =>
      helm.runAllowingFailure(
        helmArgs.rollbackArgs(helm.dialect, target, revision, {
          timeoutSeconds: o.timeoutSeconds,
          historyMax: o.historyMax
        })
      ),
    uninstall: () =>
      helm.runAllowingFailure(helmArgs.uninstallArgs(target, { timeoutSeconds: o.timeoutSeconds }))
  }
}
