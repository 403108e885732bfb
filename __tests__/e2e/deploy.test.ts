import { spawn } from 'node:child_process'
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it, jest } from '@jest/globals'
import { runAction, toolPath, type ActionRun } from '../helpers/action.js'
import {
  KUBECONFIG,
  KUBECONFIG_TEXT,
  freshNamespace,
  helm,
  history,
  kubectlJson
} from '../helpers/cluster.js'
import { helmBinary } from '../helpers/tools.js'
import { historyArgs, releaseRecordArgs } from '../../src/helm/args.js'
import { parseHistory, parseReleaseInfo, parseReleaseRecord } from '../../src/helm/release.js'
import { storedRecordOf, storedReleaseOf } from '../../src/helm/storage.js'

jest.setTimeout(240_000)

interface Deployment {
  spec: { template: { spec: { containers: Array<{ image: string }> } } }
  status: { availableReplicas?: number; replicas?: number; updatedReplicas?: number }
}
interface EventList {
  items: Array<{
    reason: string
    involvedObject: { kind: string }
    firstTimestamp?: string
    eventTime?: string
    metadata: { creationTimestamp: string }
  }>
}

/** When the first pod of the attempt reported the given failure (kwok's stage emits the event). */
function firstFailureAt(namespace: string, reasons: string[], after: number): number | undefined {
  const events = kubectlJson<EventList>(['get', 'events', '-n', namespace])
  const times = events.items
    .filter((e) => e.involvedObject.kind === 'Pod' && reasons.includes(e.reason))
    .map((e) => Date.parse(e.firstTimestamp ?? e.eventTime ?? e.metadata.creationTimestamp))
    .filter((t) => t >= after - 1000)
  return times.length ? Math.min(...times) : undefined
}

const backend = (ns: string) =>
  kubectlJson<Deployment>(['get', 'deployment', 'goatflow-backend', '-n', ns])
const image = (d: Deployment) => d.spec.template.spec.containers[0].image

