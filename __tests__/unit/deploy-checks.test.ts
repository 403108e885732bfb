import { describe, expect, it } from '@jest/globals'
import type { CommandResult } from '../../src/exec/runner.js'
import {
  healthChecks,
  helmTest,
  postRolloutChecks,
  runChecks,
  type CheckVerdict,
  type PostRolloutCheck
} from '../../src/verify/checks.js'
import type { Clock } from '../../src/run/clock.js'

/** A clock whose sleeps move time on at once. */
function fakeClock(): Clock {
  let now = Date.parse('2026-12-01T10:00:00Z')
  return {
    now: () => new Date(now),
    sleep: async (ms) => {
      now += ms
    }
  }
}

/** fetch answering each URL with the statuses given, the last one repeated. */
function fakeFetch(answers: Record<string, Array<number | 'refused'>>): {
  fetchImpl: typeof fetch
  hits: string[]
} {
  const hits: string[] = []
  const fetchImpl = (async (input: string | URL | Request) => {
    const url = input instanceof Request ? input.url : input.toString()
    hits.push(url)
    const list = answers[url]
    const answer = list.length > 1 ? list.shift()! : list[0]
    if (answer === 'refused')
      throw Object.assign(new TypeError('fetch failed'), { cause: { code: 'ECONNREFUSED' } })
    return new Response(null, { status: answer })
  }) as typeof fetch
  return { fetchImpl, hits }
}

const check = (name: string, verdict: CheckVerdict, ran: string[]): PostRolloutCheck => ({
  name,
  run: async () => {
    ran.push(name)
    return verdict
  }
})

const exit = (exitCode: number, stderr = ''): CommandResult => ({ exitCode, stdout: '', stderr })

describe('runChecks', () => {
  it.each<[string, CheckVerdict[], string | undefined, string[]]>([
    ['passes when every check passes', [{ passed: true }, { passed: true }], undefined, ['a', 'b']],
    ['passes an empty list', [], undefined, []],
    [
      'stops at the first failure and returns it',
      [{ passed: true }, { passed: false, failure: 'b failed' }, { passed: true }],
      'b failed',
      ['a', 'b']
    ],
    [
      'never runs a later check after an earlier one failed',
      [
        { passed: false, failure: 'a failed' },
        { passed: false, failure: 'b failed' }
      ],
      'a failed',
      ['a']
    ]
  ])('%s', async (_name, verdicts, failure, ran) => {
    const order: string[] = []
    const checks = verdicts.map((v, i) => check(String.fromCharCode(97 + i), v, order))
    expect(await runChecks(checks)).toBe(failure)
    expect(order).toEqual(ran)
  })
})

describe('health checks', () => {
  const ready = { url: 'http://goatflow.test/ready', expectedStatus: 200 }
  const live = { url: 'http://goatflow.test/live', expectedStatus: 204 }

  it.each<[string, Record<string, Array<number | 'refused'>>, CheckVerdict]>([
    [
      'pass when every URL answers its expected status',
      { [ready.url]: [200], [live.url]: [204] },
      { passed: true }
    ],
    [
      'pass when a URL answers after a few refused connections',
      { [ready.url]: ['refused', 503, 200], [live.url]: [204] },
      { passed: true }
    ],
    [
      'fail naming each URL that never answered as expected',
      { [ready.url]: [503], [live.url]: ['refused'] },
      {
        passed: false,
        failure:
          'health check failed: http://goatflow.test/ready answered 503, expected 200; http://goatflow.test/live request failed: ECONNREFUSED'
      }
    ],
    [
      'fail on one URL and still poll the others',
      { [ready.url]: [200], [live.url]: [200] },
      {
        passed: false,
        failure: 'health check failed: http://goatflow.test/live answered 200, expected 204'
      }
    ]
  ])('%s', async (_name, answers, verdict) => {
    const { fetchImpl, hits } = fakeFetch(answers)
    const lines: string[] = []
    const health = healthChecks([ready, live], 10, {
      clock: fakeClock(),
      log: (l) => lines.push(l),
      fetchImpl
    })
    expect(await health.run()).toEqual(verdict)
    expect(health.results.map((r) => r.url)).toEqual([ready.url, live.url])
    expect(new Set(hits)).toEqual(new Set([ready.url, live.url]))
    expect(lines).toHaveLength(2)
    expect(lines[0]).toMatch(/^Health check http:\/\/goatflow.test\/ready: (ok|FAILED) \(/)
  })

  it('pass with no URLs configured', async () => {
    const health = healthChecks([], 10, { clock: fakeClock(), log: () => {} })
    expect(await health.run()).toEqual({ passed: true })
    expect(health.results).toEqual([])
  })
})

describe('helm test', () => {
  it('passes when helm test exits 0', async () => {
    expect(await helmTest(async () => exit(0)).run()).toEqual({ passed: true })
  })

  it('fails with what helm said', async () => {
    const verdict = await helmTest(async () =>
      exit(1, 'Error: 1 error occurred:\n\t* pod goatflow-test-connection failed')
    ).run()
    expect(verdict).toEqual({
      passed: false,
      failure: expect.stringMatching(
        /^helm test failed: helm test failed \(exit 1\): Error: 1 error occurred:[\s\S]*goatflow-test-connection failed/
      )
    })
  })
})

describe('postRolloutChecks', () => {
  const tools = { clock: fakeClock(), log: () => {}, helmTest: async () => exit(0) }
  it.each<[string, boolean, string[]]>([
    ['health checks, then helm test when run-tests is on', true, ['health checks', 'helm test']],
    ['health checks only when run-tests is off', false, ['health checks']]
  ])('%s', (_name, runTests, names) => {
    const { checks, health } = postRolloutChecks(
      { healthChecks: [], healthCheckTimeoutSeconds: 5, runTests },
      tools
    )
    expect(checks.map((c) => c.name)).toEqual(names)
    expect(checks[0]).toBe(health)
  })
})
