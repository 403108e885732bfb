import type {
  Condition,
  CustomObject,
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
import { RolloutMemory } from './memory.js'
import { DEFAULT_POLICY, type VerdictPolicy } from './policy.js'
import {
  describeTermination,
  newestEvent,
  podVerdict,
  podWaitingNote,
  type PodFailure,
  type Rule
} from './pods.js'
import { isCustom, workloadName } from './workloads.js'

export interface Failure extends Partial<PodFailure> {
  /** `Deployment/goatflow-backend` */
  workload: string
  reason: string
  rule: Rule
  message: string
}

export interface WorkloadProgress {
  workload: string
  ready: number
  desired: number
  complete: boolean
  /** What it waits for, when not complete; or why it is not verified. */
  note?: string
  /** Seconds from the start of the watch until it was first complete (set by the watcher). */
  readySeconds?: number
}

export interface Assessment {
  complete: boolean
  failures: Failure[]
  progress: WorkloadProgress[]
  /** Things the user should know that are never a reason to roll back (paused, unchanged...). */
  warnings: string[]
  /** Pods being given time, and why (for progress logs). */
  waiting: string[]
}

/** What existed before the deploy, to tell which objects this revision changed or created. */
export interface Baseline {
  /** `Kind/namespace/name` → metadata.generation */
  generations: ReadonlyMap<string, number>
  uids: ReadonlySet<string>
}

export interface AssessOptions {
  now: Date
  policy?: VerdictPolicy
  memory?: RolloutMemory
  /** The release namespace: workloads elsewhere are named with their namespace. */
  releaseNamespace?: string
  /** Absent: every workload counts as changed (a first install, or a restored revision). */
  before?: Baseline
  /** The hook phases of the operation helm runs (`pre-upgrade`, `post-upgrade`). */
  hookPhases?: ReadonlySet<string>
}

const objectKey = (kind: string, meta: ObjectMeta, fallbackNs: string): string =>
  `${kind}/${meta.namespace ?? fallbackNs}/${meta.name}`

const ownedBy = (meta: ObjectMeta, owner: { metadata: ObjectMeta }, kind: string): boolean =>
  (meta.namespace === undefined ||
    owner.metadata.namespace === undefined ||
    meta.namespace === owner.metadata.namespace) &&
  (meta.ownerReferences ?? []).some(
    (o) =>
      o.kind === kind &&
      (owner.metadata.uid ? o.uid === owner.metadata.uid : o.name === owner.metadata.name)
  )

const condition = (conditions: readonly Condition[] | undefined, type: string) =>
  (conditions ?? []).find((c) => c.type === type)

interface Ctx {
  o: AssessOptions
  policy: VerdictPolicy
  memory: RolloutMemory
  snap: Snapshot
  warnings: string[]
  waiting: string[]
}

interface Judged {
  progress: WorkloadProgress
  failures: Failure[]
}

function eventsAbout(pod: Pod, events: readonly KubeEvent[]): KubeEvent[] {
  return events.filter(
    (e) =>
      e.involvedObject.kind === 'Pod' &&
      e.involvedObject.name === pod.metadata.name &&
      (!pod.metadata.namespace ||
        !e.involvedObject.namespace ||
        e.involvedObject.namespace === pod.metadata.namespace) &&
      (!e.involvedObject.uid || !pod.metadata.uid || e.involvedObject.uid === pod.metadata.uid)
  )
}

/** Judges the new pods of a workload; collects doomed ones and notes on those given time. */
function judgePods(name: string, pods: readonly Pod[], c: Ctx, longRunning: boolean): Failure[] {
  const failures: Failure[] = []
  for (const p of pods) {
    const v = podVerdict(p, {
      events: eventsAbout(p, c.snap.events),
      now: c.o.now,
      policy: c.policy,
      memory: c.memory,
      longRunning
    })
    if (v.kind === 'doomed') failures.push({ workload: name, ...v.failure })
    else if (v.kind === 'waiting') c.waiting.push(v.note)
  }
  return failures
}

const notes = (pods: readonly Pod[]): string | undefined =>
  pods
    .map(podWaitingNote)
    .filter((n): n is string => !!n)
    .slice(0, 3)
    .join('; ') || undefined

function deployment(d: Deployment, name: string, c: Ctx, judge: boolean): Judged {
  const desired = d.spec.replicas ?? 1
  const st = d.status ?? {}
  const observed = (st.observedGeneration ?? 0) >= (d.metadata.generation ?? 0)
  if (d.spec.paused) {
    c.warnings.push(
      `${name} is paused: nothing of it was rolled out (resume it with kubectl rollout resume to roll it out)`
    )
    return {
      progress: {
        workload: name,
        ready: st.availableReplicas ?? 0,
        desired,
        complete: true,
        note: 'paused; not rolled out'
      },
      failures: []
    }
  }
  const revision = d.metadata.annotations?.['deployment.kubernetes.io/revision']
  const rs: ReplicaSet | undefined = c.snap.replicaSets.find(
    (r) =>
      ownedBy(r.metadata, d, 'Deployment') &&
      r.metadata.annotations?.['deployment.kubernetes.io/revision'] === revision
  )
  const pods = rs ? c.snap.pods.filter((p) => ownedBy(p.metadata, rs, 'ReplicaSet')) : []
  const failures: Failure[] = []
  if (judge && observed) {
    const stalled = condition(st.conditions, 'Progressing')
    if (stalled?.status === 'False' && stalled.reason === 'ProgressDeadlineExceeded')
      failures.push({
        workload: name,
        reason: 'ProgressDeadlineExceeded',
        rule: 'progress-deadline',
        message: stalled.message ?? '',
        evidence: `progressDeadlineSeconds ${d.spec.progressDeadlineSeconds ?? 600}s passed`
      })
    const createFailed = condition(rs?.status?.conditions, 'ReplicaFailure')
    if (createFailed?.status === 'True') {
      const since = Date.parse(createFailed.lastTransitionTime ?? '') || c.o.now.getTime()
      const elapsed = c.o.now.getTime() - since
      const grace = c.policy.configErrorGraceSeconds
      // PodSecurity admission never changes its mind; quota and webhooks may.
      if (/violates PodSecurity/.test(createFailed.message ?? '') || elapsed >= grace * 1000)
        failures.push({
          workload: name,
          reason: createFailed.reason ?? 'FailedCreate',
          rule: 'pod-create-failed',
          message: createFailed.message ?? '',
          evidence: `pods not created for ${Math.round(elapsed / 1000)}s (config-error-grace ${grace}s)`
        })
      else c.waiting.push(`${name}: pods not created yet (${createFailed.message ?? ''})`)
    }
    failures.push(...judgePods(name, pods, c, true))
  }
  const updated = st.updatedReplicas ?? 0
  const available = st.availableReplicas ?? 0
  const complete =
    observed && updated === desired && (st.replicas ?? 0) === updated && available === updated
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

function onDelete(kind: string, name: string, c: Ctx, ready: number, desired: number): Judged {
  c.warnings.push(
    `${name} uses the OnDelete update strategy: its pods are replaced only when deleted, so nothing of it was rolled out`
  )
  return {
    progress: {
      workload: name,
      ready,
      desired,
      complete: true,
      note: `OnDelete ${kind}; not rolled out`
    },
    failures: []
  }
}

function statefulSet(ss: StatefulSet, name: string, c: Ctx, judge: boolean): Judged {
  const desired = ss.spec.replicas ?? 1
  const st = ss.status ?? {}
  const ready = st.readyReplicas ?? 0
  if (ss.spec.updateStrategy?.type === 'OnDelete')
    return onDelete('StatefulSet', name, c, ready, desired)
  const observed = (st.observedGeneration ?? 0) >= (ss.metadata.generation ?? 0)
  const pods = c.snap.pods.filter(
    (p) =>
      ownedBy(p.metadata, ss, 'StatefulSet') &&
      p.metadata.labels?.['controller-revision-hash'] === st.updateRevision
  )
  const failures: Failure[] = []
  if (judge && observed) {
    failures.push(...judgePods(name, pods, c, true))
    const createFailed = newestEvent(
      c.snap.events,
      (e) =>
        e.type === 'Warning' &&
        e.involvedObject.kind === 'StatefulSet' &&
        e.involvedObject.name === ss.metadata.name &&
        e.reason === 'FailedCreate'
    )
    if (createFailed && (st.replicas ?? 0) < desired)
      failures.push({
        workload: name,
        reason: 'FailedCreate',
        rule: 'pod-create-failed',
        message: createFailed.message ?? ''
      })
  }
  const partition = ss.spec.updateStrategy?.rollingUpdate?.partition ?? 0
  const updatedOk =
    (st.updatedReplicas ?? 0) >= desired - partition &&
    (partition > 0 || st.currentRevision === st.updateRevision)
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

/**
 * The hash the DaemonSet's current pods carry: from its newest ControllerRevision. Matching on
 * metadata.generation would miss pods after any change outside the pod template.
 */
function daemonSetHash(
  ds: DaemonSet,
  snap: Snapshot
): { label: string; value: string } | undefined {
  const revisions = (snap.controllerRevisions ?? []).filter((r) =>
    ownedBy(r.metadata, ds, 'DaemonSet')
  )
  const newest = revisions.sort((a, b) => a.revision - b.revision).pop()
  const hash = newest?.metadata.labels?.['controller-revision-hash']
  if (hash) return { label: 'controller-revision-hash', value: hash }
  const gen = ds.metadata.annotations?.['deprecated.daemonset.template.generation']
  return gen ? { label: 'pod-template-generation', value: gen } : undefined
}

function daemonSet(ds: DaemonSet, name: string, c: Ctx, judge: boolean): Judged {
  const st = ds.status ?? {}
  const desired = st.desiredNumberScheduled ?? 0
  const available = st.numberAvailable ?? 0
  if (ds.spec.updateStrategy?.type === 'OnDelete')
    return onDelete('DaemonSet', name, c, available, desired)
  const observed = (st.observedGeneration ?? 0) >= (ds.metadata.generation ?? 0)
  const hash = daemonSetHash(ds, c.snap)
  const pods = c.snap.pods.filter(
    (p) =>
      ownedBy(p.metadata, ds, 'DaemonSet') &&
      (!hash || p.metadata.labels?.[hash.label] === hash.value)
  )
  const failures = judge && observed && hash ? judgePods(name, pods, c, true) : []
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

function jobFailure(j: Job, name: string, failed: Condition, pods: readonly Pod[]): Failure {
  const last = pods
    .flatMap((p) => (p.status?.containerStatuses ?? []).map((cs) => ({ pod: p.metadata.name, cs })))
    .find(({ cs }) => cs.state?.terminated && cs.state.terminated.exitCode !== 0)
  return {
    workload: name,
    reason: failed.reason ?? 'Failed',
    rule: 'job-failed',
    message: failed.message ?? '',
    pod: last?.pod,
    container: last?.cs.name,
    lastState: describeTermination(last?.cs.state),
    evidence: `${j.status?.failed ?? 0} failed pod(s), backoffLimit ${j.spec.backoffLimit ?? 6}`
  }
}

function job(j: Job, w: WorkloadRef, name: string, c: Ctx, judge: boolean): Judged {
  const conditions = j.status?.conditions ?? []
  const done = condition(conditions, 'Complete')?.status === 'True'
  const failed = condition(conditions, 'Failed')
  const pods = c.snap.pods.filter((p) => ownedBy(p.metadata, j, 'Job'))
  const desired = j.spec.completions ?? 1
  const progress = (complete: boolean, note?: string): WorkloadProgress => ({
    workload: name,
    ready: j.status?.succeeded ?? 0,
    desired,
    complete,
    note
  })
  // Helm waits for hooks itself and for other Jobs only with --wait-for-jobs.
  const waited = !!w.hook || c.policy.waitForJobs
  if (!judge) return { progress: progress(true, 'unchanged by this revision'), failures: [] }
  if (j.spec.suspend) {
    c.warnings.push(`${name} is suspended: it did not run`)
    return { progress: progress(true, 'suspended; not run'), failures: [] }
  }
  if (!waited)
    return {
      progress: progress(true, done ? undefined : 'not waited for (wait-for-jobs is off)'),
      failures: []
    }
  if (failed?.status === 'True')
    return { progress: progress(false, 'failed'), failures: [jobFailure(j, name, failed, pods)] }
  // Pods stuck before they run never count against backoffLimit: judge them like any pod,
  // but leave their restarts to the Job.
  const failures = judgePods(name, pods, c, false)
  return {
    progress: progress(
      done,
      done
        ? undefined
        : (notes(pods) ?? `${j.status?.active ?? 0} active, ${j.status?.failed ?? 0} failed`)
    ),
    failures
  }
}

const CUSTOM_READY = ['Ready', 'Available', 'Succeeded', 'Established']
const CUSTOM_FAILED = ['Failed', 'Stalled', 'Degraded']

/** Custom resources that follow the status conventions (kstatus): conditions and observedGeneration. */
function custom(obj: CustomObject, name: string, c: Ctx, judge: boolean): Judged {
  const st = obj.status
  const conditions = st?.conditions ?? []
  const progress = (complete: boolean, note?: string): WorkloadProgress => ({
    workload: name,
    ready: complete ? 1 : 0,
    desired: 1,
    complete,
    note
  })
  if (conditions.length === 0) {
    c.warnings.push(`${name} reports no status conditions: not verified`)
    return { progress: progress(true, 'no status conditions; not verified'), failures: [] }
  }
  const observed =
    st?.observedGeneration === undefined || st.observedGeneration >= (obj.metadata.generation ?? 0)
  const bad = conditions.find((x) => CUSTOM_FAILED.includes(x.type) && x.status === 'True')
  if (judge && observed && bad)
    return {
      progress: progress(false, `${bad.type}: ${bad.reason ?? ''}`),
      failures: [
        {
          workload: name,
          reason: bad.reason ?? bad.type,
          rule: 'custom-resource-failed',
          message: bad.message ?? '',
          evidence: `condition ${bad.type}=True`
        }
      ]
    }
  const good = conditions.find((x) => CUSTOM_READY.includes(x.type))
  if (!good) {
    c.warnings.push(`${name} has no Ready or Available condition: not verified`)
    return { progress: progress(true, 'no Ready/Available condition; not verified'), failures: [] }
  }
  const complete = observed && good.status === 'True'
  return {
    progress: progress(
      complete,
      complete
        ? undefined
        : !observed
          ? 'waiting for its controller to observe the new spec'
          : `${good.type}=${good.status}${good.reason ? ` (${good.reason})` : ''}`
    ),
    failures: []
  }
}

type Found = Deployment | StatefulSet | DaemonSet | Job | CustomObject

function findWorkload(w: WorkloadRef, snap: Snapshot): Found | undefined {
  const inNs = (x: { metadata: ObjectMeta }) =>
    x.metadata.name === w.name && (!x.metadata.namespace || x.metadata.namespace === w.namespace)
  if (isCustom(w))
    return (snap.custom ?? []).find(
      (x) =>
        x.kind === w.kind && x.apiVersion.split('/')[0] === w.apiVersion!.split('/')[0] && inNs(x)
    )
  const list: Found[] =
    w.kind === 'Deployment'
      ? snap.deployments
      : w.kind === 'StatefulSet'
        ? snap.statefulSets
        : w.kind === 'DaemonSet'
          ? snap.daemonSets
          : snap.jobs
  return list.find(inNs)
}

/** Whether this revision changed or created the object (else its health is not the revision's doing). */
function changedByRevision(w: WorkloadRef, found: Found, before: Baseline | undefined): boolean {
  if (!before) return true
  if (found.metadata.uid && !before.uids.has(found.metadata.uid)) return true
  const start = before.generations.get(objectKey(w.kind, found.metadata, w.namespace))
  return start === undefined || (found.metadata.generation ?? 0) > start
}

/**
 * Judges the rollout of a release's workloads from one read of the cluster: complete, still
 * progressing (and why each pod is given time), or failed by a named rule with its evidence.
 * Workloads this revision did not change are reported and never judged; hooks are judged only
 * when this run created them in a phase helm is running now. Every failure is collected.
 */
export function assess(
  workloads: readonly WorkloadRef[],
  snap: Snapshot,
  o: AssessOptions
): Assessment {
  const c: Ctx = {
    o,
    policy: o.policy ?? DEFAULT_POLICY,
    memory: o.memory ?? new RolloutMemory(),
    snap,
    warnings: [],
    waiting: []
  }
  const progress: WorkloadProgress[] = []
  const failures: Failure[] = []
  for (const w of workloads) {
    const name = workloadName(w, o.releaseNamespace)
    const found = findWorkload(w, snap)
    if (w.hook) {
      // A hook of an earlier run (a failed test Job kept by its delete policy) is not this run's.
      const ours =
        found &&
        (!o.before || !found.metadata.uid || !o.before.uids.has(found.metadata.uid)) &&
        (!o.hookPhases || w.hook.some((p) => o.hookPhases!.has(p)))
      if (ours && found.kind === 'Job')
        failures.push(...job(found as Job, w, name, c, true).failures)
      continue
    }
    if (!found) {
      if (w.kind === 'Job' && w.ttlSecondsAfterFinished !== undefined) {
        progress.push({
          workload: name,
          ready: 0,
          desired: 0,
          complete: true,
          note: 'gone (ttlSecondsAfterFinished removed it)'
        })
        continue
      }
      progress.push({
        workload: name,
        ready: 0,
        desired: 0,
        complete: false,
        note: 'not created yet'
      })
      continue
    }
    const judge = changedByRevision(w, found, o.before)
    const r =
      found.kind === 'Deployment'
        ? deployment(found as Deployment, name, c, judge)
        : found.kind === 'StatefulSet' && !isCustom(w)
          ? statefulSet(found as StatefulSet, name, c, judge)
          : found.kind === 'DaemonSet' && !isCustom(w)
            ? daemonSet(found as DaemonSet, name, c, judge)
            : found.kind === 'Job' && !isCustom(w)
              ? job(found as Job, w, name, c, judge)
              : custom(found as CustomObject, name, c, judge)
    if (!judge && !r.progress.complete) {
      // Not this revision's doing: report it, never wait for it or roll back for it.
      c.warnings.push(
        `${name} was not changed by this revision and is not ready (${r.progress.note ?? `${r.progress.ready}/${r.progress.desired}`}): left as it is`
      )
      progress.push({
        ...r.progress,
        complete: true,
        note: `unchanged; ${r.progress.note ?? 'not ready'}`
      })
      continue
    }
    failures.push(...r.failures)
    progress.push(r.progress)
  }
  return {
    complete: failures.length === 0 && progress.every((p) => p.complete),
    failures,
    progress,
    warnings: [...new Set(c.warnings)],
    waiting: c.waiting
  }
}

/** What exists now, to tell later which objects the deploy changed or created. */
export function baselineOf(snap: Snapshot): Baseline {
  const generations = new Map<string, number>()
  const uids = new Set<string>()
  const all: Array<{ kind: string; metadata: ObjectMeta }> = [
    ...snap.deployments,
    ...snap.statefulSets,
    ...snap.daemonSets,
    ...snap.jobs,
    ...(snap.custom ?? [])
  ]
  for (const x of all) {
    generations.set(objectKey(x.kind, x.metadata, ''), x.metadata.generation ?? 0)
    if (x.metadata.uid) uids.add(x.metadata.uid)
  }
  return { generations, uids }
}

/** One line per failure, for logs and the step's error message: the rule and its evidence. */
export function describeFailure(f: Failure): string {
  const where = [f.workload, f.pod && `pod ${f.pod}`, f.container && `container ${f.container}`]
    .filter(Boolean)
    .join(', ')
  const extra = [f.lastState && `last state: ${f.lastState}`, f.evidence].filter(Boolean).join('; ')
  return `${where}: ${f.reason}${f.message ? ` - ${f.message}` : ''} [rule ${f.rule}${extra ? `: ${extra}` : ''}]`
}
