/** Errors as values: a parser either yields a value or says what is wrong and how to fix it. */
export type Result<T> = { ok: true; value: T } | { ok: false; error: string }

export const ok = <T>(value: T): Result<T> => ({ ok: true, value })
export const fail = <T = never>(error: string): Result<T> => ({ ok: false, error })

/** An error meant for the person running the workflow: the message is complete as it is. */
export class UserError extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'UserError'
  }
}

/**
 * Something the action depends on failed or answered unexpectedly: the cluster, helm, kubectl, a
 * download, GitHub's API. The message says what and is complete as it is; it is no bug of the
 * action. HelmError, KubectlError, UnreachableError and ApiStatusError are ExternalErrors.
 */
export class ExternalError extends Error {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options)
    this.name = 'ExternalError'
  }
}
