import { describe, expect, it } from '@jest/globals'
import { analysisSecrets, fillPlaceholders, type GateQuery } from '../../src/analysis/config.js'
import { metricsGateCheck } from '../../src/analysis/check.js'
import { runGate } from '../../src/analysis/gate.js'
import { parseAnalysis, parseCondition } from '../../src/analysis/parse.js'
import { readAnswer, sampleValue } from '../../src/analysis/prometheus.js'
import {
  decideGate,
  formatValue,
  judgeSample,
  type Measurement,
  type QueryRecord,
  type Sample
} from '../../src/analysis/verdict.js'
import { postRolloutChecks, runChecks } from '../../src/verify/checks.js'
import type { Clock } from '../../src/run/clock.js'

const none = { token: '', basicAuth: '' }
const GATE = `prometheus: http://prometheus.monitoring:9090/
interval: 10s
duration: 30s
failure-limit: 1
queries:
  - name: error-rate
    query: sum(rate(http_requests_total{slot="{{slot}}",code=~"5.."}[1m])) / sum(rate(http_requests_total{slot="{{ slot }}"}[1m]))
    success: "< 0.05"
  - name: up
    query: min(up{namespace="{{namespace}}"})
    success: "== 1"
    no-data: pass
`

describe('the analysis input', () => {
  it('reads a gate: the first measurement at once, then one every interval for the duration', () => {
    const { value, problems } = parseAnalysis(GATE, none)
    expect(problems).toEqual([])
    expect(value).toMatchObject({
      url: 'http://prometheus.monitoring:9090',
      intervalSeconds: 10,
      count: 4,
      afterSwitchCount: 4,
      failureLimit: 1,
      onUnreachable: 'fail',
      headers: {},
      queries: [
        { name: 'error-rate', success: { op: '<', threshold: 0.05 }, noData: 'fail' },
        { name: 'up', success: { op: '==', threshold: 1 }, noData: 'pass' }
      ]
    })
  })

  it.each([
    ['count: 3\ninterval: 5s', { count: 3, afterSwitchCount: 3, intervalSeconds: 5 }],
    ['interval: 10s\nduration: 1m\nafter-switch: 20s', { count: 7, afterSwitchCount: 3 }],
    ['after-switch: 0', { count: 5, afterSwitchCount: 0 }],
    ['interval: 30s\nduration: 20s', { count: 1, afterSwitchCount: 1 }],
    ['on-unreachable: ignore\nno-data: pass', { onUnreachable: 'ignore' }],
    ['headers: {X-Scope-OrgID: goatflow}', { headers: { 'X-Scope-OrgID': 'goatflow' } }]
  ])('reads %j', (extra, expected) => {
    const raw = `prometheus: https://prom.example.com\n${extra}\nqueries: [{name: q, query: up, success: "> 0"}]`
    const { value, problems } = parseAnalysis(raw, none)
    expect(problems).toEqual([])
    expect(value).toMatchObject(expected)
  })

  it('is off when empty', () => {
    expect(parseAnalysis('', none)).toEqual({ problems: [] })
  })

  it('reports every problem at once, each naming the field, the value and what is accepted', () => {
    const { value, problems } = parseAnalysis(
      `prometheus: ftp://prom
interval: 30
duration: 1m
count: 2
failure-limit: -1
on-unreachable: maybe
colour: blue
headers: {Authorization: Bearer abc}
queries:
  - name: error rate
    query: ''
    success: "<< 0.05"
  - {name: b, query: up, success: ">= x", when: always}
`,
      none
    )
    expect(value).toBeUndefined()
    expect(problems).toEqual([
      'unknown field "colour"; the fields are prometheus, interval, duration, count, failure-limit, on-unreachable, no-data, after-switch, headers, queries',
      'field "prometheus" "ftp://prom" uses ftp://; expected http or https://',
      'field "interval" "30" has no unit; expected a duration such as 300s, 5m or 1h30m (did you mean 30s?)',
      'fields "duration" and "count" both set; give one (count = measurements per query)',
      'field "failure-limit" "-1": expected a whole number, 0 or more',
      'field "on-unreachable" "maybe": expected fail or ignore',
      'field "headers": give credentials in the analysis-token or analysis-basic-auth input (masked in every log), not as an Authorization header',
      'queries[0].name "error rate": expected a short name such as error-rate (letters, digits, - _ .)',
      'queries[0].query is required: a PromQL expression',
      'queries[0].success "<< 0.05" is not a condition; write a comparison and a number, for example "< 0.05", ">= 0.99" or "== 0"',
      'queries[1]: unknown field "when"; a query has name, query, success, no-data',
      'queries[1].success ">= x" is not a condition; write a comparison and a number, for example "< 0.05", ">= 0.99" or "== 0"'
    ])
  })

  it.each([
    ['prometheus: [', /^is not valid YAML/],
    ['- a\n- b', /^must be a YAML mapping/],
    ['prometheus: http://p', /^field "queries" is required/]
  ])('refuses %j', (raw, message) => {
    expect(parseAnalysis(raw, none).problems[0]).toMatch(message)
  })

  it.each([
    [
      { token: 't0ken-abc', basicAuth: '' },
      { kind: 'bearer', token: 't0ken-abc' }
    ],
    [
      { token: '', basicAuth: 'grafana:s3cret:with:colons' },
      { kind: 'basic', username: 'grafana', password: 's3cret:with:colons' }
    ]
  ])('takes credentials from their own inputs: %j', (creds, auth) => {
    expect(parseAnalysis(GATE, creds).value?.auth).toEqual(auth)
  })

  it.each([
    [{ token: 'a', basicAuth: 'u:p' }, 'analysis-token and analysis-basic-auth are both set'],
    [{ token: '', basicAuth: 'nocolon' }, 'analysis-basic-auth: expected user:password'],
    [{ token: 'x', basicAuth: '' }, 'analysis-token is set but "analysis" is empty']
  ])('refuses credentials %j without showing them', (creds, message) => {
    const raw = message.includes('empty') ? '' : GATE
    const { problems } = parseAnalysis(raw, creds)
    expect(problems.join('\n')).toContain(message)
    expect(problems.join('\n')).not.toContain('nocolon')
  })

  it('lists every secret of the gate for masking: token, password, credential headers, URL password', () => {
    const { value } = parseAnalysis(
      'prometheus: https://u:urlpass1@prom.example.com\nheaders: {X-Api-Key: headerkey1, X-Scope-OrgID: tenant}\nqueries: [{name: q, query: up, success: "> 0"}]',
      { token: '', basicAuth: 'user:basicpw1' }
    )
    expect(analysisSecrets(value)).toEqual(['basicpw1', 'headerkey1', 'urlpass1'])
  })
})

