import { everDeployed, isPending, lastGoodRevision, type HistoryEntry } from '../helm/release.js'

// The one place that decides whether the action may undo anything on a release. The rule: only
// what this run itself recorded is ever rolled back or uninstalled, and a pending release is only
// taken over when no deploy holds its lock. Helm's own upgrade refuses a pending release
// ("another operation (install/upgrade/rollback) is in progress", pkg/action/upgrade.go) because
// its state "is unknown and not to be trusted" (helm/helm PR #7653).

/** Whether the action could tell that no other deploy is working on the release. */
export type LockState =
  /** This run holds the deploy lock; before, it was free (or never taken) or its holder expired. */
  | {
      kind: 'held'
      previous: 'free' | 'expired'
      previousHolder?: string
      /** Taken by replacing the free Lease read before the early reads (early-reads.ts). */
      unchangedSincePeek?: boolean
    }
  /** The deploy runs without the lock (lock: false): another client may be working on it. */
  | { kind: 'disabled' }

export interface RemediationInput {
  /**
   * `failed`: this run's deploy failed its verdict. `interrupted`: this run was cancelled (post
   * step). `pending`: before deploying, the release's newest revision is pending-*.
   */
  situation: 'failed' | 'interrupted' | 'pending'
  release: string
  /** History before this run's upgrade started. */
  historyBefore: readonly HistoryEntry[]
  /** History now. */
  historyAfter: readonly HistoryEntry[]
  /** The revision this run's upgrade would get. */
  attemptedRevision?: number
  /** helm wrote attemptedRevision itself (see recordedByThisRun). */
  recorded: boolean
  rollbackOnFailure: boolean
  uninstallOnFailedInstall: boolean
  recoverPending: boolean
  lock: LockState
}

export type Remediation =
  | { action: 'rollback'; to: HistoryEntry; reason: string }
  | { action: 'uninstall'; reason: string }
  /** Nothing is changed; `reason` says why, for the report. */
  | { action: 'leave'; reason: string }
  /** The run must stop before deploying; `reason` is the complete message. */
  | { action: 'refuse'; reason: string }

// helm refuses with these before it writes a revision: the revision number in the history then
// belongs to whoever else is deploying (pkg/action/action.go errPending; a storage create that
// lost the race answers AlreadyExists; pkg/action/upgrade.go errNoDeployedReleases in Helm 3).
const REFUSED_BEFORE_RECORDING =
  /another operation \(install\/upgrade\/rollback\) is in progress|release: already exists|has no deployed releases/i

/**
 * True when the attempted revision is this run's own: helm did not refuse before recording it,
 * it exists now and it did not exist before the run.
 */
export function recordedByThisRun(
  before: readonly HistoryEntry[],
  after: readonly HistoryEntry[],
  attempted: number | undefined,
  helmStderr = ''
): boolean {
  if (attempted === undefined || REFUSED_BEFORE_RECORDING.test(helmStderr)) return false
  return (
    after.some((h) => h.revision === attempted) && !before.some((h) => h.revision === attempted)
  )
}

/** What the user chose about undoing things (the rollback-on-failure, uninstall-on-failed-install and recover-pending inputs). */
export type RemediationPolicy = Pick<
  RemediationInput,
  'rollbackOnFailure' | 'uninstallOnFailedInstall' | 'recoverPending'
>

/**
 * The decision input for a repair that reads only the release's history now: a release found
 * pending before a deploy, or this run's deploy interrupted (the post step after a cancellation,
 * which knows the revision the run attempted but not the history before it).
 */
export function repairInput(
  release: string,
  history: readonly HistoryEntry[],
  at: { situation: 'pending' } | { situation: 'interrupted'; attempted?: number },
  policy: RemediationPolicy,
  lock: LockState
): RemediationInput {
  if (at.situation === 'pending')
    return {
      situation: 'pending',
      release,
      historyBefore: history,
      historyAfter: history,
      recorded: false,
      ...policy,
      lock
    }
  const before = history.filter((h) => at.attempted === undefined || h.revision < at.attempted)
  return {
    situation: 'interrupted',
    release,
    historyBefore: before,
    historyAfter: history,
    attemptedRevision: at.attempted,
    recorded: recordedByThisRun(before, history, at.attempted),
    ...policy,
    lock
  }
}

