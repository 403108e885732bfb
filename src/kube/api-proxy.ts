import { spawn, type ChildProcess } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import type { IncomingMessage } from 'node:http'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createInterface } from 'node:readline'
import { ExternalError } from '../errors/result.js'

// node:http is taken as the CommonJS module it is, not imported: an ESM import of it reads every
// export to build the module's namespace, and its WebSocket, CloseEvent and MessageEvent getters
// then load Node's whole built-in fetch stack (undici), 25-30 ms of a deploy's start on Node 24.
const { Agent, request } = process.getBuiltinModule('node:http')

/** The command that serves the API on a unix socket: `kubectl proxy` with the run's kubeconfig. */
export type ProxyCommand = (socket: string) => { file: string; args: string[] }

export interface ApiResponse {
  status: number
  body: string
}

/** Bytes and requests read from the API server, for the deploy's debug log and the benchmark. */
export interface ApiStats {
  bytes: number
  requests: number
}

export interface WatchHandlers {
  /** The server accepted the watch: events from the requested resourceVersion on will follow. */
  open(): void
  line(line: string): void
}

/** How the release watch talks to the API server; the real one goes through `kubectl proxy`. */
export interface ApiTransport {
  /** One GET; rejects when the API cannot be reached at all. */
  get(pathAndQuery: string, timeoutMs?: number): Promise<ApiResponse>
  /**
   * A watch: `on.line` gets each line of the stream. Resolves when the stream ends (with the
   * status and, for an error status, its body); rejects when the connection fails.
   */
  watch(
    pathAndQuery: string,
    on: WatchHandlers,
    signal: AbortSignal,
    idleMs: number
  ): Promise<ApiResponse>
  readonly stats: ApiStats
  /** Gets ready for the first read (starts the proxy) without waiting for it. */
  prepare?(): void
  close(): void
}

// Unix sockets carry at most 107 bytes of path (sun_path).
const MAX_SOCKET_PATH = 100

/**
 * `kubectl proxy` on a unix socket in a private folder, spoken to with node:http. kubectl does
 * the authentication, so every kubeconfig keeps working exactly as it does for helm and kubectl:
 * exec plugins of cloud login actions (run once and cached until their credential expires),
 * OIDC, tokens and client certificates. Nothing listens on TCP, the folder is 0700, and what the
 * proxy serves is fixed by its arguments: reads of API paths (proxyArgs), or reads and replaces
 * of one Lease (leaseProxyArgs).
 *
 * Started on first use, started again when it has died; its process and the sockets of watches
 * never keep Node alive (whoever awaits a read keeps it alive by awaiting).
 */
export class KubectlProxy implements ApiTransport {
  readonly stats: ApiStats = { bytes: 0, requests: 0 }
  private dir?: string
  private child?: ChildProcess
  private starting?: Promise<string>
  private lastStart = 0
  private closed = false
  private readonly agent = new Agent({ keepAlive: true })
  private readonly onExit = (): void => {
    this.child?.kill('SIGTERM')
  }

  constructor(
    private readonly command: ProxyCommand,
    private readonly options: {
      base?: string
      startTimeoutMs?: number
      log?: (line: string) => void
    } = {}
  ) {}

  /** The proxy's process id, while one runs. */
  get pid(): number | undefined {
    return this.child?.exitCode === null && this.child.signalCode === null
      ? this.child.pid
      : undefined
  }

  /** The private folder of the socket, once made. */
  get socketDir(): string | undefined {
    return this.dir
  }

  prepare(): void {
    // A proxy that cannot start says so to the first read, which starts it again.
    this.socket().catch(() => undefined)
  }

  /** The socket of a running proxy, starting one when there is none. */
  socket(): Promise<string> {
    if (this.closed) return Promise.reject(new Error('the Kubernetes API proxy was closed'))
    if (
      this.child &&
      this.child.exitCode === null &&
      this.child.signalCode === null &&
      !this.starting
    )
      return Promise.resolve(join(this.dir!, 'api.sock'))
    this.starting ??= this.start().finally(() => (this.starting = undefined))
    return this.starting
  }

  private privateDir(): string {
    if (this.dir) return this.dir
    const base = this.options.base ?? (process.env.RUNNER_TEMP || tmpdir())
    let dir = mkdtempSync(join(base, 'goatflow-deploy-api-'))
    if (join(dir, 'api.sock').length > MAX_SOCKET_PATH) {
      rmSync(dir, { recursive: true, force: true })
      dir = mkdtempSync(join(tmpdir(), 'goatflow-deploy-api-'))
    }
    this.dir = dir
    return dir
  }

