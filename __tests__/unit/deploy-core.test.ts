import { describe, expect, it } from '@jest/globals'
import {
  deployRelease,
  restoreRevision,
  stuckStatefulSetPods,
  type DeployConfig,
  type DeployPorts,
  type DeployResult,
  type RestorePorts
} from '../../src/deploy/deploy.js'
import type { AnalysisConfig } from '../../src/analysis/config.js'
import type { LockPort, ReleaseHelm } from '../../src/deploy/ports.js'
import type { LockState } from '../../src/deploy/remediation.js'
import { UserError } from '../../src/errors/result.js'
import { RELEASE_INSTALLED_BY, RELEASE_INSTALLED_BY_VALUE } from '../../src/remediate/marks.js'
import type { CommandResult, RunningCommand } from '../../src/exec/runner.js'
import type { HistoryEntry, ReleaseInfo, ReleaseStatusName } from '../../src/helm/release.js'
import { UnreachableError } from '../../src/kube/retry.js'
import type { Pod, Snapshot, StatefulSet, WorkloadRef } from '../../src/kube/types.js'
import type { Assessment } from '../../src/verify/assess.js'
import { DEFAULT_POLICY } from '../../src/verify/policy.js'
import type { Clock } from '../../src/run/clock.js'
import type { WatchOutcome, WatchParams } from '../../src/verify/watch.js'

// The deploy core driven through its ports: a small helm that keeps a release history the way
// helm does, a watch that answers with the outcome a table row names, a lock, a clock.

const manifestFor = (tag: string): string => `---
# Source: goatflow/templates/backend.yaml
apiVersion: apps/v1
kind: Deployment
metadata:
  name: goatflow-backend
spec:
  replicas: 2
  template:
    spec:
      containers:
        - name: backend
          image: ghcr.io/goatflow/goatflow:${tag}
`

const rev = (
  revision: number,
  status: ReleaseStatusName,
  description = status === 'deployed' ? 'Upgrade complete' : ''
): HistoryEntry => ({
  revision,
  status,
  chart: `goatflow-0.6.${revision}`,
  appVersion: `0.6.${revision}`,
  description,
  updated: `2026-12-01T10:0${revision % 10}:00Z`
})

const exit = (exitCode: number, stderr = ''): CommandResult => ({ exitCode, stdout: '', stderr })

const ANOTHER_OPERATION =
  'Error: UPGRADE FAILED: another operation (install/upgrade/rollback) is in progress'

interface HelmScript {
  /** What helm records for this run's revision ('none': it refuses before recording), and how it exits. */
  upgrade?: {
    records?: ReleaseStatusName | 'none'
    exitCode?: number
    stderr?: string
    /** helm prints the revision it recorded (`--output json`), as helm does on success. */
    prints?: boolean
  }
  /** Another deploy records this revision right after this run's. */
  racedBy?: ReleaseStatusName
  testExit?: number
  rollbackExit?: number
  uninstallExit?: number
  /** The new revision renders the same manifest as the live one. */
  unchanged?: boolean
  /** After the upgrade started, every read of the release finds the cluster unreachable. */
  unreachableAfterUpgrade?: boolean
}

/** helm bound to one release, keeping its history as helm does; `steps` lists what changed it. */
class FakeHelm implements ReleaseHelm {
  readonly release = 'goatflow'
  readonly version = 'v3.17.0'
  readonly steps: string[] = []
  upgradeWith?: { createNamespace: boolean; labels?: Record<string, string> }
  private readonly manifests = new Map<number, string>()
  private upgraded = false

  revisions: HistoryEntry[]

  constructor(
    history: readonly HistoryEntry[],
    private readonly script: HelmScript = {}
  ) {
    this.revisions = history.map((r) => ({ ...r }))
    for (const r of history) this.manifests.set(r.revision, manifestFor(`0.6.${r.revision}`))
  }

  /** Reads of the release after helm started the upgrade. */
  readsAfterUpgrade = 0
  /** Reads of the release before helm started the upgrade. */
  readsBeforeUpgrade = 0

  private read(): void {
    if (this.upgraded) this.readsAfterUpgrade++
    else this.readsBeforeUpgrade++
    if (this.script.unreachableAfterUpgrade && this.upgraded)
      throw new UnreachableError(
        'helm history',
        6,
        30,
        exit(1, 'Error: Kubernetes cluster unreachable: connection refused')
      )
  }

  private record(status: ReleaseStatusName, description: string, manifest: string): number {
    const revision = (this.revisions.at(-1)?.revision ?? 0) + 1
    if (status === 'deployed')
      this.revisions = this.revisions.map((r) =>
        r.status === 'deployed' ? { ...r, status: 'superseded' } : r
      )
    this.revisions.push({ ...rev(revision, status, description), chart: 'goatflow-0.7.0' })
    this.manifests.set(revision, manifest)
    return revision
  }

  async history(): Promise<HistoryEntry[]> {
    this.read()
    return this.revisions.map((r) => ({ ...r }))
  }

  async status(): Promise<ReleaseInfo | undefined> {
    this.read()
    const cur = this.revisions.at(-1)
    if (!cur) return undefined
    return {
      name: this.release,
      namespace: 'apps',
      revision: cur.revision,
      status: cur.status,
      description: cur.description,
      manifest: this.manifests.get(cur.revision) ?? '',
      chart: cur.chart
    }
  }

  async manifest(revision: number): Promise<string> {
    this.read()
    // As `helm get manifest` prints it: with a newline after the record's manifest.
    return `${this.manifests.get(revision) ?? ''}\n`
  }

