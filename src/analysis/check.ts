import type { CheckVerdict, PostRolloutCheck } from '../verify/checks.js'
import type { AnalysisConfig, Placeholders } from './config.js'
import { gatePasses, runGate, type GateDeps, type GateReport } from './gate.js'

/** The metrics gate as one post-rollout check; `reports` holds what it measured, for the summary. */
export interface MetricsGateCheck extends PostRolloutCheck {
  readonly reports: GateReport[]
}

/**
 * A gate that fails, or cannot be evaluated with on-unreachable: fail, fails the check: the
 * deploy then rolls back as after a failed rollout. One not evaluated under on-unreachable:
 * ignore passes with a warning, which the summary repeats.
 */
export function metricsGateCheck(
  analysis: AnalysisConfig,
  placeholders: Placeholders,
  deps: GateDeps & { warn: (line: string) => void },
  phase: GateReport['phase'] = 'verify'
): MetricsGateCheck {
  const reports: GateReport[] = []
  return {
    name: 'metrics gate',
    reports,
    async run(): Promise<CheckVerdict> {
      const r = await runGate(analysis, placeholders, phase, deps)
      reports.push(r)
      if (r.verdict.kind === 'ignored') deps.warn(r.verdict.reason)
      return gatePasses(r)
        ? { passed: true }
        : { passed: false, failure: `metrics gate failed: ${r.verdict.reason}` }
    }
  }
}
