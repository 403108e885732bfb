import { HelmError } from '../helm/helm.js'
import { isPending, type HistoryEntry } from '../helm/release.js'
import { UserError } from '../errors/result.js'
import { readAgainUnless } from './early-reads.js'
import type { ReleaseHelm } from './ports.js'
import {
  decideRemediation,
  repairInput,
  type LockState,
  type Remediation,
  type RemediationPolicy
} from './remediation.js'

// The one path that returns a release to its last good revision without watching the result:
// a stale pending release before a deploy, and a deploy interrupted mid-way (the post step). Both
// read the history, decide through remediation.ts and carry the decision out here. A failed
// deploy restores through the same ReleaseHelm.rollback and watches the restored rollout
// (deploy.ts), since it still has the time.

/**
 * Carries out a remediation decision with plain helm commands. Returns what was done, for the
 * report; a refusal stops the run with its reason, a helm failure throws.
 */
export async function carryOut(
  helm: ReleaseHelm,
  d: Remediation,
  log: (line: string) => void
): Promise<string> {
  switch (d.action) {
    case 'refuse':
      throw new UserError(d.reason)
    case 'leave':
      log(`Nothing undone: ${d.reason}.`)
      return d.reason
    case 'rollback': {
      log(`Rolling back ${helm.release} to revision ${d.to.revision} (${d.to.chart}): ${d.reason}`)
      const r = await helm.rollback(d.to.revision)
      if (r.exitCode !== 0) throw new HelmError(`rollback ${helm.release}`, r)
      return `rolled back to revision ${d.to.revision}`
    }
    case 'uninstall': {
      log(`Uninstalling ${helm.release}: ${d.reason}`)
      const r = await helm.uninstall()
      if (r.exitCode !== 0) throw new HelmError(`uninstall ${helm.release}`, r)
      return 'uninstalled the release'
    }
  }
}

/**
 * The release's history before deploying, after taking over a stale pending-* release when
 * recover-pending allows it; any other pending release stops the run with an explanation.
 */
export async function settlePending(
  helm: ReleaseHelm,
  policy: RemediationPolicy,
  lock: LockState,
  log: (line: string) => void,
  /** The history as read before the lock, when still valid (early-reads.ts). */
  early?: Promise<HistoryEntry[]>
): Promise<{ history: HistoryEntry[]; recovered?: string }> {
  const history = await readAgainUnless(early, () => helm.history())
  const current = history.at(-1)
  if (!current || !isPending(current.status)) return { history }
  const decision = decideRemediation(
    repairInput(helm.release, history, { situation: 'pending' }, policy, lock)
  )
  await carryOut(helm, decision, log)
  return { history: await helm.history(), recovered: decision.reason }
}

/**
 * A cancelled or killed deploy may leave its own revision pending, failed or applied but never
 * verified: restore the last good revision, but only when that revision is this run's and nothing
 * newer was written since. `warn` is told before anything is rolled back.
 */
export async function repairInterrupted(
  helm: ReleaseHelm,
  run: { attempted?: number; rollbackOnFailure: boolean; heldLock: boolean },
  say: { log: (line: string) => void; warn: (line: string) => void }
): Promise<string> {
  const history = await helm.history()
  const decision = decideRemediation(
    repairInput(
      helm.release,
      history,
      { situation: 'interrupted', attempted: run.attempted },
      {
        rollbackOnFailure: run.rollbackOnFailure,
        uninstallOnFailedInstall: false,
        recoverPending: false
      },
      // The run held the lock (or ran without it) while it deployed; what matters here is whose
      // revision it is, which the decision reads from the history.
      run.heldLock ? { kind: 'held', previous: 'free' } : { kind: 'disabled' }
    )
  )
  if (decision.action === 'rollback')
    say.warn(
      `The deploy of ${helm.release} was interrupted and left revision ${run.attempted} ${history.at(-1)?.status}; rolling back to revision ${decision.to.revision}.`
    )
  return carryOut(helm, decision, (l) =>
    say.log(`The deploy of ${helm.release} was interrupted. ${l}`)
  )
}
