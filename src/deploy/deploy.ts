import { HelmError } from '../helm/helm.js'
import type { CommandResult } from '../exec/runner.js'
import {
  parseUpgradeOutput,
  type HistoryEntry,
  type ReleaseInfo,
  type RevisionRecord
} from '../helm/release.js'
import type { Config } from '../inputs/config.js'
import type { Kubectl } from '../kube/kubectl.js'
import {
  DeployLock,
  defaultLockTiming,
  holderFromEnv,
  type Holder,
  type LockOptions
} from '../kube/lease.js'
import { defaultRetryPolicy, UnreachableError } from '../kube/retry.js'
import type { Snapshot, WorkloadRef } from '../kube/types.js'
import { imagesOf, parseManifests } from '../render/manifests.js'
import { installedByLabels } from '../remediate/marks.js'
import { prepareNamespace, runUrlFromEnv } from '../remediate/namespace.js'
import type { Session } from '../run/session.js'
import type { DeployState } from '../run/step-state.js'
import {
  baselineOf,
  type Assessment,
  type Failure,
  type WorkloadProgress
} from '../verify/assess.js'
import { postRolloutChecks, runChecks } from '../verify/checks.js'
import type { HealthResult } from '../verify/health.js'
import type { GateReport } from '../analysis/gate.js'
import type { Clock } from '../run/clock.js'
import { watchRollout, type WatchOutcome, type WatchParams } from '../verify/watch.js'
import { workloadName, workloadsOf } from '../verify/workloads.js'
import {
  detection,
  outcomeFailure,
  reportsLeftAsIs,
  restoreVerdict,
  secondsBetween,
  startingPoint,
  unknownOutcomeMessage
} from './outcome.js'
import {
  releaseHelm,
  type LockPort,
  type ReleaseHelm,
  type RolloutReader,
  type StoredReads
} from './ports.js'
import { decideRemediation, recordedByThisRun, type LockState } from './remediation.js'
import { settlePending } from './restore.js'
import {
  earlyReadsToUse,
  readAgainUnless,
  type EarlyReads,
  type EarlyRelease
} from './early-reads.js'

export type { RolloutReader } from './ports.js'

export interface RollbackReport {
  toRevision?: number
  /** Revision number helm gave the rollback. */
  revision?: number
  healthy: boolean
  uninstalled: boolean
  detail: string
  durationSeconds: number
}

export interface DeployResult {
  ok: boolean
  release: string
  namespace: string
  revision?: number
  previousRevision?: number
  attemptedRevision?: number
  chartBefore?: string
  chartAfter?: string
  imagesBefore: string[]
  imagesAfter: string[]
  changed: boolean
  progress: WorkloadProgress[]
  failures: Failure[]
  /** One-paragraph cause, for the step's error. */
  error?: string
  health: HealthResult[]
  /** What the metrics gate measured after the rollout, when the analysis input is given. */
  gates?: GateReport[]
  recovered?: string
  /** Set when the outcome could not be read (the cluster stopped answering): what to check. */
  unknown?: string
  /** What the user should know that did not fail the deploy (paused, OnDelete, unchanged...). */
  warnings: string[]
  rollback?: RollbackReport
  /** Seconds from the start of the upgrade until the failure was detected. */
  detectionSeconds?: number
  durationSeconds: number
}

export interface DeployDeps {
  kube: Kubectl
  /** Default: kubectl lists of the release's namespaces each poll. */
  reader?: RolloutReader
  clock: Clock
  /** Told once the release is being changed, so a cancelled job can be repaired by the post step. */
  onStarted?: (lastGood: number | undefined) => void
  /** Told what the post step needs to repair the release or free its lock after a cancellation. */
  remember?: (patch: Partial<DeployState>) => void
  warn?: (line: string) => void
  /** Who holds the deploy lock (default: from the GITHUB_* variables). */
  holder?: Holder
  lockTiming?: Partial<typeof defaultLockTiming>
  /** A cheaper read of the lock's Lease than kubectl (the lock's own API proxy). */
  readLease?: LockOptions['readLease']
  /** A cheaper replace of the lock's Lease than kubectl (the lock's own API proxy). */
  replaceLease?: LockOptions['replaceLease']
  /** The Lease and the release as read while the checks ran (early-reads.ts). */
  early?: Promise<EarlyReads | undefined>
  /**
   * The release's records read through the API instead of by helm processes; while the pending
   * revision's record is awaited it is then looked for every `recordPollMs` (default: each poll).
   */
  stored?: StoredReads
  recordPollMs?: () => number | undefined
  fetchImpl?: typeof fetch
  pollMs?: number
  /** Aborted when the runner cancels the job: an unverified revision is then rolled back. */
  cancel?: AbortSignal
}

