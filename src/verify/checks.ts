import { metricsGateCheck, type MetricsGateCheck } from '../analysis/check.js'
import type { CommandResult } from '../exec/runner.js'
import { HelmError } from '../helm/helm.js'
import type { Config } from '../inputs/config.js'
import { checkHealth, type HealthResult } from './health.js'
import type { Clock } from '../run/clock.js'

// What a release must pass once its rollout completed, before the deploy (or a restore) counts as
// verified. The checks run in order and the first failure stops the rest: it becomes the deploy's
// cause and is remediated like a failed rollout.

export type CheckVerdict = { passed: true } | { passed: false; failure: string }

/** One post-rollout check: health checks, helm test, a metrics gate. */
export interface PostRolloutCheck {
  /** What is checked, for logs. */
  readonly name: string
  run(): Promise<CheckVerdict>
}

/** The health checks of a run; `results` holds what each URL answered once it ran, for the summary. */
export interface HealthChecks extends PostRolloutCheck {
  readonly results: readonly HealthResult[]
}

/**
 * Runs the checks in order until one fails. Returns that failure (the text the step's error
 * shows), or undefined when every check passed.
 */
export async function runChecks(checks: readonly PostRolloutCheck[]): Promise<string | undefined> {
  for (const check of checks) {
    const verdict = await check.run()
    if (!verdict.passed) return verdict.failure
  }
  return undefined
}

export interface CheckTools {
  clock: Clock
  log: (line: string) => void
  fetchImpl?: typeof fetch
  /** Aborted when the runner cancels the job. */
  cancel?: AbortSignal
  /** Runs `helm test` on the release. */
  helmTest: () => Promise<CommandResult>
}

/** Polls every URL (all of them, even after one failed, so the summary shows each answer). */
export function healthChecks(
  urls: Config['healthChecks'],
  timeoutSeconds: number,
  tools: Pick<CheckTools, 'clock' | 'log' | 'fetchImpl'>
): HealthChecks {
  const results: HealthResult[] = []
  return {
    name: 'health checks',
    results,
    async run() {
      for (const url of urls) {
        const r = await checkHealth(url, timeoutSeconds, tools.clock, tools.fetchImpl)
        tools.log(
          `Health check ${r.url}: ${r.ok ? 'ok' : 'FAILED'} (${r.detail}, ${r.attempts} attempt(s))`
        )
        results.push(r)
      }
      const bad = results.filter((h) => !h.ok)
      return bad.length === 0
        ? { passed: true }
        : {
            passed: false,
            failure: `health check failed: ${bad.map((h) => `${h.url} ${h.detail}`).join('; ')}`
          }
    }
  }
}

export function helmTest(test: () => Promise<CommandResult>): PostRolloutCheck {
  return {
    name: 'helm test',
    async run() {
      const r = await test()
      return r.exitCode === 0
        ? { passed: true }
        : { passed: false, failure: `helm test failed: ${new HelmError('test', r).message}` }
    }
  }
}

/**
 * The checks a deployed (or restored) revision must pass, in the order they run: health checks,
 * then helm test when run-tests is on. A new check is appended here.
 */
export function postRolloutChecks(
  config: Pick<Config, 'healthChecks' | 'healthCheckTimeoutSeconds' | 'runTests'> &
    Partial<Pick<Config, 'analysis' | 'release' | 'namespace'>>,
  tools: CheckTools & { namespace?: string; warn?: (line: string) => void; cancel?: AbortSignal }
): { checks: PostRolloutCheck[]; health: HealthChecks; gate?: MetricsGateCheck } {
  const health = healthChecks(config.healthChecks, config.healthCheckTimeoutSeconds, tools)
  const checks: PostRolloutCheck[] = [health]
  if (config.runTests) checks.push(helmTest(tools.helmTest))
  // The metrics gate (src/analysis): its reports are on gate.reports, for the summary.
  const gate = config.analysis
    ? metricsGateCheck(
        config.analysis,
        {
          release: config.release ?? '',
          namespace: tools.namespace ?? config.namespace ?? 'default'
        },
        { ...tools, warn: tools.warn ?? tools.log }
      )
    : undefined
  if (gate) checks.push(gate)
  return { checks, health, gate }
}
