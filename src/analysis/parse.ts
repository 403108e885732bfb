import { parseDocument } from 'yaml'
import { parseDuration, parseUrl, parseWait } from '../inputs/parse.js'
import { fail, ok, type Result } from '../errors/result.js'
import type { AnalysisConfig, Condition, GateQuery, MetricsAuth, NoData } from './config.js'

const KEYS = [
  'prometheus',
  'interval',
  'duration',
  'count',
  'failure-limit',
  'on-unreachable',
  'no-data',
  'after-switch',
  'headers',
  'queries'
]
const QUERY_KEYS = ['name', 'query', 'success', 'no-data']
const QUERY_NAME = /^[a-z0-9]([-a-z0-9_.]*[a-z0-9])?$/i
const EXAMPLE = `prometheus: http://prometheus.monitoring:9090\\ninterval: 30s\\nduration: 2m\\nqueries:\\n  - name: error-rate\\n    query: sum(rate(http_requests_total{code=~"5.."}[1m])) / sum(rate(http_requests_total[1m]))\\n    success: "< 0.05"`

/** `< 0.05`, `>= 10`, `== 1`: a comparison and a number. */
export function parseCondition(raw: string): Result<Condition> {
  const m = /^\s*(<=|>=|==|!=|<|>)\s*(-?(?:\d+(?:\.\d*)?|\.\d+)(?:e[-+]?\d+)?)\s*$/i.exec(raw)
  if (!m)
    return fail(
      `"${raw}" is not a condition; write a comparison and a number, for example "< 0.05", ">= 0.99" or "== 0"`
    )
  return ok({ op: m[1] as Condition['op'], threshold: Number(m[2]), text: `${m[1]} ${m[2]}` })
}

const str = (v: unknown): string | undefined =>
  typeof v === 'string' ? v : typeof v === 'number' ? String(v) : undefined

/** A field's value as written: a string as is, anything else (a list or a mapping too) as JSON. */
const shown = (v: unknown): string => (typeof v === 'string' ? v : JSON.stringify(v))

/**
 * The `analysis` input: a YAML mapping describing the metrics gate. Returns every problem found,
 * each naming the field, its value and what is accepted.
 */
