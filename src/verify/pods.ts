import type {
  ContainerSpec,
  ContainerState,
  ContainerStatus,
  KubeEvent,
  Pod
} from '../kube/types.js'
import type { RolloutMemory } from './memory.js'
import { readinessWindowSeconds, startupWindowSeconds, type VerdictPolicy } from './policy.js'

// The doom rules for one pod of a new revision: which states never heal by waiting (act now),
// which usually heal (give them the time the policy allows), and the evidence for each verdict.
// Grounded in what the kubelet reports (pkg/kubelet/images, kuberuntime, prober) and in the
// back-off facts that bound how fast a verdict can be: the first crash is followed by a
// back-off of 10 s, so a crash *loop* shows only when the container crashes again after it.

/** Which rule judged a pod; named in every failure message and in the README table. */
export type Rule =
  | 'crash-loop'
  | 'image-not-found'
  | 'image-pull-error'
  | 'invalid-image'
  | 'config-error'
  | 'readiness'
  | 'readiness-gate'
  | 'unschedulable'
  | 'no-scale-up'
  | 'progress-deadline'
  | 'pod-create-failed'
  | 'job-failed'
  | 'custom-resource-failed'

export interface PodFailure {
  pod: string
  container?: string
  /** The Kubernetes reason (CrashLoopBackOff, ErrImagePull...). */
  reason: string
  rule: Rule
  message: string
  /** What the rule saw: restart count, how long, the threshold. */
  evidence?: string
  /** The container's last termination, e.g. "exit code 1 (Error)". */
  lastState?: string
  restarts?: number
}

export type PodVerdict =
  { kind: 'doomed'; failure: PodFailure } | { kind: 'waiting'; note: string } | { kind: 'ok' }

export interface PodContext {
  /** Events about this pod (any type). */
  events: readonly KubeEvent[]
  now: Date
  policy: VerdictPolicy
  memory: RolloutMemory
  /** Pods of Deployments, StatefulSets and DaemonSets: restarts are crashes, readiness is due.
   * False for Job pods: their restarts and failures are the Job's backoffLimit to judge. */
  longRunning: boolean
}

/** A pull error that says the image, tag or manifest does not exist or may not be read. */
const IMAGE_MISSING =
  /not found|manifest unknown|name unknown|repository does not exist|pull access denied|access denied|unauthorized|authentication required|\bforbidden\b|\b40[134]\b|invalid reference format/i

/** Transient informer lag in the kubelet, not a missing object (krane excludes it too). */
const CACHE_LAG = /failed to sync .* cache/i

const CONFIG_ERRORS = new Set([
  'CreateContainerConfigError',
  'CreateContainerError',
  'RunContainerError',
  'PreCreateHookError',
  'PreStartHookError'
])

const at = (iso: string | undefined): number | undefined => {
  if (!iso) return undefined
  const t = Date.parse(iso)
  return Number.isNaN(t) ? undefined : t
}

const eventStart = (e: KubeEvent): number | undefined =>
  at(e.firstTimestamp ?? e.eventTime ?? e.lastTimestamp ?? e.metadata.creationTimestamp)
const eventEnd = (e: KubeEvent): number | undefined =>
  at(e.lastTimestamp ?? e.eventTime ?? e.firstTimestamp ?? e.metadata.creationTimestamp)

/** The newest event matching, by when it was last seen. */
export function newestEvent(
  events: readonly KubeEvent[],
  match: (e: KubeEvent) => boolean
): KubeEvent | undefined {
  let best: KubeEvent | undefined
  for (const e of events)
    if (match(e) && (!best || (eventEnd(e) ?? 0) >= (eventEnd(best) ?? 0))) best = e
  return best
}

/** When the earliest matching event started, in ms. */
function earliestEvent(
  events: readonly KubeEvent[],
  match: (e: KubeEvent) => boolean
): number | undefined {
  const times = events
    .filter(match)
    .map(eventStart)
    .filter((t): t is number => t !== undefined)
  return times.length ? Math.min(...times) : undefined
}

/** "exit code 1 (Error): last lines", one place for how a termination reads. */
export function describeTermination(state: ContainerState | undefined): string | undefined {
  const t = state?.terminated
  if (!t) return undefined
  const parts = [`exit code ${t.exitCode ?? '?'}`]
  if (t.reason) parts.push(`(${t.reason})`)
  if (t.message) parts.push(`: ${t.message.trim().split('\n').slice(-3).join(' | ')}`)
  return parts.join(' ')
}

const secs = (ms: number): number => Math.max(0, Math.round(ms / 1000))

interface Judged {
  pod: Pod
  c: ContainerStatus
  spec?: ContainerSpec
  init: boolean
  ctx: PodContext
}

