import { getEventListeners } from 'node:events'
import { readFileSync } from 'node:fs'
import { describe, expect, it } from '@jest/globals'
import type { CommandResult, RunningCommand } from '../../src/exec/runner.js'
import { snapshotOf } from '../../src/kube/snapshot.js'
import type { Snapshot, WorkloadRef } from '../../src/kube/types.js'
import { DEFAULT_POLICY } from '../../src/verify/policy.js'
import { systemClock, type Clock } from '../../src/run/clock.js'
import { watchRollout } from '../../src/verify/watch.js'

const raw = JSON.parse(
  readFileSync(new URL('../../__fixtures__/kube/namespace-fixtures.json', import.meta.url), 'utf8')
) as {
  items: Array<{ kind: string }>
  events: Snapshot['events']
}
const snap: Snapshot = snapshotOf(raw.items, raw.events)

/** A clock that only moves when the watcher sleeps. */
function fakeClock(startIso: string): Clock & { slept: number } {
  let t = Date.parse(startIso)
  const c = {
    slept: 0,
    now: () => new Date(t),
    sleep: async (ms: number) => {
      t += ms
      c.slept += ms
    }
  }
  return c
}

/** A helm process that runs until signalled or until it is told to finish. */
function fakeProcess(exitAfterPolls?: number) {
  const signals: string[] = []
  let polls = 0
  let result: CommandResult | undefined
  let resolve!: (r: CommandResult) => void
  const done = new Promise<CommandResult>((r) => (resolve = r))
  const finish = (r: CommandResult) => {
    result = r
    resolve(r)
  }
  const proc: RunningCommand = {
    done,
    exited: () => {
      polls++
      if (!result && exitAfterPolls !== undefined && polls > exitAfterPolls)
        finish({ exitCode: 0, stdout: '', stderr: '' })
      return !!result
    },
    signal: (s) => {
      signals.push(s)
      finish({ exitCode: 1, signal: s, stdout: '', stderr: 'Error: context canceled' })
    }
  }
  return { proc, signals }
}

const w = (name: string): WorkloadRef => ({ kind: 'Deployment', name, namespace: 'fixtures' })
const start = snap.pods[0].metadata.creationTimestamp!