/** What a deploy needs of the inputs. */
export type DeployConfig = Pick<
  Config,
  | 'release'
  | 'timeoutSeconds'
  | 'verdict'
  | 'createNamespace'
  | 'lock'
  | 'rollbackOnFailure'
  | 'uninstallOnFailedInstall'
  | 'recoverPending'
  | 'healthChecks'
  | 'healthCheckTimeoutSeconds'
  | 'runTests'
  | 'analysis'
>

/** What restoring a revision needs of the inputs. */
export type RestoreConfig = Pick<Config, 'release' | 'timeoutSeconds' | 'verdict'>

/** The ports a restore works through (a subset of a deploy's). */
export interface RestorePorts {
  helm: ReleaseHelm
  reader: RolloutReader
  clock: Clock
  log: (line: string) => void
  /** Replaces a pod (a StatefulSet pod left broken on the old revision by a rollback). */
  deletePod(name: string): Promise<void>
  /** Follows a rollout to its outcome (default: watchRollout). */
  watch?: (p: WatchParams) => Promise<WatchOutcome>
  pollMs?: number
  /** How often the pending revision's record is looked for while it is not there (default pollMs). */
  recordPollMs?: () => number | undefined
  /** Aborted when the runner cancels the job. */
  cancel?: AbortSignal
}

/** The ports a deploy works through: helm, the cluster, the lock, the clock and what it tells the step. */
export interface DeployPorts extends RestorePorts {
  lock: LockPort
  /** create-namespace: creates the namespace before the lock's Lease is written to it; says whether helm must create it instead. */
  prepareNamespace(): Promise<{ helmCreates: boolean }>
  /** Told when the rollout's deadline is known: reads may retry until then. */
  readsRetryUntil?: (deadline: number) => void
  /** Told once the release is being changed, so a cancelled job can be repaired by the post step. */
  onStarted?: (lastGood: number | undefined) => void
  remember?: (patch: Partial<DeployState>) => void
  /** What the user should know that does not fail the deploy (a metrics gate that was not evaluated). */
  warn?: (line: string) => void
  fetchImpl?: typeof fetch
  /**
   * The release as read before the lock was taken; used only when the lock says nobody took it
   * since (earlyReadsToUse), else read again.
   */
  early?: Promise<EarlyRelease | undefined>
}

/** How far a deploy got, for reporting an outcome that could not be read. */
interface Phase {
  result?: DeployResult
  /** Set once the upgrade is about to start: from then on the release may have changed. */
  attempted?: number
  startedAt: number
  /** create-namespace left to helm (the credentials cannot read namespaces). */
  helmCreatesNamespace?: boolean
}

/**
 * Deploys the release under its deploy lock and verifies it; on failure restores the last good
 * revision. Reads ride out an unreachable API server within the run's deadline; when the outcome
 * still cannot be read after the upgrade started, the result says so instead of claiming failure.
 */
export async function deploy(s: Session, deps: DeployDeps): Promise<DeployResult> {
  const { config } = s
  const warn = deps.warn ?? ((l: string) => s.log(`Warning: ${l}`))
  let deadline: number | undefined
  const policy = { ...defaultRetryPolicy(s.log), deadline: () => deadline }
  s.helm.retryReads(policy)
  deps.kube.configure({ retry: policy, warn })
  return deployRelease(config, s.target.namespace ?? 'default', {
    ...restorePorts(s, deps),
    lock: leaseLock(s, deps, warn),
    early: deps.early?.then((e) => e?.release),
    prepareNamespace: () => prepareNamespace(deps.kube, config.release, runUrlFromEnv(), s.log),
    readsRetryUntil: (d) => {
      deadline = d
    },
    onStarted: deps.onStarted,
    remember: deps.remember,
    warn,
    fetchImpl: deps.fetchImpl
  })
}

