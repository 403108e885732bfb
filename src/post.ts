import * as core from '@actions/core'
import { createProcessRunner } from './exec/runner.js'
import * as a from './helm/args.js'
import { Helm } from './helm/helm.js'
import { isPending, lastGoodRevision } from './helm/release.js'
import { deployState, tempFiles, type DeployState } from './state.js'
import { removeRecorded } from './tempfiles.js'

/**
 * The post step (runs even when the job is cancelled): repair a deploy that was interrupted
 * mid-way, then remove temporary credentials. Only ever warns; never fails the job.
 */
export async function post(): Promise<void> {
  const state = deployState()
  if (state && !state.finished) {
    try {
      await repairInterruptedDeploy(state)
    } catch (e) {
      core.warning(
        `Could not check the interrupted deploy of ${state.release}: ${(e as Error).message}`
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

/** A cancelled or killed deploy may leave the release pending or failed: restore the last good revision. */
export async function repairInterruptedDeploy(
  state: DeployState,
  runner = createProcessRunner((l) => core.info(l))
): Promise<string> {
  const helm = await Helm.detect(runner, state.helm)
  const target: a.Target = {
    release: state.release,
    namespace: state.namespace,
    kubeconfig: state.kubeconfig,
    kubeContext: state.kubeContext
  }
  const history = await helm.history(target)
  const current = history.at(-1)
  if (!current || (!isPending(current.status) && current.status !== 'failed')) {
    const msg = `The deploy of ${state.release} was interrupted; the release is ${current?.status ?? 'absent'}, nothing to repair.`
    core.info(msg)
    return msg
  }
  const good = lastGoodRevision(history, current.revision)
  if (!good) {
    const msg = `The deploy of ${state.release} was interrupted and left it ${current.status}; it has no good revision to return to.`
    core.warning(msg)
    return msg
  }
  core.warning(
    `The deploy of ${state.release} was interrupted and left revision ${current.revision} ${current.status}; rolling back to revision ${good.revision}.`
  )
  await helm.run(
    a.rollbackArgs(helm.dialect, target, good.revision, { timeoutSeconds: 120, historyMax: 0 })
  )
  return `rolled back to revision ${good.revision}`
}
