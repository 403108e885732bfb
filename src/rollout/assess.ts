import type {
  DaemonSet,
  Deployment,
  Job,
  KubeEvent,
  ObjectMeta,
  Pod,
  ReplicaSet,
  Snapshot,
  StatefulSet,
  WorkloadRef
} from '../kube/types.js'
import { podFailure, podWaitingNote, type PodFailure } from './pods.js'

export interface Failure extends Partial<PodFailure> {
  /** `Deployment/goatflow-backend` */
  workload: string
  reason: string
  message: string
}

export interface WorkloadProgress {
  workload: string
  ready: number
  desired: number
  complete: boolean
  /** What it waits for, when not complete. */
  note?: string
  /** Seconds from the start of the watch until it was first complete (set by the watcher). */
  readySeconds?: number
}

export interface Assessment {
  complete: boolean
  failures: Failure[]
  progress: WorkloadProgress[]
}

export interface AssessOptions {
  now: Date
  graceSeconds: number
  /**
   * Generations seen before the deploy started. A workload whose generation has not moved is
   * still on its old spec; its pods are judged only once `applied` says helm has finished.
   */
  startGenerations?: ReadonlyMap<string, number>
  applied: boolean
}

const key = (r: { kind: string; name: string }): string => `${r.kind}/${r.name}`

const ownedBy = (meta: ObjectMeta, owner: { metadata: ObjectMeta }, kind: string): boolean =>
  (meta.ownerReferences ?? []).some(
    (o) =>
      o.kind === kind &&
      (owner.metadata.uid ? o.uid === owner.metadata.uid : o.name === owner.metadata.name)
  )

function podFailures(
  workload: string,
  pods: readonly Pod[],
  events: readonly KubeEvent[],
  o: AssessOptions
): Failure[] {
  return pods.flatMap((p) => {
    const f = podFailure(p, events, o.now, o.graceSeconds)
    return f ? [{ workload, ...f }] : []
  })
}

function warningFor(
  kind: string,
  name: string,
  events: readonly KubeEvent[],
  reasons: RegExp
): KubeEvent | undefined {
  return events
    .filter(
      (e) =>
        e.type === 'Warning' &&
        e.involvedObject.kind === kind &&
        e.involvedObject.name === name &&
        reasons.test(e.reason ?? '')
    )
    .sort((x, y) =>
      (x.lastTimestamp ?? x.eventTime ?? '').localeCompare(y.lastTimestamp ?? y.eventTime ?? '')
    )
    .pop()
}

const notes = (pods: readonly Pod[]): string | undefined =>
  pods
    .map(podWaitingNote)
    .filter((n): n is string => !!n)
    .slice(0, 3)
    .join('; ') || undefined

interface Judged {
  progress: WorkloadProgress
  failures: Failure[]
}

function deployment(d: Deployment, s: Snapshot, o: AssessOptions, judge: boolean): Judged {
  const name = key({ kind: d.kind, name: d.metadata.name })
  const desired = d.spec.replicas ?? 1
  const st = d.status ?? {}
  const observed = (st.observedGeneration ?? 0) >= (d.metadata.generation ?? 0)
  const revision = d.metadata.annotations?.['deployment.kubernetes.io/revision']
  const rs: ReplicaSet | undefined = s.replicaSets.find(
    (r) =>
      ownedBy(r.metadata, d, 'Deployment') &&
      r.metadata.annotations?.['deployment.kubernetes.io/revision'] === revision
  )
  const pods = rs ? s.pods.filter((p) => ownedBy(p.metadata, rs, 'ReplicaSet')) : []
  const failures: Failure[] = []
  if (judge && observed) {
    const stalled = (st.conditions ?? []).find(
      (c) => c.type === 'Progressing' && c.status === 'False'
    )
    if (stalled?.reason === 'ProgressDeadlineExceeded')
      failures.push({
        workload: name,
        reason: 'ProgressDeadlineExceeded',
        message: stalled.message ?? ''
      })
    const createFailed = (rs?.status?.conditions ?? []).find(
      (c) => c.type === 'ReplicaFailure' && c.status === 'True'
    )
    if (createFailed)
      failures.push({
        workload: name,
        reason: createFailed.reason ?? 'FailedCreate',
        message: createFailed.message ?? ''
      })
    failures.push(...podFailures(name, pods, s.events, o))
  }
  const updated = st.updatedReplicas ?? 0
  const available = st.availableReplicas ?? 0
  const complete =
    observed &&
    !d.spec.paused &&
    updated === desired &&
    (st.replicas ?? 0) === updated &&
    available === updated
  return {
    progress: {
      workload: name,
      ready: Math.min(available, updated),
      desired,
      complete,
      note: complete
        ? undefined
        : !observed
          ? 'waiting for the controller to observe the new spec'
          : (notes(pods) ?? `${updated}/${desired} updated, ${available} available`)
    },
    failures
  }
}