/** The session's helm, release watch and kubectl as the ports of a restore. */
function restorePorts(s: Session, deps: DeployDeps): RestorePorts {
  return {
    helm: releaseHelm(
      s.helm,
      s.target,
      s.config,
      { chart: s.chart, values: s.values },
      deps.stored
    ),
    reader: deps.reader ?? { snapshot: (w) => deps.kube.releaseSnapshot(w) },
    clock: deps.clock,
    log: s.log,
    deletePod: (name) => deps.kube.deletePod(name),
    pollMs: deps.pollMs,
    recordPollMs: deps.recordPollMs,
    cancel: deps.cancel
  }
}

/** The deploy lock as a Lease in the release's namespace. */
function leaseLock(s: Session, deps: DeployDeps, warn: (line: string) => void): LockPort {
  let lock: DeployLock | undefined
  return {
    async acquire() {
      lock = new DeployLock(
        deps.kube,
        s.config.release,
        deps.holder ?? holderFromEnv(process.env),
        {
          ...defaultLockTiming,
          ...deps.lockTiming,
          readLease: deps.readLease,
          replaceLease: deps.replaceLease,
          clock: deps.clock,
          log: s.log,
          warn
        }
      )
      const got = await lock.acquire(s.config.lockTimeoutSeconds, (await deps.early)?.lease)
      deps.remember?.({ lock: { name: lock.name, holder: lock.me.identity } })
      lock.startRenewing()
      return {
        kind: 'held',
        previous: got.previous,
        previousHolder: got.previousHolder,
        unchangedSincePeek: got.unchangedSincePeek
      }
    },
    release: async () => {
      await lock?.releaseOrWarn(warn)
    }
  }
}

/**
 * The deploy over its ports: namespace, lock, pending recovery, upgrade, rollout watch,
 * post-rollout checks, and on failure the remediation decided in remediation.ts.
 */
export async function deployRelease(
  config: DeployConfig,
  namespace: string,
  ports: DeployPorts
): Promise<DeployResult> {
  const phase: Phase = { startedAt: ports.clock.now().getTime() }
  // The namespace is created (and marked as the action's) before the lock's Lease is written to it.
  if (config.createNamespace)
    phase.helmCreatesNamespace = (await ports.prepareNamespace()).helmCreates
  let lock: LockState = { kind: 'disabled' }
  if (config.lock) lock = await ports.lock.acquire()
  else
    ports.log(
      'Deploying without the deploy lock (lock: false): runs of this release are not serialized.'
    )
  try {
    return await deployLocked(config, namespace, ports, lock, phase)
  } catch (e) {
    if (!(e instanceof UnreachableError) || phase.attempted === undefined || !phase.result) throw e
    const result = phase.result
    result.ok = false
    result.revision = undefined
    result.unknown = unknownOutcomeMessage(config.release, namespace, phase.attempted, e.message)
    result.error = result.unknown
    result.durationSeconds = secondsBetween(phase.startedAt, ports.clock.now().getTime())
    return result
  } finally {
    if (config.lock) await ports.lock.release()
  }
}

