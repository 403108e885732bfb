// The clock a run waits by: the system's, or a test's that moves only when told.

export interface Clock {
  now(): Date
  /**
   * Resolves after `ms`, or as soon as `signal` aborts: a wait that lost a race is stopped, so
   * its timer does not hold the process open after the run is done.
   */
  sleep(ms: number, signal?: AbortSignal): Promise<void>
}

export const systemClock: Clock = {
  now: () => new Date(),
  sleep: (ms, signal) =>
    new Promise((resolve) => {
      if (signal?.aborted) return resolve()
      const done = (): void => {
        clearTimeout(timer)
        signal?.removeEventListener('abort', done)
        resolve()
      }
      const timer = setTimeout(done, ms)
      signal?.addEventListener('abort', done, { once: true })
    })
}
