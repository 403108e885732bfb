import * as helmArgs from '../helm/args.js'
import { HelmError } from '../helm/helm.js'
import { lastGoodRevision, type HistoryEntry } from '../helm/release.js'
import type { Kubectl } from '../kube/kubectl.js'
import { DeployLock, defaultLockTiming, holderFromEnv, type Holder } from '../kube/lease.js'
import { defaultRetryPolicy, UnreachableError } from '../kube/retry.js'
import type { Snapshot, WorkloadRef } from '../kube/types.js'
import { imagesOf, parseManifests } from '../render/manifests.js'
import {
  baselineOf,
  describeFailure,
  type Assessment,
  type Failure,
  type WorkloadProgress
} from '../verify/assess.js'
import { checkHealth, type HealthResult } from '../verify/health.js'
import { watchRollout, type Clock, type WatchOutcome } from '../verify/watch.js'
import { workloadName, workloadsOf } from '../verify/workloads.js'
import type { Session } from '../run/session.js'
import type { DeployState } from '../run/step-state.js'
import { installedByLabels } from '../remediate/marks.js'
import { prepareNamespace, runUrlFromEnv } from '../remediate/namespace.js'
import { releaseHelm, type RolloutReader } from './ports.js'
import { decideRemediation, recordedByThisRun, type LockState } from './remediation.js'
import { settlePending } from './restore.js'

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
  fetchImpl?: typeof fetch
  pollMs?: number
  /** Aborted when the runner cancels the job: an unverified revision is then rolled back. */
  cancel?: AbortSignal
}

const secondsBetween = (from: number, to: number): number => Math.round((to - from) / 100) / 10

const readerOf = (deps: DeployDeps): RolloutReader =>
  deps.reader ?? { snapshot: (w) => deps.kube.releaseSnapshot(w) }

/** How far a deploy got, for reporting an outcome that could not be read. */
interface Phase {
  result?: DeployResult
  /** Set once the upgrade is about to start: from then on the release may have changed. */
  attempted?: number
  /** When the rollout's timeout ends; reads may retry until then. */
  deadline?: number
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
  const phase: Phase = { startedAt: deps.clock.now().getTime() }
  const policy = { ...defaultRetryPolicy(s.log), deadline: () => phase.deadline }
  s.helm.retryReads(policy)
  deps.kube.configure({ retry: policy, warn })

  // The namespace is created (and marked as the action's) before the lock's Lease is written to it.
  if (config.createNamespace)
    phase.helmCreatesNamespace = (
      await prepareNamespace(deps.kube, config.release, runUrlFromEnv(), s.log)
    ).helmCreates
  let lock: DeployLock | undefined
  let lockState: LockState = { kind: 'disabled' }
  if (config.lock) {
    lock = new DeployLock(deps.kube, config.release, deps.holder ?? holderFromEnv(process.env), {
      ...defaultLockTiming,
      ...deps.lockTiming,
      clock: deps.clock,
      log: s.log,
      warn
    })
    const got = await lock.acquire(config.lockTimeoutSeconds)
    deps.remember?.({ lock: { name: lock.name, holder: lock.me.identity } })
    lock.startRenewing()
    lockState = { kind: 'held', previous: got.previous, previousHolder: got.previousHolder }
  } else {
    s.log(
      'Deploying without the deploy lock (lock: false): runs of this release are not serialized.'
    )
  }
  try {
    return await deployLocked(s, deps, lockState, phase)
  } catch (e) {
    if (!(e instanceof UnreachableError) || phase.attempted === undefined || !phase.result) throw e
    return unknownOutcome(s, phase, phase.result, e, deps.clock)
  } finally {
    await lock?.releaseOrWarn(warn)
  }
}

function unknownOutcome(
  s: Session,
  phase: Phase,
  result: DeployResult,
  e: UnreachableError,
  clock: Clock
): DeployResult {
  const ns = s.target.namespace ?? 'default'
  result.ok = false
  result.revision = undefined
  result.unknown = `The outcome of revision ${phase.attempted} of ${s.config.release} is unknown: the cluster stopped answering after helm started it (${e.message}). Nothing was rolled back. Check what is live with: helm history ${s.config.release} --namespace ${ns}; and the rollout of its workloads (kubectl rollout status --namespace ${ns} ...).`
  result.error = result.unknown
  result.durationSeconds = secondsBetween(phase.startedAt, clock.now().getTime())
  return result
}

