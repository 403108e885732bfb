import type { CommandRunner } from '../exec/runner.js'
import { Kubectl } from '../kube/kubectl.js'
import type { RunOutputs } from '../report/outputs.js'
import type { Reporter } from '../report/reporter.js'
import { inNamespace, type Session } from '../run/session.js'
import type { DeployState } from '../run/step-state.js'
import type { Clock } from '../run/clock.js'

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

/** A session bound to the namespace its release lives in, and a kubectl for that namespace. */
export interface Connection {
  session: Session
  kube: Kubectl
}

/**
 * Resolves the namespace (the kubeconfig context's when the input names none) and a kubectl for
 * it. The pre-cluster checks keep the session they started with: they render without a namespace
 * when none was given, as helm template does.
 */
export async function connect(s: Session, deps: ModeDeps): Promise<Connection> {
  const where = { kubeconfig: s.target.kubeconfig, context: s.target.kubeContext }
  const namespace =
    s.target.namespace ?? (await Kubectl.contextNamespace(deps.runner, where, deps.kubectl))
  return {
    session: inNamespace(s, namespace),
    kube: new Kubectl(deps.runner, { ...where, namespace }, deps.kubectl)
  }
}

/** A connection and the cluster's Kubernetes minor, which the schema check needs. */
export interface ClusterContext extends Connection {
  serverVersion: string | undefined
}

/**
 * Starts connecting and reading the cluster's version (reads only) while the checks that need no
 * cluster run. A failure is reported by whoever awaits the result, after those checks: a values
 * error is still the first thing the user sees.
 */
export function connectMeanwhile(
  s: Session,
  deps: ModeDeps,
  /** A cheaper read of the version than kubectl's (through an API proxy); kubectl's when it fails. */
  readVersion?: (c: Connection) => Promise<string | undefined>,
  /** Told the connection as soon as it is made, before the version is read. */
  onConnected?: (c: Connection) => void
): Promise<ClusterContext> {
  const connection = connect(s, deps)
  if (onConnected) connection.then(onConnected, () => undefined)
  const context = connection.then(async (c) => ({
    ...c,
    serverVersion: readVersion
      ? await readVersion(c).catch(() => c.kube.serverVersion())
      : await c.kube.serverVersion()
  }))
  context.catch(() => undefined)
  return context
}

/** What the post step needs to repair this run's release or free its lock after a cancellation. */
export function stepState(s: Pick<Session, 'config' | 'helm' | 'target'>): DeployState {
  return {
    helm: s.helm.binary,
    release: s.config.release,
    namespace: s.target.namespace,
    kubeContext: s.target.kubeContext,
    kubeconfig: s.target.kubeconfig,
    finished: false
  }
}