describe('conditions', () => {
  it.each([
    ['< 0.05', '<', 0.05],
    ['<=0.5', '<=', 0.5],
    ['>= 99.9', '>=', 99.9],
    ['== 0', '==', 0],
    ['!= -1', '!=', -1],
    ['> 1e3', '>', 1000]
  ])('reads %j', (raw, op, threshold) => {
    expect(parseCondition(raw)).toMatchObject({ ok: true, value: { op, threshold } })
  })
})

const q = (success: string, noData: 'fail' | 'pass' = 'fail'): GateQuery => {
  const c = parseCondition(success)
  if (!c.ok) throw new Error(c.error)
  return { name: 'q', query: 'x', success: c.value, noData }
}
const values = (...v: number[]): Sample => ({
  kind: 'values',
  values: v.map((value, i) => ({ series: v.length > 1 ? `{pod="p${i}"}` : '', value }))
})

describe('one measurement', () => {
  it.each([
    ['a value within the condition', q('< 0.05'), values(0.01), 'pass', false],
    ['a value on the wrong side', q('< 0.05'), values(0.2), 'fail', true],
    ['the threshold itself for <', q('< 0.05'), values(0.05), 'fail', true],
    ['the threshold itself for <=', q('<= 0.05'), values(0.05), 'pass', false],
    ['every series must pass', q('< 0.05'), values(0.01, 0.3), 'fail', true],
    ['+Inf (a latency with no bucket)', q('< 1'), values(Infinity), 'fail', true],
    ['an empty vector, no-data: fail', q('< 0.05'), values(), 'no-data', true],
    ['an empty vector, no-data: pass', q('< 0.05', 'pass'), values(), 'no-data', false],
    ['NaN (0/0: no requests at all)', q('< 0.05'), values(NaN), 'no-data', true],
    ['NaN beside a real value', q('< 0.05'), values(NaN, 0.01), 'pass', false],
    [
      'no answer',
      q('< 0.05'),
      { kind: 'unreachable' as const, detail: 'ECONNREFUSED' },
      'unreachable',
      false
    ],
    [
      'a refused query',
      q('< 0.05'),
      { kind: 'rejected' as const, detail: 'HTTP 400 bad_data' },
      'rejected',
      true
    ]
  ])('%s', (_what, query, sample, outcome, failed) => {
    expect(judgeSample(query, sample, 0)).toMatchObject({ outcome, failed })
  })

  it('says which series broke the condition', () => {
    expect(judgeSample(q('< 0.05'), values(0.01, 0.25), 3).detail).toBe('{pod="p1"}0.25 not < 0.05')
  })
})

