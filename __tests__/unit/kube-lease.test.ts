import { describe, expect, it } from '@jest/globals'
import type { CommandResult, CommandRunner } from '../../src/exec/runner.js'
import { Kubectl, KubectlError } from '../../src/kube/kubectl.js'
import {
  claimedLease,
  DeployLock,
  defaultLockTiming,
  holderFromEnv,
  leaseState,
  microTime,
  releaseLease,
  type LeaseObject
} from '../../src/kube/lease.js'
import type { Clock } from '../../src/run/clock.js'

const T0 = Date.parse('2026-11-24T10:00:00Z')

const lease = (spec: LeaseObject['spec'], annotations?: Record<string, string>): LeaseObject => ({
  apiVersion: 'coordination.k8s.io/v1',
  kind: 'Lease',
  metadata: { name: 'deploy-lock-goatflow', resourceVersion: '7', annotations },
  spec
})

describe('leaseState', () => {
  const held = lease(
    {
      holderIdentity: 'acme/app run 9 attempt 1 #aaaaaa',
      leaseDurationSeconds: 90,
      renewTime: '2026-11-24T10:00:00.000000Z'
    },
    { 'deploy-action.goatflow.io/run-url': 'https://github.com/acme/app/actions/runs/9/attempts/1' }
  )
  it.each<[string, LeaseObject | undefined, number, string]>([
    ['no Lease yet', undefined, T0, 'absent'],
    ['released (no holder)', lease({ leaseTransitions: 2 }), T0, 'free'],
    ['held by us', lease({ ...held.spec, holderIdentity: 'me' }), T0, 'ours'],
    ['held by a live run', held, T0 + 89_000, 'held'],
    ['its holder stopped renewing', held, T0 + 90_000, 'expired'],
    ['a holder without any time is expired', lease({ holderIdentity: 'x' }), T0, 'expired']
  ])('%s', (_name, l, now, kind) => {
    expect(leaseState(l, 'me', now).kind).toBe(kind)
  })

  it('names the holder and its run', () => {
    expect(leaseState(held, 'me', T0)).toMatchObject({
      kind: 'held',
      holder: 'acme/app run 9 attempt 1 #aaaaaa',
      runUrl: 'https://github.com/acme/app/actions/runs/9/attempts/1',
      expiresAt: T0 + 90_000
    })
  })
})

describe('the Lease a run writes', () => {
  it('uses MicroTime with six fractional digits, as the API requires', () => {
    expect(microTime(new Date(T0 + 123))).toBe('2026-11-24T10:00:00.123000Z')
  })

  it('identifies the holder by repository, run, attempt and job, with the run URL', () => {
    expect(
      holderFromEnv(
        {
          GITHUB_REPOSITORY: 'acme/app',
          GITHUB_RUN_ID: '42',
          GITHUB_RUN_ATTEMPT: '2',
          GITHUB_JOB: 'deploy',
          GITHUB_SERVER_URL: 'https://github.example.com/'
        },
        'abc123'
      )
    ).toEqual({
      identity: 'acme/app run 42 attempt 2 job deploy #abc123',
      runUrl: 'https://github.example.com/acme/app/actions/runs/42/attempts/2'
    })
  })

  it('takes over an expired Lease with its resourceVersion and counts the transition', () => {
    const old = lease({
      holderIdentity: 'dead',
      leaseDurationSeconds: 90,
      renewTime: 'x',
      leaseTransitions: 3
    })
    const claim = claimedLease(
      'deploy-lock-goatflow',
      'goatflow',
      { identity: 'me' },
      new Date(T0),
      90,
      old
    )
    expect(claim.metadata.resourceVersion).toBe('7')
    expect(claim.metadata.labels).toEqual({ 'deploy-action.goatflow.io/release': 'goatflow' })
    expect(claim.spec).toEqual({
      holderIdentity: 'me',
      leaseDurationSeconds: 90,
      acquireTime: '2026-11-24T10:00:00.000000Z',
      renewTime: '2026-11-24T10:00:00.000000Z',
      leaseTransitions: 4
    })
  })
})

/**
 * An in-memory API server behind kubectl's command line: get, create (AlreadyExists) and replace
 * (Conflict on a stale resourceVersion), as the real one answers.
 */
