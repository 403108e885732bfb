import * as a from '../helm/args.js'
import { HelmError } from '../helm/helm.js'
import { everDeployed, isPending, lastGoodRevision, type HistoryEntry } from '../helm/release.js'
import type { Kubectl } from '../kube/kubectl.js'
import type { Snapshot, WorkloadRef } from '../kube/types.js'
import { imagesOf, parseManifests } from '../render/manifests.js'
import { UserError } from '../result.js'
import {
  describeFailure,
  generations,
  type Assessment,
  type Failure,
  type WorkloadProgress
} from '../rollout/assess.js'
import { checkHealth, type HealthResult } from '../rollout/health.js'
import { watchRollout, type Clock, type WatchOutcome } from '../rollout/watch.js'
import { workloadsOf } from '../rollout/workloads.js'
import type { Session } from '../session.js'

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
  rollback?: RollbackReport
  /** Seconds from the start of the upgrade until the failure was detected. */
  detectionSeconds?: number
  durationSeconds: number
}

export interface DeployDeps {
  kube: Kubectl
  clock: Clock
  /** Told once the release is being changed, so a cancelled job can be repaired by the post step. */
  onStarted?: (lastGood: number | undefined) => void
  fetchImpl?: typeof fetch
  pollMs?: number
}

const secondsBetween = (from: number, to: number): number => Math.round((to - from) / 100) / 10

/** Deploys the release and verifies it; on failure restores the last good revision. */
export async function deploy(s: Session, deps: DeployDeps): Promise<DeployResult> {
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
    durationSeconds: 0
  }

  let history = await helm.history(target)
  const current = history.at(-1)
  if (current && isPending(current.status)) {
    result.recovered = await recoverPending(s, history)
    history = await helm.history(target)
  }
  const good = lastGoodRevision(history)
  const deployed = [...history].reverse().find((h) => h.status === 'deployed')
  result.previousRevision = deployed?.revision
  result.chartBefore = deployed?.chart
  const manifestBefore = deployed ? await helm.manifest(target, deployed.revision) : ''
  result.imagesBefore = imagesOf(parseManifests(manifestBefore))
  const attempted = (history.at(-1)?.revision ?? 0) + 1
  result.attemptedRevision = attempted

  const before = await deps.kube.snapshot()
  const startGenerations = generationsOfAll(before)
  deps.onStarted?.(good?.revision)

  const upgradeStart = clock.now().getTime()
  const upgrade = helm.start(
    a.upgradeArgs(helm.dialect, target, s.chart, s.values, {
      timeoutSeconds: config.timeoutSeconds,
      historyMax: config.historyMax,
      createNamespace: config.createNamespace,
      wait: true
    })
  )
  const outcome = await watchRollout({
    snapshot: () => deps.kube.snapshot(),
    workloads: () => pendingWorkloads(s, attempted, namespace),
    process: upgrade,
    timeoutSeconds: config.timeoutSeconds,
    graceSeconds: config.failureGraceSeconds,
    startGenerations,
    pollMs: deps.pollMs,
    clock,
    onProgress: progressLogger(log)
  })
  result.progress = outcome.assessment?.progress ?? []

  let failure = describeOutcome(outcome)
  if (!failure) {
    result.health = await runHealthChecks(s, deps)
    const bad = result.health.filter((h) => !h.ok)
    if (bad.length > 0)
      failure = `health check failed: ${bad.map((h) => `${h.url} ${h.detail}`).join('; ')}`
  }
  if (!failure && config.runTests) {
    const r = await helm.try(a.testArgs(target, { timeoutSeconds: config.timeoutSeconds }))
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
  result.changed = true

  if (config.rollbackOnFailure) {
    const historyNow = await helm.history(target)
    const restoreTo = lastGoodRevision(historyNow, attempted)
    // Only revisions before this attempt count: one that rolled out but failed its health
    // checks or tests never worked.
    const workedBefore = everDeployed(historyNow.filter((h) => h.revision < attempted))
    if (restoreTo) result.rollback = await rollback(s, deps, restoreTo, namespace)
    else if (!workedBefore && historyNow.length > 0 && config.uninstallOnFailedInstall)
      result.rollback = await uninstallFailedInstall(s, deps)
    else if (historyNow.length > 0)
      result.rollback = {
        healthy: false,
        uninstalled: false,
        detail: 'no earlier good revision to return to; release left as it is',
        durationSeconds: 0
      }
  }
  const final = await helm.status(target)
  result.revision = final?.revision
  result.chartAfter = final?.chart ?? (await helm.history(target)).at(-1)?.chart
  result.imagesAfter = final ? imagesOf(parseManifests(final.manifest)) : []
  result.durationSeconds = secondsBetween(t0, clock.now().getTime())
  return result
}

function generationsOfAll(s: Snapshot): Map<string, number> {
  const refs: WorkloadRef[] = [
    ...s.deployments.map((d) => ({
      kind: 'Deployment' as const,
      name: d.metadata.name,
      namespace: ''
    })),
    ...s.statefulSets.map((d) => ({
      kind: 'StatefulSet' as const,
      name: d.metadata.name,
      namespace: ''
    })),
    ...s.daemonSets.map((d) => ({
      kind: 'DaemonSet' as const,
      name: d.metadata.name,
      namespace: ''
    })),
    ...s.jobs.map((d) => ({ kind: 'Job' as const, name: d.metadata.name, namespace: '' }))
  ]
  return generations(refs, s)
}

