import { spawn, type ChildProcess } from 'node:child_process'
import { displayCommand } from './redact.js'
import { ExternalError, UserError } from '../errors/result.js'

export interface RunOptions {
  /** Written to the process's standard input (for example a password for --password-stdin). */
  input?: string
  env?: Record<string, string>
  cwd?: string
  /** Print the command line (redacted) before running it. Default true. */
  echo?: boolean
}

export interface CommandResult {
  exitCode: number
  /** The signal that ended the process, when it did not exit by itself. */
  signal?: string
  stdout: string
  stderr: string
}

/** A process still running: its result to come, and a way to signal it. */
export interface RunningCommand {
  done: Promise<CommandResult>
  /** Whether the process has exited (its result is settled). */
  exited(): boolean
  signal(signal: NodeJS.Signals): void
}

/** The one way the action starts processes: an executable and an argument array, never a shell. */
export interface CommandRunner {
  run(file: string, args: readonly string[], options?: RunOptions): Promise<CommandResult>
  start(file: string, args: readonly string[], options?: RunOptions): RunningCommand
}

export type Logger = (line: string) => void

const running = new Set<ChildProcess>()

/**
 * Runs processes with node:child_process rather than @actions/exec because the action must keep a
 * handle on each child: when the job is cancelled the runner signals only the node process, and
 * helm has to receive SIGINT/SIGTERM itself to mark the release failed instead of leaving it
 * pending-upgrade (helm/helm PR #9180).
 */
export function createProcessRunner(log: Logger): CommandRunner {
  const start = (
    file: string,
    args: readonly string[],
    options: RunOptions = {}
  ): RunningCommand => {
    if (options.echo !== false) log(`$ ${displayCommand(file, args)}`)
    let child: ChildProcess | undefined
    let settled = false
    const done = new Promise<CommandResult>((resolve, reject) => {
      const proc = spawn(file, [...args], {
        cwd: options.cwd,
        env: { ...process.env, ...options.env },
        stdio: ['pipe', 'pipe', 'pipe'],
        shell: false
      })
      child = proc
      running.add(proc)
      const out: Buffer[] = []
      const err: Buffer[] = []
      proc.stdout.on('data', (d: Buffer) => out.push(d))
      proc.stderr.on('data', (d: Buffer) => err.push(d))
      proc.on('error', (e: NodeJS.ErrnoException) => {
        running.delete(proc)
        settled = true
        reject(
          e.code === 'ENOENT'
            ? new UserError(`${file} was not found; install it or put it on PATH`)
            : new ExternalError(`could not start ${file}: ${e.message}`)
        )
      })
      proc.on('close', (code, signal) => {
        running.delete(proc)
        settled = true
        resolve({
          exitCode: code ?? 128,
          signal: signal ?? undefined,
          stdout: Buffer.concat(out).toString('utf8'),
          stderr: Buffer.concat(err).toString('utf8')
        })
      })
      proc.stdin.on('error', () => undefined)
      proc.stdin.end(options.input ?? '')
    })
    return {
      done,
      exited: () => settled,
      signal: (sig) => {
        if (!settled) child?.kill(sig)
      }
    }
  }
  return { start, run: (file, args, options) => start(file, args, options).done }
}

/** Sends a signal to every child process still running (cancellation forwarding). */
export function signalChildren(signal: NodeJS.Signals): number {
  for (const child of running) child.kill(signal)
  return running.size
}
