import { getEventListeners } from 'node:events'
import { describe, expect, it } from '@jest/globals'
import { raceAbort, whenAborted } from '../../src/run/abort.js'

const listeners = (s: AbortSignal): number => getEventListeners(s, 'abort').length

describe('waiting against cancellation', () => {
  it('leaves no listener on the signal once the wait has ended', async () => {
    const cancel = new AbortController()
    for (let i = 0; i < 50; i++) await raceAbort(Promise.resolve(), cancel.signal)
    expect(listeners(cancel.signal)).toBe(0)
  })

  it('ends the wait when the signal aborts', async () => {
    const cancel = new AbortController()
    const forever = new Promise<void>(() => undefined)
    const waiting = raceAbort(forever, cancel.signal)
    expect(listeners(cancel.signal)).toBe(1)
    cancel.abort()
    await expect(waiting).resolves.toBeUndefined()
    expect(listeners(cancel.signal)).toBe(0)
  })

  it('is settled at once for a signal that has already aborted', async () => {
    const cancel = new AbortController()
    cancel.abort()
    await expect(whenAborted(cancel.signal).promise).resolves.toBeUndefined()
  })

  it('waits for the promise alone without a signal', async () => {
    await expect(raceAbort(Promise.resolve('done'), undefined)).resolves.toBeUndefined()
  })
})