function fakeCluster() {
  let stored: LeaseObject | undefined
  let version = 0
  const log: string[] = []
  const faults: string[] = []
  const answer = (exitCode: number, stdout: string, stderr = ''): CommandResult => ({
    exitCode,
    stdout,
    stderr
  })
  const run: CommandRunner['run'] = async (_file, args, options) => {
    const verb = args[0]
    log.push(verb)
    const fault = faults.shift()
    if (fault) return answer(1, '', fault)
    if (verb === 'get') {
      return stored
        ? answer(0, JSON.stringify(stored))
        : answer(
            1,
            '',
            `Error from server (NotFound): leases.coordination.k8s.io "${args[2]}" not found`
          )
    }
    const obj = JSON.parse(options?.input ?? '') as LeaseObject
    if (verb === 'create') {
      if (stored)
        return answer(
          1,
          '',
          'Error from server (AlreadyExists): error when creating "STDIN": already exists'
        )
    } else if (!stored || obj.metadata.resourceVersion !== stored.metadata.resourceVersion) {
      return answer(
        1,
        '',
        'Error from server (Conflict): Operation cannot be fulfilled on leases.coordination.k8s.io: the object has been modified; please apply your changes to the latest version and try again'
      )
    }
    stored = { ...obj, metadata: { ...obj.metadata, resourceVersion: String(++version) } }
    return answer(0, JSON.stringify(stored))
  }
  const runner: CommandRunner = {
    run,
    start: () => {
      throw new Error('not used')
    }
  }
  /** A replace over HTTP (the lock's proxy): the same optimistic concurrency as kubectl's. */
  const replaceOverHttp = async (obj: LeaseObject): Promise<LeaseObject | 'conflict'> => {
    log.push('http replace')
    const fault = faults.shift()
    if (fault) throw new Error(fault)
    if (!stored || obj.metadata.resourceVersion !== stored.metadata.resourceVersion)
      return 'conflict'
    stored = { ...obj, metadata: { ...obj.metadata, resourceVersion: String(++version) } }
    return stored
  }
  return {
    kube: new Kubectl(runner, { namespace: 'apps' }),
    replaceOverHttp,
    current: () => stored,
    set: (l: LeaseObject) => {
      stored = { ...l, metadata: { ...l.metadata, resourceVersion: String(++version) } }
    },
    faults,
    log
  }
}

function fakeClock(): Clock & { t: number } {
  const c = {
    t: T0,
    now: () => new Date(c.t),
    sleep: async (ms: number) => {
      c.t += ms
    }
  }
  return c
}

function lockFor(cluster: ReturnType<typeof fakeCluster>, identity: string, clock: Clock) {
  const lines: string[] = []
  const lock = new DeployLock(
    cluster.kube,
    'goatflow',
    { identity, runUrl: `https://ci/${identity}` },
    {
      durationSeconds: 90,
      renewEverySeconds: 20,
      pollMs: 1000,
      clock,
      log: (l) => lines.push(l),
      warn: (l) => lines.push(`warning: ${l}`)
    }
  )
  return { lock, lines }
}