/** Workloads of the revision helm is applying, once its pending record exists. */
async function pendingWorkloads(
  s: Session,
  revision: number,
  namespace: string
): Promise<WorkloadRef[] | undefined> {
  const m = await s.helm.try(a.getManifestArgs(s.target, revision), { echo: false })
  if (m.exitCode !== 0) return undefined
  const h = await s.helm.try(a.getHooksArgs(s.target, revision), { echo: false })
  const { workloads, elsewhere } = workloadsOf(
    m.stdout,
    namespace,
    h.exitCode === 0 ? h.stdout : ''
  )
  s.log(
    `Watching ${
      workloads
        .filter((w) => !w.hook)
        .map((w) => `${w.kind}/${w.name}`)
        .join(', ') || 'no workloads'
    }${
      workloads.some((w) => w.hook)
        ? ` and hook ${workloads
            .filter((w) => w.hook)
            .map((w) => `${w.kind}/${w.name}`)
            .join(', ')}`
        : ''
    }`
  )
  if (elsewhere.length > 0)
    s.log(`Not watched (outside namespace ${namespace}): ${elsewhere.join(', ')}`)
  return workloads
}

function progressLogger(log: (l: string) => void): (a: Assessment) => void {
  let previous = ''
  return (a) => {
    const line = a.progress
      .map(
        (p) =>
          `${p.workload} ${p.ready}/${p.desired}${p.complete ? ' ready' : p.note ? ` (${p.note})` : ''}`
      )
      .join(' | ')
    if (line !== previous) log(`Rollout: ${line || 'no workloads'}`)
    previous = line
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
    case 'timeout': {
      const waiting = (o.assessment?.progress ?? [])
        .filter((p) => !p.complete)
        .map((p) => `${p.workload}: ${p.note ?? 'not ready'}`)
      return `rollout did not finish within the timeout${waiting.length ? `; still waiting for ${waiting.join('; ')}` : ''}`
    }
  }
}

async function runHealthChecks(s: Session, deps: DeployDeps): Promise<HealthResult[]> {
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
async function rollback(
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
  const r = await helm.try(
    a.rollbackArgs(helm.dialect, target, to.revision, {
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
  const { workloads } = workloadsOf(await helm.manifest(target, to.revision), namespace)
  const replaced = new Set<string>()
  const outcome = await watchRollout({
    snapshot: () => deps.kube.snapshot(),
    workloads: async () => workloads.filter((w) => w.kind !== 'Job'),
    timeoutSeconds: config.timeoutSeconds,
    graceSeconds: config.failureGraceSeconds,
    pollMs: deps.pollMs,
    clock: deps.clock,
    onProgress: progressLogger(log),
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
  const r = await s.helm.try(a.uninstallArgs(s.target, { timeoutSeconds: s.config.timeoutSeconds }))
  return {
    healthy: r.exitCode === 0,
    uninstalled: r.exitCode === 0,
    detail:
      r.exitCode === 0 ? 'failed first install uninstalled' : new HelmError('uninstall', r).message,
    durationSeconds: secondsBetween(start, deps.clock.now().getTime())
  }
}

/** A release stuck in pending-* (a killed helm) is rolled back to its last good revision. */
async function recoverPending(s: Session, history: HistoryEntry[]): Promise<string> {
  const { config, helm, target, log } = s
  const current = history.at(-1)!
  const good = lastGoodRevision(history, current.revision)
  if (!config.recoverPending) {
    const how = good
      ? `helm rollback ${config.release} ${good.revision}${config.namespace ? ` --namespace ${config.namespace}` : ''}`
      : `helm uninstall ${config.release}${config.namespace ? ` --namespace ${config.namespace}` : ''}`
    throw new UserError(
      `Release "${config.release}" is stuck in ${current.status} (revision ${current.revision}: ${current.description}): another helm operation was interrupted. Set recover-pending: true to let the action ${good ? `roll back to revision ${good.revision}` : 'remove the never-deployed release'} first, or run: ${how}`
    )
  }
  if (good) {
    log(
      `Release is stuck in ${current.status} at revision ${current.revision}; recovering by rolling back to revision ${good.revision} (recover-pending)`
    )
    await helm.run(
      a.rollbackArgs(helm.dialect, target, good.revision, {
        timeoutSeconds: config.timeoutSeconds,
        historyMax: config.historyMax
      })
    )
    return `recovered from ${current.status} (revision ${current.revision}) by rolling back to revision ${good.revision}`
  }
  if (everDeployed(history))
    throw new UserError(
      `Release "${config.release}" is stuck in ${current.status} and no good revision is left in its history; it is never uninstalled automatically because it once worked. Inspect it with helm history ${config.release}.`
    )
  log(
    `Release is stuck in ${current.status} and was never deployed; uninstalling it (recover-pending)`
  )
  await helm.run(a.uninstallArgs(target, { timeoutSeconds: config.timeoutSeconds }))
  return `removed the never-deployed release stuck in ${current.status}`
}