describe('watching a rollout', () => {
  it('stops helm with SIGTERM as soon as a pod of the release is doomed', async () => {
    const { proc, signals } = fakeProcess()
    const clock = fakeClock(start)
    const o = await watchRollout({
      snapshot: async () => snap,
      workloads: async () => [w('healthy'), w('crashloop')],
      process: proc,
      timeoutSeconds: 300,
      policy: DEFAULT_POLICY,
      clock
    })
    expect(o.kind).toBe('failed')
    expect(signals).toEqual(['SIGTERM'])
    expect(clock.slept).toBe(0)
  })

  it('completes once helm has exited and every workload is ready', async () => {
    const { proc, signals } = fakeProcess(2)
    const clock = fakeClock(start)
    const o = await watchRollout({
      snapshot: async () => snap,
      workloads: async () => [w('healthy')],
      process: proc,
      timeoutSeconds: 300,
      policy: DEFAULT_POLICY,
      clock,
      pollMs: 1000
    })
    expect(o.kind).toBe('complete')
    expect(signals).toEqual([])
    expect(clock.slept).toBeGreaterThan(0)
  })

  it.each<[string, (() => number | undefined) | undefined, number[]]>([
    ['every poll while the workloads are not known', undefined, [0, 1000, 2000, 3000]],
    ['sooner while they are not known, when that read is cheap', () => 200, [0, 200, 400, 600]],
    ['every poll once the cheap read stopped working', () => undefined, [0, 1000, 2000, 3000]]
  ])('asks for the workloads %s', async (_name, workloadsPollMs, askedAt) => {
    const clock = fakeClock(start)
    const t0 = clock.now().getTime()
    const asked: number[] = []
    const o = await watchRollout({
      snapshot: async () => snap,
      workloads: async () => {
        asked.push(clock.now().getTime() - t0)
        return asked.length < 4 ? undefined : [w('healthy')]
      },
      process: fakeProcess(0).proc,
      timeoutSeconds: 300,
      policy: DEFAULT_POLICY,
      clock,
      pollMs: 1000,
      workloadsPollMs
    })
    expect(o.kind).toBe('complete')
    expect(asked).toEqual(askedAt)
  })

  it("leaves no listener on the run's cancel signal, however many rounds it polls", async () => {
    const { proc } = fakeProcess(40)
    const cancel = new AbortController()
    const o = await watchRollout({
      snapshot: async () => snap,
      workloads: async () => [w('healthy')],
      process: proc,
      timeoutSeconds: 300,
      policy: DEFAULT_POLICY,
      clock: fakeClock(start),
      pollMs: 1000,
      cancel: cancel.signal
    })
    expect(o.kind).toBe('complete')
    expect(getEventListeners(cancel.signal, 'abort')).toHaveLength(0)
  })

  it('leaves no timer behind when a change ended its last wait: the process exits at once', async () => {
    // The 60 s polls the watch starts, and whether each was cleared.
    const polls = new Map<unknown, boolean>()
    const { setTimeout: set, clearTimeout: clear } = globalThis
    globalThis.setTimeout = ((fn: () => void, ms?: number) => {
      const t = set(fn, ms)
      if (ms === 60_000) polls.set(t, false)
      return t
    }) as typeof setTimeout
    globalThis.clearTimeout = (t: Parameters<typeof clearTimeout>[0]) => {
      if (polls.has(t)) polls.set(t, true)
      clear(t)
    }
    let ready = false
    let reads = 0
    try {
      const o = await watchRollout({
        // The Deployment is not there until the change the watch is woken by.
        snapshot: async () => {
          reads++
          return ready ? snap : { ...snap, deployments: [] }
        },
        workloads: async () => [w('healthy')],
        timeoutSeconds: 300,
        policy: DEFAULT_POLICY,
        clock: systemClock,
        pollMs: 60_000,
        wake: (listener) => {
          const t = set(() => {
            ready = true
            listener()
          }, 5)
          return () => clear(t)
        }
      })
      expect(o.kind).toBe('complete')
    } finally {
      globalThis.setTimeout = set
      globalThis.clearTimeout = clear
    }
    expect(reads).toBe(2)
    expect([...polls.values()]).toEqual([true])
  })

  it('times out with what it still waits for, and stops helm', async () => {
    const { proc, signals } = fakeProcess()
    const clock = fakeClock(start)
    const o = await watchRollout({
      snapshot: async () => snap,
      workloads: async () => [w('unready')],
      process: proc,
      timeoutSeconds: 30,
      policy: { ...DEFAULT_POLICY, readinessMarginSeconds: 600 },
      clock,
      pollMs: 5000
    })
    expect(o.kind).toBe('timeout')
    expect(o.assessment?.progress[0]).toMatchObject({
      workload: 'Deployment/unready',
      complete: false
    })
    expect(signals).toEqual(['SIGTERM'])
  })

  it("reports helm's own failure when helm exits with an error", async () => {
    const proc: RunningCommand = {
      done: Promise.resolve({
        exitCode: 1,
        stdout: '',
        stderr: 'Error: UPGRADE FAILED: pre-upgrade hooks failed'
      }),
      exited: () => true,
      signal: () => undefined
    }
    const o = await watchRollout({
      snapshot: async () => snap,
      workloads: async () => [w('healthy')],
      process: proc,
      timeoutSeconds: 30,
      policy: DEFAULT_POLICY,
      clock: fakeClock(start)
    })
    expect(o).toMatchObject({ kind: 'process-failed', process: { exitCode: 1 } })
  })

  it('draws no verdict from a read that failed: it reads again and goes on', async () => {
    const { proc } = fakeProcess(1)
    const errors: string[] = []
    let reads = 0
    const o = await watchRollout({
      snapshot: async () => {
        reads++
        if (reads <= 2)
          throw new Error('Unable to connect to the server: net/http: TLS handshake timeout')
        return snap
      },
      workloads: async () => [w('healthy')],
      process: proc,
      timeoutSeconds: 300,
      policy: DEFAULT_POLICY,
      clock: fakeClock(start),
      onReadError: (e) => errors.push(e.message)
    })
    expect(o.kind).toBe('complete')
    expect(errors).toHaveLength(2)
  })

  it('keeps watching after helm applied and exited, and fails a rollout doomed later', async () => {
    const { proc, signals } = fakeProcess(0)
    let reads = 0
    const o = await watchRollout({
      // helm has exited (no --wait) while the new pods still start; the crash shows later.
      snapshot: async () => (++reads < 3 ? { ...snap, pods: [] } : snap),
      workloads: async () => [w('crashloop')],
      process: proc,
      timeoutSeconds: 300,
      policy: DEFAULT_POLICY,
      clock: fakeClock(start)
    })
    expect(o.kind).toBe('failed')
    expect(reads).toBe(3)
    expect(signals).toEqual(['SIGTERM'])
  })

  it('reads again as soon as the release changes, not on the next poll', async () => {
    const { proc } = fakeProcess(0)
    // A clock whose poll interval never passes: only a change can wake the watcher.
    let now = Date.parse(start)
    const clock: Clock = {
      now: () => new Date(now),
      sleep: (ms) =>
        ms >= 10_000 ? new Promise(() => undefined) : Promise.resolve(void (now += ms))
    }
    let listener: (() => void) | undefined
    let reads = 0
    const o = await watchRollout({
      snapshot: async () => {
        reads++
        // The first read finds the pods not created yet; the change arrives right after.
        if (reads === 1) {
          setTimeout(() => listener?.(), 0)
          return { ...snap, pods: [] }
        }
        return snap
      },
      wake: (l) => {
        listener = l
        return () => (listener = undefined)
      },
      workloads: async () => [w('crashloop')],
      process: proc,
      timeoutSeconds: 300,
      policy: DEFAULT_POLICY,
      clock,
      pollMs: 60_000
    })
    expect(o.kind).toBe('failed')
    expect(reads).toBe(2)
  })
})
