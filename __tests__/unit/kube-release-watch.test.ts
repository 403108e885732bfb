import { afterEach, describe, expect, it } from '@jest/globals'
import { readFileSync } from 'node:fs'
import type { ApiResponse, ApiTransport, WatchHandlers } from '../../src/kube/api-proxy.js'
import { ReleaseWatch } from '../../src/kube/release-watch.js'
import type { WorkloadRef } from '../../src/kube/types.js'
import type { ApiObject, WatchEvent } from '../../src/kube/watch-cache.js'

// The API answers are the ones captured from the local control plane (see kube-release-streams);
// the transport is replaced so that failures can be staged: an API server that stops answering,
// RBAC that forbids a collection, a watch whose history is gone.
const fixture = (file: string): string =>
  readFileSync(new URL(`../../__fixtures__/kube/watch/${file}`, import.meta.url), 'utf8')
const deploymentList = JSON.parse(fixture('deployment-list.json')) as {
  items: ApiObject[]
  metadata: { resourceVersion: string }
}
const rollout = fixture('pods-rollout.ndjson')
  .trim()
  .split('\n')
  .map((l) => JSON.parse(l) as WatchEvent)
const ns = deploymentList.items[0].metadata.namespace!
const refs: WorkloadRef[] = [{ kind: 'Deployment', name: 'web', namespace: ns }]

const list = (items: unknown[], rv = '100'): ApiResponse => ({
  status: 200,
  body: JSON.stringify({ items, metadata: { resourceVersion: rv } })
})
const forbidden: ApiResponse = {
  status: 403,
  body: JSON.stringify({
    reason: 'Forbidden',
    message: 'events is forbidden: User "ci" cannot list resource "events"'
  })
}

interface OpenWatch {
  path: string
  on: WatchHandlers
  end: (r: ApiResponse) => void
}

/** An API server in memory: answers by path, keeps the open watches to push events into. */
class FakeApi implements ApiTransport {
  readonly stats = { bytes: 0, requests: 0 }
  readonly gets: string[] = []
  readonly watches: OpenWatch[] = []
  healthy = true
  answers: Array<[RegExp, () => ApiResponse]> = []
  watchAnswer?: (path: string) => ApiResponse | undefined

  async get(path: string): Promise<ApiResponse> {
    this.stats.requests++
    this.gets.push(decodeURIComponent(path))
    if (path === '/readyz') {
      if (!this.healthy) throw new Error('no answer within 3s')
      return { status: 200, body: 'ok' }
    }
    const found = this.answers.find(([re]) => re.test(decodeURIComponent(path)))
    return found ? found[1]() : list([])
  }

  watch(path: string, on: WatchHandlers, signal: AbortSignal): Promise<ApiResponse> {
    this.stats.requests++
    const early = this.watchAnswer?.(decodeURIComponent(path))
    if (early) return Promise.resolve(early)
    return new Promise((resolve, reject) => {
      const w: OpenWatch = { path: decodeURIComponent(path), on, end: resolve }
      this.watches.push(w)
      on.open()
      signal.addEventListener('abort', () => {
        this.watches.splice(this.watches.indexOf(w), 1)
        reject(new Error('aborted'))
      })
    })
  }

  push(pathPart: string, event: WatchEvent): void {
    for (const w of this.watches.filter((x) => x.path.includes(pathPart)))
      w.on.line(JSON.stringify(event))
  }

  close(): void {}
}

const withRelease = (api: FakeApi): FakeApi => {
  api.answers.push(
    [/deployments\?fieldSelector=metadata.name=web$/, () => list(deploymentList.items)],
    [/pods\?labelSelector=app=web$/, () => list([rollout[3].object])]
  )
  return api
}

const until = async (what: string, ok: () => boolean): Promise<void> => {
  for (let i = 0; i < 200 && !ok(); i++) await new Promise((r) => setTimeout(r, 10))
  if (!ok()) throw new Error(`never: ${what}`)
}

let watch: ReleaseWatch | undefined
afterEach(() => watch?.close())