const containerLabel = (j: Judged): string => (j.init ? `${j.c.name} (init)` : j.c.name)
const memKey = (j: Judged, what: string): string =>
  `${j.pod.metadata.uid ?? j.pod.metadata.name}/${j.c.name}/${what}`

function doomed(j: Judged, f: Omit<PodFailure, 'pod' | 'container'>): PodVerdict {
  return {
    kind: 'doomed',
    failure: { pod: j.pod.metadata.name, container: containerLabel(j), ...f }
  }
}

function waiting(j: Judged, note: string): PodVerdict {
  return { kind: 'waiting', note: `${j.pod.metadata.name}/${j.c.name}: ${note}` }
}

/** Since when the container has shown `what`: the kubelet's first event for it, else our first sight. */
function sinceMs(j: Judged, what: string, eventMatch: (e: KubeEvent) => boolean): number {
  const seen = j.ctx.memory.firstSeen(memKey(j, what), j.ctx.now.getTime())
  const fromEvent = earliestEvent(j.ctx.events, eventMatch)
  const started = at(j.pod.status?.startTime) ?? at(j.pod.metadata.creationTimestamp)
  // An event older than the pod belongs to an earlier pod of the same name (StatefulSets).
  const usable = fromEvent !== undefined && (started === undefined || fromEvent >= started - 1000)
  return usable ? Math.min(seen, fromEvent) : seen
}

function pullVerdict(j: Judged): PodVerdict {
  const w = j.c.state!.waiting!
  const key = memKey(j, 'pull-cause')
  if (w.reason === 'ErrImagePull' && w.message) j.ctx.memory.rememberCause(key, w.message)
  const failedEvent = newestEvent(
    j.ctx.events,
    (e) => e.reason === 'Failed' && /Failed to pull image/i.test(e.message ?? '')
  )
  const cause =
    (w.reason === 'ErrImagePull' ? w.message : undefined) ??
    j.ctx.memory.cause(key) ??
    failedEvent?.message ??
    w.message ??
    ''
  if (IMAGE_MISSING.test(cause))
    return doomed(j, {
      reason: w.reason!,
      rule: 'image-not-found',
      message: cause,
      evidence: 'the registry says the image does not exist or may not be read'
    })
  const since = sinceMs(
    j,
    'pull',
    (e) => (e.reason === 'Failed' || e.reason === 'BackOff') && /pull/i.test(e.message ?? '')
  )
  const elapsed = j.ctx.now.getTime() - since
  const grace = j.ctx.policy.imagePullGraceSeconds
  if (elapsed >= grace * 1000)
    return doomed(j, {
      reason: w.reason!,
      rule: 'image-pull-error',
      message: cause,
      evidence: `image not pulled for ${secs(elapsed)}s (image-pull-grace ${grace}s)`
    })
  return waiting(
    j,
    `${w.reason}${cause ? ` (${cause.slice(0, 120)})` : ''}; a registry error that may pass, given ${secs(elapsed)}s of ${grace}s`
  )
}

function configVerdict(j: Judged): PodVerdict {
  const w = j.c.state!.waiting!
  const since = sinceMs(
    j,
    'config',
    (e) => e.reason === 'Failed' && /^Error: /.test(e.message ?? '')
  )
  const elapsed = j.ctx.now.getTime() - since
  const grace = j.ctx.policy.configErrorGraceSeconds
  if (elapsed >= grace * 1000 && !CACHE_LAG.test(w.message ?? ''))
    return doomed(j, {
      reason: w.reason!,
      rule: 'config-error',
      message: w.message ?? '',
      evidence: `container not created for ${secs(elapsed)}s (config-error-grace ${grace}s)`
    })
  return waiting(
    j,
    `${w.reason}${w.message ? ` (${w.message})` : ''}; may be created by another controller, given ${secs(elapsed)}s of ${grace}s`
  )
}

function crashVerdict(j: Judged): PodVerdict | undefined {
  const { c } = j
  const crashed =
    c.state?.waiting?.reason === 'CrashLoopBackOff' ||
    (c.state?.terminated !== undefined && c.state.terminated.exitCode !== 0)
  if (!crashed) return undefined
  const allowed = j.ctx.policy.failuresAllowedPerReplica
  const last = describeTermination(c.lastState) ?? describeTermination(c.state)
  if (!j.ctx.longRunning)
    return waiting(j, `restarted ${c.restartCount} time(s); the Job's backoffLimit decides`)
  if (c.restartCount > allowed)
    return doomed(j, {
      reason: c.state?.waiting?.reason ?? 'Error',
      rule: 'crash-loop',
      message: c.state?.waiting?.message ?? '',
      lastState: last,
      restarts: c.restartCount,
      evidence: `crashed again after its back-off: ${c.restartCount} restart(s), ${allowed} allowed per replica (failures-allowed-per-replica)`
    })
  return waiting(
    j,
    `crashed ${c.restartCount} time(s)${last ? ` (${last})` : ''}; ${allowed} allowed per replica, waiting for its restart`
  )
}

