import { describe, expect, it } from '@jest/globals'
import {
  earlyReadsToUse,
  prewarmBaseline,
  readAgainUnless,
  readEarly,
  type EarlyReads
} from '../../src/deploy/early-reads.js'
import type { LockState } from '../../src/deploy/remediation.js'
import type { HistoryEntry, ReleaseInfo } from '../../src/helm/release.js'
import type { LeaseObject } from '../../src/kube/lease.js'

const lease = (
  spec: LeaseObject['spec'],
  resourceVersion: string | undefined = '7'
): LeaseObject => ({
  apiVersion: 'coordination.k8s.io/v1',
  kind: 'Lease',
  metadata: { name: 'deploy-lock-goatflow', resourceVersion },
  spec
})

const history: HistoryEntry[] = [
  {
    revision: 2,
    status: 'deployed',
    chart: 'goatflow-0.6.5',
    appVersion: '0.6.5',
    description: 'Upgrade complete',
    updated: '2026-12-01T10:00:00Z'
  }
]

function fakeHelm(fail = false) {
  const reads: string[] = []
  return {
    reads,
    history: async (): Promise<HistoryEntry[]> => {
      reads.push('history')
      if (fail) throw new Error('helm: connection refused')
      return history
    },
    status: async (): Promise<ReleaseInfo | undefined> => {
      reads.push('status')
      if (fail) throw new Error('helm: connection refused')
      return undefined
    }
  }
}

describe('reading the release before the lock', () => {
  it.each<[string, () => Promise<LeaseObject | undefined>, boolean]>([
    ['a free Lease', async () => lease({ leaseTransitions: 3 }), true],
    [
      'a Lease another run holds',
      async () => lease({ holderIdentity: 'run 7', leaseDurationSeconds: 90 }),
      false
    ],
    [
      'a Lease whose holder stopped renewing it',
      async () => lease({ holderIdentity: 'run 7', renewTime: '2020-01-01T00:00:00.000000Z' }),
      false
    ],
    ['no Lease yet', async () => undefined, false],
    [
      'a free Lease without a resourceVersion',
      async () => ({ ...lease({}), metadata: { name: 'deploy-lock-goatflow' } }),
      false
    ],
    ['a Lease that could not be read', () => Promise.reject(new Error('HTTP 403')), false]
  ])('starts only after finding %s', async (_what, readLease, starts) => {
    const helm = fakeHelm()
    const early = await readEarly(readLease, helm)
    expect(early !== undefined).toBe(starts)
    expect(helm.reads).toEqual(starts ? ['history', 'status'] : [])
    if (early) {
      await expect(early.release.history).resolves.toEqual(history)
      expect(early.lease.spec.holderIdentity).toBeUndefined()
    }
  })

  it('keeps a failed early read for whoever uses it, and lets it go quietly otherwise', async () => {
    const early = await readEarly(async () => lease({}), fakeHelm(true))
    await expect(early!.release.history).rejects.toThrow(/connection refused/)
    // Unused, the rejected status read raises no unhandled rejection (Jest would fail the test).
    await new Promise((r) => setTimeout(r, 10))
  })

  it.each<[string, LockState, boolean]>([
    [
      'taken on the Lease read before them',
      { kind: 'held', previous: 'free', unchangedSincePeek: true },
      true
    ],
    [
      'taken after the Lease changed',
      { kind: 'held', previous: 'free', unchangedSincePeek: false },
      false
    ],
    [
      'taken over from an expired holder',
      { kind: 'held', previous: 'expired', previousHolder: 'x' },
      false
    ],
    ['not used (lock: false)', { kind: 'disabled' }, false]
  ])('are used when the lock was %s', async (_what, lock, used) => {
    const release = { history: Promise.resolve(history), status: Promise.resolve(undefined) }
    expect(await earlyReadsToUse(lock, Promise.resolve(release))).toBe(used ? release : undefined)
  })

  it.each<[string, (() => Promise<number>) | undefined, number, number]>([
    ['the early read when it succeeded', () => Promise.resolve(1), 1, 0],
    ['a fresh read when the early one failed', () => Promise.reject(new Error('boom')), 2, 1],
    ['a fresh read when there was none', undefined, 2, 1]
  ])('gives %s', async (_what, early, value, fresh) => {
    let reads = 0
    const read = async () => {
      reads++
      return 2
    }
    expect(await readAgainUnless(early?.(), read)).toBe(value)
    expect(reads).toBe(fresh)
  })
})

describe('prewarmBaseline', () => {
  const deployed: ReleaseInfo = {
    name: 'goatflow',
    namespace: 'apps',
    revision: 2,
    status: 'deployed',
    description: 'Upgrade complete',
    manifest:
      '---\napiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\n---\napiVersion: v1\nkind: Service\nmetadata:\n  name: web\n'
  }
  const settle = () => new Promise((r) => setImmediate(r))

  it.each<[string, Promise<EarlyReads | undefined>, string[][]]>([
    [
      'reads the deployed revision’s workloads',
      Promise.resolve({
        lease: lease({}),
        release: { history: Promise.resolve(history), status: Promise.resolve(deployed) }
      }),
      [['Deployment/web in apps']]
    ],
    ['reads nothing without early reads', Promise.resolve(undefined), []],
    [
      'reads nothing for a release that has no revision',
      Promise.resolve({
        lease: lease({}),
        release: { history: Promise.resolve([]), status: Promise.resolve(undefined) }
      }),
      []
    ],
    [
      'reads nothing, and throws nothing, when the early read failed',
      Promise.resolve({
        lease: lease({}),
        release: { history: Promise.resolve([]), status: Promise.reject(new Error('refused')) }
      }),
      []
    ]
  ])('%s', async (_name, early, snapshots) => {
    const seen: string[][] = []
    prewarmBaseline(early, 'apps', (refs) => {
      seen.push(refs.map((r) => `${r.kind}/${r.name} in ${r.namespace}`))
      return Promise.reject(new Error('a failed warm-up is no error'))
    })
    await settle()
    await settle()
    expect(seen).toEqual(snapshots)
  })
})
