import type { ApiResourceList } from './api-discovery.js'
import { groupVersionPath } from './api-discovery.js'
import { KubectlProxy, type ApiStats, type ApiTransport, type ProxyCommand } from './api-proxy.js'
import {
  dependentStreams,
  objectStream,
  podEventStreams,
  snapshotFromStreams,
  type StreamSpec
} from './release-streams.js'
import { minorVersion, type ServerVersion } from './kubectl.js'
import type { Snapshot, WorkloadRef } from './types.js'
import { isNotFoundStatus, statusMessage, WatchStream } from './watch-stream.js'
import { ExternalError } from '../errors/result.js'

export interface ReleaseWatchOptions {
  /** Told once per collection that is read in a degraded way (RBAC forbids it, or watching it). */
  warn?: (line: string) => void
  /** Debug lines: the proxy's restarts, and what was read from the API when closed. */
  debug?: (line: string) => void
  /** How long a snapshot waits for new streams to list their objects. Default 20 s. */
  syncMs?: number
  /** How long a snapshot waits for a stream that lost its connection to resume. Default 2 s. */
  resumeMs?: number
  /** How long a stream is kept after the last snapshot that needed it. Default 30 s. */
  lingerMs?: number
}

interface Discovered {
  doc?: ApiResourceList
  at: number
}

// A group version not served yet (its CRD may come with the release) is asked again after this.
const DISCOVERY_RETRY_MS = 5000
// The API server must have answered a health check this recently for cached objects to count.
const HEALTH_MS = 3000
// How long a single read through the proxy may take.
const READ_MS = 10_000

/**
 * Follows what a release's rollout is judged on, and only that: each workload by name, its
 * ReplicaSets or ControllerRevisions and pods by the workload's own selector, the events about
 * those pods, and the release's custom resources by name (their path from API discovery). Each
 * is a LIST+WATCH stream kept in a cache, so `snapshot()` answers from memory and the cost grows
 * with the release, not with the namespace it shares.
 *
 * A snapshot is never made of data that may be stale: it rejects while the API server does not
 * answer its health check, while a stream the rollout needs is down or forbidden, or while new
 * streams have not listed yet (within `syncMs` it waits for them). Streams resume by themselves
 * and the proxy is started again when it dies; the next snapshot succeeds once they are back.
 */
export class ReleaseWatch {
  private readonly streams = new Map<string, WatchStream>()
  private readonly discovery = new Map<string, Discovered>()
  private readonly listeners = new Set<() => void>()
  private readonly wakers = new Set<() => void>()
  private readonly warned = new Set<string>()
  private healthyAt = 0
  private closed = false

  constructor(
    private readonly api: ApiTransport,
    private readonly options: ReleaseWatchOptions = {}
  ) {}

  /** A watch that reads through `kubectl proxy`, with the kubeconfig and context of `command`. */
  static throughKubectl(command: ProxyCommand, options: ReleaseWatchOptions = {}): ReleaseWatch {
    return new ReleaseWatch(new KubectlProxy(command, { log: options.debug }), options)
  }

  /** Starts the connection now, so that the first snapshot does not wait for it. */
  prepare(): void {
    this.api.prepare?.()
  }

  /** The cluster's Kubernetes minor (`1.35`) from `/version`, through the proxy. */
  async serverVersion(): Promise<string | undefined> {
    const r = await this.api.get('/version', READ_MS)
    if (r.status !== 200)
      throw new ExternalError(`reading /version: HTTP ${r.status} ${statusMessage(r.body)}`)
    return minorVersion(JSON.parse(r.body) as ServerVersion)
  }

  /**
   * One object by its API path, through the proxy; undefined when the API server says it does not
   * exist. Anything else (a path it does not serve, a denial, no answer) rejects.
   */
  async getObject<T>(path: string): Promise<T | undefined> {
    const r = await this.api.get(path, READ_MS)
    if (r.status === 200) return JSON.parse(r.body) as T
    if (r.status === 404 && isNotFoundStatus(r.body)) return undefined
    throw new ExternalError(`reading ${path}: HTTP ${r.status} ${statusMessage(r.body)}`)
  }