async function deployLocked(
  s: Session,
  deps: DeployDeps,
  lock: LockState,
  phase: Phase
): Promise<DeployResult> {
  const { helm, target, config, log } = s
  const clock = deps.clock
  const t0 = clock.now().getTime()
  const namespace = target.namespace ?? 'default'
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
  const { history, recovered } = await settlePending(
    releaseHelm(helm, target, config),
    config,
    lock,
    log
  )
  result.recovered = recovered
  const good = lastGoodRevision(history)
  const deployed = [...history].reverse().find((h) => h.status === 'deployed')
  result.previousRevision = deployed?.revision
  result.chartBefore = deployed?.chart
  const manifestBefore = deployed ? await helm.manifest(target, deployed.revision) : ''
  result.imagesBefore = imagesOf(parseManifests(manifestBefore))
  const attempted = (history.at(-1)?.revision ?? 0) + 1
  result.attemptedRevision = attempted

  // What exists before the upgrade tells which workloads this revision changes: the others are
  // reported, never judged.
  const reader = readerOf(deps)
  const before = baselineOf(await reader.snapshot(workloadsOf(manifestBefore, namespace)))
  deps.remember?.({ lastGood: good?.revision, attempted })
  phase.attempted = attempted
  phase.deadline = clock.now().getTime() + config.timeoutSeconds * 1000
  deps.onStarted?.(good?.revision)

  const upgradeStart = clock.now().getTime()
  // No helm --wait: the verdict is the action's own (helm's wait would also hold a deploy on a
  // LoadBalancer address or an unbound volume, and ends only at its timeout).
  const upgrade = helm.start(
    helmArgs.upgradeArgs(helm.dialect, target, s.chart, s.values, {
      timeoutSeconds: config.timeoutSeconds,
      historyMax: config.historyMax,
      createNamespace: phase.helmCreatesNamespace === true,
      // A release this run installs is marked as the action's, for mode remove.
      labels: history.length === 0 ? installedByLabels(helm.version) : undefined,
      wait: false
    })
  )
  const outcome = await watchRollout({
    snapshot: (w) => reader.snapshot(w),
    wake: reader.onChange?.bind(reader),
    workloads: () => pendingWorkloads(s, attempted, namespace),
    process: upgrade,
    timeoutSeconds: config.timeoutSeconds,
    policy: config.verdict,
    before,
    releaseNamespace: namespace,
    pollMs: deps.pollMs,
    clock,
    onProgress: progressLogger(log),
    onReadError: readErrorLogger(log),
    cancel: deps.cancel
  })
  result.warnings = outcome.assessment?.warnings ?? []
  result.progress = outcome.assessment?.progress ?? []

  let failure = describeOutcome(outcome)
  if (!failure) {
    result.health = await runHealthChecks(s, deps)
    const bad = result.health.filter((h) => !h.ok)
    if (bad.length > 0)
      failure = `health check failed: ${bad.map((h) => `${h.url} ${h.detail}`).join('; ')}`
  }
  if (!failure && config.runTests) {
    const r = await helm.runAllowingFailure(
      helmArgs.testArgs(target, { timeoutSeconds: config.timeoutSeconds })
    )
    if (r.exitCode !== 0) failure = `helm test failed: ${new HelmError('test', r).message}`
  }

  if (!failure) {
    const after = await helm.status(target)
    result.ok = true
    result.revision = after?.revision
    result.chartAfter = after?.chart ?? (await helm.history(target)).at(-1)?.chart
    const manifestAfter = after?.manifest ?? ''
    result.imagesAfter = imagesOf(parseManifests(manifestAfter))
    result.changed = manifestAfter !== manifestBefore
    result.durationSeconds = secondsBetween(t0, clock.now().getTime())
    return result
  }

  result.error = failure
  result.failures = outcome.kind === 'failed' ? outcome.assessment.failures : []
  if (outcome.kind === 'failed')
    result.detectionSeconds = secondsBetween(upgradeStart, outcome.detectedAt.getTime())
  log(`Deploy of revision ${attempted} failed: ${failure}`)

  const historyNow = await helm.history(target)
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
    result.rollback = await rollback(s, deps, decision.to, namespace)
  else if (decision.action === 'uninstall') result.rollback = await uninstallFailedInstall(s, deps)
  else if (config.rollbackOnFailure && historyNow.length > 0) {
    log(`Nothing undone: ${decision.reason}.`)
    result.rollback = {
      healthy: false,
      uninstalled: false,
      detail: decision.reason,
      durationSeconds: 0
    }
  }
  const final = await helm.status(target)
  // A run whose revision helm never recorded reports none: the current one is another run's.
  result.revision = recorded ? final?.revision : undefined
  result.chartAfter = final?.chart ?? (await helm.history(target)).at(-1)?.chart
  result.imagesAfter = final ? imagesOf(parseManifests(final.manifest)) : []
  result.durationSeconds = secondsBetween(t0, clock.now().getTime())
  return result
}