export function decideRemediation(i: RemediationInput): Remediation {
  return i.situation === 'pending' ? decidePending(i) : decideAfterAttempt(i)
}

function decidePending(i: RemediationInput): Remediation {
  const current = i.historyAfter.at(-1)
  if (!current || !isPending(current.status))
    return { action: 'leave', reason: 'the release is not pending' }
  const good = lastGoodRevision(i.historyAfter, current.revision)
  const state = `Release "${i.release}" is ${current.status} at revision ${current.revision} (${current.description || 'no description'}${current.updated ? `, last written ${current.updated}` : ''})`
  const restore = good
    ? `restore revision ${good.revision} first`
    : 'remove the never-deployed release first'
  if (i.lock.kind === 'disabled')
    return {
      action: 'refuse',
      reason: `${state}. Without the deploy lock (lock: false) the action cannot tell whether another helm client is still working on it, so it does not touch it. Enable lock so deploys queue, or wait for the other deploy to finish; if none is running, set recover-pending: true together with lock: true to let the action ${restore}.`
    }
  const lockNote =
    i.lock.previous === 'expired'
      ? `the deploy that held its lock (${i.lock.previousHolder ?? 'unknown holder'}) stopped renewing it`
      : 'no deploy of this action holds its lock'
  if (!i.recoverPending)
    return {
      action: 'refuse',
      reason: `${state} and ${lockNote}: the helm client that started that operation has stopped, or it is working outside this action (a manual helm, another tool). The action does not take over a pending release on its own. If no one else is deploying it (check helm history ${i.release}), set recover-pending: true to let the action ${restore}.`
    }
  if (good)
    return {
      action: 'rollback',
      to: good,
      reason: `${current.status} revision ${current.revision} is stale (${lockNote}); restoring revision ${good.revision} (recover-pending)`
    }
  if (everDeployed(i.historyAfter))
    return {
      action: 'refuse',
      reason: `${state} and no good revision is left in its history; it is never uninstalled automatically because it once worked. Inspect it with helm history ${i.release}.`
    }
  return {
    action: 'uninstall',
    reason: `${current.status} revision ${current.revision} is stale (${lockNote}) and the release never deployed; uninstalling it (recover-pending)`
  }
}

function decideAfterAttempt(i: RemediationInput): Remediation {
  const attempted = i.attemptedRevision
  if (attempted === undefined || !i.recorded)
    return {
      action: 'leave',
      reason:
        i.situation === 'failed'
          ? `helm did not record revision ${attempted ?? '(none)'} for this run (it refused before changing anything); nothing of this run to undo, the release is left as it is`
          : 'this run had not recorded a revision yet; nothing to repair'
    }
  const current = i.historyAfter.at(-1)!
  if (current.revision > attempted)
    return {
      action: 'leave',
      reason: `revision ${current.revision} (${current.status}) was written after this run's revision ${attempted} by another deploy; not undoing it`
    }
  // helm applies without waiting and the action verifies the rollout itself: a `deployed`
  // revision of a run that was stopped before its verdict was never verified.
  const unverified = i.situation === 'interrupted' && current.status === 'deployed'
  if (
    i.situation === 'interrupted' &&
    !isPending(current.status) &&
    current.status !== 'failed' &&
    !unverified
  )
    return {
      action: 'leave',
      reason: `revision ${attempted} is ${current.status}; nothing to repair`
    }
  if (!i.rollbackOnFailure) return { action: 'leave', reason: 'rollback-on-failure is off' }
  const good = lastGoodRevision(i.historyAfter, attempted)
  if (good)
    return {
      action: 'rollback',
      to: good,
      reason: `restoring revision ${good.revision}, the last good one before revision ${attempted}${unverified ? `: revision ${attempted} was applied but the run stopped before its rollout was verified` : ''}`
    }
  // Only revisions before this attempt count: one that rolled out but failed its health checks or
  // tests never worked.
  const workedBefore = everDeployed(i.historyAfter.filter((h) => h.revision < attempted))
  if (i.situation === 'failed' && !workedBefore && i.uninstallOnFailedInstall)
    return { action: 'uninstall', reason: 'the first install failed and never worked' }
  return {
    action: 'leave',
    reason: 'no earlier good revision to return to; release left as it is'
  }
}