  /** What was read from the API server so far. */
  get stats(): ApiStats & { streams: number } {
    return { ...this.api.stats, streams: this.streams.size }
  }

  /**
   * Calls `listener` whenever an object of the release changed, so a poller can read at once.
   * Returns the function that removes it.
   */
  onChange(listener: () => void): () => void {
    this.listeners.add(listener)
    return () => this.listeners.delete(listener)
  }

  /** The release's workloads, their ReplicaSets, ControllerRevisions, pods, events and custom resources. */
  async snapshot(refs: readonly WorkloadRef[]): Promise<Snapshot> {
    if (this.closed) throw new Error('the release watch was closed')
    await this.checkHealth()
    await this.discover(refs)
    const started = Date.now()
    const syncMs = this.options.syncMs ?? 20_000
    const resumeMs = this.options.resumeMs ?? 2000
    for (;;) {
      const { streams, added } = this.plan(refs)
      const late = (s: WatchStream): boolean =>
        s.state === 'forbidden' ||
        (s.state === 'down' && Date.now() - (s.downSince ?? 0) >= resumeMs)
      // Events and custom resources that cannot be read degrade to none, with a warning (as RBAC
      // that forbids them does); what the verdict needs must be read, or there is no snapshot.
      const usable = streams.filter((s) => {
        if (!s.spec.optional || !late(s)) return true
        // A forbidden stream has said so itself.
        if (s.state !== 'forbidden')
          this.warnOnce(
            `unreadable ${s.spec.key}`,
            `Not reading ${s.spec.what}: ${s.error ?? 'no answer'}`
          )
        return false
      })
      const blocking = usable.filter((s) => s.state !== 'live')
      const failed = blocking.filter(late)
      if (failed.length > 0) throw new ExternalError(describeProblems(failed))
      if (blocking.length === 0 && !added) {
        this.sweep()
        return snapshotFromStreams(usable.map((s) => ({ spec: s.spec, items: s.items() })))
      }
      if (Date.now() - started >= syncMs)
        throw new ExternalError(
          `the Kubernetes API did not list ${blocking.map((s) => s.spec.what).join(', ')} within ${syncMs / 1000}s`
        )
      await this.nextStateChange(100)
    }
  }

  /** Stops every stream and the proxy, and removes its socket. */
  close(): void {
    if (this.closed) return
    this.closed = true
    for (const s of this.streams.values()) s.close()
    this.api.close()
    const { bytes, requests } = this.api.stats
    this.options.debug?.(
      `release watch: read ${bytes} bytes from the Kubernetes API in ${requests} requests over ${this.streams.size} streams`
    )
    this.streams.clear()
  }

  /**
   * A watch connection can look open while the API server does not answer (paused, or a network
   * path that silently died): cached objects count only while the server answers its health check.
   */
  private async checkHealth(): Promise<void> {
    if (Date.now() - this.healthyAt < HEALTH_MS / 3) return
    let problem: string
    try {
      const r = await this.api.get('/readyz', HEALTH_MS)
      if (r.status === 200) {
        this.healthyAt = Date.now()
        return
      }
      problem = `HTTP ${r.status} ${statusMessage(r.body)}`.trim()
    } catch (e) {
      problem = (e as Error).message
    }
    throw new ExternalError(`the Kubernetes API server did not answer its health check: ${problem}`)
  }