async function deployLocked(
  config: DeployConfig,
  namespace: string,
  ports: DeployPorts,
  lock: LockState,
  phase: Phase
): Promise<DeployResult> {
  const { helm, clock, log } = ports
  const t0 = clock.now().getTime()
  const result: DeployResult = {
    ok: false,
    release: config.release,
    namespace,
    imagesBefore: [],
    imagesAfter: [],
    changed: false,
    progress: [],
    failures: [],
    health: [],
    warnings: [],
    durationSeconds: 0
  }

  phase.result = result
  // The current release is read beside the history: it is almost always the deployed revision,
  // whose manifest is then not read a second time (a revision's manifest never changes). Both
  // were read while the checks ran when the lock proves nothing changed since.
  const early = await earlyReadsToUse(lock, ports.early)
  const current = readAgainUnless(early?.status, () => helm.status()).catch(() => undefined)
  const { history, recovered } = await settlePending(helm, config, lock, log, early?.history)
  result.recovered = recovered
  const start = startingPoint(history)
  const { good, deployed, attempted } = start
  result.previousRevision = deployed?.revision
  result.chartBefore = deployed?.chart
  const now = await current
  const manifestBefore = !deployed
    ? ''
    : now?.revision === deployed.revision
      ? now.manifest
      : await helm.manifest(deployed.revision)
  result.imagesBefore = imagesOf(parseManifests(manifestBefore))
  result.attemptedRevision = attempted

  // What exists before the upgrade tells which workloads this revision changes: the others are
  // reported, never judged.
  const before = baselineOf(await ports.reader.snapshot(workloadsOf(manifestBefore, namespace)))
  ports.remember?.({ lastGood: good?.revision, attempted })
  phase.attempted = attempted
  ports.readsRetryUntil?.(clock.now().getTime() + config.timeoutSeconds * 1000)
  ports.onStarted?.(good?.revision)

  const upgradeStart = clock.now().getTime()
  const upgrade = helm.startUpgrade({
    createNamespace: phase.helmCreatesNamespace === true,
    // A release this run installs is marked as the action's, for mode remove.
    labels: start.firstInstall ? installedByLabels(helm.version) : undefined
  })
  const outcome = await (ports.watch ?? watchRollout)({
    snapshot: (w) => ports.reader.snapshot(w),
    wake: ports.reader.onChange?.bind(ports.reader),
    // Once helm has exited, its own record of the revision (upgrade --output json) names the
    // workloads; while it runs, the pending record is read back.
    workloads: async () =>
      revisionWorkloads(
        helm,
        attempted,
        namespace,
        log,
        upgrade.exited() ? recordOf(await upgrade.done, attempted) : undefined
      ),
    process: upgrade,
    workloadsPollMs: ports.recordPollMs,
    timeoutSeconds: config.timeoutSeconds,
    policy: config.verdict,
    before,
    releaseNamespace: namespace,
    pollMs: ports.pollMs,
    clock,
    onProgress: progressLogger(log),
    onReadError: readErrorLogger(log),
    cancel: ports.cancel
  })
  result.warnings = outcome.assessment?.warnings ?? []
  result.progress = outcome.assessment?.progress ?? []

  const verify = postRolloutChecks(config, {
    clock,
    log,
    warn: ports.warn,
    namespace,
    fetchImpl: ports.fetchImpl,
    cancel: ports.cancel,
    helmTest: () => helm.test()
  })
  const failure = outcomeFailure(outcome) ?? (await runChecks(verify.checks))
  result.health = [...verify.health.results]
  if (verify.gate) result.gates = [...verify.gate.reports]

  if (!failure) {
    // helm's own record of the revision it deployed, or the release read back.
    const own = outcome.process && recordOf(outcome.process, attempted)?.info
    const { info: after, chart } = own ? { info: own, chart: own.chart } : await releaseNow(helm)
    result.ok = true
    result.revision = after?.revision
    result.chartAfter = chart
    const manifestAfter = after?.manifest ?? ''
    result.imagesAfter = imagesOf(parseManifests(manifestAfter))
    // `helm get manifest` prints the manifest with a newline after it, a release record without.
    result.changed = manifestAfter.trimEnd() !== manifestBefore.trimEnd()
    result.durationSeconds = secondsBetween(t0, clock.now().getTime())
    return result
  }

  result.error = failure
  Object.assign(result, detection(outcome, upgradeStart))
  log(`Deploy of revision ${attempted} failed: ${failure}`)

  const historyNow = await helm.history()
  const recorded = recordedByThisRun(history, historyNow, attempted, outcome.process?.stderr)
  result.changed = recorded
  const decision = decideRemediation({
    situation: 'failed',
    release: config.release,
    historyBefore: history,
    historyAfter: historyNow,
    attemptedRevision: attempted,
    recorded,
    rollbackOnFailure: config.rollbackOnFailure,
    uninstallOnFailedInstall: config.uninstallOnFailedInstall,
    recoverPending: config.recoverPending,
    lock
  })
  if (decision.action === 'rollback')
    result.rollback = await restoreRevision(config, ports, decision.to, namespace)
  else if (decision.action === 'uninstall')
    result.rollback = await uninstallFailedInstall(config.release, ports)
  else if (reportsLeftAsIs(decision, config.rollbackOnFailure, historyNow)) {
    log(`Nothing undone: ${decision.reason}.`)
    result.rollback = {
      healthy: false,
      uninstalled: false,
      detail: decision.reason,
      durationSeconds: 0
    }
  }
  const { info: final, chart } = await releaseNow(helm)
  // A run whose revision helm never recorded reports none: the current one is another run's.
  result.revision = recorded ? final?.revision : undefined
  result.chartAfter = chart
  result.imagesAfter = final ? imagesOf(parseManifests(final.manifest)) : []
  result.durationSeconds = secondsBetween(t0, clock.now().getTime())
  return result
}