  private async start(): Promise<string> {
    // A proxy that dies at once (bad kubeconfig) is not restarted in a tight loop.
    const wait = this.lastStart + 1000 - Date.now()
    if (wait > 0) await new Promise((r) => setTimeout(r, wait))
    this.lastStart = Date.now()
    const socket = join(this.privateDir(), 'api.sock')
    rmSync(socket, { force: true })
    const { file, args } = this.command(socket)
    const child = spawn(file, args, { stdio: ['ignore', 'pipe', 'pipe'], shell: false })
    this.child = child
    process.once('exit', this.onExit)
    let stderr = ''
    child.stderr.on('data', (d: Buffer) => (stderr = (stderr + d.toString('utf8')).slice(-2000)))
    const timeoutMs = this.options.startTimeoutMs ?? 30_000
    const ready = new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => {
        child.kill('SIGTERM')
        reject(
          new ExternalError(
            `kubectl proxy did not start within ${timeoutMs / 1000}s: ${lastLine(stderr)}`
          )
        )
      }, timeoutMs)
      child.stdout.on('data', (d: Buffer) => {
        if (/Starting to serve on/.test(d.toString('utf8'))) {
          clearTimeout(timer)
          resolve()
        }
      })
      child.once('error', (e) => {
        clearTimeout(timer)
        reject(new ExternalError(`could not start kubectl proxy: ${e.message}`))
      })
      child.once('exit', (code, signal) => {
        clearTimeout(timer)
        reject(
          new ExternalError(
            `kubectl proxy exited (${signal ?? `code ${code}`}) before serving: ${lastLine(stderr)}`
          )
        )
      })
    })
    child.once('exit', (code, signal) => {
      process.removeListener('exit', this.onExit)
      if (!this.closed)
        this.options.log?.(
          `kubectl proxy exited (${signal ?? `code ${code}`}): ${lastLine(stderr) || 'no message'}; it is started again on the next read`
        )
    })
    await ready
    child.unref()
    for (const s of [child.stdout, child.stderr]) (s as unknown as { unref?: () => void }).unref?.()
    return socket
  }

  get(pathAndQuery: string, timeoutMs = 20_000): Promise<ApiResponse> {
    return this.send('GET', pathAndQuery, undefined, timeoutMs)
  }

  /** One PUT of a JSON body: served only by a proxy whose arguments allow it (leaseProxyArgs). */
  put(path: string, body: unknown, timeoutMs = 20_000): Promise<ApiResponse> {
    return this.send('PUT', path, JSON.stringify(body), timeoutMs)
  }

  private async send(
    method: 'GET' | 'PUT',
    path: string,
    body: string | undefined,
    timeoutMs: number
  ): Promise<ApiResponse> {
    const socketPath = await this.socket()
    this.stats.requests++
    const headers =
      body === undefined
        ? HEADERS
        : {
            ...HEADERS,
            'Content-Type': 'application/json',
            'Content-Length': String(Buffer.byteLength(body))
          }
    return new Promise((resolve, reject) => {
      const req = request(
        { socketPath, method, path, headers, agent: this.agent, timeout: timeoutMs },
        (res) => void collect(res, this.stats).then(resolve, reject)
      )
      req.on('timeout', () =>
        req.destroy(new ExternalError(`no answer within ${timeoutMs / 1000}s`))
      )
      req.on('error', reject)
      req.end(body)
    })
  }

  async watch(
    pathAndQuery: string,
    on: WatchHandlers,
    signal: AbortSignal,
    idleMs: number
  ): Promise<ApiResponse> {
    const socketPath = await this.socket()
    this.stats.requests++
    return new Promise((resolve, reject) => {
      const req = request(
        { socketPath, path: pathAndQuery, headers: HEADERS, agent: false, signal, timeout: idleMs },
        (res) => {
          if (res.statusCode !== 200) return void collect(res, this.stats).then(resolve, reject)
          on.open()
          res.on('data', (d: Buffer) => (this.stats.bytes += d.length))
          const lines = createInterface({ input: res, crlfDelay: Infinity })
          lines.on('line', (l) => {
            if (l.trim() !== '') on.line(l)
          })
          // readline passes the response's errors on (a cut connection emits 'aborted').
          lines.on('error', reject)
          res.on('error', reject)
          lines.on('close', () =>
            res.complete
              ? resolve({ status: 200, body: '' })
              : reject(new ExternalError('watch stream cut'))
          )
        }
      )
      // A background stream: only an awaited read may keep Node running.
      req.on('socket', (s) => s.unref())
      req.on('timeout', () => req.destroy(new ExternalError(`watch silent for ${idleMs / 1000}s`)))
      req.on('error', reject)
      req.end()
    })
  }

  /** Stops the proxy and removes its socket folder. */
  close(): void {
    this.closed = true
    this.child?.kill('SIGTERM')
    process.removeListener('exit', this.onExit)
    this.agent.destroy()
    if (this.dir) rmSync(this.dir, { recursive: true, force: true })
  }
}

const HEADERS = { Accept: 'application/json', Host: 'localhost' }

const lastLine = (text: string): string => text.trim().split('\n').at(-1) ?? ''

function collect(res: IncomingMessage, stats: ApiStats): Promise<ApiResponse> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = []
    res.on('data', (d: Buffer) => {
      stats.bytes += d.length
      chunks.push(d)
    })
    res.on('end', () =>
      resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') })
    )
    res.on('error', reject)
  })
}

/**
 * `kubectl proxy` arguments that serve only reads on one private socket: no TCP port, GET only,
 * API and health paths only (so not pods/exec or attach either), and TCP keep-alive towards the
 * API server so a connection that silently died is noticed.
 */
export function proxyArgs(socket: string): string[] {
  return [
    'proxy',
    `--unix-socket=${socket}`,
    '--api-prefix=/',
    '--accept-paths=^/(api|apis)(/.*)?$,^/readyz$,^/version$',
    '--reject-paths=^/api/.*/pods/.*/(exec|attach|portforward|proxy)',
    '--reject-methods=^(POST|PUT|PATCH|DELETE|CONNECT)$',
    '--keepalive=30s'
  ]
}

/**
 * `kubectl proxy` arguments for the deploy lock: GET and PUT (a resourceVersion-checked replace)
 * of the one API path given, nothing else; on a private socket like proxyArgs.
 */
export function leaseProxyArgs(socket: string, path: string): string[] {
  return [
    'proxy',
    `--unix-socket=${socket}`,
    '--api-prefix=/',
    `--accept-paths=^${path.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`,
    '--reject-methods=^(POST|PATCH|DELETE|CONNECT)$',
    '--keepalive=30s'
  ]
}