function statefulSet(ss: StatefulSet, s: Snapshot, o: AssessOptions, judge: boolean): Judged {
  const name = key({ kind: ss.kind, name: ss.metadata.name })
  const desired = ss.spec.replicas ?? 1
  const st = ss.status ?? {}
  const observed = (st.observedGeneration ?? 0) >= (ss.metadata.generation ?? 0)
  const pods = s.pods.filter(
    (p) =>
      ownedBy(p.metadata, ss, 'StatefulSet') &&
      p.metadata.labels?.['controller-revision-hash'] === st.updateRevision
  )
  const failures: Failure[] = []
  if (judge && observed) {
    failures.push(...podFailures(name, pods, s.events, o))
    const createFailed = warningFor('StatefulSet', ss.metadata.name, s.events, /^FailedCreate$/)
    if (createFailed && (st.replicas ?? 0) < desired)
      failures.push({ workload: name, reason: 'FailedCreate', message: createFailed.message ?? '' })
  }
  const ready = st.readyReplicas ?? 0
  const rolling = (ss.spec.updateStrategy?.type ?? 'RollingUpdate') === 'RollingUpdate'
  const partition = ss.spec.updateStrategy?.rollingUpdate?.partition ?? 0
  const updatedOk =
    !rolling ||
    ((st.updatedReplicas ?? 0) >= desired - partition &&
      (partition > 0 || st.currentRevision === st.updateRevision))
  const complete = observed && ready === desired && updatedOk
  return {
    progress: {
      workload: name,
      ready,
      desired,
      complete,
      note: complete
        ? undefined
        : (notes(pods) ?? `${st.updatedReplicas ?? 0}/${desired} updated, ${ready} ready`)
    },
    failures
  }
}

function daemonSet(ds: DaemonSet, s: Snapshot, o: AssessOptions, judge: boolean): Judged {
  const name = key({ kind: ds.kind, name: ds.metadata.name })
  const st = ds.status ?? {}
  const desired = st.desiredNumberScheduled ?? 0
  const observed = (st.observedGeneration ?? 0) >= (ds.metadata.generation ?? 0)
  const pods = s.pods.filter(
    (p) =>
      ownedBy(p.metadata, ds, 'DaemonSet') &&
      p.metadata.labels?.['pod-template-generation'] === String(ds.metadata.generation)
  )
  const failures = judge && observed ? podFailures(name, pods, s.events, o) : []
  const available = st.numberAvailable ?? 0
  const complete = observed && (st.updatedNumberScheduled ?? 0) === desired && available === desired
  return {
    progress: {
      workload: name,
      ready: available,
      desired,
      complete,
      note: complete ? undefined : (notes(pods) ?? `${available}/${desired} available`)
    },
    failures
  }
}

