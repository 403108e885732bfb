import type { CommandRunner } from '../exec/runner.js'
import { Kubectl } from '../kube/kubectl.js'
import type { RunOutputs } from '../report/outputs.js'
import type { Reporter } from '../report/reporter.js'
import type { Session } from '../run/session.js'
import type { DeployState } from '../run/step-state.js'
import type { Clock } from '../verify/watch.js'

/** What every mode is given besides the session. */
export interface ModeDeps {
  runner: CommandRunner
  reporter: Reporter
  clock: Clock
  /** The kubectl binary to run. */
  kubectl: string
  cancel: AbortSignal
  /** When the run started (ms since the epoch), for the durations reported. */
  started: number
}

export interface ModeResult {
  outputs: Partial<RunOutputs>
  /** Set when the step must fail, after outputs and reports are written. */
  error?: string
}

/** One mode of the action: validate, plan, deploy, rollback or remove. */
export type Mode = (s: Session, deps: ModeDeps) => Promise<ModeResult>

/** Resolves the namespace (the context's when not given) and a kubectl for it. */
export async function connect(s: Session, deps: ModeDeps): Promise<Kubectl> {
  const where = { kubeconfig: s.target.kubeconfig, context: s.target.kubeContext }
  s.target.namespace ??= await Kubectl.contextNamespace(deps.runner, where, deps.kubectl)
  return new Kubectl(deps.runner, { ...where, namespace: s.target.namespace }, deps.kubectl)
}

/** What the post step needs to repair this run's release or free its lock after a cancellation. */
export function stepState(s: Session): DeployState {
  return {
    helm: s.helm.binary,
    release: s.config.release,
    namespace: s.target.namespace,
    kubeContext: s.target.kubeContext,
    kubeconfig: s.target.kubeconfig,
    finished: false
  }
}
