/**
 * A promise that settles when `signal` aborts, and the function that stops listening. A loop that
 * races a wait against cancellation on every round must stop listening after each race: a
 * listener left behind per round piles up on the run's one signal for as long as a rollout or
 * a metrics gate lasts (Node warns past ten).
 */
export function whenAborted(signal: AbortSignal | undefined): {
  promise: Promise<void>
  stop: () => void
} {
  if (!signal) return { promise: new Promise<void>(() => undefined), stop: () => undefined }
  if (signal.aborted) return { promise: Promise.resolve(), stop: () => undefined }
  let listener: () => void = () => undefined
  const promise = new Promise<void>((resolve) => {
    listener = () => resolve()
    signal.addEventListener('abort', listener, { once: true })
  })
  return { promise, stop: () => signal.removeEventListener('abort', listener) }
}

/** Waits for `wait`, or less when `signal` aborts first; leaves no listener behind. */
export async function raceAbort(
  wait: Promise<unknown>,
  signal: AbortSignal | undefined
): Promise<void> {
  const aborted = whenAborted(signal)
  try {
    await Promise.race([wait, aborted.promise])
  } finally {
    aborted.stop()
  }
}
