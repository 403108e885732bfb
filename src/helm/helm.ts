import type { CommandResult, CommandRunner, RunningCommand } from '../exec/runner.js'
import { retryRead, type RetryPolicy } from '../kube/retry.js'
import * as helmArgs from './args.js'
import { dialectFor, parseHelmVersionOutput, type Dialect } from './dialect.js'
import { parseHistory, parseReleaseRecord, type HistoryEntry, type ReleaseInfo } from './release.js'
import { ExternalError } from '../errors/result.js'
import type { VersionCache } from './version-cache.js'

export class HelmError extends ExternalError {
  constructor(
    readonly command: string,
    readonly result: CommandResult
  ) {
    super(
      `helm ${command} failed (exit ${result.exitCode}${result.signal ? `, ${result.signal}` : ''}): ${firstLines(result.stderr || result.stdout, 15)}`
    )
    this.name = 'HelmError'
  }
}

function firstLines(text: string, n: number): string {
  const lines = text.trim().split('\n')
  return lines.length > n ? `${lines.slice(0, n).join('\n')}\n…` : lines.join('\n')
}

/** Runs helm and throws a HelmError when it fails; for the steps that need no Helm version yet. */
export async function runHelm(
  runner: CommandRunner,
  binary: string,
  args: readonly string[],
  opts: { input?: string; echo?: boolean } = {}
): Promise<CommandResult> {
  const r = await runner.run(binary, args, opts)
  if (r.exitCode !== 0) throw new HelmError(args.slice(0, 2).join(' '), r)
  return r
}

const NOT_FOUND = /release: not found|not found/i

/** Runs helm with arguments from args.ts and parses what it prints. */
export class Helm {
  private readRetry?: RetryPolicy

  private constructor(
    private readonly runner: CommandRunner,
    readonly binary: string,
    readonly version: string,
    readonly dialect: Dialect
  ) {}

  /**
   * Asks helm its version, or takes the answer `cache` remembers for this very binary. An answer
   * that is not Helm 3 or 4 is never remembered.
   */
  static async detect(runner: CommandRunner, binary = 'helm', cache?: VersionCache): Promise<Helm> {
    const known = cache?.get(binary)
    if (known !== undefined) {
      try {
        const { version, major } = parseHelmVersionOutput(known)
        return new Helm(runner, binary, version, dialectFor(major))
      } catch {
        // Not an answer of a supported helm: ask the binary.
      }
    }
    const r = await runner.run(binary, helmArgs.versionArgs(), { echo: false })
    if (r.exitCode !== 0) throw new HelmError('version', r)
    const { version, major } = parseHelmVersionOutput(r.stdout)
    cache?.set(binary, r.stdout)
    return new Helm(runner, binary, version, dialectFor(major))
  }

  get major(): 3 | 4 {
    return this.dialect.major
  }

  /** From now on, release reads ride out an unreachable API server as the policy allows. */
  retryReads(policy: RetryPolicy): void {
    this.readRetry = policy
  }

  /** A read of release storage: repeated while the cluster is unreachable, never thrown on exit. */
  private read(args: readonly string[]): Promise<CommandResult> {
    const run = () => this.runner.run(this.binary, args, { echo: false })
    const what = `helm ${args.slice(0, args[0] === 'get' ? 2 : 1).join(' ')}`
    return this.readRetry ? retryRead(what, run, this.readRetry) : run()
  }

  async run(
    args: readonly string[],
    opts: { input?: string; echo?: boolean } = {}
  ): Promise<CommandResult> {
    return runHelm(this.runner, this.binary, args, opts)
  }

  /** Starts helm and returns at once, for commands that run while the rollout is watched. */
  start(args: readonly string[]): RunningCommand {
    return this.runner.start(this.binary, args)
  }

  /** Runs and returns the result without throwing, for commands whose failure is an answer. */
  async runAllowingFailure(
    args: readonly string[],
    opts: { input?: string; echo?: boolean } = {}
  ): Promise<CommandResult> {
    return this.runner.run(this.binary, args, opts)
  }

  /** The current release record (its latest revision), or undefined when there is none. */
  async status(t: helmArgs.Target): Promise<ReleaseInfo | undefined> {
    const r = await this.read(helmArgs.releaseRecordArgs(t))
    if (r.exitCode !== 0) {
      if (NOT_FOUND.test(r.stderr)) return undefined
      throw new HelmError('get all', r)
    }
    return parseReleaseRecord(r.stdout)
  }

  async history(t: helmArgs.Target): Promise<HistoryEntry[]> {
    const r = await this.read(helmArgs.historyArgs(t))
    if (r.exitCode !== 0) {
      if (NOT_FOUND.test(r.stderr)) return []
      throw new HelmError('history', r)
    }
    return parseHistory(r.stdout)
  }

  async manifest(t: helmArgs.Target, revision?: number): Promise<string> {
    const r = await this.read(helmArgs.getManifestArgs(t, revision))
    if (r.exitCode !== 0) throw new HelmError('get manifest', r)
    return r.stdout
  }

  async values(
    t: helmArgs.Target,
    o: { revision?: number; all?: boolean } = {}
  ): Promise<Record<string, unknown>> {
    const r = await this.read(helmArgs.getValuesArgs(t, o))
    if (r.exitCode !== 0) throw new HelmError('get values', r)
    const out = r.stdout.trim()
    return (out === '' || out === 'null' ? {} : JSON.parse(out)) as Record<string, unknown>
  }
}
