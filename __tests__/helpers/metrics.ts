// The metrics side of the e2e tier, started by test/metrics/up.sh from the global setup: a real
// Prometheus scraping, every second, an exporter whose series the tests set. Many tests share
// both at once, so each keeps to its own label values (its namespace) and deletes only those.

import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { ROOT } from './tools.js'

export interface MetricsEndpoints {
  /** Prometheus' HTTP API, e.g. http://127.0.0.1:15490 (the action's metrics endpoint). */
  prometheusUrl: string
  /** The exporter: /metrics, PUT /series, DELETE /series?namespace=... */
  exporterUrl: string
  /** A URL where nothing listens: for a test of an unreachable metrics server. */
  unreachableUrl: string
  /** The job label Prometheus gives the exporter's series. */
  scrapeJob: string
  scrapeIntervalSeconds: number
  logs: string[]
}

const ENDPOINTS_FILE = join(ROOT, '.tools/metrics/metrics.json')
let endpoints: MetricsEndpoints | undefined

/** What test/metrics/up.sh wrote; read once. */
export function metricsEndpoints(): MetricsEndpoints {
  if (endpoints) return endpoints
  let text: string
  try {
    text = readFileSync(ENDPOINTS_FILE, 'utf8')
  } catch (err) {
    throw new Error(
      `${ENDPOINTS_FILE} cannot be read (${(err as Error).message}): Prometheus is not up; ` +
        'the e2e global setup starts it, or run `bash test/metrics/build.sh && bash test/metrics/up.sh`',
      { cause: err }
    )
  }
  endpoints = JSON.parse(text) as MetricsEndpoints
  return endpoints
}

export const prometheusUrl = (): string => metricsEndpoints().prometheusUrl
export const unreachablePrometheusUrl = (): string => metricsEndpoints().unreachableUrl

export interface SeriesSpec {
  /** Metric name, e.g. requests_total. One name has one type for every test. */
  name: string
  type: 'counter' | 'gauge'
  /** Always include the test's own namespace label so that tests stay apart. */
  labels: Record<string, string>
  /** The value now; left out, the current value stays (a counter never jumps back). */
  value?: number
  /** Growth per second from now on: a counter's traffic. */
  perSecond?: number
}

async function exporterCall(method: string, path: string, body?: unknown): Promise<unknown> {
  const url = `${metricsEndpoints().exporterUrl}${path}`
  const res = await fetch(url, {
    method,
    headers: body === undefined ? undefined : { 'Content-Type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
    signal: AbortSignal.timeout(5_000)
  })
  const text = await res.text()
  if (!res.ok) {
    let reason = text.trim()
    try {
      reason = (JSON.parse(text) as { error?: string }).error ?? reason
    } catch {
      // not JSON: the text itself is the reason
    }
    throw new Error(`exporter ${method} ${path}: HTTP ${res.status}: ${reason}`)
  }
  return JSON.parse(text) as unknown
}

/** Creates or changes one series in the exporter; resolves to its value now. */
export async function setSeries(spec: SeriesSpec): Promise<number> {
  const answer = (await exporterCall('PUT', '/series', {
    perSecond: 0,
    ...spec
  })) as { value: number }
  return answer.value
}

/** Deletes every series carrying all these label values, e.g. `{ namespace }`; resolves to how many. */
export async function deleteSeries(labels: Record<string, string>): Promise<number> {
  const answer = (await exporterCall(
    'DELETE',
    `/series?${new URLSearchParams(labels).toString()}`
  )) as { deleted: number }
  return answer.deleted
}

/**
 * An application's traffic as `requests_total{namespace, slot, code}` counters growing at the given
 * requests per second per status code, e.g. `{ '200': 9, '500': 1 }` for a 10% error rate. Calling
 * it again changes the rates without resetting the counters; codes left out keep their rate.
 */
export async function setRequestRates(
  labels: { namespace: string; slot?: string } & Record<string, string>,
  perSecondByCode: Record<string, number>
): Promise<void> {
  await Promise.all(
    Object.entries(perSecondByCode).map(([code, perSecond]) =>
      setSeries({ name: 'requests_total', type: 'counter', labels: { ...labels, code }, perSecond })
    )
  )
}

export interface Sample {
  metric: Record<string, string>
  value: number
}

interface QueryAnswer {
  status: 'success' | 'error'
  errorType?: string
  error?: string
  data?: { resultType: string; result: unknown }
}

/** A PromQL instant query against the test Prometheus; scalars come back as one sample. */
export async function query(promql: string): Promise<Sample[]> {
  const url = `${prometheusUrl()}/api/v1/query`
  const res = await fetch(url, {
    method: 'POST',
    body: new URLSearchParams({ query: promql }),
    signal: AbortSignal.timeout(5_000)
  })
  const answer = (await res.json()) as QueryAnswer
  if (answer.status !== 'success' || !answer.data)
    throw new Error(
      `Prometheus query ${promql}: HTTP ${res.status} ${answer.errorType ?? ''}: ${answer.error ?? 'no data'}`
    )
  const { resultType, result } = answer.data
  if (resultType === 'scalar') {
    const [, v] = result as [number, string]
    return [{ metric: {}, value: Number(v) }]
  }
  if (resultType !== 'vector')
    throw new Error(`Prometheus query ${promql}: a ${resultType} answer; use an instant vector`)
  return (result as { metric: Record<string, string>; value: [number, string] }[]).map((r) => ({
    metric: r.metric,
    value: Number(r.value[1])
  }))
}

export interface WaitOptions {
  /** Give up after this long (default 15 s: fifteen scrapes). */
  timeoutMs?: number
  intervalMs?: number
}

/**
 * Polls `query(promql)` until `accept` holds for its samples; resolves to them. On timeout it
 * throws with the last samples seen, so a failing test shows what Prometheus had.
 */
export async function waitForQuery(
  promql: string,
  accept: (samples: Sample[]) => boolean,
  { timeoutMs = 15_000, intervalMs = 250 }: WaitOptions = {}
): Promise<Sample[]> {
  const deadline = Date.now() + timeoutMs
  for (;;) {
    let last: Sample[] | string
    try {
      last = await query(promql)
      if (accept(last)) return last
    } catch (err) {
      last = (err as Error).message
    }
    if (Date.now() >= deadline)
      throw new Error(
        `Prometheus did not show what was expected for ${promql} within ${timeoutMs} ms; ` +
          `last: ${JSON.stringify(last)} (logs: ${metricsEndpoints().logs.join(', ')})`
      )
    await new Promise((r) => setTimeout(r, intervalMs))
  }
}

/** Waits until Prometheus has scraped `value` for the single series `promql` selects. */
export async function waitForScrapedValue(
  promql: string,
  value: number,
  options?: WaitOptions
): Promise<Sample> {
  const [sample] = await waitForQuery(
    promql,
    (s) => s.length === 1 && s[0].value === value,
    options
  )
  return sample
}
