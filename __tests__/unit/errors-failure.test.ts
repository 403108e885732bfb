import { describe, expect, it, jest } from '@jest/globals'
import { readFileSync } from 'node:fs'
import type { CommandRunner } from '../../src/exec/runner.js'
import { BUG_NOTICE, failureText, isExpectedError } from '../../src/errors/failure.js'
import { ExternalError, UserError } from '../../src/errors/result.js'
import { HelmError } from '../../src/helm/helm.js'
import { KubectlError } from '../../src/kube/kubectl.js'
import { UnreachableError } from '../../src/kube/retry.js'
import { ApiStatusError } from '../../src/kube/watch-stream.js'

const failed = {
  exitCode: 1,
  stdout: '',
  stderr: 'Error: UPGRADE FAILED: context deadline exceeded'
}

/** A real operating-system error, as fs throws it. */
function systemError(): Error {
  try {
    readFileSync('/nonexistent/values.yaml')
  } catch (e) {
    return e as Error
  }
  throw new Error('reading a missing file did not fail')
}

const abortError = (): Error => {
  const c = new AbortController()
  c.abort()
  return c.signal.reason as Error
}

describe('errors the action expects stay short: their message, nothing else', () => {
  it.each([
    ['a UserError', new UserError('Input "release" "Bad_Name": expected a DNS-1035 label')],
    ['an ExternalError', new ExternalError('kubectl proxy did not start within 30s: refused')],
    ['a HelmError', new HelmError('upgrade', failed)],
    ['a KubectlError', new KubectlError('get pods', { ...failed, stderr: 'pods is forbidden' })],
    ['an UnreachableError', new UnreachableError('helm history', 4, 60, failed)],
    ['an ApiStatusError', new ApiStatusError('pods', { status: 403, body: '{}' })],
    ['an operating-system error', systemError()],
    ['a cancellation', abortError()]
  ])('%s', (_, e) => {
    expect(isExpectedError(e)).toBe(true)
    expect(failureText(e)).toBe(e.message)
    expect(failureText(e)).not.toContain(BUG_NOTICE)
  })
})

describe('anything else is a bug: its stack and a request to report it', () => {
  const undefinedRead = (): Error => {
    try {
      const release = undefined as unknown as { revision: number }
      return new Error(String(release.revision))
    } catch (e) {
      return e as Error
    }
  }
  it.each([
    ['a TypeError', undefinedRead(), 'TypeError: Cannot read properties of undefined'],
    ['a ReferenceError', new ReferenceError('revison is not defined'), 'ReferenceError: revison'],
    ['a plain Error', new Error('the release watch was closed'), 'Error: the release watch was'],
    ['a RangeError', new RangeError('Invalid array length'), 'RangeError: Invalid array length']
  ])('%s', (_, e, head) => {
    expect(isExpectedError(e)).toBe(false)
    const text = failureText(e)
    expect(text.startsWith(head)).toBe(true)
    expect(text).toContain(`\n    at `)
    expect(text.endsWith(BUG_NOTICE)).toBe(true)
  })

  it.each([
    ['a string', 'boom', 'boom'],
    ['an object', { reason: 'x' }, '{"reason":"x"}'],
    ['undefined', undefined, 'undefined']
  ])('a thrown value that is no Error: %s', (_, value, shown) => {
    expect(isExpectedError(value)).toBe(false)
    expect(failureText(value)).toBe(
      `deploy-action threw a value that is not an Error: ${shown}\n${BUG_NOTICE}`
    )
  })

  it('includes the stack of what caused it', () => {
    const e = new TypeError('x is not a function', { cause: new RangeError('too deep') })
    expect(failureText(e)).toMatch(
      /^TypeError: x is not a function\n[\s\S]*Caused by: RangeError: too deep\n/
    )
  })

  it("includes the stack of a cause Node's own realm made", () => {
    const e = new TypeError('values is not iterable', { cause: systemError() })
    expect(failureText(e)).toContain('\nCaused by: Error: ENOENT: no such file or directory')
  })

  it('says it is a bug in deploy-action and asks for the log', () => {
    expect(BUG_NOTICE).toMatch(/^This is a bug in deploy-action; please report it with this log/)
  })
})

describe('the main step fails with that text', () => {
  const setFailed = jest.fn<(m: string) => void>()
  const mockCore = async () => {
    const real = await import('@actions/core')
    jest.unstable_mockModule('@actions/core', () => ({
      ...real,
      setFailed,
      setOutput: jest.fn(),
      saveState: jest.fn(),
      info: jest.fn(),
      setSecret: jest.fn()
    }))
    return (await import('../../src/main.js')).run
  }
  const throwingRunner = (e: Error): CommandRunner => ({
    run: () => Promise.reject(e),
    start: () => {
      throw e
    }
  })
  const read = (n: string): string =>
    ({ release: 'web', chart: 'examples/charts/goatflow', mode: 'validate' })[n] ?? ''

  it.each([
    ['a bug', new TypeError("Cannot read properties of undefined (reading 'stdout')"), true],
    [
      'helm missing from the runner',
      new UserError('helm was not found; install it or put it on PATH'),
      false
    ]
  ])('%s', async (_, error, bug) => {
    const run = await mockCore()
    await run({ read, runner: throwingRunner(error) })
    const message = setFailed.mock.calls.at(-1)?.[0] ?? ''
    expect(message.includes(BUG_NOTICE)).toBe(bug)
    expect(message.includes('\n    at ')).toBe(bug)
    expect(message.startsWith(bug ? `TypeError: ${error.message}` : error.message)).toBe(true)
  })
})