describe('DeployLock', () => {
  it('creates the Lease when there is none, and frees it on release', async () => {
    const cluster = fakeCluster()
    const { lock } = lockFor(cluster, 'run-a', fakeClock())
    await expect(lock.acquire(60)).resolves.toMatchObject({ previous: 'free' })
    expect(cluster.current()?.spec.holderIdentity).toBe('run-a')
    expect(cluster.current()?.metadata.annotations).toEqual({
      'deploy-action.goatflow.io/run-url': 'https://ci/run-a'
    })
    await lock.release()
    expect(cluster.current()?.spec.holderIdentity).toBeUndefined()
    expect(cluster.log).toEqual(['get', 'create', 'replace'])
  })

  it('reads the Lease the cheaper way when one is given, and with kubectl when that fails', async () => {
    const cluster = fakeCluster()
    const reads: string[] = []
    const lock = (readLease: (name: string) => Promise<LeaseObject | undefined>) =>
      new DeployLock(
        cluster.kube,
        'goatflow',
        { identity: 'run-a' },
        {
          ...defaultLockTiming,
          clock: fakeClock(),
          log: () => undefined,
          warn: () => undefined,
          readLease
        }
      )
    const proxied = lock(async (name) => {
      reads.push(name)
      return cluster.current()
    })
    await proxied.acquire(60)
    await proxied.release()
    expect(reads).toEqual(['deploy-lock-goatflow'])
    expect(cluster.log).toEqual(['create', 'replace'])
    // A read that fails through the proxy is made with kubectl, which tells a denial from an outage.
    const fallback = lock(() => Promise.reject(new Error('reading /apis/…: HTTP 502')))
    await fallback.acquire(60)
    expect(cluster.log).toEqual(['create', 'replace', 'get', 'replace'])
    expect(cluster.current()?.spec.holderIdentity).toBe('run-a')
  })

  it('waits for a live holder, logging who it waits for, then takes the lock it frees', async () => {
    const cluster = fakeCluster()
    const clock = fakeClock()
    const a = lockFor(cluster, 'run-a', clock)
    await a.lock.acquire(0)
    const b = lockFor(cluster, 'run-b', clock)
    // run-a finishes after 5 s of run-b's waiting.
    const realSleep = clock.sleep.bind(clock)
    clock.sleep = async (ms) => {
      await realSleep(ms)
      if (clock.t - T0 === 5000) await a.lock.release()
    }
    await expect(b.lock.acquire(60)).resolves.toMatchObject({ previous: 'free', waitedSeconds: 5 })
    expect(cluster.current()?.spec.holderIdentity).toBe('run-b')
    expect(b.lines[0]).toBe(
      'Waiting for run-a (https://ci/run-a) to finish deploying goatflow (deploy lock deploy-lock-goatflow, up to 60s more)'
    )
  })

  it('fails after lock-timeout naming the run that holds the lock', async () => {
    const cluster = fakeCluster()
    const clock = fakeClock()
    await lockFor(cluster, 'run-a', clock).lock.acquire(0)
    const b = lockFor(cluster, 'run-b', clock)
    await expect(b.lock.acquire(10)).rejects.toThrow(
      /^Release "goatflow" is being deployed by run-a \(https:\/\/ci\/run-a\); waited 10s \(lock-timeout\) for its deploy lock \(Lease deploy-lock-goatflow in namespace apps\)/
    )
    expect(cluster.current()?.spec.holderIdentity).toBe('run-a')
  })

  it('takes over the lock of a holder that stopped renewing it, and says so', async () => {
    const cluster = fakeCluster()
    const clock = fakeClock()
    await lockFor(cluster, 'dead-run', clock).lock.acquire(0)
    clock.t += 91_000
    const b = lockFor(cluster, 'run-b', clock)
    await expect(b.lock.acquire(0)).resolves.toMatchObject({
      previous: 'expired',
      previousHolder: 'dead-run'
    })
    expect(cluster.current()?.spec).toMatchObject({ holderIdentity: 'run-b', leaseTransitions: 1 })
    expect(b.lines).toContain(
      'warning: Took over the deploy lock of goatflow from dead-run (https://ci/dead-run), which stopped renewing it.'
    )
  })

  it('loses a race for the Lease by optimistic concurrency and waits for the winner', async () => {
    const cluster = fakeCluster()
    const clock = fakeClock()
    const b = lockFor(cluster, 'run-b', clock)
    // Between run-b's read (absent) and its create, run-a creates the Lease.
    const winner = claimedLease(
      'deploy-lock-goatflow',
      'goatflow',
      { identity: 'run-a' },
      new Date(T0),
      90
    )
    const kubeRun = cluster.kube
    const original = kubeRun.writeObject.bind(kubeRun)
    let raced = false
    kubeRun.writeObject = async <T>(verb: 'create' | 'replace', o: unknown): Promise<T> => {
      if (!raced) {
        raced = true
        cluster.set(winner)
      }
      return original<T>(verb, o)
    }
    await expect(b.lock.acquire(3)).rejects.toThrow(/being deployed by run-a/)
    expect(cluster.current()?.spec.holderIdentity).toBe('run-a')
  })

  it('re-reads after a write whose fate is unknown and finds it holds the lock', async () => {
    const cluster = fakeCluster()
    const clock = fakeClock()
    const a = lockFor(cluster, 'run-a', clock)
    // The create reaches the API server but the answer is lost.
    const original = cluster.kube.writeObject.bind(cluster.kube)
    let lost = false
    cluster.kube.writeObject = async <T>(verb: 'create' | 'replace', o: unknown): Promise<T> => {
      const r = await original<T>(verb, o)
      if (!lost) {
        lost = true
        throw new KubectlError(verb, {
          exitCode: 1,
          stdout: '',
          stderr: 'Unable to connect to the server: net/http: TLS handshake timeout'
        })
      }
      return r
    }
    await expect(a.lock.acquire(5)).resolves.toMatchObject({ previous: 'free' })
    expect(cluster.current()?.spec.holderIdentity).toBe('run-a')
    expect(cluster.log).toEqual(['get', 'create', 'get', 'replace'])
  })

  it('explains the RBAC it needs when leases are forbidden', async () => {
    const cluster = fakeCluster()
    cluster.faults.push(
      'Error from server (Forbidden): leases.coordination.k8s.io "deploy-lock-goatflow" is forbidden: User "system:serviceaccount:ci:deployer" cannot get resource "leases" in API group "coordination.k8s.io" in the namespace "apps"'
    )
    const { lock } = lockFor(cluster, 'run-a', fakeClock())
    await expect(lock.acquire(60)).rejects.toThrow(
      /^The deploy lock needs permission to get, create and update leases.coordination.k8s.io in namespace apps .* or set lock: false/
    )
  })

  it('release leaves a Lease alone that another run holds', async () => {
    const cluster = fakeCluster()
    const clock = fakeClock()
    await lockFor(cluster, 'run-a', clock).lock.acquire(0)
    expect(await releaseLease(cluster.kube, 'deploy-lock-goatflow', 'run-b')).toBe(false)
    expect(cluster.current()?.spec.holderIdentity).toBe('run-a')
    expect(await releaseLease(cluster.kube, 'deploy-lock-goatflow', 'run-a')).toBe(true)
    expect(cluster.current()?.spec.holderIdentity).toBeUndefined()
  })
})

