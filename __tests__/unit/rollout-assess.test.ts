import { readFileSync } from 'node:fs'
import { describe, expect, it } from '@jest/globals'
import { snapshotOf } from '../../src/kube/snapshot.js'
import type {
  ContainerSpec,
  ControllerRevision,
  CustomObject,
  DaemonSet,
  KubeEvent,
  Pod,
  Snapshot,
  WorkloadRef
} from '../../src/kube/types.js'
import { assess, baselineOf, describeFailure, type AssessOptions } from '../../src/verify/assess.js'
import { RolloutMemory } from '../../src/verify/memory.js'
import { DEFAULT_POLICY, type VerdictPolicy } from '../../src/verify/policy.js'

// Real API objects, read with kubectl from the local control plane (kwok drives the pods into
// each failure mode; see test/cluster/kwok-stages.yaml), managedFields removed. Variants of a
// state the fixtures do not hold are made from a real pod by changing only its status.
function snapshot(file: string): Snapshot {
  const { items, events } = JSON.parse(
    readFileSync(new URL(`../../__fixtures__/kube/${file}`, import.meta.url), 'utf8')
  ) as {
    items: Array<{ kind: string }>
    events: Snapshot['events']
  }
  return snapshotOf(items, events)
}

const ns = snapshot('namespace-fixtures.json')
const quota = snapshot('namespace-quota.json')
const created = Date.parse(ns.pods[0].metadata.creationTimestamp!)
const at = (seconds: number) => new Date(created + seconds * 1000)
const ref = (kind: WorkloadRef['kind'], name: string): WorkloadRef => ({
  kind,
  name,
  namespace: 'fixtures'
})
const policy = (p: Partial<VerdictPolicy> = {}): VerdictPolicy => ({ ...DEFAULT_POLICY, ...p })
const judge = (w: WorkloadRef, s: Snapshot = ns, seconds = 30, o: Partial<AssessOptions> = {}) =>
  assess([w], s, { now: at(seconds), policy: policy(), ...o })

const clone = <T>(x: T): T => JSON.parse(JSON.stringify(x)) as T
const podOf = (s: Snapshot, prefix: string): Pod =>
  s.pods.find((p) => p.metadata.name.startsWith(prefix))!

/** The fixture snapshot with one pod's status (and optionally spec) changed. */
function withPod(
  prefix: string,
  change: (p: Pod) => void,
  extraEvents: KubeEvent[] = []
): Snapshot {
  const s = clone(ns)
  change(podOf(s, prefix))
  s.events.push(...extraEvents)
  return s
}

function event(
  pod: Pod,
  reason: string,
  message: string,
  seconds: number,
  type = 'Warning'
): KubeEvent {
  const t = at(seconds).toISOString()
  return {
    kind: 'Event',
    metadata: {
      name: `${pod.metadata.name}.${reason}.${seconds}`,
      namespace: 'fixtures',
      creationTimestamp: t
    },
    involvedObject: {
      kind: 'Pod',
      name: pod.metadata.name,
      namespace: 'fixtures',
      uid: pod.metadata.uid
    },
    type,
    reason,
    message,
    firstTimestamp: t,
    lastTimestamp: t
  }
}