function containerVerdict(j: Judged): PodVerdict {
  const w = j.c.state?.waiting
  const reason = w?.reason ?? ''
  if (reason === 'InvalidImageName' || reason === 'ErrImageNeverPull')
    return doomed(j, {
      reason,
      rule: 'invalid-image',
      message: w?.message ?? '',
      evidence: 'the kubelet will never pull this image'
    })
  if (reason === 'ErrImagePull' || reason === 'ImagePullBackOff') return pullVerdict(j)
  if (CONFIG_ERRORS.has(reason)) return configVerdict(j)
  return crashVerdict(j) ?? { kind: 'ok' }
}

function specOf(pod: Pod, name: string, init: boolean): ContainerSpec | undefined {
  return (init ? pod.spec?.initContainers : pod.spec?.containers)?.find((c) => c.name === name)
}

function unschedulableVerdict(pod: Pod, ctx: PodContext, since: number): PodVerdict {
  const cond = (pod.status?.conditions ?? []).find((c) => c.type === 'PodScheduled')
  const scaler = newestEvent(ctx.events, (e) =>
    ['TriggeredScaleUp', 'NotTriggerScaleUp'].includes(e.reason ?? '')
  )
  const elapsed = ctx.now.getTime() - since
  const base = {
    pod: pod.metadata.name,
    reason: 'Unschedulable',
    message: cond?.message ?? ''
  }
  if (scaler?.reason === 'NotTriggerScaleUp')
    return {
      kind: 'doomed',
      failure: {
        ...base,
        rule: 'no-scale-up',
        evidence: `the cluster autoscaler will not add a node: ${scaler.message ?? ''}`
      }
    }
  const scaling = scaler?.reason === 'TriggeredScaleUp'
  const grace = scaling ? ctx.policy.scaleUpGraceSeconds : ctx.policy.unschedulableGraceSeconds
  if (elapsed >= grace * 1000)
    return {
      kind: 'doomed',
      failure: {
        ...base,
        rule: 'unschedulable',
        evidence: `unschedulable for ${secs(elapsed)}s (${scaling ? `scale-up-grace ${grace}s while the autoscaler adds a node` : `unschedulable-grace ${grace}s`})`
      }
    }
  return {
    kind: 'waiting',
    note: `${pod.metadata.name}: unschedulable${scaling ? ', the cluster autoscaler is adding a node' : ''}; given ${secs(elapsed)}s of ${grace}s`
  }
}

