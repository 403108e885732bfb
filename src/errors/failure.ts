import { ExternalError, UserError } from './result.js'

export const BUG_NOTICE =
  'This is a bug in deploy-action; please report it with this log at https://github.com/goatflow/deploy-action/issues'

/**
 * An Error of any realm: Node's own errors (fs, child processes, an aborted signal's
 * DOMException) need not be instances of this module's Error.
 */
const isErrorLike = (e: unknown): e is Error =>
  typeof e === 'object' &&
  e !== null &&
  typeof (e as { message?: unknown }).message === 'string' &&
  typeof (e as { name?: unknown }).name === 'string'

/** An error of the operating system (a file, a process, a socket): ENOENT, EACCES, ECONNRESET... */
const isSystemError = (e: Error): boolean => {
  const code = (e as { code?: unknown }).code
  return typeof code === 'string' && /^E[A-Z0-9_]+$/.test(code)
}

/**
 * Whether a thrown value is an error the action expects, whose message is complete for the person
 * running the workflow: a UserError, an ExternalError (helm, kubectl, the cluster, a download),
 * an operating-system error or a cancellation. Anything else (a TypeError, a ReferenceError, a
 * plain Error, a thrown non-Error) is a bug of the action.
 */
export function isExpectedError(e: unknown): e is Error {
  return (
    e instanceof UserError ||
    e instanceof ExternalError ||
    (isErrorLike(e) && (isSystemError(e) || e.name === 'AbortError'))
  )
}

/**
 * What the step fails with. An expected error stays short: its message. A bug prints its stack
 * (and its causes') and asks for a report.
 */
export function failureText(e: unknown): string {
  if (isExpectedError(e)) return e.message
  return `${describeBug(e)}\n${BUG_NOTICE}`
}

function describeBug(e: unknown): string {
  if (!isErrorLike(e)) return `deploy-action threw a value that is not an Error: ${show(e)}`
  const lines = [e.stack ?? `${e.name}: ${e.message}`]
  for (let cause = e.cause, depth = 0; cause !== undefined && depth < 5; depth++) {
    lines.push(`Caused by: ${isErrorLike(cause) ? (cause.stack ?? cause.message) : show(cause)}`)
    cause = isErrorLike(cause) ? cause.cause : undefined
  }
  return lines.join('\n')
}

function show(v: unknown): string {
  if (typeof v === 'string') return v
  try {
    return JSON.stringify(v) ?? String(v)
  } catch {
    return Object.prototype.toString.call(v)
  }
}