describe('DeployLock given a Lease read earlier', () => {
  const free = (cluster: ReturnType<typeof fakeCluster>) => {
    cluster.set(lease({ leaseTransitions: 1 }))
    return cluster.current()!
  }

  it('takes a free Lease by replacing it, without reading it again, and says nobody took it since', async () => {
    const cluster = fakeCluster()
    const peek = free(cluster)
    const { lock } = lockFor(cluster, 'run-a', fakeClock())
    await expect(lock.acquire(60, peek)).resolves.toMatchObject({
      previous: 'free',
      unchangedSincePeek: true
    })
    expect(cluster.log).toEqual(['replace'])
    expect(cluster.current()?.spec.holderIdentity).toBe('run-a')
  })

  it.each<[string, (c: ReturnType<typeof fakeCluster>, peek: LeaseObject) => LeaseObject]>([
    [
      'another run took and freed the lock since',
      (c, peek) => {
        c.set({ ...peek, spec: { holderIdentity: 'run-b', leaseTransitions: 2 } })
        c.set({ ...peek, spec: { leaseTransitions: 2 } })
        return peek
      }
    ],
    [
      'was held when it was read',
      (_c, peek) => ({
        ...peek,
        spec: {
          holderIdentity: 'run-b',
          leaseDurationSeconds: 90,
          renewTime: microTime(new Date(T0))
        }
      })
    ],
    ['had no resourceVersion', (_c, peek) => ({ ...peek, metadata: { name: peek.metadata.name } })]
  ])('does not vouch for the time since the read when the Lease %s', async (_what, change) => {
    const cluster = fakeCluster()
    const peek = change(cluster, free(cluster))
    const { lock } = lockFor(cluster, 'run-a', fakeClock())
    await expect(lock.acquire(60, peek)).resolves.toMatchObject({
      previous: 'free',
      unchangedSincePeek: false
    })
    expect(cluster.current()?.spec.holderIdentity).toBe('run-a')
    expect(cluster.log).toContain('get')
  })

  it('writes over HTTP when it can, and with kubectl when HTTP cannot tell', async () => {
    const cluster = fakeCluster()
    const peek = free(cluster)
    const lock = new DeployLock(
      cluster.kube,
      'goatflow',
      { identity: 'run-a' },
      {
        ...defaultLockTiming,
        clock: fakeClock(),
        log: () => undefined,
        warn: () => undefined,
        readLease: async () => cluster.current(),
        replaceLease: cluster.replaceOverHttp
      }
    )
    await expect(lock.acquire(60, peek)).resolves.toMatchObject({ unchangedSincePeek: true })
    await lock.release()
    expect(cluster.log).toEqual(['http replace', 'http replace'])
    expect(cluster.current()?.spec.holderIdentity).toBeUndefined()
    // No answer over HTTP: kubectl writes, and a conflict there means read again.
    cluster.faults.push('socket hang up')
    await expect(lock.acquire(60, cluster.current())).resolves.toMatchObject({
      unchangedSincePeek: true
    })
    expect(cluster.log.slice(2)).toEqual(['http replace', 'replace'])
    expect(cluster.current()?.spec.holderIdentity).toBe('run-a')
  })

  it('reads the Lease again when the replace over HTTP meets a conflict', async () => {
    const cluster = fakeCluster()
    const peek = free(cluster)
    cluster.set({ ...peek, spec: { leaseTransitions: 3 } })
    const lock = new DeployLock(
      cluster.kube,
      'goatflow',
      { identity: 'run-a' },
      {
        ...defaultLockTiming,
        clock: fakeClock(),
        log: () => undefined,
        warn: () => undefined,
        replaceLease: cluster.replaceOverHttp
      }
    )
    await expect(lock.acquire(60, peek)).resolves.toMatchObject({ unchangedSincePeek: false })
    expect(cluster.log).toEqual(['http replace', 'get', 'http replace'])
  })
})