/** Workloads of the revision helm is applying, once its pending record exists. */
async function pendingWorkloads(
  s: Session,
  revision: number,
  namespace: string
): Promise<WorkloadRef[] | undefined> {
  const m = await s.helm.runAllowingFailure(helmArgs.getManifestArgs(s.target, revision), {
    echo: false
  })
  if (m.exitCode !== 0) return undefined
  const h = await s.helm.runAllowingFailure(helmArgs.getHooksArgs(s.target, revision), {
    echo: false
  })
  const workloads = workloadsOf(m.stdout, namespace, h.exitCode === 0 ? h.stdout : '')
  const names = (hook: boolean) =>
    workloads
      .filter((w) => !!w.hook === hook)
      .map((w) => workloadName(w, namespace))
      .join(', ')
  s.log(
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

function describeOutcome(o: WatchOutcome): string | undefined {
  switch (o.kind) {
    case 'complete':
      return undefined
    case 'failed':
      return o.assessment.failures.map(describeFailure).join('\n')
    case 'process-failed':
      return new HelmError('upgrade', o.process).message
    case 'cancelled':
      return 'the run was cancelled before the rollout was verified'
    case 'timeout': {
      const waiting = (o.assessment?.progress ?? [])
        .filter((p) => !p.complete)
        .map((p) => `${p.workload}: ${p.note ?? 'not ready'}`)
      return `rollout did not finish within the timeout${waiting.length ? `; still waiting for ${waiting.join('; ')}` : ''}`
    }
  }
}

export async function runHealthChecks(s: Session, deps: DeployDeps): Promise<HealthResult[]> {
  const results: HealthResult[] = []
  for (const check of s.config.healthChecks) {
    const r = await checkHealth(
      check,
      s.config.healthCheckTimeoutSeconds,
      deps.clock,
      deps.fetchImpl
    )
    s.log(
      `Health check ${r.url}: ${r.ok ? 'ok' : 'FAILED'} (${r.detail}, ${r.attempts} attempt(s))`
    )
    results.push(r)
  }
  return results
}

/** Rolls back to a good revision and watches it become healthy again. */
export async function rollback(
  s: Session,
  deps: DeployDeps,
  to: HistoryEntry,
  namespace: string
): Promise<RollbackReport> {
  const { helm, target, config, log } = s
  const start = deps.clock.now().getTime()
  log(`Rolling back ${config.release} to revision ${to.revision} (${to.chart})`)
  // No --wait: helm rollback has no signal handling, so it must never be interrupted; the
  // rollout of the restored revision is watched below instead.
  const r = await helm.runAllowingFailure(
    helmArgs.rollbackArgs(helm.dialect, target, to.revision, {
      timeoutSeconds: config.timeoutSeconds,
      historyMax: config.historyMax
    })
  )
  if (r.exitCode !== 0) {
    return {
      toRevision: to.revision,
      healthy: false,
      uninstalled: false,
      detail: new HelmError('rollback', r).message,
      durationSeconds: secondsBetween(start, deps.clock.now().getTime())
    }
  }
  const workloads = workloadsOf(await helm.manifest(target, to.revision), namespace)
  const replaced = new Set<string>()
  const outcome = await watchRollout({
    snapshot: (w) => readerOf(deps).snapshot(w),
    wake: deps.reader?.onChange?.bind(deps.reader),
    workloads: async () => workloads.filter((w) => w.kind !== 'Job'),
    timeoutSeconds: config.timeoutSeconds,
    policy: config.verdict,
    releaseNamespace: namespace,
    pollMs: deps.pollMs,
    clock: deps.clock,
    onProgress: progressLogger(log),
    onReadError: readErrorLogger(log),
    // A cancelled run has seconds before the runner kills it: the rollback is applied, not watched.
    cancel: deps.cancel,
    onSnapshot: async (snap) => {
      for (const pod of stuckStatefulSetPods(snap, workloads)) {
        if (replaced.has(pod)) continue
        replaced.add(pod)
        log(
          `Replacing pod ${pod}: a StatefulSet does not replace a broken pod by itself after a rollback`
        )
        await deps.kube.deletePod(pod)
      }
    }
  })
  const status = await helm.status(target)
  const healthy = outcome.kind === 'complete'
  return {
    toRevision: to.revision,
    revision: status?.revision,
    healthy,
    uninstalled: false,
    detail: healthy
      ? `revision ${to.revision} restored and healthy`
      : outcome.kind === 'cancelled'
        ? `revision ${to.revision} restored; its rollout was not watched (the run was cancelled)`
        : `revision ${to.revision} restored but not healthy: ${describeOutcome(outcome)}`,
    durationSeconds: secondsBetween(start, deps.clock.now().getTime())
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

async function uninstallFailedInstall(s: Session, deps: DeployDeps): Promise<RollbackReport> {
  const start = deps.clock.now().getTime()
  s.log(
    `First install of ${s.config.release} failed and it never worked: uninstalling it (uninstall-on-failed-install)`
  )
  const r = await s.helm.runAllowingFailure(
    helmArgs.uninstallArgs(s.target, { timeoutSeconds: s.config.timeoutSeconds })
  )
  return {
    healthy: r.exitCode === 0,
    uninstalled: r.exitCode === 0,
    detail:
      r.exitCode === 0 ? 'failed first install uninstalled' : new HelmError('uninstall', r).message,
    durationSeconds: secondsBetween(start, deps.clock.now().getTime())
  }
}
