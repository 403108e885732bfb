import type { AnalysisConfig } from '../analysis/config.js'
import type { VerdictPolicy } from '../verify/policy.js'

export type Mode = 'deploy' | 'plan' | 'validate' | 'rollback' | 'remove' | 'promote' | 'reject'

/** Modes that act on an installed release and need no chart. */
export const RELEASE_MODES: readonly Mode[] = ['rollback', 'remove', 'promote', 'reject']

/** How a deploy replaces the running version. */
export type Strategy = 'rolling' | 'blue-green'

/** strategy: blue-green (and the modes promote and reject). */
export interface BlueGreenConfig {
  /** The stable Service whose selector carries traffic (default: the release name). */
  service?: string
  /** The pod label the stable Service selects a slot by. */
  slotLabel: string
  /** The values key the slot name is set at (`--set <key>=blue`). */
  slotValue: string
  /** `manual`: a verified slot waits for mode promote instead of taking traffic at once. */
  promotion: 'auto' | 'manual'
}

export type ChartInput =
  | { kind: 'local'; path: string; packaged: boolean }
  | { kind: 'oci'; ref: string }
  | { kind: 'repo'; ref: string }
  | { kind: 'url'; url: string }

export interface RepoConfig {
  url: string
  /** Alias under which the repository is added; the chart is then `<alias>/<name>`. */
  alias: string
}

export interface Credentials {
  username: string
  password: string
}

export interface HealthCheck {
  url: string
  expectedStatus: number
}

/** Everything the action needs, parsed and validated once from the inputs. */
export interface Config {
  mode: Mode
  release: string
  namespace?: string
  createNamespace: boolean
  chart: ChartInput
  chartVersion?: string
  repo?: RepoConfig
  credentials?: Credentials
  valuesFiles: string[]
  /** Inline `values` input, already parsed to check it is a mapping; passed to Helm as a file. */
  inlineValues?: string
  set: string[]
  setString: string[]
  setJson: string[]
  timeoutSeconds: number
  historyMax: number
  rollbackOnFailure: boolean
  uninstallOnFailedInstall: boolean
  recoverPending: boolean
  /** Serialize deploys of the release with a Lease in its namespace. */
  lock: boolean
  /** How long to wait for another run's deploy lock (0: do not wait). */
  lockTimeoutSeconds: number
  failureGraceSeconds: number
  /** Thresholds of the rollout doom rules (failures-allowed-per-replica, the grace inputs). */
  verdict: VerdictPolicy
  healthChecks: HealthCheck[]
  healthCheckTimeoutSeconds: number
  runTests: boolean
  kubeVersion?: string
  strict: boolean
  helmVersion?: string
  helmDownloadUrl: string
  kubeconfig?: string
  kubeContext?: string
  githubToken?: string
  environment?: string
  environmentUrl?: string
  prComment: boolean
  deploymentStatus: boolean
  summary: boolean
  /** mode rollback: the revision to restore (undefined: the newest good one before the current). */
  revision?: number
  /**
   * mode rollback: restore a revision that never worked. mode remove: remove a release or
   * namespace the action did not create.
   */
  force: boolean
  /** mode remove: also delete the namespace, when the action created it for this release. */
  deleteNamespace: boolean
  strategy: Strategy
  blueGreen: BlueGreenConfig
  /** The metrics gate (the `analysis` input), when given. */
  analysis?: AnalysisConfig
}