  async recorded(revision: number): Promise<{ manifest: string; hooks: string } | undefined> {
    this.read()
    const manifest = this.manifests.get(revision)
    return manifest === undefined ? undefined : { manifest, hooks: '' }
  }

  startUpgrade(o: { createNamespace: boolean; labels?: Record<string, string> }): RunningCommand {
    this.steps.push('upgrade')
    this.upgradeWith = o
    this.upgraded = true
    const u = this.script.upgrade ?? {}
    const records = u.records ?? 'deployed'
    const live = this.revisions.findLast((r) => r.status === 'deployed')
    if (records !== 'none')
      this.record(
        records,
        records === 'deployed' ? 'Upgrade complete' : 'Upgrade "goatflow" failed',
        this.script.unchanged && live ? this.manifests.get(live.revision)! : manifestFor('0.7.0')
      )
    if (this.script.racedBy) this.record(this.script.racedBy, 'Upgrade complete', manifestFor('9'))
    const result = exit(u.exitCode ?? 0, u.stderr)
    const mine = this.revisions.findLast((r) => r.status === records)
    if (u.prints && mine)
      result.stdout = JSON.stringify({
        name: this.release,
        namespace: 'apps',
        version: mine.revision,
        info: { status: mine.status, description: mine.description },
        chart: { metadata: { name: 'goatflow', version: '0.7.0' } },
        manifest: this.manifests.get(mine.revision),
        hooks: []
      })
    return { done: Promise.resolve(result), exited: () => true, signal: () => {} }
  }

  async test(): Promise<CommandResult> {
    this.steps.push('test')
    return exit(this.script.testExit ?? 0, 'Error: pod goatflow-test-connection failed')
  }

  async rollback(revision: number): Promise<CommandResult> {
    this.steps.push(`rollback ${revision}`)
    if (this.script.rollbackExit) return exit(this.script.rollbackExit, 'Error: rollback failed')
    this.record('deployed', `Rollback to ${revision}`, this.manifests.get(revision) ?? '')
    return exit(0)
  }

  async uninstall(): Promise<CommandResult> {
    this.steps.push('uninstall')
    if (this.script.uninstallExit) return exit(this.script.uninstallExit, 'Error: uninstall failed')
    this.revisions = []
    return exit(0)
  }
}

type OutcomeKind = WatchOutcome['kind']

const assessment = (complete: boolean, over: Partial<Assessment> = {}): Assessment => ({
  complete,
  failures: [],
  progress: [
    {
      workload: 'Deployment/goatflow-backend',
      ready: complete ? 2 : 0,
      desired: 2,
      complete,
      note: complete ? undefined : '0 of 2 new pods ready'
    }
  ],
  warnings: [],
  waiting: complete ? [] : ['goatflow-backend-7c9 starting for 12s (startup window 60s)'],
  ...over
})

const crashLoop = {
  workload: 'Deployment/goatflow-backend',
  pod: 'goatflow-backend-7c9-x2x',
  container: 'backend',
  reason: 'CrashLoopBackOff',
  rule: 'crash-loop' as const,
  message: 'back-off 20s restarting failed container'
}

/** A watch that answers each call with the next outcome; it reads the workloads as the real one does. */
function fakeWatch(kinds: OutcomeKind[], onSnapshot?: Snapshot) {
  const calls: WatchParams[] = []
  const watch = async (p: WatchParams): Promise<WatchOutcome> => {
    calls.push(p)
    const kind = kinds[calls.length - 1] ?? 'complete'
    const workloads = (await p.workloads()) ?? []
    await p.snapshot(workloads)
    if (onSnapshot) {
      await p.onSnapshot?.(onSnapshot)
      await p.onSnapshot?.(onSnapshot)
    }
    const process = p.process ? await p.process.done : undefined
    const now = p.clock!.now()
    switch (kind) {
      case 'complete':
        p.onProgress?.(assessment(false))
        p.onProgress?.(assessment(false))
        p.onProgress?.(assessment(true))
        return {
          kind,
          assessment: assessment(true, { warnings: ['unchanged: Service/goatflow'] }),
          process
        }
      case 'failed':
        p.onReadError?.(new Error('connection refused'))
        p.onReadError?.(new Error('connection refused'))
        return {
          kind,
          assessment: assessment(false, { failures: [crashLoop] }),
          process,
          detectedAt: new Date(now.getTime() + 4200)
        }
      case 'process-failed':
        return {
          kind,
          process: process ?? exit(1, 'Error: UPGRADE FAILED: pre-upgrade hook failed')
        }
      case 'timeout':
        return { kind, assessment: assessment(false), process }
      case 'cancelled':
        return { kind, assessment: assessment(false), process }
    }
  }
  return { watch, calls }
}

function fakeClock(): Clock {
  let now = Date.parse('2026-12-01T10:00:00Z')
  return {
    now: () => new Date(now),
    sleep: async (ms) => {
      now += ms
    }
  }
}

const emptySnapshot = (): Snapshot => ({
  deployments: [],
  replicaSets: [],
  statefulSets: [],
  daemonSets: [],
  jobs: [],
  pods: [],
  events: []
})

const baseConfig: DeployConfig = {
  release: 'goatflow',
  timeoutSeconds: 300,
  verdict: DEFAULT_POLICY,
  createNamespace: false,
  lock: true,
  rollbackOnFailure: true,
  uninstallOnFailedInstall: true,
  recoverPending: false,
  healthChecks: [],
  healthCheckTimeoutSeconds: 4,
  runTests: false
}