const m = (outcome: Measurement['outcome'], failed = outcome === 'fail'): Measurement => ({
  at: 0,
  outcome,
  failed,
  values: [],
  detail: outcome
})
const rec = (name: string, ...ms: Measurement[]): QueryRecord => ({
  name,
  query: 'x',
  success: { op: '<', threshold: 1, text: '< 1' },
  measurements: ms
})
const fail = { failureLimit: 1, onUnreachable: 'fail' as const, url: 'http://prom' }
const ignore = { ...fail, onUnreachable: 'ignore' as const }

describe('the gate verdict', () => {
  it.each([
    ['all measured and passing', [rec('a', m('pass'), m('pass'), m('pass'))], fail, 'passed'],
    ['still measuring', [rec('a', m('pass'))], fail, 'continue'],
    ['failures within the limit', [rec('a', m('fail'), m('pass'), m('pass'))], fail, 'passed'],
    ['one failure over the limit, early', [rec('a', m('fail'), m('fail'))], fail, 'failed'],
    [
      'any query failing fails the gate',
      [rec('a', m('pass'), m('pass')), rec('b', m('fail'), m('fail'))],
      fail,
      'failed'
    ],
    [
      'no data counted as failures',
      [rec('a', m('no-data', true), m('no-data', true))],
      fail,
      'failed'
    ],
    [
      'no data counted as passing',
      [rec('a', m('no-data'), m('no-data'), m('no-data'))],
      fail,
      'passed'
    ],
    ['a refused query fails at once', [rec('a', m('rejected'))], ignore, 'failed'],
    [
      'unanswered within the limit',
      [rec('a', m('unreachable'), m('pass'), m('pass'))],
      fail,
      'passed'
    ],
    [
      'unanswered over the limit',
      [rec('a', m('unreachable'), m('unreachable'))],
      fail,
      'unreachable'
    ],
    [
      'unanswered over the limit, ignore',
      [rec('a', m('unreachable'), m('unreachable'))],
      ignore,
      'ignored'
    ],
    [
      'never answered, even within a large limit, is not a pass',
      [rec('a', m('unreachable'), m('unreachable'), m('unreachable'))],
      { ...fail, failureLimit: 5 },
      'unreachable'
    ],
    [
      'failures win over unanswered',
      [rec('a', m('fail'), m('fail')), rec('b', m('unreachable'), m('unreachable'))],
      ignore,
      'failed'
    ]
  ])('%s', (_what, records, c, kind) => {
    expect(decideGate(records, c, 3).kind).toBe(kind)
  })

  it('explains a failure with the values that broke it and the limit', () => {
    const v = decideGate([rec('error-rate', m('fail'), m('pass'), m('fail'))], fail, 5)
    expect(v).toEqual({
      kind: 'failed',
      reason: 'query error-rate failed 2 of 3 measurement(s) (failure-limit 1): fail; fail'
    })
  })

  it('never passes silently when the endpoint is down: the verdict names the input', () => {
    const down = [rec('a', m('unreachable'), m('unreachable'))]
    expect(decideGate(down, fail, 3)).toMatchObject({
      reason: expect.stringMatching(
        /could not be evaluated.*on-unreachable: fail.*on-unreachable: ignore/
      )
    })
    expect(decideGate(down, ignore, 3)).toMatchObject({
      reason: expect.stringMatching(/^the metrics gate was NOT evaluated: .*on-unreachable: ignore/)
    })
  })
})

