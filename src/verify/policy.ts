import type { Probe } from '../kube/types.js'

/**
 * How much evidence each doom rule needs before the action calls a rollout failed. Every number
 * is an input (action.yml); the defaults are chosen so that what usually recovers on its own
 * (one crash, a registry hiccup, a Secret an operator creates a few seconds later, a slow
 * warm-up the probes allow) is given time, and what never recovers is acted on at once.
 */
export interface VerdictPolicy {
  /** Crashes each new pod may have; the next one is a crash loop (kubedog: failures per replica). */
  failuresAllowedPerReplica: number
  /** Pull errors that do not say the image is missing (5xx, 429, timeouts, DNS, TLS). */
  imagePullGraceSeconds: number
  /** CreateContainerConfigError and other container-creation errors (a Secret created late). */
  configErrorGraceSeconds: number
  /** Added to each container's probe-derived readiness window; also the readiness-gate grace. */
  readinessMarginSeconds: number
  /** Unschedulable with no word from a cluster autoscaler. */
  unschedulableGraceSeconds: number
  /** Unschedulable while a cluster autoscaler reports it is adding a node. */
  scaleUpGraceSeconds: number
  /** Wait for regular Jobs to complete (Helm's --wait-for-jobs); hooks are always checked. */
  waitForJobs: boolean
}

export const DEFAULT_POLICY: VerdictPolicy = {
  failuresAllowedPerReplica: 1,
  imagePullGraceSeconds: 120,
  configErrorGraceSeconds: 60,
  readinessMarginSeconds: 90,
  unschedulableGraceSeconds: 120,
  scaleUpGraceSeconds: 600,
  waitForJobs: false
}

// Kubernetes probe defaults (core/v1 Probe): period 10 s, timeout 1 s, failureThreshold 3,
// successThreshold 1, initialDelay 0.
const period = (p: Probe): number => p.periodSeconds ?? 10
const timeout = (p: Probe): number => p.timeoutSeconds ?? 1

/**
 * Longest time a startupProbe lets a container take to start: after it the kubelet kills the
 * container, which then shows as a restart (the crash rule takes over).
 */
export function startupWindowSeconds(p: Probe | undefined): number {
  if (!p) return 0
  return (p.initialDelaySeconds ?? 0) + (p.failureThreshold ?? 3) * period(p) + timeout(p)
}

/**
 * Time a started container needs at most to be reported ready by a readinessProbe that will
 * pass: the initial delay, enough periods for the failures the probe tolerates and the
 * successes it requires, and one probe timeout.
 */
export function readinessWindowSeconds(p: Probe | undefined): number {
  if (!p) return 0
  return (
    (p.initialDelaySeconds ?? 0) +
    ((p.failureThreshold ?? 3) + (p.successThreshold ?? 1)) * period(p) +
    timeout(p)
  )
}
