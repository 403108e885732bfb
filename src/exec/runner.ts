import { spawn, type ChildProcess } from 'node:child_process'
import { displayCommand } from './redact.js'

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

/** The one way the action starts processes: an executable and an argument array, never a shell. */
export interface CommandRunner {
  run(file: string, args: readonly string[], options?: RunOptions): Promise<CommandResult>
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
  return {
    run(file, args, options = {}) {
      if (options.echo !== false) log(`$ ${displayCommand(file, args)}`)
      return new Promise((resolve, reject) => {
        const child = spawn(file, [...args], {
          cwd: options.cwd,
          env: { ...process.env, ...options.env },
          stdio: ['pipe', 'pipe', 'pipe'],
          shell: false
        })
        running.add(child)
        const out: Buffer[] = []
        const err: Buffer[] = []
        child.stdout.on('data', (d: Buffer) => out.push(d))
        child.stderr.on('data', (d: Buffer) => err.push(d))
        child.on('error', (e: NodeJS.ErrnoException) => {
          running.delete(child)
          reject(
            e.code === 'ENOENT'
              ? new Error(`${file} was not found; install it or put it on PATH`)
              : new Error(`could not start ${file}: ${e.message}`)
          )
        })
        child.on('close', (code, signal) => {
          running.delete(child)
          resolve({
            exitCode: code ?? 128,
            signal: signal ?? undefined,
            stdout: Buffer.concat(out).toString('utf8'),
            stderr: Buffer.concat(err).toString('utf8')
          })
        })
        child.stdin.on('error', () => undefined)
        child.stdin.end(options.input ?? '')
      })
    }
  }
}

/** Sends a signal to every child process still running (cancellation forwarding). */
export function signalChildren(signal: NodeJS.Signals): number {
  for (const child of running) child.kill(signal)
  return running.size
}