function job(j: Job, s: Snapshot, o: AssessOptions, judge: boolean): Judged {
  const name = key({ kind: j.kind, name: j.metadata.name })
  const conditions = j.status?.conditions ?? []
  const done = conditions.find((c) => c.type === 'Complete' && c.status === 'True')
  const failed = conditions.find((c) => c.type === 'Failed' && c.status === 'True')
  const pods = s.pods.filter((p) => ownedBy(p.metadata, j, 'Job'))
  const failures: Failure[] = []
  if (judge) {
    if (failed) {
      const last = pods
        .flatMap((p) =>
          (p.status?.containerStatuses ?? []).map((c) => ({ pod: p.metadata.name, c }))
        )
        .find(({ c }) => c.state?.terminated && c.state.terminated.exitCode !== 0)
      const t = last?.c.state?.terminated
      failures.push({
        workload: name,
        reason: failed.reason ?? 'Failed',
        message: failed.message ?? '',
        pod: last?.pod,
        container: last?.c.name,
        lastState: t
          ? `exit code ${t.exitCode ?? '?'}${t.reason ? ` (${t.reason})` : ''}${t.message ? `: ${t.message.trim()}` : ''}`
          : undefined
      })
    } else failures.push(...podFailures(name, pods, s.events, o))
  }
  const desired = j.spec.completions ?? 1
  return {
    progress: {
      workload: name,
      ready: j.status?.succeeded ?? 0,
      desired,
      complete: !!done,
      note: done
        ? undefined
        : (notes(pods) ?? `${j.status?.active ?? 0} active, ${j.status?.failed ?? 0} failed`)
    },
    failures
  }
}

/**
 * Judges the rollout of a release's workloads from one snapshot of the namespace: complete, still
 * progressing, or failed for reasons that waiting will not fix. Every failure is collected.
 */
export function assess(
  workloads: readonly WorkloadRef[],
  s: Snapshot,
  o: AssessOptions
): Assessment {
  const progress: WorkloadProgress[] = []
  const failures: Failure[] = []
  for (const w of workloads) {
    const found = findWorkload(w, s)
    if (!found) {
      if (!w.hook)
        progress.push({
          workload: key(w),
          ready: 0,
          desired: 0,
          complete: false,
          note: 'not created yet'
        })
      continue
    }
    const start = o.startGenerations?.get(key(w))
    const changed = start === undefined || (found.metadata.generation ?? 0) > start
    const judge = o.applied || changed
    const r =
      found.kind === 'Deployment'
        ? deployment(found, s, o, judge)
        : found.kind === 'StatefulSet'
          ? statefulSet(found, s, o, judge)
          : found.kind === 'DaemonSet'
            ? daemonSet(found, s, o, judge)
            : job(found, s, o, judge)
    failures.push(...r.failures)
    if (!w.hook) progress.push(r.progress)
  }
  return {
    complete: failures.length === 0 && progress.every((p) => p.complete),
    failures,
    progress
  }
}

function findWorkload(
  w: WorkloadRef,
  s: Snapshot
): Deployment | StatefulSet | DaemonSet | Job | undefined {
  const list: Array<Deployment | StatefulSet | DaemonSet | Job> =
    w.kind === 'Deployment'
      ? s.deployments
      : w.kind === 'StatefulSet'
        ? s.statefulSets
        : w.kind === 'DaemonSet'
          ? s.daemonSets
          : s.jobs
  return list.find((x) => x.metadata.name === w.name)
}

/** Generations of the workloads as they are now, to tell later which ones the deploy changed. */
export function generations(workloads: readonly WorkloadRef[], s: Snapshot): Map<string, number> {
  const m = new Map<string, number>()
  for (const w of workloads) {
    const found = findWorkload(w, s)
    if (found) m.set(key(w), found.metadata.generation ?? 0)
  }
  return m
}

/** One line per failure, for logs and the step's error message. */
export function describeFailure(f: Failure): string {
  const where = [f.workload, f.pod && `pod ${f.pod}`, f.container && `container ${f.container}`]
    .filter(Boolean)
    .join(', ')
  const extra = [
    f.lastState && `last state: ${f.lastState}`,
    f.restarts ? `${f.restarts} restart(s)` : undefined
  ]
    .filter(Boolean)
    .join('; ')
  return `${where}: ${f.reason}${f.message ? ` - ${f.message}` : ''}${extra ? ` (${extra})` : ''}`
}