/**
 * The release as it is now, for the report: its record, and its chart from the record or else
 * the newest history entry.
 */
async function releaseNow(
  helm: ReleaseHelm
): Promise<{ info: ReleaseInfo | undefined; chart: string | undefined }> {
  const info = await helm.status()
  return { info, chart: info?.chart ?? (await helm.history()).at(-1)?.chart }
}

/** What a successful `helm upgrade --output json` printed of the revision, if it is that revision. */
function recordOf(r: CommandResult, revision: number): RevisionRecord | undefined {
  if (r.exitCode !== 0) return undefined
  const own = parseUpgradeOutput(r.stdout)
  return own?.info.revision === revision ? own : undefined
}

/** Workloads of the revision helm is applying, once its pending record exists. */
async function revisionWorkloads(
  helm: ReleaseHelm,
  revision: number,
  namespace: string,
  log: (line: string) => void,
  own?: RevisionRecord
): Promise<WorkloadRef[] | undefined> {
  const recorded = own
    ? { manifest: own.info.manifest, hooks: own.hooks }
    : await helm.recorded(revision)
  if (!recorded) return undefined
  const workloads = workloadsOf(recorded.manifest, namespace, recorded.hooks)
  const names = (hook: boolean) =>
    workloads
      .filter((w) => !!w.hook === hook)
      .map((w) => workloadName(w, namespace))
      .join(', ')
  log(
    `Watching ${names(false) || 'no workloads'}${workloads.some((w) => w.hook) ? ` and hook ${names(true)}` : ''}`
  )
  return workloads
}

function progressLogger(log: (l: string) => void): (a: Assessment) => void {
  let previous = ''
  const said = new Set<string>()
  return (a) => {
    const line = a.progress
      .map(
        (p) =>
          `${p.workload} ${p.ready}/${p.desired}${p.complete ? ' ready' : p.note ? ` (${p.note})` : ''}`
      )
      .join(' | ')
    if (line !== previous) log(`Rollout: ${line || 'no workloads'}`)
    previous = line
    // Which pods are given time and why; said again only when the reason changes.
    for (const w of a.waiting) {
      const gist = w.replace(/\d+s/g, '')
      if (said.has(gist)) continue
      said.add(gist)
      log(`  giving time: ${w}`)
    }
  }
}

function readErrorLogger(log: (l: string) => void): (e: Error) => void {
  let last = ''
  return (e) => {
    if (e.message !== last)
      log(`Could not read the rollout (no verdict from this read): ${e.message}`)
    last = e.message
  }
}

/** Rolls back to a good revision and watches it become healthy again (mode rollback). */
export function rollback(
  s: Session,
  deps: DeployDeps,
  to: HistoryEntry,
  namespace: string
): Promise<RollbackReport> {
  return restoreRevision(s.config, restorePorts(s, deps), to, namespace)
}

