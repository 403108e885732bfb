import type { CommandResult, CommandRunner } from '../exec/runner.js'
import { leaseProxyArgs, proxyArgs } from './api-proxy.js'
import { classifyFailure, retryRead, type FailureKind, type RetryPolicy } from './retry.js'
import { snapshotOf } from './snapshot.js'
import type { KubeEvent, Snapshot } from './types.js'
import { ExternalError } from '../errors/result.js'

/** A kubectl call the cluster answered with an error (forbidden, not found, invalid...). */
export class KubectlError extends ExternalError {
  readonly kind: FailureKind
  constructor(
    readonly command: string,
    readonly result: CommandResult
  ) {
    super(`kubectl ${command} failed: ${result.stderr.trim()}`)
    this.name = 'KubectlError'
    this.kind = classifyFailure(result)
  }
}

export interface KubectlOptions {
  /** How reads ride out an unreachable or overloaded API server; none means a single attempt. */
  retry?: RetryPolicy
  /** Told when an optional read is skipped (for example events that RBAC does not allow). */
  warn?: (line: string) => void
}

export interface KubeTarget {
  namespace: string
  kubeconfig?: string
  context?: string
}

/**
 * Reads the cluster through kubectl, so every authentication the job set up (exec plugins of
 * cloud login actions, OIDC tokens, client certificates) works unchanged.
 */
export class Kubectl {
  constructor(
    private readonly runner: CommandRunner,
    readonly target: KubeTarget,
    readonly binary = 'kubectl',
    private readonly options: KubectlOptions = {}
  ) {}

  private readonly warned = new Set<string>()

  /** Sets how reads retry and where warnings go, for the rest of the run. */
  configure(o: KubectlOptions): void {
    Object.assign(this.options, o)
  }

  /** Runs a read, repeated while the API server is unreachable (within the retry policy). */
  private read(args: string[]): Promise<CommandResult> {
    const run = () => this.runner.run(this.binary, args, { echo: false })
    const retry = this.options.retry
    return retry ? retryRead(`kubectl ${args.slice(0, 2).join(' ')}`, run, retry) : run()
  }

  /** A read the rollout can do without: it degrades to `fallback` with one warning. */
  private async optional<T>(what: string, read: () => Promise<T>, fallback: T): Promise<T> {
    try {
      return await read()
    } catch (e) {
      if (!this.warned.has(what)) {
        this.warned.add(what)
        const forbidden = e instanceof KubectlError && e.kind === 'forbidden'
        this.options.warn?.(
          forbidden
            ? `Not reading ${what}: the credentials may not list them in namespace ${this.target.namespace} (grant "list" on them to see their reasons in failure reports).`
            : `Not reading ${what}: ${(e as Error).message}`
        )
      }
      return fallback
    }
  }

  private globals(): string[] {
    const args = ['--namespace', this.target.namespace, '--request-timeout=20s']
    if (this.target.kubeconfig) args.push('--kubeconfig', this.target.kubeconfig)
    if (this.target.context) args.push('--context', this.target.context)
    return args
  }

  /**
   * `kubectl proxy` serving reads of the API on a private unix socket, authenticated with the
   * same kubeconfig and context as every other call (no --request-timeout: it would cut watches).
   */
  proxyCommand(socket: string): { file: string; args: string[] } {
    return { file: this.binary, args: [...proxyArgs(socket), ...this.connection()] }
  }

  /** `kubectl proxy` for the deploy lock: GET and PUT of the one API path given (its Lease). */
  leaseProxyCommand(socket: string, path: string): { file: string; args: string[] } {
    return { file: this.binary, args: [...leaseProxyArgs(socket, path), ...this.connection()] }
  }

  private connection(): string[] {
    const args: string[] = []
    if (this.target.kubeconfig) args.push('--kubeconfig', this.target.kubeconfig)
    if (this.target.context) args.push('--context', this.target.context)
    return args
  }

  private async json<T>(args: string[]): Promise<T> {
    const r = await this.read([...args, ...this.globals(), '--output', 'json'])
    if (r.exitCode !== 0) throw new KubectlError(args.slice(0, 2).join(' '), r)
    return JSON.parse(r.stdout) as T
  }

  /** One consistent read of every workload, pod and warning event in the namespace. */
  async snapshot(): Promise<Snapshot> {
    const [objects, events] = await Promise.all([
      this.json<{ items: Array<{ kind: string }> }>([
        'get',
        'deployments.apps,replicasets.apps,statefulsets.apps,daemonsets.apps,jobs.batch,pods'
      ]),
      this.optional(
        'warning events',
        () =>
          this.json<{ items: KubeEvent[] }>(['get', 'events', '--field-selector', 'type=Warning']),
        { items: [] }
      )
    ])
    return snapshotOf(objects.items, events.items)
  }

  /** The cluster's Kubernetes minor version (`1.35`), or undefined when it does not say. */
  async serverVersion(): Promise<string | undefined> {
    const r = await this.read(['version', '--output', 'json', ...this.globals()])
    if (r.exitCode !== 0) return undefined
    return minorVersion((JSON.parse(r.stdout) as { serverVersion?: ServerVersion }).serverVersion)
  }