interface Setup {
  history: HistoryEntry[]
  helm?: HelmScript
  /** Outcomes of the deploy's watch, then of the restore's. */
  watch?: OutcomeKind[]
  config?: Partial<DeployConfig>
  /** What acquiring the lock finds, or the error it stops with. */
  lock?: LockState | Error
  /** Status every health check URL answers. */
  healthStatus?: number
  helmCreatesNamespace?: boolean
  /** Answers HTTP requests (health checks, the metrics endpoint); default: every URL answers healthStatus. */
  fetchImpl?: typeof fetch
  /** The history and current revision as read while the checks ran (an Error: that read failed). */
  early?: { history: HistoryEntry[] | Error; status: ReleaseInfo | Error }
}

function harness(s: Setup) {
  const helm = new FakeHelm(s.history, s.helm)
  const { watch, calls } = fakeWatch(s.watch ?? ['complete'])
  const events: string[] = []
  const logs: string[] = []
  const remembered: unknown[] = []
  const warnings: string[] = []
  const lock: LockPort = {
    async acquire() {
      events.push('lock acquired')
      const l = s.lock ?? { kind: 'held', previous: 'free' }
      if (l instanceof Error) throw l
      return l
    },
    async release() {
      events.push('lock released')
    }
  }
  const ports: DeployPorts = {
    helm,
    reader: { snapshot: async () => emptySnapshot() },
    clock: fakeClock(),
    log: (l) => logs.push(l),
    deletePod: async (name) => {
      events.push(`delete pod ${name}`)
    },
    watch,
    lock,
    prepareNamespace: async () => {
      events.push('namespace prepared')
      return { helmCreates: s.helmCreatesNamespace === true }
    },
    readsRetryUntil: (deadline) =>
      events.push(`reads retry until ${new Date(deadline).toISOString()}`),
    onStarted: (lastGood) => events.push(`started, last good ${lastGood}`),
    remember: (patch) => remembered.push(patch),
    warn: (l) => warnings.push(l),
    fetchImpl: s.fetchImpl ?? (async () => new Response(null, { status: s.healthStatus ?? 200 })),
    early: s.early && Promise.resolve(earlyRelease(s.early))
  }
  const config = { ...baseConfig, ...s.config }
  return {
    helm,
    events,
    logs,
    remembered,
    warnings,
    watchCalls: calls,
    run: (): Promise<DeployResult> => deployRelease(config, 'apps', ports)
  }
}

function earlyRelease(e: NonNullable<Setup['early']>) {
  const settle = <T>(v: T | Error): Promise<T> => {
    const p = v instanceof Error ? Promise.reject(v) : Promise.resolve(v)
    p.catch(() => undefined)
    return p
  }
  return { history: settle(e.history), status: settle(e.status) }
}

const infoOf = (r: HistoryEntry): ReleaseInfo => ({
  name: 'goatflow',
  namespace: 'apps',
  revision: r.revision,
  status: r.status,
  description: r.description,
  manifest: manifestFor(`0.6.${r.revision}`),
  chart: r.chart
})

/** Matches the fields given; a field given as undefined must be absent or undefined. */
function expectResult(result: DeployResult, expected: Expected): void {
  const absent = Object.keys(expected).filter((k) => expected[k] === undefined)
  const present = Object.fromEntries(Object.entries(expected).filter(([, v]) => v !== undefined))
  expect(result).toMatchObject(present)
  for (const k of absent) expect(result[k as keyof DeployResult]).toBeUndefined()
}

/** Fields of a DeployResult, with matchers allowed. */
type Expected = Record<string, unknown>

const live = [rev(1, 'superseded'), rev(2, 'deployed')]
const health = { healthChecks: [{ url: 'http://goatflow.apps/ready', expectedStatus: 200 }] }

