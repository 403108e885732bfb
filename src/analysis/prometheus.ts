import type { MetricsAuth } from './config.js'
import type { Sample, SeriesValue } from './verdict.js'

export interface PrometheusOptions {
  headers: Record<string, string>
  auth?: MetricsAuth
  fetchImpl?: typeof fetch
  timeoutMs: number
}

interface ApiAnswer {
  status?: string
  error?: string
  errorType?: string
  data?: { resultType?: string; result?: unknown }
}

// Prometheus writes +Inf, -Inf and NaN as strings that Number() does not read (HTTP API docs,
// "Expression query result formats").
export function sampleValue(s: string): number {
  if (s === '+Inf' || s === 'Inf') return Infinity
  if (s === '-Inf') return -Infinity
  return Number(s)
}

const seriesName = (metric: Record<string, string> | undefined): string => {
  const entries = Object.entries(metric ?? {}).filter(([k]) => k !== '__name__')
  return entries.length === 0 ? '' : `{${entries.map(([k, v]) => `${k}="${v}"`).join(',')}}`
}

/** Reads an instant-query answer body (the JSON of /api/v1/query) into a sample. */
export function readAnswer(status: number, body: string): Sample {
  let a: ApiAnswer
  try {
    a = JSON.parse(body) as ApiAnswer
  } catch {
    if (status >= 500) return { kind: 'unreachable', detail: `HTTP ${status}` }
    return {
      kind: 'rejected',
      detail: `HTTP ${status} with a body that is not the Prometheus API's JSON (is the URL the API's base, without /api/v1?)`
    }
  }
  if (status >= 500 && a.errorType !== 'execution')
    return { kind: 'unreachable', detail: `HTTP ${status}${a.error ? `: ${a.error}` : ''}` }
  if (status !== 200 || a.status !== 'success')
    return {
      kind: 'rejected',
      detail: `HTTP ${status}${a.errorType ? ` ${a.errorType}` : ''}: ${a.error ?? 'no error message'}`
    }
  const d = a.data ?? {}
  if (d.resultType === 'scalar' && Array.isArray(d.result))
    return { kind: 'values', values: [{ series: '', value: sampleValue(String(d.result[1])) }] }
  if (d.resultType === 'vector' && Array.isArray(d.result))
    return {
      kind: 'values',
      values: (
        d.result as Array<{ metric?: Record<string, string>; value?: [number, string] }>
      ).map((r): SeriesValue => ({
        series: seriesName(r.metric),
        value: sampleValue(String(r.value?.[1]))
      }))
    }
  return {
    kind: 'rejected',
    detail: `the answer is a ${d.resultType ?? 'unknown'} result; the gate needs an instant vector or a scalar (no range selector [..] at the top level)`
  }
}

function authHeader(auth: MetricsAuth | undefined): Record<string, string> {
  if (!auth) return {}
  if (auth.kind === 'bearer') return { Authorization: `Bearer ${auth.token}` }
  return {
    Authorization: `Basic ${Buffer.from(`${auth.username}:${auth.password}`).toString('base64')}`
  }
}

/** One instant query against `<url>/api/v1/query`. Never throws: failures are samples. */
export async function queryPrometheus(
  url: string,
  query: string,
  o: PrometheusOptions
): Promise<Sample> {
  const fetchImpl = o.fetchImpl ?? fetch
  let res: Response
  try {
    res = await fetchImpl(`${url}/api/v1/query?query=${encodeURIComponent(query)}`, {
      headers: { Accept: 'application/json', ...o.headers, ...authHeader(o.auth) },
      redirect: 'manual',
      signal: AbortSignal.timeout(o.timeoutMs)
    })
  } catch (e) {
    const cause = (e as { cause?: { code?: string; message?: string } }).cause
    const what =
      (e as Error).name === 'TimeoutError'
        ? `no answer within ${Math.round(o.timeoutMs / 1000)}s`
        : (cause?.code ?? cause?.message ?? (e as Error).message)
    return { kind: 'unreachable', detail: what }
  }
  if (res.status >= 300 && res.status < 400) {
    await res.body?.cancel()
    return {
      kind: 'rejected',
      detail: `HTTP ${res.status} redirect to ${res.headers.get('location') ?? '?'} (a login page? give the API's own URL)`
    }
  }
  let body: string
  try {
    body = await res.text()
  } catch (e) {
    return { kind: 'unreachable', detail: `the answer broke off: ${(e as Error).message}` }
  }
  if (res.status === 401 || res.status === 403)
    return {
      kind: 'rejected',
      detail: `HTTP ${res.status}: the endpoint refused the credentials (analysis-token or analysis-basic-auth)`
    }
  return readAnswer(res.status, body)
}