describe('ReleaseWatch', () => {
  it('reads the workload by name and its pods by its selector, never the whole namespace', async () => {
    const api = withRelease(new FakeApi())
    watch = new ReleaseWatch(api)
    const snap = await watch.snapshot(refs)
    expect(snap.deployments.map((d) => d.metadata.name)).toEqual(['web'])
    expect(snap.pods.map((p) => p.metadata.name)).toEqual([rollout[3].object.metadata.name])
    const collections = api.gets.filter((g) => g !== '/readyz')
    expect(collections).toContain(
      `/apis/apps/v1/namespaces/${ns}/deployments?fieldSelector=metadata.name=web`
    )
    expect(collections).toContain(`/api/v1/namespaces/${ns}/pods?labelSelector=app=web`)
    expect(collections.every((g) => /[?](fieldSelector|labelSelector)=./.test(g))).toBe(true)
  })

  it('answers the next snapshot with what a watch event changed, and tells its listeners', async () => {
    const api = withRelease(new FakeApi())
    watch = new ReleaseWatch(api)
    await watch.snapshot(refs)
    let changes = 0
    watch.onChange(() => changes++)
    await until('the pod watch', () => api.watches.some((w) => w.path.includes('/pods?')))
    for (const e of rollout) api.push('/pods?', e)
    expect(changes).toBeGreaterThan(0)
    const snap = await watch.snapshot(refs)
    expect(snap.pods.map((p) => [p.metadata.name, p.status?.phase])).toEqual([
      [rollout[0].object.metadata.name, 'Running']
    ])
  })

  it('gives no snapshot while the API server does not answer, and gives one again when it does', async () => {
    const api = withRelease(new FakeApi())
    watch = new ReleaseWatch(api)
    await watch.snapshot(refs)
    api.healthy = false
    await new Promise((r) => setTimeout(r, 1100))
    await expect(watch.snapshot(refs)).rejects.toThrow(
      'the Kubernetes API server did not answer its health check: no answer within 3s'
    )
    api.healthy = true
    await expect(watch.snapshot(refs)).resolves.toHaveProperty('deployments.length', 1)
  })

  it('gives no snapshot when RBAC forbids what the verdict needs, and says what to grant', async () => {
    const api = withRelease(new FakeApi())
    api.answers.unshift([/pods\?labelSelector/, () => forbidden])
    watch = new ReleaseWatch(api)
    await expect(watch.snapshot(refs)).rejects.toThrow(
      /Pods of Deployment\/web in namespace \S+ may not be read \(HTTP 403 Forbidden: .*\); grant "list" and "watch" on them/
    )
  })

  it('does without events RBAC forbids, with one warning', async () => {
    const api = withRelease(new FakeApi())
    api.answers.unshift([/events\?/, () => forbidden])
    const warnings: string[] = []
    watch = new ReleaseWatch(api, { warn: (l) => warnings.push(l) })
    const snap = await watch.snapshot(refs)
    await watch.snapshot(refs)
    expect(snap.pods).toHaveLength(1)
    expect(snap.events).toEqual([])
    expect(warnings).toHaveLength(1)
    expect(warnings[0]).toMatch(
      /^Not reading events about pod \S+ in namespace \S+: the credentials may not list them \(HTTP 403 Forbidden: .*\); grant "list" and "watch"/
    )
  })

  it('lists again when the watch history is gone (410)', async () => {
    const api = withRelease(new FakeApi())
    watch = new ReleaseWatch(api)
    await watch.snapshot(refs)
    await until('the pod watch', () => api.watches.some((w) => w.path.includes('/pods?')))
    const lists = () => api.gets.filter((g) => g.endsWith('pods?labelSelector=app=web')).length
    expect(lists()).toBe(1)
    api.push('/pods?', JSON.parse(fixture('watch-expired.json')) as WatchEvent)
    await until('a second LIST', () => lists() === 2)
  })

  it('lists every second what it may list but not watch', async () => {
    const api = withRelease(new FakeApi())
    api.watchAnswer = (p) => (p.includes('/pods?') ? forbidden : undefined)
    const warnings: string[] = []
    watch = new ReleaseWatch(api, { warn: (l) => warnings.push(l) })
    await watch.snapshot(refs)
    const lists = () => api.gets.filter((g) => g.endsWith('pods?labelSelector=app=web')).length
    await until('a second LIST', () => lists() >= 2)
    expect(
      warnings.some((w) => /^Reading Pods of Deployment\/web .* by listing every second/.test(w))
    ).toBe(true)
  })

  it('gives no snapshot while a stream it needs cannot resume', async () => {
    const api = withRelease(new FakeApi())
    watch = new ReleaseWatch(api, { resumeMs: 200 })
    await watch.snapshot(refs)
    await until('the deployment watch', () =>
      api.watches.some((w) => w.path.includes('/deployments?'))
    )
    api.watchAnswer = (p) =>
      p.includes('/deployments?')
        ? { status: 500, body: JSON.stringify({ reason: 'InternalError', message: 'etcd' }) }
        : undefined
    api.watches.find((w) => w.path.includes('/deployments?'))!.end({ status: 200, body: '' })
    await new Promise((r) => setTimeout(r, 400))
    await expect(watch.snapshot(refs)).rejects.toThrow(
      /Deployment\/web in namespace \S+ could not be read: reading .* failed: HTTP 500 InternalError: etcd/
    )
  })

  it('refuses to read once closed', async () => {
    watch = new ReleaseWatch(withRelease(new FakeApi()))
    watch.close()
    await expect(watch.snapshot(refs)).rejects.toThrow('the release watch was closed')
  })

  it('reads one object and the version through the proxy, telling a missing object from a missing path', async () => {
    const api = new FakeApi()
    const status = (code: number, reason: string): ApiResponse => ({
      status: code,
      body: JSON.stringify({ kind: 'Status', status: 'Failure', reason, message: reason })
    })
    api.answers.push(
      [/^\/version$/, () => ({ status: 200, body: JSON.stringify({ major: '1', minor: '35+' }) })],
      [/leases\/held$/, () => ({ status: 200, body: JSON.stringify({ kind: 'Lease' }) })],
      [/leases\/absent$/, () => status(404, 'NotFound')],
      [/leases\/denied$/, () => status(403, 'Forbidden')],
      [/unserved/, () => ({ status: 404, body: '404 page not found' })]
    )
    watch = new ReleaseWatch(api)
    await expect(watch.serverVersion()).resolves.toBe('1.35')
    await expect(watch.getObject('/apis/x/leases/held')).resolves.toEqual({ kind: 'Lease' })
    await expect(watch.getObject('/apis/x/leases/absent')).resolves.toBeUndefined()
    await expect(watch.getObject('/apis/x/leases/denied')).rejects.toThrow(/HTTP 403 Forbidden/)
    await expect(watch.getObject('/apis/unserved/leases/x')).rejects.toThrow(/HTTP 404/)
  })
})