describe('a deploy that passes its verdict', () => {
  it.each<[string, Setup, string[], Expected]>([
    [
      'upgrades a live release and reports what changed',
      { history: live },
      ['upgrade'],
      {
        ok: true,
        revision: 3,
        previousRevision: 2,
        attemptedRevision: 3,
        chartBefore: 'goatflow-0.6.2',
        chartAfter: 'goatflow-0.7.0',
        imagesBefore: ['ghcr.io/goatflow/goatflow:0.6.2'],
        imagesAfter: ['ghcr.io/goatflow/goatflow:0.7.0'],
        changed: true,
        warnings: ['unchanged: Service/goatflow']
      }
    ],
    [
      'installs a release that does not exist yet',
      { history: [] },
      ['upgrade'],
      { ok: true, revision: 1, previousRevision: undefined, imagesBefore: [], changed: true }
    ],
    [
      'reports no change when the new revision renders the same manifest',
      { history: live, helm: { unchanged: true } },
      ['upgrade'],
      { ok: true, revision: 3, changed: false }
    ],
    [
      'reports no change when the live manifest is read back by revision (a failed revision is newer)',
      { history: [...live, rev(3, 'failed')], helm: { unchanged: true } },
      ['upgrade'],
      { ok: true, revision: 4, previousRevision: 2, changed: false }
    ],
    [
      'runs the health checks, then helm test',
      { history: live, config: { ...health, runTests: true } },
      ['upgrade', 'test'],
      {
        ok: true,
        health: [
          {
            url: 'http://goatflow.apps/ready',
            ok: true,
            status: 200,
            attempts: 1,
            detail: 'answered 200'
          }
        ]
      }
    ]
  ])('%s', async (_name, setup, steps, expected) => {
    const h = harness(setup)
    const result = await h.run()
    expectResult(result, expected)
    expect(result.error).toBeUndefined()
    expect(result.rollback).toBeUndefined()
    expect(h.helm.steps).toEqual(steps)
  })

  it('takes the revision from what helm printed of it: nothing is read back after helm exits', async () => {
    const told = harness({ history: live, helm: { upgrade: { prints: true } } })
    const result = await told.run()
    expectResult(result, {
      ok: true,
      revision: 3,
      chartAfter: 'goatflow-0.7.0',
      imagesAfter: ['ghcr.io/goatflow/goatflow:0.7.0'],
      changed: true
    })
    expect(told.helm.readsAfterUpgrade).toBe(0)
    // Without that output, the workloads and the outcome are read back from the release.
    const silent = harness({ history: live })
    expectResult(await silent.run(), { ok: true, revision: 3, chartAfter: 'goatflow-0.7.0' })
    expect(silent.helm.readsAfterUpgrade).toBeGreaterThan(0)
  })

  it('labels a first install as the action’s, and only a first install', async () => {
    const first = harness({ history: [] })
    await first.run()
    expect(first.helm.upgradeWith).toEqual({
      createNamespace: false,
      labels: { [RELEASE_INSTALLED_BY]: RELEASE_INSTALLED_BY_VALUE }
    })
    const upgrade = harness({ history: live })
    await upgrade.run()
    expect(upgrade.helm.upgradeWith).toEqual({ createNamespace: false, labels: undefined })
  })

  it('tells the post step what it may repair before helm starts, and when reads may stop retrying', async () => {
    const h = harness({ history: live })
    await h.run()
    expect(h.remembered).toEqual([{ lastGood: 2, attempted: 3 }])
    expect(h.events).toEqual([
      'lock acquired',
      'reads retry until 2026-12-01T10:05:00.000Z',
      'started, last good 2',
      'lock released'
    ])
  })

  it('logs which workloads of the new revision it watches, and each change of progress once', async () => {
    const h = harness({ history: live })
    await h.run()
    expect(h.logs).toEqual([
      'Watching Deployment/goatflow-backend',
      'Rollout: Deployment/goatflow-backend 0/2 (0 of 2 new pods ready)',
      '  giving time: goatflow-backend-7c9 starting for 12s (startup window 60s)',
      'Rollout: Deployment/goatflow-backend 2/2 ready'
    ])
  })
})

