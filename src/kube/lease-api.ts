import { ExternalError } from '../errors/result.js'
import type { ApiResponse } from './api-proxy.js'
import type { LeaseObject } from './lease.js'
import { isNotFoundStatus, statusMessage } from './watch-stream.js'

// The deploy lock's Lease over HTTP, through a kubectl proxy of its own that serves GET and PUT of
// that one Lease and nothing else (leaseProxyArgs). A read or a replace is then one request
// instead of a kubectl process; whatever this cannot decide (a denial, no answer, an unexpected
// status) rejects, and the lock does it again with kubectl, which tells those apart.

/** What the Lease's HTTP channel needs of a transport (a KubectlProxy). */
export interface LeaseTransport {
  get(path: string, timeoutMs?: number): Promise<ApiResponse>
  put(path: string, body: unknown, timeoutMs?: number): Promise<ApiResponse>
}

const REQUEST_MS = 10_000

export class LeaseApi {
  constructor(
    private readonly api: LeaseTransport,
    /** The Lease's REST path (leasePath). */
    readonly path: string
  ) {}

  /** The Lease, or undefined when the API server says there is none. */
  async read(): Promise<LeaseObject | undefined> {
    const r = await this.api.get(this.path, REQUEST_MS)
    if (r.status === 200) return JSON.parse(r.body) as LeaseObject
    if (r.status === 404 && isNotFoundStatus(r.body)) return undefined
    throw new ExternalError(`reading ${this.path}: HTTP ${r.status} ${statusMessage(r.body)}`)
  }

  /**
   * Replaces the Lease, checked against the resourceVersion it carries: the written Lease, or
   * `conflict` when the Lease changed since it was read.
   */
  async replace(lease: LeaseObject): Promise<LeaseObject | 'conflict'> {
    const r = await this.api.put(this.path, lease, REQUEST_MS)
    if (r.status === 200) return JSON.parse(r.body) as LeaseObject
    if (r.status === 409) return 'conflict'
    throw new ExternalError(`replacing ${this.path}: HTTP ${r.status} ${statusMessage(r.body)}`)
  }
}