/** Rolls back to a good revision and watches it become healthy again. */
export async function restoreRevision(
  config: RestoreConfig,
  ports: RestorePorts,
  to: HistoryEntry,
  namespace: string
): Promise<RollbackReport> {
  const { helm, clock, log } = ports
  const start = clock.now().getTime()
  log(`Rolling back ${config.release} to revision ${to.revision} (${to.chart})`)
  // No --wait: helm rollback has no signal handling, so it must never be interrupted; the
  // rollout of the restored revision is watched below instead.
  const r = await helm.rollback(to.revision)
  if (r.exitCode !== 0) {
    return {
      toRevision: to.revision,
      healthy: false,
      uninstalled: false,
      detail: new HelmError('rollback', r).message,
      durationSeconds: secondsBetween(start, clock.now().getTime())
    }
  }
  const workloads = workloadsOf(await helm.manifest(to.revision), namespace)
  const replaced = new Set<string>()
  const outcome = await (ports.watch ?? watchRollout)({
    snapshot: (w) => ports.reader.snapshot(w),
    wake: ports.reader.onChange?.bind(ports.reader),
    workloads: () => Promise.resolve(workloads.filter((w) => w.kind !== 'Job')),
    timeoutSeconds: config.timeoutSeconds,
    policy: config.verdict,
    releaseNamespace: namespace,
    pollMs: ports.pollMs,
    clock,
    onProgress: progressLogger(log),
    onReadError: readErrorLogger(log),
    // A cancelled run has seconds before the runner kills it: the rollback is applied, not watched.
    cancel: ports.cancel,
    onSnapshot: async (snap) => {
      for (const pod of stuckStatefulSetPods(snap, workloads)) {
        if (replaced.has(pod)) continue
        replaced.add(pod)
        log(
          `Replacing pod ${pod}: a StatefulSet does not replace a broken pod by itself after a rollback`
        )
        await ports.deletePod(pod)
      }
    }
  })
  const status = await helm.status()
  return {
    toRevision: to.revision,
    revision: status?.revision,
    ...restoreVerdict(to.revision, outcome),
    uninstalled: false,
    durationSeconds: secondsBetween(start, clock.now().getTime())
  }
}

/**
 * Pods of a StatefulSet still on another revision than the one it now wants and not ready:
 * with OrderedReady the controller waits forever for them (kubernetes docs, "Forced rollback").
 */
export function stuckStatefulSetPods(snap: Snapshot, workloads: readonly WorkloadRef[]): string[] {
  const names = new Set(workloads.filter((w) => w.kind === 'StatefulSet').map((w) => w.name))
  const stuck: string[] = []
  for (const ss of snap.statefulSets) {
    if (!names.has(ss.metadata.name) || !ss.status?.updateRevision) continue
    if ((ss.status.observedGeneration ?? 0) < (ss.metadata.generation ?? 0)) continue
    for (const p of snap.pods) {
      const owned = (p.metadata.ownerReferences ?? []).some(
        (o) => o.kind === 'StatefulSet' && o.name === ss.metadata.name
      )
      const ready = (p.status?.conditions ?? []).some(
        (c) => c.type === 'Ready' && c.status === 'True'
      )
      if (
        owned &&
        !ready &&
        !p.metadata.deletionTimestamp &&
        p.metadata.labels?.['controller-revision-hash'] !== ss.status.updateRevision
      )
        stuck.push(p.metadata.name)
    }
  }
  return stuck
}

async function uninstallFailedInstall(
  release: string,
  ports: DeployPorts
): Promise<RollbackReport> {
  const start = ports.clock.now().getTime()
  ports.log(
    `First install of ${release} failed and it never worked: uninstalling it (uninstall-on-failed-install)`
  )
  const r = await ports.helm.uninstall()
  return {
    healthy: r.exitCode === 0,
    uninstalled: r.exitCode === 0,
    detail:
      r.exitCode === 0 ? 'failed first install uninstalled' : new HelmError('uninstall', r).message,
    durationSeconds: secondsBetween(start, ports.clock.now().getTime())
  }
}