describe('Prometheus answers', () => {
  const ok = (data: unknown) => JSON.stringify({ status: 'success', data })
  it.each([
    [
      'a vector',
      200,
      ok({ resultType: 'vector', result: [{ metric: { code: '500' }, value: [1, '0.25'] }] }),
      { kind: 'values', values: [{ series: '{code="500"}', value: 0.25 }] }
    ],
    [
      'a named series drops __name__',
      200,
      ok({ resultType: 'vector', result: [{ metric: { __name__: 'up' }, value: [1, '1'] }] }),
      { kind: 'values', values: [{ series: '', value: 1 }] }
    ],
    [
      'an empty vector',
      200,
      ok({ resultType: 'vector', result: [] }),
      { kind: 'values', values: [] }
    ],
    [
      'a scalar',
      200,
      ok({ resultType: 'scalar', result: [1, '+Inf'] }),
      { kind: 'values', values: [{ series: '', value: Infinity }] }
    ],
    ['a matrix', 200, ok({ resultType: 'matrix', result: [] }), { kind: 'rejected' }],
    [
      'bad PromQL',
      400,
      JSON.stringify({ status: 'error', errorType: 'bad_data', error: 'parse error' }),
      { kind: 'rejected', detail: 'HTTP 400 bad_data: parse error' }
    ],
    ['an HTML page', 200, '<html>login</html>', { kind: 'rejected' }],
    [
      'a gateway error',
      502,
      '<html>bad gateway</html>',
      { kind: 'unreachable', detail: 'HTTP 502' }
    ],
    [
      'an overloaded server',
      503,
      JSON.stringify({ status: 'error', errorType: 'timeout', error: 'query timed out' }),
      { kind: 'unreachable', detail: 'HTTP 503: query timed out' }
    ]
  ])('%s', (_what, status, body, sample) => {
    expect(readAnswer(status, body)).toMatchObject(sample)
  })

  it.each([
    ['+Inf', Infinity],
    ['-Inf', -Infinity],
    ['NaN', NaN],
    ['0.5', 0.5]
  ])('reads the value %s', (s, v) => {
    expect(sampleValue(s)).toBe(v)
  })

  it.each([
    [0.012345, '0.01235'],
    [3, '3'],
    [0.0001, '1.000e-4'],
    [Infinity, '+Inf']
  ])('shows %d as %s', (v, s) => {
    expect(formatValue(v)).toBe(s)
  })
})

describe('placeholders', () => {
  it('fills slot, release and namespace, and leaves a missing one visible', () => {
    expect(
      fillPlaceholders('x{slot="{{slot}}",ns="{{ namespace }}",r="{{release}}"}', {
        slot: 'green',
        release: 'goatflow',
        namespace: 'prod'
      })
    ).toBe('x{slot="green",ns="prod",r="goatflow"}')
    expect(fillPlaceholders('{{slot}}', { release: 'r', namespace: 'n' })).toBe('{{slot}}')
  })
})

/** A clock that jumps instead of sleeping. */
function fakeClock(): Clock & { slept: number[] } {
  let t = Date.parse('2026-12-01T12:00:00Z')
  const slept: number[] = []
  return {
    slept,
    now: () => new Date(t),
    sleep: async (ms) => {
      slept.push(ms)
      t += ms
    }
  }
}

describe('running the gate', () => {
  const config = parseAnalysis(GATE, { token: 'sekret-token', basicAuth: '' }).value!
  const answers = (values: Record<string, string[]>) => {
    const seen: Array<{ url: string; auth: string | null }> = []
    const calls: Record<string, number> = {}
    const fetchImpl = (async (url: string | URL, init?: RequestInit) => {
      const query = new URL(String(url)).searchParams.get('query') ?? ''
      seen.push({ url: String(url), auth: new Headers(init?.headers).get('authorization') })
      const name = query.startsWith('sum') ? 'error-rate' : 'up'
      const i = (calls[name] = (calls[name] ?? -1) + 1)
      const v = values[name][Math.min(i, values[name].length - 1)]
      if (v === 'down')
        throw Object.assign(new TypeError('fetch failed'), { cause: { code: 'ECONNREFUSED' } })
      const result = v === 'empty' ? [] : [{ metric: {}, value: [0, v] }]
      return new Response(
        JSON.stringify({ status: 'success', data: { resultType: 'vector', result } })
      )
    }) as typeof fetch
    return { fetchImpl, seen }
  }
  const place = { slot: 'green', release: 'goatflow', namespace: 'prod' }

  it('measures every interval for the duration and passes, with the placeholders filled and the token sent', async () => {
    const clock = fakeClock()
    const { fetchImpl, seen } = answers({
      'error-rate': ['0.01', '0.2', '0.02'],
      up: ['1', 'empty']
    })
    const lines: string[] = []
    const r = await runGate(config, place, 'verify', {
      clock,
      fetchImpl,
      log: (l) => lines.push(l)
    })
    expect(r.verdict.kind).toBe('passed')
    expect(r.queries[0].query).toContain('slot="green"')
    expect(r.queries[0].measurements.map((x) => x.outcome)).toEqual([
      'pass',
      'fail',
      'pass',
      'pass'
    ])
    expect(r.queries[1].measurements.map((x) => x.outcome)).toEqual([
      'pass',
      'no-data',
      'no-data',
      'no-data'
    ])
    expect(clock.slept).toEqual([10_000, 10_000, 10_000])
    expect(r.durationSeconds).toBe(30)
    expect(seen[0].auth).toBe('Bearer sekret-token')
    expect(seen[0].url).toMatch(/^http:\/\/prometheus\.monitoring:9090\/api\/v1\/query\?query=sum/)
    expect(lines.join('\n')).not.toContain('sekret-token')
    expect(lines).toContain('  10s error-rate: FAIL 0.2')
  })

  it('stops at the first round over the failure limit', async () => {
    const clock = fakeClock()
    const { fetchImpl } = answers({ 'error-rate': ['0.3'], up: ['1'] })
    const r = await runGate(config, place, 'after-switch', { clock, fetchImpl, log: () => {} })
    expect(r.verdict.kind).toBe('failed')
    expect(r.queries[0].measurements).toHaveLength(2)
    expect(r.durationSeconds).toBe(10)
  })

  it('gives the unreachable verdict when Prometheus stops answering', async () => {
    const clock = fakeClock()
    const { fetchImpl } = answers({ 'error-rate': ['0.01', 'down'], up: ['1', 'down'] })
    const r = await runGate(config, place, 'verify', { clock, fetchImpl, log: () => {} })
    expect(r.verdict).toMatchObject({
      kind: 'unreachable',
      reason: expect.stringContaining('ECONNREFUSED')
    })
    expect(r.queries[0].measurements.map((x) => x.outcome)).toEqual([
      'pass',
      'unreachable',
      'unreachable'
    ])
  })

  it('ends at once when the run is cancelled', async () => {
    const clock = fakeClock()
    const cancel = new AbortController()
    const { fetchImpl } = answers({ 'error-rate': ['0.01'], up: ['1'] })
    cancel.abort()
    const r = await runGate(config, place, 'verify', {
      clock,
      fetchImpl,
      log: () => {},
      cancel: cancel.signal
    })
    expect(r.verdict).toEqual({
      kind: 'failed',
      reason: 'the run was cancelled before the metrics gate finished'
    })
  })
})