describe('rollout assessment of real objects', () => {
  it.each([
    ['Deployment', 'healthy'],
    ['StatefulSet', 'db'],
    ['Job', 'jobok']
  ] as const)('%s/%s is complete', (kind, name) => {
    const a = judge(ref(kind, name))
    expect(a.failures).toEqual([])
    expect(a.complete).toBe(true)
  })

  it('rolls back at once when the registry says the image does not exist', () => {
    const a = judge(ref('Deployment', 'errimagepull'), ns, 2)
    expect(a.failures).toHaveLength(1)
    expect(a.failures[0]).toMatchObject({
      workload: 'Deployment/errimagepull',
      reason: 'ErrImagePull',
      rule: 'image-not-found',
      container: 'goatflow'
    })
    expect(describeFailure(a.failures[0])).toMatch(/not found.*\[rule image-not-found/)
  })

  it('calls a container that crashed again after its back-off a crash loop, with the evidence', () => {
    const a = judge(ref('Deployment', 'crashloop'), ns, 40)
    expect(a.failures[0]).toMatchObject({
      rule: 'crash-loop',
      reason: 'CrashLoopBackOff',
      restarts: 3
    })
    expect(describeFailure(a.failures[0])).toMatch(/3 restart\(s\), 1 allowed per replica/)
  })

  it('gives a container that crashed once the time to restart', () => {
    const s = withPod('crashloop', (p) => {
      p.status!.containerStatuses![0].restartCount = 1
    })
    const a = judge(ref('Deployment', 'crashloop'), s, 12)
    expect(a.failures).toEqual([])
    expect(a.waiting.join()).toMatch(/crashed 1 time\(s\).*1 allowed per replica/)
    // failures-allowed-per-replica: 0 makes the first crash fatal.
    expect(
      judge(ref('Deployment', 'crashloop'), s, 12, {
        policy: policy({ failuresAllowedPerReplica: 0 })
      }).failures[0]
    ).toMatchObject({ rule: 'crash-loop' })
  })

  it('leaves the restarts of a Job pod to its backoffLimit (restartPolicy OnFailure)', () => {
    const s = withPod('jobok', (p) => {
      p.status!.phase = 'Running'
      p.status!.containerStatuses![0] = {
        ...p.status!.containerStatuses![0],
        restartCount: 1,
        state: { waiting: { reason: 'CrashLoopBackOff', message: 'back-off 10s' } },
        lastState: { terminated: { exitCode: 1, reason: 'Error' } }
      }
    })
    s.jobs.find((j) => j.metadata.name === 'jobok')!.status = { active: 1 }
    const a = judge(ref('Job', 'jobok'), s, 10, { policy: policy({ waitForJobs: true }) })
    expect(a.failures).toEqual([])
    expect(a.complete).toBe(false)
  })

  it.each([
    [
      'a 503 from the registry',
      'unexpected status from HEAD request: 503 Service Unavailable',
      false
    ],
    ['a 429 from the registry', '429 Too Many Requests', false],
    ['a DNS failure', 'dial tcp: lookup ghcr.io: no such host', false],
    ['a TLS handshake timeout', 'net/http: TLS handshake timeout', false],
    ['a missing manifest', 'manifest unknown: manifest unknown', true],
    [
      'denied access',
      'pull access denied, repository does not exist or may require authorization',
      true
    ],
    ['an unauthorized pull', 'failed to authorize: 401 Unauthorized', true]
  ])('treats a pull error with %s as doomed=%s at once', (_what, message, doomedNow) => {
    const s = withPod('errimagepull', (p) => {
      p.status!.containerStatuses![0].state = { waiting: { reason: 'ErrImagePull', message } }
    })
    const a = judge(ref('Deployment', 'errimagepull'), s, 5)
    expect(a.failures.length > 0).toBe(doomedNow)
    if (doomedNow) expect(a.failures[0].rule).toBe('image-not-found')
  })

  it('remembers why a pull failed when the back-off message no longer says it', () => {
    const memory = new RolloutMemory()
    const w = ref('Deployment', 'errimagepull')
    const flaky = withPod('errimagepull', (p) => {
      p.status!.containerStatuses![0].state = {
        waiting: { reason: 'ErrImagePull', message: 'failed to resolve reference: not found' }
      }
    })
    const backoff = withPod('errimagepull', (p) => {
      p.status!.containerStatuses![0].state = {
        waiting: { reason: 'ImagePullBackOff', message: 'Back-off pulling image "x"' }
      }
    })
    judge(w, flaky, 2, { memory })
    expect(judge(w, backoff, 4, { memory }).failures[0]).toMatchObject({ rule: 'image-not-found' })
    // Without that memory the cause is unknown: a grace period, then image-pull-error.
    expect(judge(w, backoff, 4).failures).toEqual([])
  })

  it('finds the pull error cause in the kubelet event when it was never seen in the status', () => {
    const pod = podOf(ns, 'imagepullbackoff')
    const s = withPod('imagepullbackoff', () => undefined, [
      event(
        pod,
        'Failed',
        'Failed to pull image "x": rpc error: code = NotFound desc = x: not found',
        1
      )
    ])
    expect(judge(ref('Deployment', 'imagepullbackoff'), s, 3).failures[0]).toMatchObject({
      rule: 'image-not-found'
    })
  })

  it('gives an image pull error of unknown cause image-pull-grace, counted from the first event', () => {
    const w = ref('Deployment', 'imagepullbackoff')
    const memory = new RolloutMemory()
    expect(judge(w, ns, 20, { memory }).failures).toEqual([])
    expect(judge(w, ns, 20, { memory }).waiting.join()).toMatch(/may pass, given \d+s of 120s/)
    const late = judge(w, ns, 130, { memory })
    expect(late.failures[0]).toMatchObject({ rule: 'image-pull-error', reason: 'ImagePullBackOff' })
    expect(describeFailure(late.failures[0])).toMatch(/image-pull-grace 120s/)
  })

  it('gives a missing Secret config-error-grace (an operator may create it), then fails', () => {
    const w = ref('Deployment', 'createcontainerconfigerror')
    const memory = new RolloutMemory()
    expect(judge(w, ns, 15, { memory }).failures).toEqual([])
    const late = judge(w, ns, 70, { memory })
    expect(late.failures[0]).toMatchObject({
      rule: 'config-error',
      message: 'secret "e2e-missing-secret" not found'
    })
  })

  it('never fails on the kubelet cache lag ("failed to sync secret cache")', () => {
    const s = withPod('createcontainerconfigerror', (p) => {
      p.status!.containerStatuses![0].state!.waiting!.message =
        'failed to sync secret cache: timed out waiting for the condition'
    })
    expect(judge(ref('Deployment', 'createcontainerconfigerror'), s, 300).failures).toEqual([])
  })

  it('gives a running pod the time its probes allow before calling it never ready', () => {
    const w = ref('Deployment', 'unready')
    expect(judge(w, ns, 60).failures).toEqual([])
    const late = judge(w, ns, 95)
    expect(late.failures[0]).toMatchObject({ rule: 'readiness', reason: 'ReadinessNeverTrue' })
    expect(late.failures[0].message).toMatch(/Readiness probe failed/)
  })

  it('derives the readiness window from the startupProbe and readinessProbe (a slow JVM)', () => {
    const probes: Partial<ContainerSpec> = {
      startupProbe: { periodSeconds: 10, failureThreshold: 18 },
      readinessProbe: { periodSeconds: 5, failureThreshold: 3 }
    }
    const s = withPod('unready', (p) => {
      Object.assign(p.spec!.containers![0], probes)
      p.status!.containerStatuses![0].started = false
    })
    const w = ref('Deployment', 'unready')
    // startupProbe allows 10×18+1 = 181 s, plus the 90 s margin.
    expect(judge(w, s, 150).failures).toEqual([])
    expect(judge(w, s, 150).waiting.join()).toMatch(/startupProbe allows 181s/)
    expect(judge(w, s, 275).failures[0]).toMatchObject({ rule: 'readiness' })
  })

  it('does not call a pod that was Ready and flickers a doomed new pod', () => {
    const memory = new RolloutMemory()
    const w = ref('Deployment', 'unready')
    const ready = withPod('unready', (p) => {
      p.status!.conditions!.find((c) => c.type === 'Ready')!.status = 'True'
    })
    judge(w, ready, 5, { memory })
    expect(judge(w, ns, 300, { memory }).failures).toEqual([])
  })

  it('waits for readiness gates for failure-grace-period, then names the gate', () => {
    const s = withPod('unready', (p) => {
      p.spec!.readinessGates = [{ conditionType: 'target-health.elbv2.k8s.aws/tg' }]
      p.status!.containerStatuses![0].ready = true
      p.status!.conditions!.find((c) => c.type === 'ContainersReady')!.status = 'True'
    })
    const w = ref('Deployment', 'unready')
    expect(judge(w, s, 60).waiting.join()).toMatch(/readiness gate target-health/)
    expect(judge(w, s, 60).failures).toEqual([])
    expect(judge(w, s, 100).failures[0]).toMatchObject({ rule: 'readiness-gate' })
  })

  it('gives an unschedulable pod unschedulable-grace, longer while the autoscaler adds a node', () => {
    const w = ref('Deployment', 'unschedulable')
    expect(judge(w, ns, 60).failures).toEqual([])
    expect(judge(w, ns, 125).failures[0]).toMatchObject({ rule: 'unschedulable' })
    const pod = podOf(ns, 'unschedulable')
    const scaling = withPod('unschedulable', () => undefined, [
      event(
        pod,
        'TriggeredScaleUp',
        'pod triggered scale-up: [{pool-1 1->2 (max: 5)}]',
        10,
        'Normal'
      )
    ])
    expect(judge(w, scaling, 300).failures).toEqual([])
    expect(judge(w, scaling, 300).waiting.join()).toMatch(/autoscaler is adding a node/)
    expect(judge(w, scaling, 605).failures[0]).toMatchObject({ rule: 'unschedulable' })
  })

  it('fails an unschedulable pod at once when the autoscaler says it will not scale up', () => {
    const pod = podOf(ns, 'unschedulable')
    const s = withPod('unschedulable', () => undefined, [
      event(pod, 'TriggeredScaleUp', 'pod triggered scale-up', 5, 'Normal'),
      event(
        pod,
        'NotTriggerScaleUp',
        "pod didn't trigger scale-up: 1 max node group size reached",
        20,
        'Normal'
      )
    ])
    const a = judge(ref('Deployment', 'unschedulable'), s, 21)
    expect(a.failures[0]).toMatchObject({ rule: 'no-scale-up' })
    expect(describeFailure(a.failures[0])).toMatch(/max node group size reached/)
  })

  it('judges a regular Job only with wait-for-jobs, by its Failed condition', () => {
    expect(judge(ref('Job', 'jobfail')).failures).toEqual([])
    expect(judge(ref('Job', 'jobfail')).complete).toBe(true)
    const a = judge(ref('Job', 'jobfail'), ns, 30, { policy: policy({ waitForJobs: true }) })
    expect(a.failures[0]).toMatchObject({
      workload: 'Job/jobfail',
      reason: 'BackoffLimitExceeded',
      rule: 'job-failed',
      container: 'migrate'
    })
    expect(a.failures[0].lastState).toMatch(/exit code 1/)
  })

  it('ignores a failed hook Job kept from an earlier run, judges one this run created', () => {
    const hook: WorkloadRef = { ...ref('Job', 'jobfail'), hook: ['pre-upgrade'] }
    const before = baselineOf(ns)
    expect(judge(hook, ns, 30, { before }).failures).toEqual([])
    expect(judge(hook, ns, 30, { before: baselineOf(quota) }).failures[0]).toMatchObject({
      rule: 'job-failed'
    })
    // A hook of a phase helm is not running now is not judged either.
    expect(
      judge(hook, ns, 30, { before: baselineOf(quota), hookPhases: new Set(['post-install']) })
        .failures
    ).toEqual([])
  })

  it('counts a suspended Job and one removed by ttlSecondsAfterFinished as done', () => {
    const s = clone(ns)
    s.jobs.find((j) => j.metadata.name === 'jobfail')!.spec.suspend = true
    const o = { policy: policy({ waitForJobs: true }) }
    const suspended = judge(ref('Job', 'jobfail'), s, 30, o)
    expect(suspended.complete).toBe(true)
    expect(suspended.warnings.join()).toMatch(/suspended/)
    const gone = judge({ ...ref('Job', 'migrated'), ttlSecondsAfterFinished: 0 }, ns, 30, o)
    expect(gone.complete).toBe(true)
  })

  it('fails a Deployment whose pods cannot be created (quota) only after config-error-grace', () => {
    const w = { kind: 'Deployment', name: 'overquota', namespace: 'fixtures-quota' }
    const condition = quota.replicaSets[0].status!.conditions!.find(
      (c) => c.type === 'ReplicaFailure'
    )!
    const since = Date.parse(condition.lastTransitionTime!)
    const early = assess([w], quota, { now: new Date(since + 10_000) })
    expect(early.failures).toEqual([])
    const a = assess([w], quota, { now: new Date(since + 61_000) })
    expect(a.failures[0]).toMatchObject({ reason: 'FailedCreate', rule: 'pod-create-failed' })
    expect(a.failures[0].message).toMatch(/exceeded quota/)
  })

  it.each([
    ['False', 'ProgressDeadlineExceeded', 1],
    ['True', 'ReplicaSetUpdated', 0],
    ['Unknown', 'ProgressDeadlineExceeded', 0]
  ] as const)(
    'fails a Deployment whose Progressing condition is %s/%s only when the deadline passed',
    (status, reason, failures) => {
      const s = clone(ns)
      const d = s.deployments.find((x) => x.metadata.name === 'unready')!
      d.status!.conditions = [
        {
          type: 'Progressing',
          status,
          reason,
          message: 'ReplicaSet "unready-867bcddff7" has timed out progressing.'
        }
      ]
      const a = judge(ref('Deployment', 'unready'), s, 10)
      expect(a.failures.filter((f) => f.rule === 'progress-deadline')).toHaveLength(failures)
    }
  )

  it('collects every failing workload, not only the first', () => {
    const all = ['crashloop', 'errimagepull', 'createcontainerconfigerror', 'healthy'].map((n) =>
      ref('Deployment', n)
    )
    const a = assess(all, ns, { now: at(200) })
    expect(a.failures.map((f) => f.workload)).toEqual([
      'Deployment/crashloop',
      'Deployment/errimagepull',
      'Deployment/createcontainerconfigerror'
    ])
    expect(a.progress.find((p) => p.workload === 'Deployment/healthy')?.complete).toBe(true)
  })

  it('never judges or waits for a workload this revision did not change; it reports it', () => {
    const w = ref('Deployment', 'crashloop')
    const a = judge(w, ns, 300, { before: baselineOf(ns) })
    expect(a.failures).toEqual([])
    expect(a.complete).toBe(true)
    expect(a.warnings.join()).toMatch(/Deployment\/crashloop was not changed by this revision/)
    // Once its generation moves, it is this revision's.
    const bumped = clone(ns)
    bumped.deployments.find((d) => d.metadata.name === 'crashloop')!.metadata.generation! += 1
    bumped.deployments.find((d) => d.metadata.name === 'crashloop')!.status!.observedGeneration! +=
      1
    expect(judge(w, bumped, 300, { before: baselineOf(ns) }).failures).toHaveLength(1)
  })

  it('ends the wait for a paused Deployment at once with a warning, never a failure', () => {
    const s = clone(ns)
    s.deployments.find((d) => d.metadata.name === 'crashloop')!.spec.paused = true
    const a = judge(ref('Deployment', 'crashloop'), s, 300)
    expect(a).toMatchObject({ complete: true, failures: [] })
    expect(a.warnings[0]).toMatch(/paused: nothing of it was rolled out/)
  })

  it('ends the wait for an OnDelete StatefulSet at once with a warning', () => {
    const s = clone(ns)
    s.statefulSets[0].spec.updateStrategy = { type: 'OnDelete' }
    s.statefulSets[0].status!.readyReplicas = 0
    const a = judge(ref('StatefulSet', 'db'), s)
    expect(a.complete).toBe(true)
    expect(a.warnings[0]).toMatch(/OnDelete/)
  })

  it('matches DaemonSet pods by their controller revision, not metadata.generation', () => {
    const pod = clone(podOf(ns, 'crashloop'))
    const ds: DaemonSet = {
      kind: 'DaemonSet',
      metadata: { name: 'agent', namespace: 'fixtures', uid: 'ds-uid', generation: 7 },
      spec: { updateStrategy: { type: 'RollingUpdate' } },
      status: {
        observedGeneration: 7,
        desiredNumberScheduled: 1,
        updatedNumberScheduled: 1,
        numberAvailable: 0
      }
    }
    const rev = (n: number, hash: string): ControllerRevision => ({
      kind: 'ControllerRevision',
      metadata: {
        name: `agent-${hash}`,
        namespace: 'fixtures',
        labels: { 'controller-revision-hash': hash },
        ownerReferences: [{ kind: 'DaemonSet', name: 'agent', uid: 'ds-uid' }]
      },
      revision: n
    })
    pod.metadata.name = 'agent-x1'
    pod.metadata.uid = 'agent-x1-uid'
    // The template changed at generation 3 (revision 2); later changes were outside the template.
    pod.metadata.labels = { 'controller-revision-hash': 'bbb', 'pod-template-generation': '3' }
    pod.metadata.ownerReferences = [{ kind: 'DaemonSet', name: 'agent', uid: 'ds-uid' }]
    const s = clone(ns)
    s.daemonSets = [ds]
    s.pods.push(pod)
    s.controllerRevisions = [rev(1, 'aaa'), rev(2, 'bbb')]
    const a = judge(ref('DaemonSet', 'agent'), s, 40)
    expect(a.failures[0]).toMatchObject({
      workload: 'DaemonSet/agent',
      rule: 'crash-loop',
      pod: 'agent-x1'
    })
  })

  it.each([
    [[{ type: 'Ready', status: 'True' }], true, 0],
    [[{ type: 'Ready', status: 'False', reason: 'Issuing' }], false, 0],
    [
      [
        { type: 'Ready', status: 'False' },
        { type: 'Failed', status: 'True', reason: 'OrderFailed' }
      ],
      false,
      1
    ]
  ] as const)(
    'verifies a custom resource by its conditions: %j → complete %s, %i failure(s)',
    (conditions, complete, failures) => {
      const cert: CustomObject = {
        kind: 'Certificate',
        apiVersion: 'cert-manager.io/v1',
        metadata: { name: 'tls', namespace: 'fixtures', generation: 2 },
        status: { observedGeneration: 2, conditions: conditions.map((c) => ({ ...c })) }
      }
      const s = { ...clone(ns), custom: [cert] }
      const a = judge(
        {
          kind: 'Certificate',
          apiVersion: 'cert-manager.io/v1',
          name: 'tls',
          namespace: 'fixtures'
        },
        s
      )
      expect(a.complete).toBe(complete)
      expect(a.failures).toHaveLength(failures)
    }
  )

  it('lists a custom resource without status conditions as not verified', () => {
    const s = {
      ...clone(ns),
      custom: [
        {
          kind: 'ServiceMonitor',
          apiVersion: 'monitoring.coreos.com/v1',
          metadata: { name: 'm', namespace: 'fixtures' }
        }
      ]
    }
    const a = judge(
      {
        kind: 'ServiceMonitor',
        apiVersion: 'monitoring.coreos.com/v1',
        name: 'm',
        namespace: 'fixtures'
      },
      s
    )
    expect(a.complete).toBe(true)
    expect(a.warnings[0]).toMatch(/ServiceMonitor\/m reports no status conditions: not verified/)
  })

  it('names workloads in another namespace with that namespace', () => {
    const a = assess([ref('Deployment', 'healthy')], ns, { now: at(5), releaseNamespace: 'app' })
    expect(a.progress[0].workload).toBe('Deployment/fixtures/healthy')
  })

  it('waits for a workload that does not exist yet and ignores missing hooks', () => {
    const a = assess(
      [ref('Deployment', 'not-yet'), { ...ref('Job', 'pre-upgrade'), hook: ['pre-upgrade'] }],
      ns,
      { now: at(5) }
    )
    expect(a.complete).toBe(false)
    expect(a.progress).toEqual([
      {
        workload: 'Deployment/not-yet',
        ready: 0,
        desired: 0,
        complete: false,
        note: 'not created yet'
      }
    ])
  })
})
