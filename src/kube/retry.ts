import pRetry from 'p-retry'
import type { CommandResult } from '../exec/runner.js'
import { ExternalError } from '../errors/result.js'

/**
 * What a failed kubectl or helm call means for whoever reads it:
 * - `transient`: the API server was unreachable, overloaded or timed out; the same read may
 *   succeed in a moment (429, 5xx, timeouts, refused or reset connections, TLS handshake timeout).
 * - `forbidden`: RBAC denies it; retrying will not help, optional reads may do without it.
 * - `not-found`: the object does not exist (an answer, not a failure).
 * - `conflict`: optimistic concurrency lost (the object changed or already exists).
 * - `permanent`: anything else (bad arguments, invalid object, authentication refused).
 */
export type FailureKind = 'transient' | 'forbidden' | 'not-found' | 'conflict' | 'permanent'

// Texts client-go, kubectl and helm print for each kind. Kubernetes status reasons
// (k8s.io/apimachinery/pkg/api/errors) and Go net/http client errors are matched as printed,
// since a CLI gives nothing richer than its stderr and exit code.
const TRANSIENT: readonly RegExp[] = [
  /Unable to connect to the server/i,
  /TLS handshake timeout/i,
  /connection refused/i,
  /The connection to the server \S+ was refused/i,
  /connection reset by peer/i,
  /broken pipe/i,
  /no route to host/i,
  /network is unreachable/i,
  /i\/o timeout/i,
  /context deadline exceeded/i,
  /Client\.Timeout exceeded/i,
  /net\/http: request canceled/i,
  /http2: (?:client connection lost|server sent GOAWAY)/i,
  /unexpected EOF|: EOF\s*$/im,
  /\(Timeout\)|the server was unable to return a response in the time allotted/i,
  /Timeout: request did not complete within/i,
  /the server is currently unable to handle the request|ServiceUnavailable|Service Unavailable/i,
  /TooManyRequests|too many requests|rate limit/i,
  /\(InternalError\)|Internal error occurred|InternalServerError/i,
  /Bad Gateway|Gateway Timeout|status code:? 5\d\d/i,
  /an error on the server .* has prevented the request from succeeding/i,
  /etcdserver: (?:request timed out|leader changed|too many requests)/i
]
const FORBIDDEN = /\(Forbidden\)|\bis forbidden\b|\bforbidden:/i
const NOT_FOUND = /\(NotFound\)|\bnot found\b/i
const CONFLICT =
  /\(Conflict\)|\(AlreadyExists\)|already exists|the object has been modified|please apply your changes to the latest version/i

/**
 * Classifies a failed command by what it printed. A command ended by a signal is not transient:
 * that is the job being cancelled, and retrying would outlive it.
 */
export function classifyFailure(r: Pick<CommandResult, 'stderr'>): FailureKind {
  const text = r.stderr
  // Unreachable first: a message such as "Unable to connect ...: EOF" must not read as an answer.
  if (TRANSIENT.some((re) => re.test(text))) return 'transient'
  if (FORBIDDEN.test(text)) return 'forbidden'
  if (CONFLICT.test(text)) return 'conflict'
  if (NOT_FOUND.test(text)) return 'not-found'
  return 'permanent'
}

/**
 * A read that stayed unanswerable (the cluster unreachable) until its retry window closed. Nothing
 * may be concluded from it: callers report the outcome as unknown instead of failed.
 */
export class UnreachableError extends ExternalError {
  constructor(
    readonly what: string,
    readonly attempts: number,
    readonly seconds: number,
    readonly result: CommandResult
  ) {
    super(
      `${what} failed ${attempts} time(s) over ${seconds}s, the cluster did not answer: ${lastLine(result.stderr)}`
    )
    this.name = 'UnreachableError'
  }
}

const lastLine = (text: string): string => text.trim().split('\n').at(-1) ?? ''

export interface RetryPolicy {
  /**
   * Absolute time (ms since the epoch) after which no retry is started: the run's deadline.
   * Undefined means only `minWindowMs` bounds retrying.
   */
  deadline?: () => number | undefined
  /**
   * Every read may retry at least this long, even past the deadline, so that the final status
   * read of a run that used its whole timeout still survives a short outage.
   */
  minWindowMs: number
  /** First delay between attempts; doubles up to maxDelayMs. */
  minDelayMs: number
  maxDelayMs: number
  now?: () => number
  /** Told about every failed attempt that will be retried. */
  log?: (line: string) => void
}

export const defaultRetryPolicy = (log?: (line: string) => void): RetryPolicy => ({
  minWindowMs: 60_000,
  minDelayMs: 500,
  maxDelayMs: 5_000,
  log
})

class Transient extends Error {
  constructor(readonly result: CommandResult) {
    super(lastLine(result.stderr))
  }
}

/**
 * Runs a read and repeats it with exponential backoff while it fails transiently, within the
 * policy's window. Returns the first result that is not a transient failure (success or an answer
 * such as NotFound/Forbidden, for the caller to interpret); throws UnreachableError when the window
 * closes. Only for reads: a write that failed in transit may have been applied.
 */
export async function retryRead(
  what: string,
  attempt: () => Promise<CommandResult>,
  policy: RetryPolicy
): Promise<CommandResult> {
  const now = policy.now ?? Date.now
  const started = now()
  const deadline = policy.deadline?.()
  const window = Math.max(policy.minWindowMs, deadline === undefined ? 0 : deadline - started)
  let attempts = 0
  try {
    return await pRetry(
      async () => {
        attempts++
        const r = await attempt()
        if (r.exitCode !== 0 && classifyFailure(r) === 'transient') throw new Transient(r)
        return r
      },
      {
        retries: Infinity,
        minTimeout: policy.minDelayMs,
        maxTimeout: policy.maxDelayMs,
        factor: 2,
        randomize: true,
        maxRetryTime: window,
        onFailedAttempt: ({ error, retryDelay }) => {
          if (retryDelay > 0)
            policy.log?.(
              `${what}: the cluster did not answer (${error.message}); retrying in ${(retryDelay / 1000).toFixed(1)}s`
            )
        }
      }
    )
  } catch (e) {
    if (e instanceof Transient)
      throw new UnreachableError(what, attempts, Math.round((now() - started) / 1000), e.result)
    throw e
  }
}
