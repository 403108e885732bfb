import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'

// A small stateful stand-in for the GitHub REST API on 127.0.0.1, speaking the shapes the action
// uses: issue comments (list, create, update) and deployments with their statuses. Failures can
// be injected per route to test that reporting never breaks a deploy.

export interface Comment {
  id: number
  body: string
  user: { login: string }
  created_at: string
  updated_at: string
}
export interface DeploymentRecord {
  id: number
  ref: string
  sha: string
  environment: string
  transient_environment: boolean
  production_environment: boolean
  payload: unknown
  description: string | null
  created_at: string
}
export interface StatusRecord {
  id: number
  deployment_id: number
  state: string
  description: string
  log_url: string
  environment_url: string
  environment: string
  created_at: string
}
export interface RecordedRequest {
  method: string
  path: string
  authorization?: string
  body: string
}

export class FakeGitHub {
  readonly comments = new Map<number, Comment[]>()
  readonly deployments: DeploymentRecord[] = []
  readonly statuses: StatusRecord[] = []
  readonly requests: RecordedRequest[] = []
  /** `METHOD /path-regex` → HTTP status to answer instead (e.g. 'POST /comments$' → 500). */
  readonly failures = new Map<string, number>()
  private server?: Server
  private nextId = 1000
  url = ''

  async start(): Promise<void> {
    this.server = createServer((req, res) => void this.handle(req, res))
    await new Promise<void>((r) => this.server!.listen(0, '127.0.0.1', r))
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`
  }

  async stop(): Promise<void> {
    await new Promise<void>((r) => this.server?.close(() => r()))
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    let body = ''
    for await (const chunk of req) body += chunk
    const url = new URL(req.url ?? '/', this.url)
    const method = req.method ?? 'GET'
    this.requests.push({
      method,
      path: url.pathname + url.search,
      authorization: req.headers.authorization,
      body
    })
    const send = (status: number, data: unknown, headers: Record<string, string> = {}): void => {
      res.writeHead(status, { 'content-type': 'application/json', ...headers })
      res.end(JSON.stringify(data))
    }
    for (const [route, status] of this.failures) {
      const [m, pattern] = route.split(' ')
      if (m === method && new RegExp(pattern).test(url.pathname))
        return send(status, { message: 'Injected failure' })
    }
    const json = (): Record<string, unknown> =>
      body ? (JSON.parse(body) as Record<string, unknown>) : {}
    // A string field of a request body, `absent` when it is not a string (GitHub takes only those).
    const text = (v: unknown, absent: string): string => (typeof v === 'string' ? v : absent)
    const now = new Date().toISOString()
    let m: RegExpMatchArray | null

    if ((m = url.pathname.match(/^\/repos\/[^/]+\/[^/]+\/issues\/(\d+)\/comments$/))) {
      const list = this.comments.get(Number(m[1])) ?? []
      this.comments.set(Number(m[1]), list)
      if (method === 'GET') {
        const perPage = Number(url.searchParams.get('per_page') ?? 30)
        const page = Number(url.searchParams.get('page') ?? 1)
        const slice = list.slice((page - 1) * perPage, page * perPage)
        const headers: Record<string, string> = {}
        if (page * perPage < list.length)
          headers.link = `<${this.url}${url.pathname}?per_page=${perPage}&page=${page + 1}>; rel="next"`
        return send(200, slice, headers)
      }
      if (method === 'POST') {
        const c: Comment = {
          id: this.nextId++,
          body: String(json().body),
          user: { login: 'github-actions[bot]' },
          created_at: now,
          updated_at: now
        }
        list.push(c)
        return send(201, c)
      }
    }
    if (
      (m = url.pathname.match(/^\/repos\/[^/]+\/[^/]+\/issues\/comments\/(\d+)$/)) &&
      method === 'PATCH'
    ) {
      for (const list of this.comments.values()) {
        const c = list.find((x) => x.id === Number(m![1]))
        if (c) {
          c.body = String(json().body)
          c.updated_at = now
          return send(200, c)
        }
      }
      return send(404, { message: 'Not Found' })
    }
    if (url.pathname.match(/^\/repos\/[^/]+\/[^/]+\/deployments$/)) {
      if (method === 'POST') {
        const b = json()
        const environment = text(b.environment, 'production')
        const d: DeploymentRecord = {
          id: this.nextId++,
          ref: String(b.ref),
          sha: String(b.ref),
          environment,
          transient_environment: Boolean(b.transient_environment ?? false),
          production_environment: Boolean(b.production_environment ?? environment === 'production'),
          payload: b.payload ?? {},
          description: (b.description as string) ?? null,
          created_at: now
        }
        this.deployments.push(d)
        return send(201, d)
      }
      if (method === 'GET') {
        const env = url.searchParams.get('environment')
        return send(200, this.deployments.filter((d) => !env || d.environment === env).reverse())
      }
    }
    if (
      (m = url.pathname.match(/^\/repos\/[^/]+\/[^/]+\/deployments\/(\d+)$/)) &&
      method === 'GET'
    ) {
      const d = this.deployments.find((x) => x.id === Number(m![1]))
      return d ? send(200, d) : send(404, { message: 'Not Found' })
    }
    if ((m = url.pathname.match(/^\/repos\/[^/]+\/[^/]+\/deployments\/(\d+)\/statuses$/))) {
      const id = Number(m[1])
      const d = this.deployments.find((x) => x.id === id)
      if (!d) return send(404, { message: 'Not Found' })
      if (method === 'POST') {
        const b = json()
        const s: StatusRecord = {
          id: this.nextId++,
          deployment_id: id,
          state: String(b.state),
          description: text(b.description, ''),
          log_url: text(b.log_url, ''),
          environment_url: text(b.environment_url, ''),
          environment: d.environment,
          created_at: now
        }
        this.statuses.push(s)
        // GitHub's auto_inactive: a success marks earlier successful, non-transient,
        // non-production deployments of the same environment inactive.
        if (s.state === 'success' && b.auto_inactive !== false) {
          for (const other of this.deployments) {
            if (
              other.id === id ||
              other.environment !== d.environment ||
              other.transient_environment ||
              other.production_environment
            )
              continue
            if (this.latestState(other.id) === 'success')
              this.statuses.push({
                ...s,
                id: this.nextId++,
                deployment_id: other.id,
                state: 'inactive',
                description: 'auto inactive'
              })
          }
        }
        return send(201, s)
      }
      if (method === 'GET') {
        const perPage = Number(url.searchParams.get('per_page') ?? 30)
        return send(
          200,
          this.statuses
            .filter((x) => x.deployment_id === id)
            .reverse()
            .slice(0, perPage)
        )
      }
    }
    send(404, { message: `Not Found: ${method} ${url.pathname}` })
  }

  latestState(deploymentId: number): string | undefined {
    return this.statuses.filter((s) => s.deployment_id === deploymentId).at(-1)?.state
  }

  statesOf(deploymentId: number): string[] {
    return this.statuses.filter((s) => s.deployment_id === deploymentId).map((s) => s.state)
  }
}
