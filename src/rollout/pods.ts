import type { ContainerState, ContainerStatus, KubeEvent, Pod } from '../kube/types.js'

// Which pod states are failures that will not heal by waiting. Fed by the Kubernetes reasons
// kubelet reports (pkg/kubelet/images, kuberuntime) and by what krane and k8s-deploy learned:
// a crash loop or an image that cannot be pulled does not recover within a rollout.

/** Reasons that doom a pod at once. */
const FATAL_WAITING = new Set([
  'CrashLoopBackOff',
  'ImagePullBackOff',
  'InvalidImageName',
  'ErrImageNeverPull',
  'CreateContainerConfigError',
  'CreateContainerError',
  'RunContainerError',
  'PreCreateHookError',
  'PostStartHookError'
])

/** ErrImagePull is retried by kubelet; only these messages mean the image will never come. */
const HOPELESS_PULL =
  /not found|manifest unknown|denied|unauthorized|forbidden|no such host|invalid reference/i

export interface PodFailure {
  pod: string
  container?: string
  reason: string
  message: string
  /** The container's last termination, e.g. "exit code 1 (Error)". */
  lastState?: string
  restarts?: number
}

const since = (iso: string | undefined, now: Date): number =>
  iso ? (now.getTime() - new Date(iso).getTime()) / 1000 : 0

function describeTermination(s: ContainerState | undefined): string | undefined {
  const t = s?.terminated
  if (!t) return undefined
  const parts = [`exit code ${t.exitCode ?? '?'}`]
  if (t.reason) parts.push(`(${t.reason})`)
  if (t.message) parts.push(`: ${t.message.trim().split('\n').slice(-3).join(' | ')}`)
  return parts.join(' ')
}

function containerFailure(pod: Pod, c: ContainerStatus, init: boolean): PodFailure | undefined {
  const w = c.state?.waiting
  if (!w?.reason) return undefined
  const fatal =
    FATAL_WAITING.has(w.reason) ||
    (w.reason === 'ErrImagePull' && HOPELESS_PULL.test(w.message ?? ''))
  if (!fatal) return undefined
  return {
    pod: pod.metadata.name,
    container: init ? `${c.name} (init)` : c.name,
    reason: w.reason,
    message: w.message ?? '',
    lastState: describeTermination(c.lastState),
    restarts: c.restartCount
  }
}

/** The newest warning event about a pod, for a readable reason (probe failures, mounts). */
function lastWarning(pod: Pod, events: readonly KubeEvent[]): KubeEvent | undefined {
  return events
    .filter(
      (e) =>
        e.type === 'Warning' &&
        e.involvedObject.kind === 'Pod' &&
        e.involvedObject.name === pod.metadata.name
    )
    .sort((x, y) =>
      (x.lastTimestamp ?? x.eventTime ?? '').localeCompare(y.lastTimestamp ?? y.eventTime ?? '')
    )
    .pop()
}

/**
 * Why a pod cannot become ready, or undefined while it may still. Node-dependent causes
 * (unschedulable, readiness never true) count only after `graceSeconds`.
 */
export function podFailure(
  pod: Pod,
  events: readonly KubeEvent[],
  now: Date,
  graceSeconds: number
): PodFailure | undefined {
  if (pod.metadata.deletionTimestamp) return undefined
  const st = pod.status ?? {}
  for (const c of st.initContainerStatuses ?? []) {
    const f = containerFailure(pod, c, true)
    if (f) return f
  }
  for (const c of st.containerStatuses ?? []) {
    const f = containerFailure(pod, c, false)
    if (f) return f
  }
  const conditions = st.conditions ?? []
  const scheduled = conditions.find((c) => c.type === 'PodScheduled')
  if (scheduled?.status === 'False' && scheduled.reason === 'Unschedulable') {
    if (since(scheduled.lastTransitionTime ?? pod.metadata.creationTimestamp, now) >= graceSeconds)
      return { pod: pod.metadata.name, reason: 'Unschedulable', message: scheduled.message ?? '' }
    return undefined
  }
  const ready = conditions.find((c) => c.type === 'Ready')
  const running =
    st.phase === 'Running' && (st.containerStatuses ?? []).every((c) => c.state?.running)
  if (running && ready?.status === 'False') {
    const notReady = (st.containerStatuses ?? []).filter((c) => !c.ready)
    const startedAt = notReady
      .map((c) => c.state?.running?.startedAt)
      .sort()
      .pop()
    if (since(startedAt ?? ready.lastTransitionTime, now) >= graceSeconds) {
      const w = lastWarning(pod, events)
      return {
        pod: pod.metadata.name,
        container: notReady.map((c) => c.name).join(', ') || undefined,
        reason: 'ReadinessNeverTrue',
        message: `not ready after ${graceSeconds}s${w?.message ? `: ${w.message}` : ready.message ? `: ${ready.message}` : ''}`,
        restarts: notReady.reduce((n, c) => n + c.restartCount, 0)
      }
    }
  }
  return undefined
}

/** A short line about a pod that is not ready yet, for progress logs. */
export function podWaitingNote(pod: Pod): string | undefined {
  const st = pod.status
  const waiting = [...(st?.initContainerStatuses ?? []), ...(st?.containerStatuses ?? [])].find(
    (c) => c.state?.waiting?.reason
  )
  if (waiting) return `${pod.metadata.name}: ${waiting.state?.waiting?.reason}`
  if (st?.phase === 'Pending') return `${pod.metadata.name}: Pending`
  return undefined
}