export function parseAnalysis(
  raw: string,
  creds: { token: string; basicAuth: string }
): { value?: AnalysisConfig; problems: string[] } {
  const problems: string[] = []
  const token = creds.token.trim()
  const basic = creds.basicAuth.trim()
  if (raw.trim() === '') {
    if (token || basic)
      problems.push(
        `${token ? 'analysis-token' : 'analysis-basic-auth'} is set but "analysis" is empty; describe the metrics gate in analysis or leave the credentials empty`
      )
    return { problems }
  }
  const doc = parseDocument(raw, { uniqueKeys: true, prettyErrors: false })
  if (doc.errors.length > 0) {
    const e = doc.errors[0]
    const line = e.linePos?.[0].line
    const p = `is not valid YAML${line ? ` (line ${line})` : ''}: ${e.message.split('\n')[0]}`
    return { problems: [p] }
  }
  const v: unknown = doc.toJS()
  if (v === null || typeof v !== 'object' || Array.isArray(v)) {
    return { problems: [`must be a YAML mapping, for example "${EXAMPLE}"`] }
  }
  const o = v as Record<string, unknown>
  for (const k of Object.keys(o))
    if (!KEYS.includes(k)) problems.push(`unknown field "${k}"; the fields are ${KEYS.join(', ')}`)

  let url = ''
  const prom = str(o.prometheus)
  if (prom === undefined || prom.trim() === '')
    problems.push(
      'field "prometheus" is required: the base URL of a Prometheus-compatible API, for example http://prometheus.monitoring:9090'
    )
  else {
    const r = parseUrl(prom, ['http', 'https'])
    if (r.ok) url = r.value.replace(/\/+$/, '')
    else problems.push(`field "prometheus" "${prom}" ${r.error}`)
  }

  const duration = (field: string, dflt: string, zero = false): number => {
    const value = o[field] === undefined ? dflt : str(o[field])
    const r =
      value === undefined ? fail('expected a duration') : (zero ? parseWait : parseDuration)(value)
    if (r.ok) return r.value
    problems.push(`field "${field}" "${shown(o[field])}" ${r.error}`)
    return 0
  }
  const whole = (field: string, dflt: number, min: number): number => {
    const value = o[field]
    if (value === undefined) return dflt
    if (typeof value === 'number' && Number.isInteger(value) && value >= min) return value
    problems.push(`field "${field}" "${shown(value)}": expected a whole number, ${min} or more`)
    return dflt
  }
  const choice = <T extends string>(field: string, values: readonly T[], dflt: T, at = o): T => {
    const value = at[field]
    if (value === undefined) return dflt
    if (typeof value === 'string' && (values as readonly string[]).includes(value))
      return value as T
    problems.push(`field "${field}" "${shown(value)}": expected ${values.join(' or ')}`)
    return dflt
  }

  const intervalSeconds = duration('interval', '30s')
  if (o.duration !== undefined && o.count !== undefined)
    problems.push(
      'fields "duration" and "count" both set; give one (count = measurements per query)'
    )
  // The first measurement is taken at once, then one every interval until the duration is up.
  const span = o.count === undefined ? duration('duration', '2m') : 0
  const count =
    o.count === undefined
      ? intervalSeconds > 0
        ? Math.floor(span / intervalSeconds) + 1
        : 1
      : whole('count', 1, 1)
  const afterSpan = o['after-switch'] === undefined ? span : duration('after-switch', '0', true)
  const afterSwitchCount =
    o['after-switch'] === undefined && o.count !== undefined
      ? count
      : afterSpan === 0 || intervalSeconds === 0
        ? 0
        : Math.floor(afterSpan / intervalSeconds) + 1
  const failureLimit = whole('failure-limit', 0, 0)
  const onUnreachable = choice('on-unreachable', ['fail', 'ignore'] as const, 'fail')
  const noData = choice<NoData>('no-data', ['fail', 'pass'], 'fail')

  const headers: Record<string, string> = {}
  if (o.headers !== undefined) {
    if (o.headers === null || typeof o.headers !== 'object' || Array.isArray(o.headers))
      problems.push(
        'field "headers" must be a mapping of header names to values, for example {X-Scope-OrgID: goatflow}'
      )
    else
      for (const [name, value] of Object.entries(o.headers as Record<string, unknown>)) {
        if (!/^[A-Za-z0-9!#$%&'*+.^_`|~-]+$/.test(name))
          problems.push(`field "headers": "${name}" is not an HTTP header name`)
        else if (/^authorization$/i.test(name))
          problems.push(
            'field "headers": give credentials in the analysis-token or analysis-basic-auth input (masked in every log), not as an Authorization header'
          )
        else if (str(value) === undefined)
          problems.push(`field "headers": the value of "${name}" must be a string`)
        else headers[name] = str(value)!
      }
  }

  const queries: GateQuery[] = []
  if (!Array.isArray(o.queries) || o.queries.length === 0)
    problems.push(
      'field "queries" is required: a list of {name, query, success}, for example - {name: error-rate, query: "...", success: "< 0.05"}'
    )
  else {
    const seen = new Set<string>()
    o.queries.forEach((q: unknown, i) => {
      const at = `queries[${i}]`
      if (q === null || typeof q !== 'object' || Array.isArray(q)) {
        problems.push(`${at} must be a mapping with name, query and success`)
        return
      }
      const e = q as Record<string, unknown>
      for (const k of Object.keys(e))
        if (!QUERY_KEYS.includes(k))
          problems.push(`${at}: unknown field "${k}"; a query has ${QUERY_KEYS.join(', ')}`)
      const name = str(e.name)?.trim() ?? ''
      if (!QUERY_NAME.test(name))
        problems.push(
          `${at}.name "${name}": expected a short name such as error-rate (letters, digits, - _ .)`
        )
      else if (seen.has(name))
        problems.push(`${at}.name "${name}" is used twice; names must differ`)
      seen.add(name)
      const query = str(e.query)?.trim() ?? ''
      if (query === '') problems.push(`${at}.query is required: a PromQL expression`)
      const cond = parseCondition(str(e.success) ?? '')
      if (!cond.ok) problems.push(`${at}.success ${cond.error}`)
      const nd = choice<NoData>('no-data', ['fail', 'pass'], noData, e)
      if (cond.ok && query !== '') queries.push({ name, query, success: cond.value, noData: nd })
    })
  }

  let auth: MetricsAuth | undefined
  if (token && basic)
    problems.push('analysis-token and analysis-basic-auth are both set; give one of them')
  else if (token) auth = { kind: 'bearer', token }
  else if (basic) {
    const colon = basic.indexOf(':')
    if (colon <= 0)
      problems.push('analysis-basic-auth: expected user:password (the value is not shown)')
    else auth = { kind: 'basic', username: basic.slice(0, colon), password: basic.slice(colon + 1) }
  }

  if (problems.length > 0) return { problems }
  return {
    problems,
    value: {
      url,
      intervalSeconds,
      count,
      failureLimit,
      onUnreachable,
      afterSwitchCount,
      headers,
      auth,
      queries
    }
  }
}