function readinessVerdict(pod: Pod, ctx: PodContext): PodVerdict {
  const st = pod.status ?? {}
  const podKey = pod.metadata.uid ?? pod.metadata.name
  if (ctx.memory.wasReady(podKey))
    return {
      kind: 'waiting',
      note: `${pod.metadata.name}: was ready and is not now; a flicker is left to its controller`
    }
  const margin = ctx.policy.readinessMarginSeconds
  const now = ctx.now.getTime()
  const notReady = (st.containerStatuses ?? []).filter((c) => !c.ready)
  if (notReady.length === 0) {
    // Every container is ready: the pod waits for its readiness gates.
    const gates = (pod.spec?.readinessGates ?? [])
      .map((g) => g.conditionType)
      .filter((t) => !(st.conditions ?? []).some((c) => c.type === t && c.status === 'True'))
    if (gates.length === 0) return { kind: 'ok' }
    const cr = (st.conditions ?? []).find((c) => c.type === 'ContainersReady')
    const since = Math.min(
      ctx.memory.firstSeen(`${podKey}/gates`, now),
      at(cr?.lastTransitionTime) ?? now
    )
    const elapsed = now - since
    if (elapsed >= margin * 1000)
      return {
        kind: 'doomed',
        failure: {
          pod: pod.metadata.name,
          reason: 'ReadinessGateNeverTrue',
          rule: 'readiness-gate',
          message: `readiness gate ${gates.join(', ')} not set`,
          evidence: `containers ready ${secs(elapsed)}s ago, gate still not True (failure-grace-period ${margin}s)`
        }
      }
    return {
      kind: 'waiting',
      note: `${pod.metadata.name}: waiting for readiness gate ${gates.join(', ')} (set by its controller); given ${secs(elapsed)}s of ${margin}s`
    }
  }
  const judged = notReady.map((c) => {
    const spec = specOf(pod, c.name, false)
    const startedAt = at(c.state?.running?.startedAt) ?? now
    const key = `${podKey}/${c.name}/started`
    let deadline: number
    let why: string
    if (c.started === false && spec?.startupProbe) {
      const w = startupWindowSeconds(spec.startupProbe)
      deadline = startedAt + (w + margin) * 1000
      why = `startupProbe allows ${w}s`
    } else {
      // When the startupProbe passed is not recorded: count from the first read that saw the
      // container started, unless it has no startupProbe (then it started when it ran).
      const anchor = spec?.startupProbe ? ctx.memory.firstSeen(key, now) : startedAt
      const w = readinessWindowSeconds(spec?.readinessProbe)
      deadline = anchor + (w + margin) * 1000
      why = spec?.readinessProbe ? `readinessProbe allows ${w}s` : 'no readinessProbe'
    }
    return { c, deadline, why, since: startedAt }
  })
  const open = judged.filter((x) => now < x.deadline)
  if (open.length > 0) {
    const x = open[0]
    return {
      kind: 'waiting',
      note: `${pod.metadata.name}/${x.c.name}: running, not ready yet (${x.why} + ${margin}s margin; ${secs(x.deadline - now)}s left)`
    }
  }
  const probe = newestEvent(
    ctx.events,
    (e) => e.reason === 'Unhealthy' && /Readiness probe/i.test(e.message ?? '')
  )
  const x = judged[0]
  return {
    kind: 'doomed',
    failure: {
      pod: pod.metadata.name,
      container: notReady.map((c) => c.name).join(', '),
      reason: 'ReadinessNeverTrue',
      rule: 'readiness',
      message: probe?.message ?? 'never became ready',
      restarts: notReady.reduce((n, c) => n + c.restartCount, 0),
      evidence: `running ${secs(now - x.since)}s without becoming ready (${x.why} + failure-grace-period ${margin}s)`
    }
  }
}

/**
 * The verdict on one pod of a new revision: doomed (with the rule and its evidence), still being
 * given time (and why), or fine so far. Pure apart from what it records in `memory`.
 */
export function podVerdict(pod: Pod, ctx: PodContext): PodVerdict {
  if (pod.metadata.deletionTimestamp) return { kind: 'ok' }
  const st = pod.status ?? {}
  // Evicted, preempted or shut-down pods are replaced by their controller: not the revision's fault.
  if (st.phase === 'Failed' && st.reason && st.reason !== 'DeadlineExceeded') return { kind: 'ok' }
  const podKey = pod.metadata.uid ?? pod.metadata.name
  const ready = (st.conditions ?? []).find((c) => c.type === 'Ready')
  if (ready?.status === 'True') ctx.memory.markReady(podKey)

  const notes: string[] = []
  const statuses: Array<[ContainerStatus, boolean]> = [
    ...(st.initContainerStatuses ?? []).map((c): [ContainerStatus, boolean] => [c, true]),
    ...(st.containerStatuses ?? []).map((c): [ContainerStatus, boolean] => [c, false])
  ]
  for (const [c, init] of statuses) {
    const v = containerVerdict({ pod, c, init, spec: specOf(pod, c.name, init), ctx })
    if (v.kind === 'doomed') return v
    if (v.kind === 'waiting') notes.push(v.note)
  }
  if (notes.length > 0) return { kind: 'waiting', note: notes.join('; ') }

  const scheduled = (st.conditions ?? []).find((c) => c.type === 'PodScheduled')
  if (scheduled?.status === 'False' && scheduled.reason === 'Unschedulable') {
    const since = Math.min(
      at(scheduled.lastTransitionTime) ?? ctx.now.getTime(),
      at(pod.metadata.creationTimestamp) ?? ctx.now.getTime()
    )
    return unschedulableVerdict(pod, ctx, since)
  }
  const running =
    st.phase === 'Running' &&
    (st.containerStatuses ?? []).length > 0 &&
    (st.containerStatuses ?? []).every((c) => c.state?.running)
  if (running && ready?.status !== 'True' && ctx.longRunning) return readinessVerdict(pod, ctx)
  return { kind: 'ok' }
}

/** A short line about a pod that is not ready yet, for progress logs. */
export function podWaitingNote(pod: Pod): string | undefined {
  const st = pod.status
  const w = [...(st?.initContainerStatuses ?? []), ...(st?.containerStatuses ?? [])].find(
    (c) => c.state?.waiting?.reason
  )
  if (w) return `${pod.metadata.name}: ${w.state?.waiting?.reason}`
  if (st?.phase === 'Pending') return `${pod.metadata.name}: Pending`
  return undefined
}
