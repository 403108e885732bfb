import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals'
import { execFileSync } from 'node:child_process'
import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { parse, stringify } from 'yaml'
import { KubectlProxy, leaseProxyArgs, proxyArgs } from '../../src/kube/api-proxy.js'
import { LeaseApi } from '../../src/kube/lease-api.js'
import { leasePath } from '../../src/kube/lease.js'
import { ReleaseWatch } from '../../src/kube/release-watch.js'
import type { Snapshot, WorkloadRef } from '../../src/kube/types.js'
import { freshNamespace, KUBECONFIG, kubectl, kubectlJson } from '../helpers/cluster.js'
import { tool } from '../helpers/tools.js'

jest.setTimeout(120_000)

const KUBECTL = tool('kubectl')
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))

const proxyOf = (kubeconfig: string): KubectlProxy =>
  new KubectlProxy((socket) => ({
    file: KUBECTL,
    args: [...proxyArgs(socket), '--kubeconfig', kubeconfig]
  }))

const watchWith = (kubeconfig: string, proxy = proxyOf(kubeconfig)): ReleaseWatch =>
  new ReleaseWatch(proxy)

const apply = (ns: string, objects: unknown[]): string =>
  execFileSync(KUBECTL, ['--kubeconfig', KUBECONFIG, 'apply', '-n', ns, '-f', '-'], {
    input: objects.map((o) => stringify(o)).join('---\n'),
    encoding: 'utf8'
  })

const deployment = (name: string, replicas: number) => ({
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name },
  spec: {
    replicas,
    selector: {
      matchLabels: { app: name },
      matchExpressions: [{ key: 'tier', operator: 'In', values: ['web', 'edge'] }]
    },
    template: {
      metadata: { labels: { app: name, tier: 'web' } },
      spec: { containers: [{ name: 'app', image: 'nginx:1.27' }] }
    }
  }
})

/**
 * Pods of nobody, each carrying 60 KB of annotations, bound to a node that does not exist (so
 * they take no room on the shared fake node and stay Pending): 1.2 MB that a namespace-wide
 * read would have to transfer.
 */
const noisePods = (n: number) =>
  Array.from({ length: n }, (_, i) => ({
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      name: `noise-${i}`,
      labels: { app: 'noise' },
      annotations: { 'e2e.goatflow.dev/ballast': 'x'.repeat(60_000) }
    },
    spec: { nodeName: 'nowhere', containers: [{ name: 'app', image: 'nginx:1.27' }] }
  }))

