import * as core from '@actions/core'
import { releaseHelm } from './deploy/ports.js'
import { repairInterrupted } from './deploy/restore.js'
import { createProcessRunner, type CommandRunner } from './exec/runner.js'
import { Helm } from './helm/helm.js'
import { Kubectl } from './kube/kubectl.js'
import { releaseLease } from './kube/lease.js'
import { defaultRetryPolicy } from './kube/retry.js'
import { deployState, tempFiles, type DeployState } from './run/step-state.js'
import { removeRecorded } from './run/temp-files.js'

/** What the post step works with; the real ones read the step state and run helm and kubectl. */
export interface PostDeps {
  /** What the main step remembered of its deploy, if it deployed. */
  state: DeployState | undefined
  /** Temporary paths (kubeconfig, values) the main step wrote. */
  tempPaths: string[]
  /** Repairs an interrupted deploy; returns what was done. */
  repair: (state: DeployState) => Promise<string>
  /** Frees the deploy lock if the run still holds it; true when it did. */
  freeLock: (state: DeployState, lock: { name: string; holder: string }) => Promise<boolean>
  /** Removes the temporary paths; returns those removed. */
  removeTemp: (paths: string[]) => string[]
  info: (line: string) => void
  warning: (line: string) => void
}

/**
 * The post step (runs even when the job is cancelled): repair a deploy that was interrupted
 * mid-way, free the deploy lock the run may still hold, then remove temporary credentials. Only
 * ever warns; never fails the job.
 */
export async function post(): Promise<void> {
  const runner = createProcessRunner((l) => core.info(l))
  await postStep({
    state: deployState(),
    tempPaths: tempFiles(),
    repair: (state) => repairInterruptedDeploy(state, runner),
    freeLock: (state, lock) => releaseLease(kubectlFor(state, runner), lock.name, lock.holder),
    removeTemp: removeRecorded,
    info: (l) => core.info(l),
    warning: (l) => core.warning(l)
  })
}

export async function postStep(deps: PostDeps): Promise<void> {
  const { state } = deps
  // A run that stopped before helm started (lock timeout, a refused pending release) has nothing
  // to repair.
  if (state && !state.finished && state.attempted !== undefined) {
    try {
      await deps.repair(state)
    } catch (e) {
      deps.warning(
        `Could not check the interrupted deploy of ${state.release}: ${(e as Error).message}`
      )
    }
  }
  if (state?.lock) {
    try {
      if (await deps.freeLock(state, state.lock))
        deps.info(`Freed the deploy lock ${state.lock.name} this run still held.`)
    } catch (e) {
      deps.warning(
        `Could not free the deploy lock ${state.lock.name}: ${(e as Error).message}. It expires by itself.`
      )
    }
  }
  try {
    const removed = deps.removeTemp(deps.tempPaths)
    if (removed.length > 0)
      deps.info(`Removed ${removed.length} temporary path(s) holding kubeconfig and values.`)
  } catch (e) {
    deps.warning(`Cleanup: ${(e as Error).message}`)
  }
}

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
  const target = {
    release: state.release,
    namespace: state.namespace,
    kubeconfig: state.kubeconfig,
    kubeContext: state.kubeContext
  }
  return repairInterrupted(
    releaseHelm(helm, target, { timeoutSeconds: 120, historyMax: 0 }),
    {
      attempted: state.attempted,
      rollbackOnFailure: state.rollbackOnFailure ?? true,
      heldLock: state.lock !== undefined
    },
    { log: (l) => core.info(l), warn: (l) => core.warning(l) }
  )
}

function kubectlFor(state: DeployState, runner: CommandRunner): Kubectl {
  return new Kubectl(
    runner,
    {
      namespace: state.namespace ?? 'default',
      kubeconfig: state.kubeconfig,
      context: state.kubeContext
    },
    'kubectl',
    { retry: defaultRetryPolicy((l) => core.info(l)) }
  )
}