  /** One object by resource and name, or undefined when it does not exist. */
  async getObject<T>(resource: string, name: string): Promise<T | undefined> {
    try {
      return await this.json<T>(['get', resource, name])
    } catch (e) {
      if (e instanceof KubectlError && e.kind === 'not-found') return undefined
      throw e
    }
  }

  /** Objects of a resource in the namespace that match a label selector. */
  async listObjects<T>(resource: string, selector: string): Promise<T[]> {
    return (await this.json<{ items: T[] }>(['get', resource, '--selector', selector])).items
  }

  /** Deletes an object without waiting for its finalizers; true when it existed. */
  async deleteObject(resource: string, name: string): Promise<boolean> {
    const r = await this.runner.run(this.binary, [
      'delete',
      resource,
      name,
      '--wait=false',
      ...this.globals()
    ])
    if (r.exitCode === 0) return true
    const e = new KubectlError(`delete ${resource}`, r)
    if (e.kind === 'not-found') return false
    throw e
  }

  /**
   * Creates an object, or replaces it (optimistic concurrency: the object's
   * metadata.resourceVersion must still be current, else the API answers Conflict). Tried once:
   * a write that failed in transit may still have been applied, so callers re-read instead.
   */
  async writeObject<T>(verb: 'create' | 'replace', object: unknown): Promise<T> {
    const r = await this.runner.run(
      this.binary,
      [verb, '--filename', '-', ...this.globals(), '--output', 'json'],
      { echo: false, input: JSON.stringify(object) }
    )
    if (r.exitCode !== 0) throw new KubectlError(verb, r)
    return JSON.parse(r.stdout) as T
  }

  /**
   * One read of what a release's rollout is judged on, in every namespace its workloads live in:
   * workloads, their ReplicaSets, ControllerRevisions and pods, the events about them (warnings
   * and autoscaler notices), and the release's custom resources by kind.
   */
  async releaseSnapshot(
    refs: ReadonlyArray<{ kind: string; namespace: string; apiVersion?: string }>
  ): Promise<Snapshot> {
    const namespaces = [...new Set([this.target.namespace, ...refs.map((r) => r.namespace)])]
    const parts = await Promise.all(
      namespaces.map(async (ns) => {
        const k = ns === this.target.namespace ? this : this.inNamespace(ns)
        const customKinds = [
          ...new Set(
            refs
              .filter((r) => r.apiVersion !== undefined && r.namespace === ns)
              .map((r) => `${r.kind.toLowerCase()}.${r.apiVersion!.split('/')[0]}`)
          )
        ]
        const [objects, events, custom] = await Promise.all([
          k.json<{ items: Array<{ kind: string }> }>([
            'get',
            'deployments.apps,replicasets.apps,statefulsets.apps,daemonsets.apps,jobs.batch,pods,controllerrevisions.apps'
          ]),
          k.optional('events', () => k.json<{ items: KubeEvent[] }>(['get', 'events']), {
            items: []
          }),
          customKinds.length === 0
            ? { items: [] }
            : k.optional(
                `custom resources ${customKinds.join(', ')}`,
                () => k.json<{ items: Array<{ kind: string }> }>(['get', customKinds.join(',')]),
                { items: [] }
              )
        ])
        return { objects: objects.items, events: events.items, custom: custom.items }
      })
    )
    return snapshotOf(
      parts.flatMap((p) => p.objects),
      parts.flatMap((p) => p.events),
      parts.flatMap((p) => p.custom)
    )
  }

  private inNamespace(namespace: string): Kubectl {
    return new Kubectl(this.runner, { ...this.target, namespace }, this.binary, this.options)
  }

  async deletePod(name: string): Promise<void> {
    const r = await this.runner.run(this.binary, [
      'delete',
      'pod',
      name,
      '--wait=false',
      ...this.globals()
    ])
    if (r.exitCode !== 0 && !/NotFound/.test(r.stderr))
      throw new ExternalError(`kubectl delete pod ${name} failed: ${r.stderr.trim()}`)
  }

  /** The namespace the kubeconfig context selects ("default" when it names none). */
  static async contextNamespace(
    runner: CommandRunner,
    t: Omit<KubeTarget, 'namespace'>,
    binary = 'kubectl'
  ): Promise<string> {
    const args = ['config', 'view', '--minify', '--output', 'jsonpath={..namespace}']
    if (t.kubeconfig) args.push('--kubeconfig', t.kubeconfig)
    if (t.context) args.push('--context', t.context)
    const r = await runner.run(binary, args, { echo: false })
    if (r.exitCode !== 0)
      throw new ExternalError(`kubectl could not read the kubeconfig: ${r.stderr.trim()}`)
    return r.stdout.trim() || 'default'
  }
}

/** What the API server says of its version (`/version`, kubectl version's serverVersion). */
export interface ServerVersion {
  major?: string
  minor?: string
}

/** `1.35` from `{ major: '1', minor: '35+' }`; undefined when the server does not say. */
export function minorVersion(v: ServerVersion | undefined): string | undefined {
  const minor = v?.minor?.replace(/\D+$/, '')
  return v?.major && minor ? `${v.major}.${minor}` : undefined
}
