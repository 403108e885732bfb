import { readFileSync } from 'node:fs'
import { describe, expect, it } from '@jest/globals'
import { snapshotOf } from '../../src/kube/snapshot.js'
import type { Snapshot, WorkloadRef } from '../../src/kube/types.js'
import { assess, describeFailure, generations } from '../../src/rollout/assess.js'

// Real API objects, read with kubectl from the local control plane (kwok drives the pods into
// each failure mode; see test/cluster/kwok-stages.yaml), managedFields removed.
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
const judge = (w: WorkloadRef, s: Snapshot = ns, seconds = 30) =>
  assess([w], s, { now: at(seconds), graceSeconds: 60, applied: true })

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

  it.each([
    ['crashloop', 'CrashLoopBackOff', /exit code 1 \(Error\)/],
    ['imagepullbackoff', 'ImagePullBackOff', /Back-off pulling image/],
    ['errimagepull', 'ErrImagePull', /not found/],
    [
      'createcontainerconfigerror',
      'CreateContainerConfigError',
      /secret "e2e-missing-secret" not found/
    ]
  ])('Deployment/%s fails at once with %s', (name, reason, detail) => {
    const a = judge(ref('Deployment', name), ns, 5)
    expect(a.complete).toBe(false)
    expect(a.failures).toHaveLength(1)
    expect(a.failures[0]).toMatchObject({
      workload: `Deployment/${name}`,
      reason,
      container: 'goatflow'
    })
    expect(describeFailure(a.failures[0])).toMatch(detail)
  })

  it.each([
    ['unready', 'ReadinessNeverTrue'],
    ['unschedulable', 'Unschedulable']
  ])('Deployment/%s fails with %s only after the grace period', (name, reason) => {
    const early = judge(ref('Deployment', name), ns, 20)
    expect(early.failures).toEqual([])
    expect(early.complete).toBe(false)
    const late = judge(ref('Deployment', name), ns, 200)
    expect(late.failures[0]).toMatchObject({ reason })
  })

  it('reports a failed Job with the last container termination', () => {
    const a = judge(ref('Job', 'jobfail'))
    expect(a.failures[0]).toMatchObject({
      workload: 'Job/jobfail',
      reason: 'BackoffLimitExceeded',
      container: 'migrate'
    })
    expect(a.failures[0].lastState).toMatch(/exit code 1/)
  })

  it("fails a Deployment whose pods cannot be created (quota) with the API server's message", () => {
    const a = judge({ kind: 'Deployment', name: 'overquota', namespace: 'fixtures-quota' }, quota)
    expect(a.failures[0]).toMatchObject({ reason: 'FailedCreate' })
    expect(a.failures[0].message).toMatch(/exceeded quota/)
  })

  it('collects every failing workload, not only the first', () => {
    const all = ['crashloop', 'imagepullbackoff', 'createcontainerconfigerror', 'healthy'].map(
      (n) => ref('Deployment', n)
    )
    const a = assess(all, ns, { now: at(5), graceSeconds: 60, applied: true })
    expect(a.failures.map((f) => f.workload)).toEqual([
      'Deployment/crashloop',
      'Deployment/imagepullbackoff',
      'Deployment/createcontainerconfigerror'
    ])
    expect(a.progress.find((p) => p.workload === 'Deployment/healthy')?.complete).toBe(true)
  })

  it('does not judge a workload the deploy has not changed until helm has applied everything', () => {
    const w = ref('Deployment', 'crashloop')
    const start = generations([w], ns)
    expect(
      assess([w], ns, { now: at(5), graceSeconds: 60, applied: false, startGenerations: start })
        .failures
    ).toEqual([])
    expect(
      assess([w], ns, { now: at(5), graceSeconds: 60, applied: true, startGenerations: start })
        .failures
    ).toHaveLength(1)
  })

  it('waits for a workload that does not exist yet and ignores missing hooks', () => {
    const a = assess(
      [ref('Deployment', 'not-yet'), { ...ref('Job', 'pre-upgrade'), hook: true }],
      ns,
      { now: at(5), graceSeconds: 60, applied: true }
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