describe('the gate as a post-rollout check', () => {
  const gate = parseAnalysis(GATE, { token: '', basicAuth: '' }).value!
  // The error rate answers `value`; up answers 1.
  const fetchOf = (value: string) =>
    (async (url: string) =>
      new Response(
        JSON.stringify({
          status: 'success',
          data: {
            resultType: 'vector',
            result: [{ metric: {}, value: [0, /query=sum/.test(url) ? value : '1'] }]
          }
        })
      )) as unknown as typeof fetch
  const tools = (value: string, warnings: string[] = []) => ({
    clock: fakeClock(),
    log: () => {},
    warn: (l: string) => warnings.push(l),
    fetchImpl: fetchOf(value),
    helmTest: async () => ({ exitCode: 0, stdout: '', stderr: '' }),
    namespace: 'prod'
  })
  const base = {
    healthChecks: [],
    healthCheckTimeoutSeconds: 1,
    runTests: false,
    release: 'goatflow'
  }

  it('comes last in the deploy checks and keeps what it measured', async () => {
    const { checks, gate: g } = postRolloutChecks({ ...base, analysis: gate }, tools('0.01'))
    expect(checks.map((c) => c.name)).toEqual(['health checks', 'metrics gate'])
    expect(await runChecks(checks)).toBeUndefined()
    expect(g?.reports[0].queries[1].query).toBe('min(up{namespace="prod"})')
  })

  it('fails the deploy with the gate reason, so the deploy rolls back', async () => {
    const { checks } = postRolloutChecks({ ...base, analysis: gate }, tools('0.5'))
    expect(await runChecks(checks)).toMatch(/^metrics gate failed: query error-rate failed 2 of 2/)
  })

  it('is absent without the analysis input', () => {
    expect(postRolloutChecks(base, tools('1')).gate).toBeUndefined()
  })

  it('passes with a warning when Prometheus is down and on-unreachable is ignore', async () => {
    const warnings: string[] = []
    const ignoring = { ...gate, onUnreachable: 'ignore' as const }
    const down = (async () => {
      throw Object.assign(new TypeError('fetch failed'), { cause: { code: 'ECONNREFUSED' } })
    }) as unknown as typeof fetch
    const check = metricsGateCheck(
      ignoring,
      { release: 'goatflow', namespace: 'prod' },
      { ...tools('1', warnings), fetchImpl: down }
    )
    expect(await check.run()).toEqual({ passed: true })
    expect(warnings[0]).toMatch(/^the metrics gate was NOT evaluated: .*ECONNREFUSED/)
    expect(check.reports[0].verdict.kind).toBe('ignored')
  })
})
