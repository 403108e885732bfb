import pRetry from 'p-retry'
import type { ApiResponse, ApiTransport } from './api-proxy.js'
import type { StreamSpec } from './release-streams.js'
import {
  applyWatchEvent,
  replaceCache,
  type ApiObject,
  type ObjectCache,
  type WatchEvent
} from './watch-cache.js'
import { ExternalError } from '../errors/result.js'

/**
 * - `syncing`: not listed yet (or listing again after 410 Gone): the cache is not to be trusted.
 * - `live`: listed, and watching (or about to watch again from the last resourceVersion).
 * - `down`: the last attempt failed (API unreachable, an error status); retried with backoff.
 * - `forbidden`: RBAC does not allow listing it.
 */
export type StreamState = 'syncing' | 'live' | 'down' | 'forbidden'

/** An error status of the API, with the Kubernetes reason and message of its Status body. */
export class ApiStatusError extends ExternalError {
  /** `HTTP 403 Forbidden: pods is forbidden: ...` */
  readonly detail: string
  constructor(
    readonly what: string,
    readonly response: ApiResponse
  ) {
    const detail = `HTTP ${response.status} ${statusMessage(response.body)}`.trim()
    super(`reading ${what} failed: ${detail}`)
    this.name = 'ApiStatusError'
    this.detail = detail
  }
}

/** A Status object of reason NotFound: the object does not exist (not a path the server lacks). */
export function isNotFoundStatus(body: string): boolean {
  try {
    const s = JSON.parse(body) as { kind?: string; reason?: string }
    return s.kind === 'Status' && s.reason === 'NotFound'
  } catch {
    return false
  }
}

export function statusMessage(body: string): string {
  try {
    const s = JSON.parse(body) as { reason?: string; message?: string }
    return [s.reason, s.message].filter(Boolean).join(': ')
  } catch {
    return body.trim().split('\n')[0]?.slice(0, 200) ?? ''
  }
}

export interface StreamHooks {
  /** The cache changed (an object added, modified or deleted). */
  changed(): void
  /** The stream's state changed. */
  state(): void
  warn(line: string): void
}

// The server ends each watch after this long; the stream then resumes from its resourceVersion.
const WATCH_SECONDS = 60
// No byte (not even a bookmark or the server's end) for this long: the connection is dead.
const IDLE_MS = (WATCH_SECONDS + 30) * 1000
const FORBIDDEN_RETRY_MS = 30_000
const POLL_MS = 1000

/**
 * One LIST+WATCH of a collection, kept in a cache the way client-go's reflector keeps a store:
 * LIST, then WATCH from the list's resourceVersion with bookmarks, resume after the server ends
 * the watch, LIST again on 410 Gone. Collections that may be listed but not watched (RBAC
 * without "watch") are listed every second instead.
 */
export class WatchStream {
  readonly cache: ObjectCache = new Map()
  state: StreamState = 'syncing'
  error?: string
  /** Since when the stream has been down (ms since the epoch). */
  downSince?: number
  /** When a snapshot last needed this stream. */
  lastWanted = Date.now()
  private resourceVersion?: string
  private needList = true
  private pollOnly: boolean
  private readonly abort = new AbortController()

  constructor(
    readonly spec: StreamSpec,
    private readonly api: ApiTransport,
    private readonly hooks: StreamHooks
  ) {
    this.pollOnly = !spec.watchable
    void this.run()
  }

  get closed(): boolean {
    return this.abort.signal.aborted
  }

  items(): ApiObject[] {
    return [...this.cache.values()]
  }

  close(): void {
    this.abort.abort()
  }

  private setState(state: StreamState, error?: string): void {
    if (state === 'down' && this.state !== 'down') this.downSince = Date.now()
    if (state !== 'down') this.downSince = undefined
    const moved = state !== this.state || error !== this.error
    this.state = state
    this.error = error
    if (moved) this.hooks.state()
  }