describe('a deploy that fails its verdict', () => {
  it.each<[string, Setup, string[], RegExp, Expected]>([
    [
      'rolls back to the last good revision when the new pods crash-loop',
      { history: live, watch: ['failed', 'complete'], helm: { upgrade: { records: 'failed' } } },
      ['upgrade', 'rollback 2'],
      /^Deployment\/goatflow-backend, pod goatflow-backend-7c9-x2x, container backend: CrashLoopBackOff/,
      {
        revision: 4,
        changed: true,
        failures: [expect.objectContaining({ rule: 'crash-loop' })],
        detectionSeconds: 4.2,
        imagesAfter: ['ghcr.io/goatflow/goatflow:0.6.2'],
        rollback: {
          toRevision: 2,
          revision: 4,
          healthy: true,
          uninstalled: false,
          detail: 'revision 2 restored and healthy',
          durationSeconds: 0
        }
      }
    ],
    [
      'rolls back when helm itself fails (a hook, an apply error)',
      {
        history: live,
        watch: ['process-failed'],
        helm: {
          upgrade: {
            records: 'failed',
            exitCode: 1,
            stderr: 'Error: UPGRADE FAILED: pre-upgrade hooks failed'
          }
        }
      },
      ['upgrade', 'rollback 2'],
      /^helm upgrade failed \(exit 1\): Error: UPGRADE FAILED: pre-upgrade hooks failed$/,
      { failures: [], rollback: expect.objectContaining({ toRevision: 2, healthy: true }) }
    ],
    [
      'rolls back when the rollout does not finish within the timeout',
      { history: live, watch: ['timeout'], helm: { upgrade: { records: 'failed' } } },
      ['upgrade', 'rollback 2'],
      /^rollout did not finish within the timeout; still waiting for Deployment\/goatflow-backend: 0 of 2 new pods ready$/,
      { rollback: expect.objectContaining({ toRevision: 2 }) }
    ],
    [
      'rolls back an applied revision when the run is cancelled before its verdict, without watching the restore',
      { history: live, watch: ['cancelled', 'cancelled'] },
      ['upgrade', 'rollback 2'],
      /^the run was cancelled before the rollout was verified$/,
      {
        rollback: expect.objectContaining({
          toRevision: 2,
          healthy: false,
          detail: 'revision 2 restored; its rollout was not watched (the run was cancelled)'
        })
      }
    ],
    [
      'rolls back when a health check fails after a complete rollout',
      { history: live, config: { ...health, runTests: true }, healthStatus: 503 },
      ['upgrade', 'rollback 2'],
      /^health check failed: http:\/\/goatflow.apps\/ready answered 503, expected 200$/,
      {
        health: [expect.objectContaining({ ok: false, status: 503 })],
        rollback: expect.objectContaining({ toRevision: 2, healthy: true })
      }
    ],
    [
      'rolls back when helm test fails',
      { history: live, config: { ...health, runTests: true }, helm: { testExit: 1 } },
      ['upgrade', 'test', 'rollback 2'],
      /^helm test failed: helm test failed \(exit 1\): Error: pod goatflow-test-connection failed$/,
      { health: [expect.objectContaining({ ok: true })] }
    ],
    [
      'reports a restored revision that is not healthy either',
      { history: live, watch: ['failed', 'timeout'], helm: { upgrade: { records: 'failed' } } },
      ['upgrade', 'rollback 2'],
      /CrashLoopBackOff/,
      {
        rollback: expect.objectContaining({
          healthy: false,
          detail: expect.stringMatching(
            /^revision 2 restored but not healthy: rollout did not finish within the timeout/
          )
        })
      }
    ],
    [
      'reports a rollback that helm refused',
      {
        history: live,
        watch: ['failed'],
        helm: { upgrade: { records: 'failed' }, rollbackExit: 1 }
      },
      ['upgrade', 'rollback 2'],
      /CrashLoopBackOff/,
      {
        revision: 3,
        rollback: {
          toRevision: 2,
          healthy: false,
          uninstalled: false,
          detail: 'helm rollback failed (exit 1): Error: rollback failed',
          durationSeconds: 0
        }
      }
    ],
    [
      'uninstalls a first install that failed and never worked',
      { history: [], watch: ['failed'], helm: { upgrade: { records: 'failed' } } },
      ['upgrade', 'uninstall'],
      /CrashLoopBackOff/,
      {
        revision: undefined,
        chartAfter: undefined,
        imagesAfter: [],
        rollback: {
          healthy: true,
          uninstalled: true,
          detail: 'failed first install uninstalled',
          durationSeconds: 0
        }
      }
    ],
    [
      'uninstalls a first install that rolled out but failed its health checks',
      { history: [], config: health, healthStatus: 500 },
      ['upgrade', 'uninstall'],
      /^health check failed/,
      { rollback: expect.objectContaining({ uninstalled: true }) }
    ],
    [
      'reports an uninstall that helm refused',
      {
        history: [],
        watch: ['failed'],
        helm: { upgrade: { records: 'failed' }, uninstallExit: 1 }
      },
      ['upgrade', 'uninstall'],
      /CrashLoopBackOff/,
      {
        revision: 1,
        rollback: expect.objectContaining({
          healthy: false,
          uninstalled: false,
          detail: 'helm uninstall failed (exit 1): Error: uninstall failed'
        })
      }
    ],
    [
      'keeps a failed first install when uninstall-on-failed-install is off, and says why',
      {
        history: [],
        watch: ['failed'],
        helm: { upgrade: { records: 'failed' } },
        config: { uninstallOnFailedInstall: false }
      },
      ['upgrade'],
      /CrashLoopBackOff/,
      {
        revision: 1,
        rollback: {
          healthy: false,
          uninstalled: false,
          detail: 'no earlier good revision to return to; release left as it is',
          durationSeconds: 0
        }
      }
    ],
    [
      'never uninstalls a release that worked once, even with no good revision left',
      {
        // history-max dropped revision 3; revision 5 was rolled back from, so nothing is good.
        history: [rev(5, 'superseded'), rev(6, 'failed', 'Rollback to 3')],
        watch: ['failed'],
        helm: { upgrade: { records: 'failed' } }
      },
      ['upgrade'],
      /CrashLoopBackOff/,
      {
        revision: 7,
        rollback: expect.objectContaining({
          detail: 'no earlier good revision to return to; release left as it is'
        })
      }
    ],
    [
      'changes nothing when rollback-on-failure is off',
      {
        history: live,
        watch: ['failed'],
        helm: { upgrade: { records: 'failed' } },
        config: { rollbackOnFailure: false }
      },
      ['upgrade'],
      /CrashLoopBackOff/,
      { revision: 3, rollback: undefined }
    ]
  ])('%s', async (_name, setup, steps, error, expected) => {
    const h = harness(setup)
    const result = await h.run()
    expect(result.ok).toBe(false)
    expect(result.error).toMatch(error)
    expectResult(result, expected)
    expect(h.helm.steps).toEqual(steps)
    expect(h.logs).toContainEqual(expect.stringMatching(/^Deploy of revision \d+ failed: /))
    expect(h.events.at(-1)).toBe('lock released')
  })

  it('never runs helm test once a health check failed', async () => {
    const h = harness({ history: live, config: { ...health, runTests: true }, healthStatus: 503 })
    await h.run()
    expect(h.helm.steps).not.toContain('test')
  })

  it('never runs the checks when the rollout failed', async () => {
    const h = harness({
      history: live,
      watch: ['failed'],
      helm: { upgrade: { records: 'failed' } },
      config: { ...health, runTests: true }
    })
    const result = await h.run()
    expect(h.helm.steps).not.toContain('test')
    expect(result.health).toEqual([])
  })

  it('watches the restored revision’s own workloads, not the failed one’s', async () => {
    const h = harness({
      history: live,
      watch: ['failed'],
      helm: { upgrade: { records: 'failed' } }
    })
    await h.run()
    const restore = h.watchCalls[1]
    expect(restore.process).toBeUndefined()
    expect(restore.before).toBeUndefined()
    expect(await restore.workloads()).toEqual([
      expect.objectContaining({ kind: 'Deployment', name: 'goatflow-backend' })
    ])
    expect(h.logs).toContain('Rolling back goatflow to revision 2 (goatflow-0.6.2)')
  })
})

