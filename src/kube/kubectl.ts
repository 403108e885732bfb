import type { CommandRunner } from '../exec/runner.js'
import { snapshotOf } from './snapshot.js'
import type { KubeEvent, Snapshot } from './types.js'

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
    readonly binary = 'kubectl'
  ) {}

  private globals(): string[] {
    const args = ['--namespace', this.target.namespace, '--request-timeout=20s']
    if (this.target.kubeconfig) args.push('--kubeconfig', this.target.kubeconfig)
    if (this.target.context) args.push('--context', this.target.context)
    return args
  }

  private async json<T>(args: string[]): Promise<T> {
    const r = await this.runner.run(this.binary, [...args, ...this.globals(), '--output', 'json'], {
      echo: false
    })
    if (r.exitCode !== 0)
      throw new Error(`kubectl ${args.slice(0, 2).join(' ')} failed: ${r.stderr.trim()}`)
    return JSON.parse(r.stdout) as T
  }

  /** One consistent read of every workload, pod and warning event in the namespace. */
  async snapshot(): Promise<Snapshot> {
    const [objects, events] = await Promise.all([
      this.json<{ items: Array<{ kind: string }> }>([
        'get',
        'deployments.apps,replicasets.apps,statefulsets.apps,daemonsets.apps,jobs.batch,pods'
      ]),
      this.json<{ items: KubeEvent[] }>(['get', 'events', '--field-selector', 'type=Warning'])
    ])
    return snapshotOf(objects.items, events.items)
  }

  /** The cluster's Kubernetes minor version (`1.35`), or undefined when it does not say. */
  async serverVersion(): Promise<string | undefined> {
    const r = await this.runner.run(
      this.binary,
      ['version', '--output', 'json', ...this.globals()],
      { echo: false }
    )
    if (r.exitCode !== 0) return undefined
    const v = (JSON.parse(r.stdout) as { serverVersion?: { major?: string; minor?: string } })
      .serverVersion
    const minor = v?.minor?.replace(/\D+$/, '')
    return v?.major && minor ? `${v.major}.${minor}` : undefined
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
      throw new Error(`kubectl delete pod ${name} failed: ${r.stderr.trim()}`)
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
      throw new Error(`kubectl could not read the kubeconfig: ${r.stderr.trim()}`)
    return r.stdout.trim() || 'default'
  }
}
