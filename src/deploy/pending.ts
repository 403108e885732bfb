import { isPending, type HistoryEntry } from '../helm/release.js'
import type { Session } from '../run/session.js'
import { decideRemediation, type LockState } from './remediation.js'
import { carryOut } from './restore.js'

/**
 * The release's history before deploying, after taking over a stale pending-* release when
 * recover-pending allows it; any other pending release stops the run with an explanation.
 */
export async function settlePending(
  s: Session,
  lock: LockState
): Promise<{ history: HistoryEntry[]; recovered?: string }> {
  const { config, helm, target } = s
  const history = await helm.history(target)
  const current = history.at(-1)
  if (!current || !isPending(current.status)) return { history }
  const decision = decideRemediation({
    situation: 'pending',
    release: config.release,
    historyBefore: history,
    historyAfter: history,
    recorded: false,
    rollbackOnFailure: config.rollbackOnFailure,
    uninstallOnFailedInstall: config.uninstallOnFailedInstall,
    recoverPending: config.recoverPending,
    lock
  })
  await carryOut(
    helm,
    target,
    decision,
    { timeoutSeconds: config.timeoutSeconds, historyMax: config.historyMax },
    s.log
  )
  return { history: await helm.history(target), recovered: decision.reason }
}