describe('concurrent deploys of one release', () => {
  it('undoes nothing when helm refused because another operation is in progress', async () => {
    // The other run's pending revision 3 is in the history; helm refused before writing one.
    const h = harness({
      history: live,
      watch: ['process-failed'],
      helm: {
        upgrade: { records: 'none', exitCode: 1, stderr: ANOTHER_OPERATION },
        racedBy: 'pending-upgrade'
      }
    })
    const result = await h.run()
    expect(h.helm.steps).toEqual(['upgrade'])
    expect(result).toMatchObject({
      ok: false,
      changed: false,
      revision: undefined,
      attemptedRevision: 3,
      rollback: {
        healthy: false,
        uninstalled: false,
        detail: expect.stringMatching(/helm did not record revision 3 for this run/)
      }
    })
  })

  it('never undoes a revision another deploy wrote after this run’s', async () => {
    const h = harness({
      history: live,
      watch: ['failed'],
      helm: { upgrade: { records: 'failed' }, racedBy: 'deployed' }
    })
    const result = await h.run()
    expect(h.helm.steps).toEqual(['upgrade'])
    expect(result.rollback?.detail).toMatch(
      /revision 4 \(deployed\) was written after this run's revision 3 by another deploy/
    )
    expect(result.revision).toBe(4)
  })

  it('waits for the lock before reading the release, and frees it after', async () => {
    const h = harness({ history: live })
    await h.run()
    expect(h.events[0]).toBe('lock acquired')
    expect(h.events.at(-1)).toBe('lock released')
  })

  it('stops before changing anything when the lock is not free in time', async () => {
    const h = harness({
      history: live,
      lock: new UserError('Release goatflow is being deployed by acme/app run 7; waited 300s')
    })
    await expect(h.run()).rejects.toThrow(/is being deployed by acme\/app run 7/)
    expect(h.helm.steps).toEqual([])
    expect(h.events).toEqual(['lock acquired'])
  })

  it('runs without the lock when lock is off, and says so', async () => {
    const h = harness({ history: live, config: { lock: false } })
    expect((await h.run()).ok).toBe(true)
    expect(h.events.filter((e) => e.startsWith('lock'))).toEqual([])
    expect(h.logs[0]).toBe(
      'Deploying without the deploy lock (lock: false): runs of this release are not serialized.'
    )
  })

  it('frees the lock when the deploy throws', async () => {
    const h = harness({ history: live })
    h.helm.recorded = () => Promise.reject(new Error('helm get manifest: boom'))
    await expect(h.run()).rejects.toThrow(/boom/)
    expect(h.events.at(-1)).toBe('lock released')
  })
})

describe('the release as read while the checks ran', () => {
  // Read early, the history already holds a failed revision 3 the release read under the lock
  // does not: which one the deploy used shows in the revision it attempts.
  const earlier = [...live, rev(3, 'failed')]
  const early = { history: earlier, status: infoOf(earlier[2]) }
  const unchanged: LockState = { kind: 'held', previous: 'free', unchangedSincePeek: true }
  // Reads are of the history, the current revision and, when the current one is not the deployed
  // one (the early read's is the failed revision 3), the deployed revision's manifest.

  it.each<[string, Partial<Setup>, number, number]>([
    [
      'used when the lock was taken on the Lease read before them',
      { lock: unchanged, early },
      4,
      1
    ],
    [
      'read again when the Lease changed since',
      { lock: { kind: 'held', previous: 'free', unchangedSincePeek: false }, early },
      3,
      2
    ],
    [
      'read again when the lock was taken over from an expired holder',
      { lock: { kind: 'held', previous: 'expired', previousHolder: 'run 7' }, early },
      3,
      2
    ],
    ['read again without the lock', { config: { lock: false }, early }, 3, 2],
    [
      'the history read again when its early read failed',
      { lock: unchanged, early: { ...early, history: new Error('helm: connection refused') } },
      3,
      2
    ],
    [
      'the current revision read again when its early read failed',
      { lock: unchanged, early: { ...early, status: new Error('helm: connection refused') } },
      4,
      1
    ]
  ])('are %s', async (_what, setup, attempted, reads) => {
    const h = harness({ history: live, ...setup })
    const result = await h.run()
    expect(result.attemptedRevision).toBe(attempted)
    expect(h.helm.readsBeforeUpgrade).toBe(reads)
  })
})