describe.each([3, 4] as const)('deploy with Helm %i against the local cluster', (major) => {
  const path = toolPath(major)
  const ns = freshNamespace(`e2e-h${major}`)
  const base = {
    mode: 'deploy',
    release: 'goatflow',
    namespace: ns,
    chart: 'examples/charts/goatflow',
    kubeconfig: KUBECONFIG_TEXT(),
    timeout: '3m',
    'failure-grace-period': '30s'
  }
  const deployTag = (tag: string, extra: Record<string, string> = {}): Promise<ActionRun> =>
    runAction({ ...base, set: `backend.image.tag=${tag}`, ...extra }, { path })

  it('installs the example chart and reports the release', async () => {
    const r = await deployTag('0.6.5')
    expect(r.stderr).toBe('')
    expect(r.exitCode).toBe(0)
    expect(r.outputs).toMatchObject({
      status: 'deployed',
      revision: '1',
      'previous-revision': '',
      'rolled-back': 'false',
      changed: 'true'
    })
    expect(JSON.parse(r.outputs.images)).toContain('ghcr.io/goatflow/goatflow:0.6.5')
    expect(r.summary).toContain('Deployed `goatflow` revision 1')
    expect(backend(ns).status.availableReplicas).toBe(2)
    // The post step removes the private kubeconfig the main step wrote.
    const temp = JSON.parse(r.state.tempFiles) as string[]
    expect(existsSync(temp[0])).toBe(true)
    const post = await runAction({}, { path, state: r.state })
    expect(post.exitCode).toBe(0)
    expect(existsSync(temp[0])).toBe(false)
  })

  it('upgrades healthily: deployed, revision incremented, Deployment available', async () => {
    const r = await deployTag('0.6.6')
    expect(r.exitCode).toBe(0)
    expect(r.outputs).toMatchObject({
      status: 'deployed',
      revision: '2',
      'previous-revision': '1',
      'rolled-back': 'false'
    })
    const d = backend(ns)
    expect(image(d)).toBe('ghcr.io/goatflow/goatflow:0.6.6')
    expect(d.status.availableReplicas).toBe(2)
    expect(d.status.updatedReplicas).toBe(2)
    expect(helm(major, ['status', 'goatflow', '-n', ns]).stdout).toMatch(/STATUS: deployed/)
  })

  it('reads the release record as helm status prints it', () => {
    const status = parseReleaseInfo(
      helm(major, ['status', 'goatflow', '--namespace', ns, '--output', 'json']).stdout
    )
    const record = parseReleaseRecord(
      helm(major, releaseRecordArgs({ release: 'goatflow', namespace: ns })).stdout
    )
    // helm status -o json leaves the chart out; the record names it.
    expect({ ...record, chart: undefined }).toEqual(status)
    expect(record.chart).toBe('goatflow-0.6.5')
    expect(record.revision).toBe(2)
    expect(record.manifest).toContain('kind: Deployment')
  })

  it('reads a revision from its Secret as helm get manifest and helm get hooks print it', () => {
    const secret = kubectlJson<{ data?: Record<string, unknown> }>([
      'get',
      'secret',
      'sh.helm.release.v1.goatflow.v2',
      '-n',
      ns
    ])
    const stored = storedRecordOf('secret', secret, 'goatflow', 2)
    const get = (what: string) =>
      helm(major, ['get', what, 'goatflow', '--namespace', ns, '--revision', '2']).stdout
    expect(stored).toMatchObject({ found: true })
    const record = (stored as { record: { manifest: string; hooks: string } }).record
    // helm get manifest prints a newline after the manifest.
    expect(record.manifest.trimEnd()).toBe(get('manifest').trimEnd())
    expect(record.manifest).toContain('kind: Deployment')
    expect(record.hooks).toBe(get('hooks'))
    expect(record.hooks).toContain('helm.sh/hook')
    // Another revision's Secret is not taken for this one.
    expect(storedRecordOf('secret', secret, 'goatflow', 1)).toBeUndefined()
  })

  it('reads the history and the current revision from the Secrets as helm tells them', () => {
    const list = kubectlJson<{ items: Array<{ data?: Record<string, unknown> }> }>([
      'get',
      'secrets',
      '-n',
      ns,
      '-l',
      'name=goatflow,owner=helm'
    ])
    const stored = storedReleaseOf('secret', list, 'goatflow')
    const target = { release: 'goatflow', namespace: ns }
    expect(stored?.history).toEqual(parseHistory(helm(major, historyArgs(target)).stdout))
    expect(stored?.history.map((h) => h.status)).toEqual(['superseded', 'deployed'])
    expect(stored?.current).toEqual(
      parseReleaseRecord(helm(major, releaseRecordArgs(target)).stdout)
    )
  })

  it.each<[string, Record<string, string>]>([
    ['in Secrets (the default)', {}],
    ['in ConfigMaps', { HELM_DRIVER: 'configmap' }]
  ])('follows an upgrade, its records kept %s, without helm get or history', async (_name, env) => {
    // A helm that notes each call, then runs the real one.
    const dir = mkdtempSync(join(tmpdir(), 'helm-calls-'))
    const calls = join(dir, 'calls')
    writeFileSync(
      join(dir, 'helm'),
      `#!/bin/sh\necho "$1 $2" >> '${calls}'\nexec '${helmBinary(major)}' "$@"\n`,
      { mode: 0o755 }
    )
    const release = `stored-${env.HELM_DRIVER ?? 'secret'}`
    const run = (tag: string) =>
      runAction(
        { ...base, release, set: `backend.image.tag=${tag}` },
        { path: `${dir}:${path}`, env }
      )
    expect((await run('0.6.5')).exitCode).toBe(0)
    writeFileSync(calls, '')
    const r = await run('0.6.6')
    expect(r.exitCode).toBe(0)
    expect(r.outputs).toMatchObject({ status: 'deployed', revision: '2' })
    expect(r.stdout).toMatch(/Watching Deployment\/stored-\S+-goatflow-backend/)
    // The release's history, its current revision and the pending revision's manifest and hooks
    // came through the API: helm ran only for the checks and the upgrade.
    const helmCalls = readFileSync(calls, 'utf8').split('\n').filter(Boolean)
    expect(helmCalls).toContain('upgrade ' + release)
    expect(helmCalls.filter((c) => /^(get|history|status) /.test(c))).toEqual([])
  })

  it.each([
    ['crash-looping', 'e2e-crashloop', ['BackOff'], /CrashLoopBackOff/],
    ['missing', 'e2e-imagenotfound', ['Failed'], /image-not-found/]
  ])('rolls back an upgrade to a %s image', async (_what, tag, reasons, reason) => {
    const before = history(major, 'goatflow', ns).at(-1)!.revision
    const r = await deployTag(tag)
    expect(r.exitCode).toBe(1)
    expect(r.stdout).toMatch(reason)
    expect(r.outputs['rolled-back']).toBe('true')
    expect(r.outputs.status).toBe('rolled-back')
    const failedAt = firstFailureAt(ns, reasons, r.startedAt)
    expect(failedAt).toBeDefined()
    // A sanity bound, not a benchmark (npm run bench measures it): long before any timeout.
    expect(r.endedAt - failedAt!).toBeLessThanOrEqual(90_000)

    const h = history(major, 'goatflow', ns)
    // Applied by helm, then found doomed: superseded by the rollback (failed if helm still ran).
    expect(['failed', 'superseded']).toContain(h.find((x) => x.revision === before + 1)?.status)
    expect(h.at(-1)).toMatchObject({ revision: before + 2, status: 'deployed' })
    expect(h.at(-1)!.description).toMatch(/Rollback to \d+/)
    expect(r.outputs.revision).toBe(String(before + 2))
    const d = backend(ns)
    expect(image(d)).toBe('ghcr.io/goatflow/goatflow:0.6.6')
    expect(d.status.availableReplicas).toBe(2)
    expect(r.summary).toMatch(/rolled back to revision/)
  })

  it('refuses, then recovers, a release left pending-upgrade by a killed helm', async () => {
    const good = history(major, 'goatflow', ns).at(-1)!.revision
    const child = spawn(helmBinary(major), [
      'upgrade',
      'goatflow',
      'examples/charts/goatflow',
      '-n',
      ns,
      '--kubeconfig',
      KUBECONFIG,
      '--set',
      'backend.image.tag=e2e-unready',
      '--wait',
      '--timeout',
      '5m'
    ])
    for (
      let i = 0;
      i < 60 && history(major, 'goatflow', ns).at(-1)?.status !== 'pending-upgrade';
      i++
    )
      await new Promise((r) => setTimeout(r, 500))
    child.kill('SIGKILL')
    await new Promise((r) => child.on('close', r))
    expect(history(major, 'goatflow', ns).at(-1)?.status).toBe('pending-upgrade')

    const refused = await deployTag('0.6.7')
    expect(refused.exitCode).toBe(1)
    expect(refused.stdout).toMatch(
      /is pending-upgrade at revision \d+ .*no deploy of this action holds its lock.*recover-pending: true/s
    )
    expect(refused.stdout).not.toMatch(/interrupted|helm rollback/)

    const r = await deployTag('0.6.7', { 'recover-pending': 'true' })
    expect(r.exitCode).toBe(0)
    expect(r.stdout).toMatch(new RegExp(`Rolling back goatflow to revision ${good}`))
    expect(r.outputs.status).toBe('deployed')
    expect(image(backend(ns))).toBe('ghcr.io/goatflow/goatflow:0.6.7')
    // Helm keeps the interrupted revision's record as it was; what matters is that the release
    // is no longer locked: its newest revision is deployed.
    const h = history(major, 'goatflow', ns)
    const stuck = h.findIndex((x) => x.status === 'pending-upgrade')
    expect(h.slice(stuck + 1).map((x) => x.status)).toEqual(['superseded', 'deployed'])
    expect(h.at(-2)!.description).toMatch(/Rollback to/)
  })

  it('leaves no half-installed release when the first install fails', async () => {
    const r = await runAction(
      { ...base, release: 'broken', set: 'backend.image.tag=e2e-crashloop' },
      { path }
    )
    expect(r.exitCode).toBe(1)
    expect(r.outputs).toMatchObject({ status: 'failed', 'rolled-back': 'false' })
    expect(r.stdout).toMatch(/uninstall/)
    expect(helm(major, ['status', 'broken', '-n', ns]).stderr).toMatch(/not found/)
  })
})
