import type { Clock } from '../run/clock.js'
import { fillPlaceholders, type AnalysisConfig, type Placeholders } from './config.js'
import { queryPrometheus } from './prometheus.js'
import {
  decideGate,
  formatValue,
  judgeSample,
  type GateVerdict,
  type QueryRecord
} from './verdict.js'
import { raceAbort } from '../run/abort.js'

/** What one run of the gate measured and decided, for the log, the summary and the verdict. */
export interface GateReport {
  /** `verify`: the new version on its own (after the rollout, before a switch). `after-switch`: live traffic. */
  phase: 'verify' | 'after-switch'
  verdict: Exclude<GateVerdict, { kind: 'continue' }>
  queries: QueryRecord[]
  durationSeconds: number
}

export interface GateDeps {
  clock: Clock
  fetchImpl?: typeof fetch
  log: (line: string) => void
  cancel?: AbortSignal
}

/**
 * Measures every query at once, then every interval, until the verdict is known: it fails at the
 * first round that exceeds the failure limit, and passes after `measurements` rounds.
 */
export async function runGate(
  c: AnalysisConfig,
  p: Placeholders,
  phase: GateReport['phase'],
  deps: GateDeps,
  measurements = c.count
): Promise<GateReport> {
  const start = deps.clock.now().getTime()
  const records: QueryRecord[] = c.queries.map((q) => ({
    name: q.name,
    query: fillPlaceholders(q.query, p),
    success: q.success,
    measurements: []
  }))
  deps.log(
    `Metrics gate (${phase}): ${records.length} quer${records.length === 1 ? 'y' : 'ies'} against ${c.url}, ${measurements} measurement(s) every ${c.intervalSeconds}s, failure-limit ${c.failureLimit}`
  )
  for (const r of records) deps.log(`  ${r.name}: ${r.query} ${r.success.text}`)
  const timeoutMs = Math.max(2000, Math.min(10_000, c.intervalSeconds * 1000))
  let verdict: GateVerdict = { kind: 'continue' }
  for (let round = 0; round < measurements; round++) {
    if (round > 0) {
      const due = start + round * c.intervalSeconds * 1000
      const wait = due - deps.clock.now().getTime()
      if (wait > 0) await raceAbort(deps.clock.sleep(wait, deps.cancel), deps.cancel)
    }
    if (deps.cancel?.aborted) {
      verdict = { kind: 'failed', reason: 'the run was cancelled before the metrics gate finished' }
      break
    }
    const at = Math.round((deps.clock.now().getTime() - start) / 100) / 10
    const c0 = c.queries
    const samples = await Promise.all(
      records.map((r) =>
        queryPrometheus(c.url, r.query, {
          headers: c.headers,
          auth: c.auth,
          fetchImpl: deps.fetchImpl,
          timeoutMs
        })
      )
    )
    records.forEach((r, i) => {
      const m = judgeSample(c0[i], samples[i], at)
      r.measurements.push(m)
      const shown =
        m.values.length > 0
          ? m.values.map((v) => `${v.series}${formatValue(v.value)}`).join(', ')
          : (m.detail ?? '')
      deps.log(`  ${at}s ${r.name}: ${m.outcome.toUpperCase()} ${shown}`)
    })
    verdict = decideGate(records, c, measurements)
    if (verdict.kind !== 'continue') break
  }
  if (verdict.kind === 'continue')
    verdict = { kind: 'failed', reason: 'the metrics gate ended without a verdict' }
  deps.log(`Metrics gate (${phase}): ${verdict.kind}: ${verdict.reason}`)
  return {
    phase,
    verdict,
    queries: records,
    durationSeconds: Math.round((deps.clock.now().getTime() - start) / 100) / 10
  }
}

/** True when the gate lets the run go on (passed, or unreachable with on-unreachable: ignore). */
export const gatePasses = (r: GateReport): boolean =>
  r.verdict.kind === 'passed' || r.verdict.kind === 'ignored'
