import * as core from '@actions/core'
import { decideRemediation, recordedByThisRun } from './deploy/remediation.js'
import { carryOut } from './deploy/restore.js'
import { createProcessRunner, type CommandRunner } from './exec/runner.js'
import type * as a from './helm/args.js'
import { Helm } from './helm/helm.js'
import { Kubectl } from './kube/kubectl.js'
import { releaseLease } from './kube/lease.js'
import { defaultRetryPolicy } from './kube/retry.js'
import { deployState, tempFiles, type DeployState } from './run/step-state.js'
import { removeRecorded } from './run/temp-files.js'

/**
 * The post step (runs even when the job is cancelled): repair a deploy that was interrupted
 * mid-way, free the deploy lock the run may still hold, then remove temporary credentials. Only
 * ever warns; never fails the job.
 */
export async function post(): Promise<void> {
  const state = deployState()
  const runner = createProcessRunner((l) => core.info(l))
  // A run that stopped before helm started (lock timeout, a refused pending release) has nothing
  // to repair.
  if (state && !state.finished && state.attempted !== undefined) {
    try {
      await repairInterruptedDeploy(state, runner)
    } catch (e) {
      core.warning(
        `Could not check the interrupted deploy of ${state.release}: ${(e as Error).message}`
      )
    }
  }
  if (state?.lock) {
    try {
      await freeLock(state, runner)
    } catch (e) {
      core.warning(
        `Could not free the deploy lock ${state.lock.name}: ${(e as Error).message}. It expires by itself.`
      )
    }
  }
  try {
    const removed = removeRecorded(tempFiles())
    if (removed.length > 0)
      core.info(`Removed ${removed.length} temporary path(s) holding kubeconfig and values.`)
  } catch (e) {
    core.warning(`Cleanup: ${(e as Error).message}`)
  }
}

const targetOf = (state: DeployState): a.Target => ({
  release: state.release,
  namespace: state.namespace,
  kubeconfig: state.kubeconfig,
  kubeContext: state.kubeContext
})

/**
 * A cancelled or killed deploy may leave its own revision pending or failed: restore the last good
 * revision, but only when that revision is this run's and nothing newer was written since.
 */
export async function repairInterruptedDeploy(
  state: DeployState,
  runner: CommandRunner = createProcessRunner((l) => core.info(l))
): Promise<string> {
  const helm = await Helm.detect(runner, state.helm)
  helm.retryReads(defaultRetryPolicy((l) => core.info(l)))
  const target = targetOf(state)
  const history = await helm.history(target)
  const attempted = state.attempted
  const before = history.filter((h) => attempted === undefined || h.revision < attempted)
  const decision = decideRemediation({
    situation: 'interrupted',
    release: state.release,
    historyBefore: before,
    historyAfter: history,
    attemptedRevision: attempted,
    recorded: recordedByThisRun(before, history, attempted),
    rollbackOnFailure: state.rollbackOnFailure ?? true,
    uninstallOnFailedInstall: false,
    recoverPending: false,
    // The run held the lock (or ran without it) while it deployed; what matters here is whose
    // revision it is, which the decision reads from the history.
    lock: state.lock ? { kind: 'held', previous: 'free' } : { kind: 'disabled' }
  })
  if (decision.action === 'rollback')
    core.warning(
      `The deploy of ${state.release} was interrupted and left revision ${attempted} ${history.at(-1)?.status}; rolling back to revision ${decision.to.revision}.`
    )
  return carryOut(helm, target, decision, { timeoutSeconds: 120, historyMax: 0 }, (l) =>
    core.info(`The deploy of ${state.release} was interrupted. ${l}`)
  )
}

/** Frees the run's deploy lock if it still holds it (the main step may have been killed). */
async function freeLock(state: DeployState, runner: CommandRunner): Promise<void> {
  const lock = state.lock!
  const kube = new Kubectl(
    runner,
    {
      namespace: state.namespace ?? 'default',
      kubeconfig: state.kubeconfig,
      context: state.kubeContext
    },
    'kubectl',
    { retry: defaultRetryPolicy((l) => core.info(l)) }
  )
  if (await releaseLease(kube, lock.name, lock.holder))
    core.info(`Freed the deploy lock ${lock.name} this run still held.`)
}