  /** The REST paths of the release's custom resources, from the group versions that serve them. */
  private async discover(refs: readonly WorkloadRef[]): Promise<void> {
    const versions = new Set(refs.flatMap((r) => (r.apiVersion ? [r.apiVersion] : [])))
    await Promise.all(
      [...versions].map(async (v) => {
        const known = this.discovery.get(v)
        const kinds = refs.filter((r) => r.apiVersion === v).map((r) => r.kind)
        const complete = kinds.every((k) => known?.doc?.resources?.some((x) => x.kind === k))
        if (known && (complete || Date.now() - known.at < DISCOVERY_RETRY_MS)) return
        const r = await this.api.get(groupVersionPath(v))
        if (r.status === 200)
          this.discovery.set(v, { doc: JSON.parse(r.body) as ApiResourceList, at: Date.now() })
        else if (r.status === 404 || r.status === 403 || r.status === 401) {
          this.discovery.set(v, { doc: { resources: [] }, at: Date.now() })
          this.warnOnce(
            `discovery ${v}`,
            `Not reading custom resources of ${v}: ${r.status === 404 ? 'the cluster does not serve that API version (yet)' : `the credentials may not read its API discovery (${statusMessage(r.body)})`}`
          )
        } else
          throw new ExternalError(
            `reading the API discovery of ${v} failed: HTTP ${r.status} ${statusMessage(r.body)}`
          )
      })
    )
  }

  /** The streams the refs need now; starts the missing ones. */
  private plan(refs: readonly WorkloadRef[]): { streams: WatchStream[]; added: boolean } {
    const specs = new Map<string, StreamSpec>()
    const add = (s: StreamSpec | undefined): void => {
      if (s) specs.set(s.key, s)
    }
    const doc = (v: string) => this.discovery.get(v)?.doc
    for (const r of refs) {
      const own = objectStream(r, doc)
      add(own)
      const live = own && this.streams.get(own.key)
      const workload = live?.state === 'live' ? live.items()[0] : undefined
      for (const d of dependentStreams(r, workload)) add(d)
    }
    const podsByNamespace = new Map<string, string[]>()
    for (const s of specs.values()) {
      const live = this.streams.get(s.key)
      if (s.kind !== 'Pod' || !live) continue
      for (const p of live.items()) {
        const ns = p.metadata.namespace ?? ''
        const names = podsByNamespace.get(ns) ?? []
        names.push(p.metadata.name)
        podsByNamespace.set(ns, names)
      }
    }
    for (const [ns, names] of podsByNamespace) for (const e of podEventStreams(ns, names)) add(e)
    let added = false
    const now = Date.now()
    const streams = [...specs.values()].map((spec) => {
      let s = this.streams.get(spec.key)
      if (!s) {
        added = true
        s = new WatchStream(spec, this.api, {
          changed: () => this.changed(),
          state: () => this.wake(),
          warn: (line) => this.warnOnce(spec.key, line)
        })
        this.streams.set(spec.key, s)
      }
      s.lastWanted = now
      return s
    })
    return { streams, added }
  }

  /** Closes streams no snapshot has needed for a while (pods that are gone, earlier workloads). */
  private sweep(): void {
    const linger = this.options.lingerMs ?? 30_000
    for (const [key, s] of this.streams)
      if (Date.now() - s.lastWanted > linger) {
        s.close()
        this.streams.delete(key)
      }
  }

  private changed(): void {
    this.wake()
    for (const l of this.listeners) l()
  }

  private wake(): void {
    for (const w of this.wakers) w()
    this.wakers.clear()
  }

  /** Resolves at the next state change of a stream, or after `ms` (a timer that keeps Node alive while a caller awaits). */
  private nextStateChange(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const t = setTimeout(done, ms)
      this.wakers.add(done)
      function done(): void {
        clearTimeout(t)
        resolve()
      }
    })
  }

  private warnOnce(key: string, line: string): void {
    if (this.warned.has(key)) return
    this.warned.add(key)
    this.options.warn?.(line)
  }
}

function describeProblems(streams: readonly WatchStream[]): string {
  return streams
    .map((s) =>
      s.state === 'forbidden'
        ? `${s.spec.what} may not be read (${s.error}); grant "list" and "watch" on them`
        : `${s.spec.what} could not be read: ${s.error ?? 'no answer'}`
    )
    .join('; ')
}