  private async run(): Promise<void> {
    const signal = this.abort.signal
    while (!signal.aborted) {
      try {
        // Backoff grows while attempts fail and starts over after a watch that ended normally.
        await pRetry(() => this.cycle(), {
          retries: Infinity,
          minTimeout: 250,
          maxTimeout: 5000,
          factor: 2,
          randomize: true,
          unref: true,
          signal,
          onFailedAttempt: ({ error }) => {
            if (!signal.aborted) this.setState('down', error.message)
          }
        })
      } catch (e) {
        // An abort (the stream was closed), or an error pRetry does not retry (a TypeError that
        // is not a network error): report it and start over after a pause, never in a tight loop.
        if (!signal.aborted) {
          this.setState('down', (e as Error).message)
          await sleep(1000, signal)
        }
      }
    }
  }

  /** One LIST (when needed) and one WATCH until the server ends it. */
  private async cycle(): Promise<void> {
    const { spec, api } = this
    if (this.needList) {
      if (this.state !== 'syncing') this.setState('syncing', this.error)
      const r = await api.get(spec.key)
      if (r.status === 403 || r.status === 401) {
        const error = new ApiStatusError(spec.what, r).detail
        if (this.state !== 'forbidden' && spec.optional)
          this.hooks.warn(
            `Not reading ${spec.what}: the credentials may not list them (${error}); grant "list" and "watch" on them to see them in failure reports`
          )
        this.setState('forbidden', error)
        await sleep(FORBIDDEN_RETRY_MS, this.abort.signal)
        return
      }
      // A collection that is not served (a custom resource whose definition is gone) is empty.
      const list =
        r.status === 404
          ? { items: [] }
          : r.status === 200
            ? (JSON.parse(r.body) as {
                items?: ApiObject[]
                metadata?: { resourceVersion?: string }
              })
            : undefined
      if (!list) throw new ApiStatusError(spec.what, r)
      const changed = replaceCache(this.cache, list.items ?? [], spec.kind)
      this.resourceVersion = 'metadata' in list ? list.metadata?.resourceVersion : undefined
      this.needList = false
      this.setState('live')
      if (changed) this.hooks.changed()
      if (r.status === 404 || !this.resourceVersion) {
        await sleep(5 * POLL_MS, this.abort.signal)
        this.needList = true
        return
      }
    }
    if (this.pollOnly) {
      await sleep(POLL_MS, this.abort.signal)
      this.needList = true
      return
    }
    await this.watchOnce()
  }

  private async watchOnce(): Promise<void> {
    const { spec } = this
    const query = new URLSearchParams({
      watch: '1',
      resourceVersion: this.resourceVersion ?? '',
      allowWatchBookmarks: 'true',
      timeoutSeconds: String(WATCH_SECONDS)
    })
    const request = new AbortController()
    const stop = (): void => request.abort()
    this.abort.signal.addEventListener('abort', stop, { once: true })
    let relist = false
    let failure: string | undefined
    try {
      const r = await this.api.watch(
        `${spec.key}&${query.toString()}`,
        {
          open: () => this.setState('live'),
          line: (line) => {
            if (relist || failure) return
            const applied = applyWatchEvent(this.cache, JSON.parse(line) as WatchEvent, spec.kind)
            if (applied.kind === 'gone') relist = true
            else if (applied.kind === 'error') failure = applied.message
            else {
              if (applied.resourceVersion) this.resourceVersion = applied.resourceVersion
              if (applied.kind === 'changed') this.hooks.changed()
              return
            }
            request.abort()
          }
        },
        request.signal,
        IDLE_MS
      )
      if (r.status === 410) relist = true
      else if (r.status === 403) {
        // Allowed to list but not to watch: list every second instead.
        this.hooks.warn(
          `Reading ${spec.what} by listing every second: the credentials may not watch them (grant "watch" to follow them as they change)`
        )
        this.pollOnly = true
        this.needList = true
        return
      } else if (r.status !== 200) throw new ApiStatusError(spec.what, r)
    } catch (e) {
      if (!relist && !failure) throw e
    } finally {
      this.abort.signal.removeEventListener('abort', stop)
    }
    if (failure) throw new ExternalError(`watching ${spec.what} failed: ${failure}`)
    if (relist) this.needList = true
  }
}

/** Waits, unless the signal aborts first; never keeps Node alive by itself. */
function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal.aborted) return resolve()
    const t = setTimeout(done, ms)
    t.unref()
    signal.addEventListener('abort', done, { once: true })
    function done(): void {
      clearTimeout(t)
      signal.removeEventListener('abort', done)
      resolve()
    }
  })
}