describe('a release found pending before the deploy', () => {
  const stuck = [
    rev(1, 'superseded'),
    rev(2, 'deployed'),
    rev(3, 'pending-upgrade', 'Preparing upgrade')
  ]

  it('restores the last good revision first with recover-pending, then deploys', async () => {
    const h = harness({ history: stuck, config: { recoverPending: true } })
    const result = await h.run()
    expect(h.helm.steps).toEqual(['rollback 2', 'upgrade'])
    expect(result).toMatchObject({
      ok: true,
      recovered: expect.stringMatching(
        /pending-upgrade revision 3 is stale .*restoring revision 2 \(recover-pending\)/
      ),
      previousRevision: 4,
      attemptedRevision: 5,
      revision: 5
    })
  })

  it('uninstalls a stale first install that never deployed, then installs', async () => {
    const h = harness({ history: [rev(1, 'pending-install')], config: { recoverPending: true } })
    const result = await h.run()
    expect(h.helm.steps).toEqual(['uninstall', 'upgrade'])
    expect(result).toMatchObject({ ok: true, attemptedRevision: 1, revision: 1 })
    expect(h.helm.upgradeWith?.labels).toBeDefined()
  })

  it.each<[string, Setup, RegExp]>([
    [
      'refuses without recover-pending',
      { history: stuck },
      /is pending-upgrade at revision 3 .*set recover-pending: true to let the action restore revision 2 first/
    ],
    [
      'names the deploy whose lock expired',
      {
        history: stuck,
        lock: {
          kind: 'held',
          previous: 'expired',
          previousHolder: 'acme/app run 7 attempt 1 #ab12cd'
        }
      },
      /the deploy that held its lock \(acme\/app run 7 attempt 1 #ab12cd\) stopped renewing it/
    ],
    [
      'refuses even with recover-pending when deploys run without the lock',
      { history: stuck, config: { recoverPending: true, lock: false } },
      /Without the deploy lock \(lock: false\)/
    ],
    [
      'never uninstalls a pending release that worked once',
      {
        history: [
          rev(5, 'superseded'),
          rev(6, 'failed', 'Rollback to 3'),
          rev(7, 'pending-upgrade')
        ],
        config: { recoverPending: true }
      },
      /no good revision is left in its history; it is never uninstalled automatically because it once worked/
    ]
  ])('%s', async (_name, setup, reason) => {
    const h = harness(setup)
    const refused = h.run()
    await expect(refused).rejects.toThrow(UserError)
    await expect(refused).rejects.toThrow(reason)
    expect(h.helm.steps).toEqual([])
  })
})

describe('faults: the cluster stops answering', () => {
  it('reports the outcome as unknown, not as a failure to roll back, once helm started', async () => {
    const h = harness({ history: live, helm: { unreachableAfterUpgrade: true } })
    const result = await h.run()
    expect(h.helm.steps).toEqual(['upgrade'])
    expectResult(result, { ok: false, revision: undefined, rollback: undefined })
    expect(result.unknown).toBe(
      'The outcome of revision 3 of goatflow is unknown: the cluster stopped answering after helm started it (helm history failed 6 time(s) over 30s, the cluster did not answer: Error: Kubernetes cluster unreachable: connection refused). Nothing was rolled back. Check what is live with: helm history goatflow --namespace apps; and the rollout of its workloads (kubectl rollout status --namespace apps ...).'
    )
    expect(result.error).toBe(result.unknown)
    expect(h.events.at(-1)).toBe('lock released')
  })

  it('reports a failed rollout whose aftermath cannot be read as unknown, without rolling back', async () => {
    const h = harness({
      history: live,
      watch: ['failed'],
      helm: { upgrade: { records: 'failed' }, unreachableAfterUpgrade: true }
    })
    const result = await h.run()
    expect(h.helm.steps).toEqual(['upgrade'])
    expect(result.unknown).toMatch(/^The outcome of revision 3 of goatflow is unknown/)
  })

  it('fails plainly when the cluster is unreachable before anything was started', async () => {
    const h = harness({ history: live })
    h.helm.history = () =>
      Promise.reject(new UnreachableError('helm history', 6, 30, exit(1, 'connection refused')))
    await expect(h.run()).rejects.toThrow(UnreachableError)
    expect(h.helm.steps).toEqual([])
    expect(h.events.at(-1)).toBe('lock released')
  })
})

describe('create-namespace', () => {
  it.each<[string, Partial<Setup>, boolean, string[]]>([
    [
      'creates the namespace before taking the lock',
      {},
      false,
      ['namespace prepared', 'lock acquired']
    ],
    [
      'leaves it to helm when the credentials cannot read namespaces',
      { helmCreatesNamespace: true },
      true,
      ['namespace prepared', 'lock acquired']
    ]
  ])('%s', async (_name, over, helmCreates, first) => {
    const h = harness({ history: [], config: { createNamespace: true }, ...over })
    await h.run()
    expect(h.events.slice(0, 2)).toEqual(first)
    expect(h.helm.upgradeWith?.createNamespace).toBe(helmCreates)
  })

  it('does not touch the namespace when create-namespace is off', async () => {
    const h = harness({ history: [] })
    await h.run()
    expect(h.events).not.toContain('namespace prepared')
  })
})

const statefulSet = (name: string, updateRevision: string, generation = 2): StatefulSet => ({
  kind: 'StatefulSet',
  metadata: { name, namespace: 'apps', generation },
  spec: {},
  status: { updateRevision, observedGeneration: 2 }
})

const pod = (name: string, owner: string, hash: string, ready: boolean, deleting = false): Pod => ({
  kind: 'Pod',
  metadata: {
    name,
    namespace: 'apps',
    labels: { 'controller-revision-hash': hash },
    ownerReferences: [{ kind: 'StatefulSet', name: owner, uid: `uid-${owner}` }],
    ...(deleting ? { deletionTimestamp: '2026-12-01T10:00:00Z' } : {})
  },
  status: { conditions: [{ type: 'Ready', status: ready ? 'True' : 'False' }] }
})

describe('stuckStatefulSetPods', () => {
  const db: WorkloadRef[] = [{ kind: 'StatefulSet', name: 'db', namespace: 'apps' }]
  it.each<[string, StatefulSet[], Pod[], string[]]>([
    [
      'a broken pod on the old revision',
      [statefulSet('db', 'db-v1')],
      [pod('db-0', 'db', 'db-v2', false)],
      ['db-0']
    ],
    [
      'not a ready pod on the old revision',
      [statefulSet('db', 'db-v1')],
      [pod('db-0', 'db', 'db-v2', true)],
      []
    ],
    [
      'not a broken pod already on the wanted revision',
      [statefulSet('db', 'db-v1')],
      [pod('db-0', 'db', 'db-v1', false)],
      []
    ],
    [
      'not a pod being deleted',
      [statefulSet('db', 'db-v1')],
      [pod('db-0', 'db', 'db-v2', false, true)],
      []
    ],
    [
      'not before the controller observed the rollback',
      [statefulSet('db', 'db-v1', 3)],
      [pod('db-0', 'db', 'db-v2', false)],
      []
    ],
    [
      'not a pod of a StatefulSet outside the release',
      [statefulSet('cache', 'cache-v1')],
      [pod('cache-0', 'cache', 'cache-v2', false)],
      []
    ]
  ])('%s', (_name, sets, pods, stuck) => {
    expect(stuckStatefulSetPods({ ...emptySnapshot(), statefulSets: sets, pods }, db)).toEqual(
      stuck
    )
  })
})

describe('restoreRevision', () => {
  const dbManifest = `---
apiVersion: apps/v1
kind: StatefulSet
metadata:
  name: db
spec:
  template:
    spec:
      containers:
        - name: db
          image: postgres:17
---
apiVersion: batch/v1
kind: Job
metadata:
  name: migrate
spec:
  template:
    spec:
      containers:
        - name: migrate
          image: ghcr.io/goatflow/migrate:1
`
  it('replaces each StatefulSet pod left broken on the old revision once, and never watches Jobs', async () => {
    const helm = new FakeHelm(live)
    helm.manifest = async () => dbManifest
    const stuck = {
      ...emptySnapshot(),
      statefulSets: [statefulSet('db', 'db-v1')],
      pods: [pod('db-0', 'db', 'db-v2', false)]
    }
    const { watch, calls } = fakeWatch(['complete'], stuck)
    const deleted: string[] = []
    const logs: string[] = []
    const ports: RestorePorts = {
      helm,
      reader: { snapshot: async () => emptySnapshot() },
      clock: fakeClock(),
      log: (l) => logs.push(l),
      deletePod: async (name) => {
        deleted.push(name)
      },
      watch
    }
    const report = await restoreRevision(baseConfig, ports, rev(2, 'superseded'), 'apps')
    expect(report).toMatchObject({ toRevision: 2, revision: 3, healthy: true })
    expect(deleted).toEqual(['db-0'])
    expect(logs).toContain(
      'Replacing pod db-0: a StatefulSet does not replace a broken pod by itself after a rollback'
    )
    expect(await calls[0].workloads()).toEqual([
      expect.objectContaining({ kind: 'StatefulSet', name: 'db' })
    ])
  })
})

describe('the metrics gate after the rollout', () => {
  const analysis: AnalysisConfig = {
    url: 'http://prometheus.test',
    intervalSeconds: 10,
    count: 2,
    failureLimit: 0,
    onUnreachable: 'fail',
    afterSwitchCount: 0,
    headers: {},
    queries: [
      {
        name: 'error-rate',
        query: 'sum(rate(http_errors_total{namespace="{{namespace}}"}[1m]))',
        success: { op: '<', threshold: 0.05, text: '< 0.05' },
        noData: 'fail'
      }
    ]
  }

  /** Prometheus answering every instant query with one value ('down': refusing connections); it records the queries asked. */
  function prometheus(value: string) {
    const queries: string[] = []
    const fetchImpl: typeof fetch = async (input) => {
      const url = new URL(input instanceof Request ? input.url : input.toString())
      if (url.host !== 'prometheus.test') return new Response(null, { status: 200 })
      queries.push(url.searchParams.get('query') ?? '')
      if (value === 'down')
        throw Object.assign(new TypeError('fetch failed'), { cause: { code: 'ECONNREFUSED' } })
      return Response.json({
        status: 'success',
        data: { resultType: 'vector', result: [{ metric: {}, value: [1764583200, value] }] }
      })
    }
    return { fetchImpl, queries }
  }

  it('runs last, after health checks and helm test, on the release namespace, and keeps what it measured', async () => {
    const p = prometheus('0.01')
    const h = harness({
      history: live,
      config: { ...health, runTests: true, analysis },
      fetchImpl: p.fetchImpl
    })
    const result = await h.run()
    expect(result.ok).toBe(true)
    expect(h.helm.steps).toEqual(['upgrade', 'test'])
    expect(p.queries).toEqual([
      'sum(rate(http_errors_total{namespace="apps"}[1m]))',
      'sum(rate(http_errors_total{namespace="apps"}[1m]))'
    ])
    expect(result.gates).toEqual([expect.objectContaining({ phase: 'verify' })])
  })

  it('rolls back like a failed rollout when the gate fails', async () => {
    const h = harness({
      history: live,
      config: { analysis },
      fetchImpl: prometheus('0.5').fetchImpl
    })
    const result = await h.run()
    expect(result.error).toMatch(/^metrics gate failed: /)
    expect(h.helm.steps).toEqual(['upgrade', 'rollback 2'])
    expect(result.rollback).toMatchObject({ toRevision: 2, healthy: true })
  })

  it('is never reached when helm test failed', async () => {
    const p = prometheus('0.01')
    const h = harness({
      history: live,
      config: { runTests: true, analysis },
      helm: { testExit: 1 },
      fetchImpl: p.fetchImpl
    })
    await h.run()
    expect(p.queries).toEqual([])
  })

  it('passes with a warning, never silently, when the endpoint is down and on-unreachable is ignore', async () => {
    const h = harness({
      history: live,
      config: { analysis: { ...analysis, onUnreachable: 'ignore' } },
      fetchImpl: prometheus('down').fetchImpl
    })
    const result = await h.run()
    expect(result.ok).toBe(true)
    expect(h.warnings).toEqual([expect.stringMatching(/metrics gate was NOT evaluated/)])
  })

  it('leaves the deploy as it was without the analysis input', async () => {
    const result = await harness({ history: live }).run()
    expect(result.gates).toBeUndefined()
  })
})