async function until<T>(what: string, read: () => T | undefined, ms = 30_000): Promise<T> {
  const end = Date.now() + ms
  for (;;) {
    const v = read()
    if (v !== undefined) return v
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`)
    await sleep(250)
  }
}

const names = (s: Snapshot) => ({
  deployments: s.deployments.map((d) => d.metadata.name),
  replicaSets: s.replicaSets.length,
  pods: s.pods.map((p) => p.metadata.name).sort()
})

describe('the release watch on the local control plane', () => {
  let ns: string
  let refs: WorkloadRef[]

  beforeAll(async () => {
    ns = freshNamespace('e2e-rwatch')
    apply(ns, [deployment('web', 2), deployment('other', 1), ...noisePods(20)])
    refs = [{ kind: 'Deployment', name: 'web', namespace: ns }]
    await until('web to be available', () => {
      const d = kubectlJson<{ status?: { availableReplicas?: number } }>([
        'get',
        'deploy',
        'web',
        '-n',
        ns
      ])
      return d.status?.availableReplicas === 2 ? true : undefined
    })
  })
  afterAll(() => {
    kubectl(['delete', 'namespace', ns, '--wait=false'])
  })

  it('reads the workload, its ReplicaSet and its pods, and none of the unrelated pods beside them', async () => {
    const watch = watchWith(KUBECONFIG)
    try {
      const snap = await watch.snapshot(refs)
      expect(names(snap).deployments).toEqual(['web'])
      expect(snap.replicaSets).toHaveLength(1)
      expect(snap.pods).toHaveLength(2)
      expect(snap.pods.every((p) => p.metadata.labels?.app === 'web')).toBe(true)
      // 20 pods of 60 KB sit in the namespace: reading any of them would cost over 60 KB.
      expect(watch.stats.bytes).toBeLessThan(60_000)
    } finally {
      watch.close()
    }
  })

  it("reads the cluster's version and one Lease through its proxy, and knows a missing one", async () => {
    const lease = {
      apiVersion: 'coordination.k8s.io/v1',
      kind: 'Lease',
      metadata: { name: 'deploy-lock-web' },
      spec: { holderIdentity: 'run-1', leaseDurationSeconds: 90 }
    }
    apply(ns, [lease])
    const watch = watchWith(KUBECONFIG)
    try {
      const v = JSON.parse(kubectl(['version', '--output', 'json'])) as {
        serverVersion: { major: string; minor: string }
      }
      await expect(watch.serverVersion()).resolves.toBe(
        `${v.serverVersion.major}.${v.serverVersion.minor.replace(/\D+$/, '')}`
      )
      await expect(
        watch.getObject<typeof lease>(leasePath(ns, 'deploy-lock-web'))
      ).resolves.toMatchObject({ spec: { holderIdentity: 'run-1' } })
      await expect(watch.getObject(leasePath(ns, 'deploy-lock-none'))).resolves.toBeUndefined()
    } finally {
      watch.close()
    }
  })

  it("reads and replaces the lock's Lease through a proxy that serves nothing else", async () => {
    const free = {
      apiVersion: 'coordination.k8s.io/v1',
      kind: 'Lease',
      metadata: { name: 'deploy-lock-api' },
      spec: { leaseTransitions: 1 }
    }
    apply(ns, [free])
    const path = leasePath(ns, 'deploy-lock-api')
    const proxy = new KubectlProxy((socket) => ({
      file: KUBECTL,
      args: [...leaseProxyArgs(socket, path), '--kubeconfig', KUBECONFIG]
    }))
    const api = new LeaseApi(proxy, path)
    try {
      const read = await api.read()
      expect(read?.spec.holderIdentity).toBeUndefined()
      const claim = { ...read!, spec: { ...read!.spec, holderIdentity: 'run-a' } }
      const written = await api.replace(claim)
      expect(written).toMatchObject({ spec: { holderIdentity: 'run-a' } })
      expect(
        kubectlJson<typeof free>(['get', 'lease', 'deploy-lock-api', '-n', ns]).spec
      ).toMatchObject({ holderIdentity: 'run-a' })
      // The resourceVersion read first is stale now: the API server refuses the replace.
      await expect(
        api.replace({ ...claim, spec: { ...claim.spec, holderIdentity: 'run-b' } })
      ).resolves.toBe('conflict')
      // Nothing but that one Lease: not the version, not another Lease, not a write elsewhere.
      for (const other of [
        '/version',
        leasePath(ns, 'deploy-lock-web'),
        `/api/v1/namespaces/${ns}`
      ])
        expect((await proxy.get(other)).status).toBe(403)
      expect((await proxy.put(leasePath(ns, 'deploy-lock-web'), claim)).status).toBe(403)
      await expect(new LeaseApi(proxy, leasePath(ns, 'deploy-lock-web')).read()).rejects.toThrow(
        /HTTP 403/
      )
    } finally {
      proxy.close()
    }
  })

  it('shows a pod status change in the next snapshot and tells its listeners', async () => {
    const watch = watchWith(KUBECONFIG)
    try {
      const first = await watch.snapshot(refs)
      const pod = first.pods[0].metadata.name
      let changes = 0
      watch.onChange(() => changes++)
      const marker = `checked-${Date.now()}`
      const sent = Date.now()
      kubectl([
        'patch',
        'pod',
        pod,
        '-n',
        ns,
        '--subresource=status',
        '--type=strategic',
        '-p',
        JSON.stringify({
          status: {
            conditions: [{ type: 'e2e.goatflow.dev/probe', status: 'True', reason: marker }]
          }
        })
      ])
      const seen = await until(
        'the patched condition in a snapshot',
        () => (changes > 0 ? Date.now() : undefined),
        5000
      )
      const next = await watch.snapshot(refs)
      const patched = next.pods.find((p) => p.metadata.name === pod)
      expect(
        patched?.status?.conditions?.find((c) => c.type === 'e2e.goatflow.dev/probe')?.reason
      ).toBe(marker)
      // kubectl patch itself takes a few hundred ms; the stream delivers right after it.
      expect(seen - sent).toBeLessThan(3000)
    } finally {
      watch.close()
    }
  })

  it('follows a new ReplicaSet and its pods when the workload is rolled out again', async () => {
    const watch = watchWith(KUBECONFIG)
    try {
      await watch.snapshot(refs)
      kubectl(['set', 'image', 'deployment/web', '-n', ns, 'app=nginx:1.28'])
      let latest: Snapshot | undefined
      const end = Date.now() + 20_000
      while (Date.now() < end) {
        latest = await watch.snapshot(refs)
        const images = latest.pods.map((p) => p.spec?.containers?.[0].image)
        if (
          latest.replicaSets.length === 2 &&
          images.length > 0 &&
          images.every((i) => i === 'nginx:1.28')
        )
          break
        await sleep(250)
      }
      expect(latest!.replicaSets).toHaveLength(2)
      expect(latest!.pods.map((p) => p.spec?.containers?.[0].image)).toEqual([
        'nginx:1.28',
        'nginx:1.28'
      ])
    } finally {
      watch.close()
    }
  })

  it('authenticates through a kubeconfig exec plugin, run by kubectl', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'rwatch-exec-'))
    try {
      const admin = parse(readFileSync(KUBECONFIG, 'utf8')) as {
        clusters: Array<{ name: string; cluster: Record<string, string> }>
        users: Array<{ user: Record<string, string> }>
      }
      const pem = (key: string) => Buffer.from(admin.users[0].user[key], 'base64').toString('utf8')
      const credential = join(dir, 'credential.json')
      const calls = join(dir, 'calls')
      writeFileSync(
        credential,
        JSON.stringify({
          apiVersion: 'client.authentication.k8s.io/v1',
          kind: 'ExecCredential',
          status: {
            clientCertificateData: pem('client-certificate-data'),
            clientKeyData: pem('client-key-data')
          }
        })
      )
      // What a cloud login action installs: a command kubectl runs for a credential.
      const plugin = join(dir, 'login-plugin')
      writeFileSync(plugin, `#!/bin/sh\necho called >> '${calls}'\ncat '${credential}'\n`)
      chmodSync(plugin, 0o700)
      const kubeconfig = join(dir, 'kubeconfig')
      writeFileSync(
        kubeconfig,
        stringify({
          apiVersion: 'v1',
          kind: 'Config',
          clusters: admin.clusters,
          users: [
            {
              name: 'plugin',
              user: {
                exec: {
                  apiVersion: 'client.authentication.k8s.io/v1',
                  command: plugin,
                  interactiveMode: 'Never'
                }
              }
            }
          ],
          contexts: [
            { name: 'plugin', context: { cluster: admin.clusters[0].name, user: 'plugin' } }
          ],
          'current-context': 'plugin'
        })
      )
      const watch = watchWith(kubeconfig)
      try {
        const snap = await watch.snapshot(refs)
        expect(snap.pods).toHaveLength(2)
        expect(readFileSync(calls, 'utf8')).toContain('called')
      } finally {
        watch.close()
      }
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  })

  it('rejects reads while its proxy is gone and answers again once it has started it anew', async () => {
    const proxy = proxyOf(KUBECONFIG)
    const watch = watchWith(KUBECONFIG, proxy)
    try {
      await watch.snapshot(refs)
      const pid = proxy.pid!
      process.kill(pid, 'SIGKILL')
      await sleep(300)
      const results: string[] = []
      const end = Date.now() + 20_000
      while (Date.now() < end) {
        try {
          const s = await watch.snapshot(refs)
          results.push(`ok ${s.pods.length}`)
          if (proxy.pid !== pid) break
        } catch (e) {
          results.push(`rejected: ${(e as Error).message}`)
        }
        await sleep(300)
      }
      expect(proxy.pid).not.toBe(pid)
      expect(results.at(-1)).toBe('ok 2')
    } finally {
      watch.close()
    }
  })

  it('stops its proxy and removes its socket when closed', async () => {
    const proxy = proxyOf(KUBECONFIG)
    const watch = watchWith(KUBECONFIG, proxy)
    await watch.snapshot(refs)
    const { pid, socketDir } = proxy
    watch.close()
    await sleep(500)
    expect(existsSync(socketDir!)).toBe(false)
    expect(() => process.kill(pid!, 0)).toThrow()
    await expect(watch.snapshot(refs)).rejects.toThrow(/closed/)
  })
})
