import { rmSync } from 'node:fs'
import { afterAll, describe, expect, it } from '@jest/globals'
import { deploy, rollback, type DeployDeps } from '../../src/deploy/deploy.js'
import type { CommandResult, CommandRunner } from '../../src/exec/runner.js'
import { Helm } from '../../src/helm/helm.js'
import { readConfig } from '../../src/inputs/inputs.js'
import { Kubectl } from '../../src/kube/kubectl.js'
import type { Session } from '../../src/run/session.js'
import { TempFiles } from '../../src/run/temp-files.js'
import { rollbackRelease } from '../../src/remediate/rollback.js'
import { postRolloutChecks, runChecks } from '../../src/verify/checks.js'
import { systemClock } from '../../src/run/clock.js'

// deploy(session, deps) wires the session's helm and kubectl to the deploy core: the command lines
// helm gets, and a rollback through the real rollout watch. The decisions are in deploy-core.test.ts.

const configMap = (version: string) => `---
apiVersion: v1
kind: ConfigMap
metadata:
  name: goatflow
data:
  version: "${version}"
`

/** helm (history, manifests, status, upgrade, test, rollback) as the binary would answer. */
function fakeHelm(o: { testExit?: number } = {}) {
  const ran: string[][] = []
  const history = [
    { revision: 1, status: 'deployed', chart: 'goatflow-0.6.5', description: 'Install complete' }
  ]
  const ok = (stdout = ''): CommandResult => ({ exitCode: 0, stdout, stderr: '' })
  const record = (description: string) => {
    for (const h of history) if (h.status === 'deployed') h.status = 'superseded'
    history.push({
      revision: history.length + 1,
      status: 'deployed',
      chart: 'goatflow-0.7.0',
      description
    })
  }
  const runner: CommandRunner = {
    async run(_file, args) {
      if (args[0] === 'version') return ok('v3.17.0')
      ran.push([...args])
      const revision = Number(args[args.indexOf('--revision') + 1] || history.length)
      switch (args[0]) {
        case 'history':
          return ok(JSON.stringify(history))
        case 'get': {
          if (args[1] === 'manifest') return ok(configMap(String(revision)))
          if (args[1] !== 'all') return ok('')
          // `get all --template` with the release-record template, as helm prints it.
          const cur = history.at(-1)!
          const manifest = configMap(String(cur.revision))
          return ok(
            [
              'name=goatflow',
              'namespace=apps',
              `revision=${cur.revision}`,
              `status=${cur.status}`,
              `chart=${cur.chart}`,
              `description=${Buffer.byteLength(cur.description)}`,
              cur.description,
              `manifest=${Buffer.byteLength(manifest)}`,
              manifest
            ].join('\n')
          )
        }
        case 'test':
          return {
            exitCode: o.testExit ?? 0,
            stdout: '',
            stderr: 'Error: pod goatflow-test failed'
          }
        case 'rollback':
          record(`Rollback to ${args[2]}`)
          return ok()
        default:
          return ok()
      }
    },
    start(_file, args) {
      ran.push([...args])
      record('Upgrade complete')
      return { done: Promise.resolve(ok()), exited: () => true, signal: () => {} }
    }
  }
  return { runner, ran }
}

const temps: TempFiles[] = []
afterAll(() => {
  for (const t of temps) rmSync(t.dir, { recursive: true, force: true })
})

async function session(runner: CommandRunner, inputs: Record<string, string>): Promise<Session> {
  const config = readConfig(
    (n) => ({ release: 'goatflow', chart: 'charts/app', namespace: 'apps', ...inputs })[n] ?? '',
    { isDirectory: (p) => p === 'charts/app', isFile: (p) => p === 'charts/app/Chart.yaml' }
  )
  const temp = new TempFiles()
  temps.push(temp)
  return {
    config,
    helm: await Helm.detect(runner),
    target: { release: 'goatflow', namespace: 'apps' },
    chart: { ref: 'charts/app' },
    values: { files: [], set: [], setString: [], setJson: [] },
    temp,
    log: () => {}
  }
}

const deps = (runner: CommandRunner): DeployDeps => ({
  kube: new Kubectl(runner, { namespace: 'apps' }),
  reader: {
    snapshot: async () => ({
      deployments: [],
      replicaSets: [],
      statefulSets: [],
      daemonSets: [],
      jobs: [],
      pods: [],
      events: []
    })
  },
  clock: systemClock,
  pollMs: 5
})

