import type { AnalysisConfig, Condition, GateQuery } from './config.js'

// The metrics gate's decisions, as pure functions of what Prometheus answered. No I/O here: the
// gate (gate.ts) measures, these decide.

/** One series' value in an answer; `series` names it (`{code="500"}`), empty for a scalar. */
export interface SeriesValue {
  series: string
  value: number
}

/** What one query returned at one measurement. */
export type Sample =
  | { kind: 'values'; values: SeriesValue[] }
  /** No answer: connection refused, DNS, timeout, a 5xx. Counted apart from failures. */
  | { kind: 'unreachable'; detail: string }
  /** An answer that refuses the query or the credentials (400, 401, 403, 404, 422, not the API). */
  | { kind: 'rejected'; detail: string }

export type Outcome = 'pass' | 'fail' | 'no-data' | 'unreachable' | 'rejected'

export interface Measurement {
  /** Seconds since the gate started. */
  at: number
  outcome: Outcome
  /** Whether the measurement counts against the failure limit. */
  failed: boolean
  values: SeriesValue[]
  detail?: string
}

export function holds(c: Condition, v: number): boolean {
  switch (c.op) {
    case '<':
      return v < c.threshold
    case '<=':
      return v <= c.threshold
    case '>':
      return v > c.threshold
    case '>=':
      return v >= c.threshold
    case '==':
      return v === c.threshold
    case '!=':
      return v !== c.threshold
  }
}

/**
 * Judges one sample: every series must satisfy the condition. An empty answer, or one whose every
 * value is NaN (0/0 when nothing was counted), is "no data" and counts as the query's `no-data`
 * says: a gate never passes on silence unless it was told to.
 */
export function judgeSample(q: GateQuery, sample: Sample, at: number): Measurement {
  if (sample.kind !== 'values')
    return {
      at,
      outcome: sample.kind,
      failed: sample.kind === 'rejected',
      values: [],
      detail: sample.detail
    }
  const values = sample.values.filter((v) => !Number.isNaN(v.value))
  if (values.length === 0)
    return {
      at,
      outcome: 'no-data',
      failed: q.noData === 'fail',
      values: [],
      detail: `no data (counts as ${q.noData === 'fail' ? 'a failure' : 'passing'}: no-data: ${q.noData})`
    }
  const bad = values.filter((v) => !holds(q.success, v.value))
  return bad.length === 0
    ? { at, outcome: 'pass', failed: false, values }
    : {
        at,
        outcome: 'fail',
        failed: true,
        values,
        detail: `${bad.map((b) => `${b.series}${formatValue(b.value)}`).join(', ')} not ${q.success.text}`
      }
}

export interface QueryRecord {
  name: string
  /** The PromQL sent (placeholders filled). */
  query: string
  success: Condition
  measurements: Measurement[]
}

export type GateVerdict =
  | { kind: 'continue' }
  | { kind: 'passed'; reason: string }
  | { kind: 'failed'; reason: string }
  /** The endpoint could not be reached often enough to judge; the run fails (on-unreachable: fail). */
  | { kind: 'unreachable'; reason: string }
  /** The same, with on-unreachable: ignore: the run goes on, and the summary and a warning say so. */
  | { kind: 'ignored'; reason: string }

const count = (r: QueryRecord, o: Outcome | ((m: Measurement) => boolean)): number =>
  r.measurements.filter(typeof o === 'function' ? o : (m) => m.outcome === o).length

/**
 * The gate's verdict after a round of measurements. It fails as soon as one query has more failed
 * measurements than `failure-limit` allows (no waiting for the rest); it is unreachable as soon as
 * one query went unanswered more often than that, or when it ends without a single answer to a
 * query. It passes only after every query was measured `count` times.
 */
export function decideGate(
  records: readonly QueryRecord[],
  c: Pick<AnalysisConfig, 'failureLimit' | 'onUnreachable' | 'url'>,
  expected: number
): GateVerdict {
  const rejected = records.find((r) => count(r, 'rejected') > 0)
  if (rejected) {
    const m = rejected.measurements.find((x) => x.outcome === 'rejected')!
    return {
      kind: 'failed',
      reason: `query ${rejected.name} was refused by ${c.url}: ${m.detail ?? 'no detail'}. Fix the query, the URL or the credentials (analysis-token, analysis-basic-auth); a refused query never passes the gate`
    }
  }
  const failing = records.find((r) => count(r, (m) => m.failed) > c.failureLimit)
  if (failing) {
    const bad = failing.measurements.filter((m) => m.failed)
    return {
      kind: 'failed',
      reason: `query ${failing.name} failed ${bad.length} of ${failing.measurements.length} measurement(s) (failure-limit ${c.failureLimit}): ${bad.map((m) => m.detail).join('; ')}`
    }
  }
  const unreachable = (why: string): GateVerdict =>
    c.onUnreachable === 'ignore'
      ? {
          kind: 'ignored',
          reason: `the metrics gate was NOT evaluated: ${why}; on-unreachable: ignore lets the run go on`
        }
      : {
          kind: 'unreachable',
          reason: `the metrics gate could not be evaluated: ${why}. Nothing is promoted on an unanswered gate (on-unreachable: fail); check that ${c.url} is reachable from the runner, or set on-unreachable: ignore to go on without it`
        }
  const silent = records.find((r) => count(r, 'unreachable') > c.failureLimit)
  if (silent) {
    const last = [...silent.measurements].reverse().find((m) => m.outcome === 'unreachable')
    return unreachable(
      `${c.url} did not answer ${count(silent, 'unreachable')} time(s) for query ${silent.name} (failure-limit ${c.failureLimit}; last: ${last?.detail ?? 'no answer'})`
    )
  }
  if (records.some((r) => r.measurements.length < expected)) return { kind: 'continue' }
  const never = records.find((r) => count(r, (m) => m.outcome !== 'unreachable') === 0)
  if (never) return unreachable(`${c.url} never answered query ${never.name}`)
  const misses = records.reduce((n, r) => n + count(r, 'unreachable'), 0)
  return {
    kind: 'passed',
    reason: `${records.length} quer${records.length === 1 ? 'y' : 'ies'} × ${expected} measurement(s) within their conditions${misses > 0 ? ` (${misses} unanswered, within failure-limit ${c.failureLimit})` : ''}`
  }
}

/** A value as the summary shows it: short, exact for small counts, with Inf spelled out. */
export function formatValue(v: number): string {
  if (Number.isNaN(v)) return 'NaN'
  if (!Number.isFinite(v)) return v > 0 ? '+Inf' : '-Inf'
  if (Number.isInteger(v)) return String(v)
  const a = Math.abs(v)
  return a >= 1000 || a < 0.001 ? v.toExponential(3) : String(Number(v.toPrecision(4)))
}
