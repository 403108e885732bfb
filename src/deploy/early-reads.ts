import type { HistoryEntry, ReleaseInfo } from '../helm/release.js'
import { isFreeLease, type LeaseObject } from '../kube/lease.js'
import type { WorkloadRef } from '../kube/types.js'
import { workloadsOf } from '../verify/workloads.js'
import type { ReleaseHelm } from './ports.js'
import type { LockState } from './remediation.js'

// The release's history and current revision, read while the checks still run instead of after
// the deploy lock is taken. They stand for what the release is under the lock only when nobody
// can have changed the release in between:
// - they are read only after a read of the lock's Lease found it free (no holder), and
// - the lock is then taken by replacing exactly that Lease (its resourceVersion), which the API
//   server refuses if anyone wrote the Lease since.
// So no other run of the action took the lock from before the reads until this run held it. In
// every other case (the Lease held, expired or absent; the replace refused; a read failed) the
// deploy reads the release again under the lock, as it always did.

/** The release as read before the lock, with the Lease read just before it. */
export interface EarlyReads {
  /** The free Lease; the lock is first tried by replacing it. */
  lease: LeaseObject
  release: EarlyRelease
}

export interface EarlyRelease {
  history: Promise<HistoryEntry[]>
  status: Promise<ReleaseInfo | undefined>
}

/**
 * Reads the Lease and, when it is free, starts reading the release. Never rejects: undefined
 * when the Lease could not be read or is not free.
 */
export async function readEarly(
  readLease: () => Promise<LeaseObject | undefined>,
  helm: Pick<ReleaseHelm, 'history' | 'status'>
): Promise<EarlyReads | undefined> {
  const lease = await readLease().catch(() => undefined)
  if (!lease || !isFreeLease(lease)) return undefined
  const release = { history: helm.history(), status: helm.status() }
  // Whoever uses them awaits them; unused, their failure must not surface.
  release.history.catch(() => undefined)
  release.status.catch(() => undefined)
  return { lease, release }
}

/** The early reads when the lock proves nobody changed the release since; else undefined. */
export async function earlyReadsToUse(
  lock: LockState,
  early: Promise<EarlyRelease | undefined> | undefined
): Promise<EarlyRelease | undefined> {
  return lock.kind === 'held' && lock.unchangedSincePeek ? early : undefined
}

/** The early read when there is one and it succeeded, else a fresh read. */
export function readAgainUnless<T>(
  early: Promise<T> | undefined,
  read: () => Promise<T>
): Promise<T> {
  return early ? early.catch(() => read()) : read()
}

/**
 * Starts reading the deployed revision's workloads as soon as the early reads name them, so that
 * the baseline snapshot taken under the lock finds their watch streams listed already instead of
 * listing them then. It only warms the watch: what the deploy reads, and when, is unchanged.
 */
export function prewarmBaseline(
  early: Promise<EarlyReads | undefined>,
  namespace: string,
  snapshot: (refs: readonly WorkloadRef[]) => Promise<unknown>
): void {
  early
    .then(async (e) => {
      const current = await e?.release.status
      if (current) await snapshot(workloadsOf(current.manifest, namespace))
    })
    .catch(() => undefined)
}