describe('deploy(session, deps)', () => {
  it('upgrades with the session’s chart, without --wait, and reports the new revision', async () => {
    const helm = fakeHelm()
    const result = await deploy(await session(helm.runner, { lock: 'false' }), deps(helm.runner))
    expect(result).toMatchObject({ ok: true, revision: 2, previousRevision: 1, namespace: 'apps' })
    const upgrade = helm.ran.find((a) => a[0] === 'upgrade')!
    expect(upgrade.slice(0, 3)).toEqual(['upgrade', 'goatflow', 'charts/app'])
    expect(upgrade).toEqual(expect.arrayContaining(['--install', '--namespace', 'apps']))
    expect(upgrade).not.toContain('--wait')
  })

  it('rolls back through the session’s helm when helm test fails, and watches the restored revision', async () => {
    const helm = fakeHelm({ testExit: 1 })
    const result = await deploy(
      await session(helm.runner, { lock: 'false', 'run-tests': 'true' }),
      deps(helm.runner)
    )
    expect(result.error).toMatch(/^helm test failed/)
    expect(result.rollback).toMatchObject({ toRevision: 1, revision: 3, healthy: true })
    expect(helm.ran.find((a) => a[0] === 'rollback')?.slice(0, 5)).toEqual([
      'rollback',
      'goatflow',
      '1',
      '--namespace',
      'apps'
    ])
  })
})

describe('what mode rollback uses of the deploy', () => {
  it('restores a revision and watches it', async () => {
    const helm = fakeHelm()
    const s = await session(helm.runner, {})
    const report = await rollback(
      s,
      deps(helm.runner),
      {
        revision: 1,
        status: 'superseded',
        chart: 'goatflow-0.6.5',
        appVersion: '',
        description: '',
        updated: ''
      },
      'apps'
    )
    expect(report).toMatchObject({ toRevision: 1, revision: 2, healthy: true })
  })

  it('runs the health checks alone when run-tests is off (no helm test)', async () => {
    const helm = fakeHelm()
    const s = await session(helm.runner, { 'health-check-urls': 'http://goatflow.apps/ready' })
    const verify = postRolloutChecks(s.config, {
      clock: systemClock,
      log: () => undefined,
      fetchImpl: async () => new Response(null, { status: 200 }),
      helmTest: () => helm.runner.run('helm', ['test'])
    })
    await expect(runChecks(verify.checks)).resolves.toBeUndefined()
    expect(verify.health.results).toEqual([
      expect.objectContaining({ url: 'http://goatflow.apps/ready', ok: true })
    ])
    expect(helm.ran.filter((a) => a[0] === 'test')).toEqual([])
  })
})

describe('mode rollback verifies the restored revision as a deploy verifies its own', () => {
  it.each([
    { testExit: 0, health: 200, ok: true, error: undefined },
    { testExit: 1, health: 200, ok: false, error: /^helm test failed: / },
    {
      testExit: 0,
      health: 503,
      ok: false,
      error: /^health check failed: http:\/\/goatflow.apps\/ready answered 503/
    }
  ])(
    'helm test exit $testExit, health $health → ok $ok',
    async ({ testExit, health, ok, error }) => {
      const helm = fakeHelm({ testExit })
      await helm.runner.start('helm', ['upgrade']).done
      const s = await session(helm.runner, {
        mode: 'rollback',
        lock: 'false',
        'run-tests': 'true',
        'health-check-urls': 'http://goatflow.apps/ready',
        'health-check-timeout': '1s'
      })
      const outcome = await rollbackRelease(s, {
        ...deps(helm.runner),
        fetchImpl: async () => new Response(null, { status: health })
      })
      expect(outcome).toMatchObject({ ok, fromRevision: 2, toRevision: 1 })
      if (error) expect(outcome.error).toMatch(error)
      else expect(outcome.error).toBeUndefined()
      expect(outcome.health).toEqual([expect.objectContaining({ ok: health === 200 })])
      // helm test runs only after the health checks passed.
      expect(helm.ran.filter((a) => a[0] === 'test')).toHaveLength(health === 200 ? 1 : 0)
    }
  )
})
