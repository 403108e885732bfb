import * as helmArgs from '../helm/args.js'
import { rollback, type DeployDeps, type RollbackReport } from '../deploy/deploy.js'
import { DeployLock, defaultLockTiming, holderFromEnv } from '../kube/lease.js'
import { defaultRetryPolicy } from '../kube/retry.js'
import { imagesOf, parseManifests } from '../render/manifests.js'
import { postRolloutChecks, runChecks } from '../verify/checks.js'
import type { HealthResult } from '../verify/health.js'
import { UserError } from '../errors/result.js'
import type { Session } from '../run/session.js'
import { chooseRollbackTarget } from './rollback-target.js'

/** What `mode: rollback` did, for the summary, the outputs and the Deployment status. */
export interface RollbackOutcome {
  ok: boolean
  release: string
  namespace: string
  fromRevision: number
  toRevision: number
  /** The revision number helm gave the rollback, when it ran. */
  revision?: number
  why: string
  forced?: string
  chartBefore: string
  chartAfter?: string
  imagesBefore: string[]
  imagesAfter: string[]
  /** What restoring found: healthy, or the reason it is not. */
  restore?: RollbackReport
  health: HealthResult[]
  /** Why the restored revision is not verified (rollout, health checks or helm test). */
  error?: string
  durationSeconds: number
}

const secondsBetween = (from: number, to: number): number => Math.round((to - from) / 100) / 10

/**
 * Rolls the release back to a chosen revision under its deploy lock, and verifies the restored
 * revision as a deploy verifies its own: rollout watch, health checks, helm test. A restored
 * revision that is not healthy is reported and left alone: nothing else is rolled back or
 * uninstalled, so a second bad decision cannot follow the first.
 */
export async function rollbackRelease(s: Session, deps: DeployDeps): Promise<RollbackOutcome> {
  const { config } = s
  const warn = deps.warn ?? ((l: string) => s.log(`Warning: ${l}`))
  const start = deps.clock.now().getTime()
  const policy = { ...defaultRetryPolicy(s.log), deadline: () => undefined }
  s.helm.retryReads(policy)
  deps.kube.configure({ retry: policy, warn })

  let lock: DeployLock | undefined
  if (config.lock) {
    lock = new DeployLock(deps.kube, config.release, deps.holder ?? holderFromEnv(process.env), {
      ...defaultLockTiming,
      ...deps.lockTiming,
      clock: deps.clock,
      log: s.log,
      warn
    })
    try {
      // No queueing: once the running deploy ends, "the current revision" is another one.
      await lock.acquire(0)
    } catch (e) {
      if (!(e instanceof UserError) || !/ is being deployed by /.test(e.message)) throw e
      throw new UserError(
        `Not rolling back: ${e.message.replace(/; waited .*$/s, '')}. Nothing was changed. Wait for that run to finish (or cancel it), then run the rollback again: it then starts from the revision that run left.`
      )
    }
    deps.remember?.({ lock: { name: lock.name, holder: lock.me.identity } })
    lock.startRenewing()
  }
  try {
    return await rollbackLocked(s, deps, start)
  } finally {
    await lock?.releaseOrWarn(warn)
  }
}

async function rollbackLocked(
  s: Session,
  deps: DeployDeps,
  start: number
): Promise<RollbackOutcome> {
  const { helm, target, config, log } = s
  const namespace = target.namespace ?? 'default'
  const history = await helm.history(target)
  const choice = chooseRollbackTarget({
    release: config.release,
    namespace,
    history,
    requested: config.revision,
    force: config.force
  })
  if (choice.kind === 'refuse') throw new UserError(`Nothing was rolled back. ${choice.reason}`)
  const { from, to } = choice
  log(
    `Rolling back ${config.release} from revision ${from.revision} to ${to.revision}: ${choice.why}`
  )
  if (choice.forced) log(`Warning: ${choice.forced}`)

  const outcome: RollbackOutcome = {
    ok: false,
    release: config.release,
    namespace,
    fromRevision: from.revision,
    toRevision: to.revision,
    why: choice.why,
    forced: choice.forced,
    chartBefore: from.chart,
    imagesBefore: imagesOf(parseManifests(await helm.manifest(target, from.revision))),
    imagesAfter: [],
    health: [],
    durationSeconds: 0
  }

  const restore = await rollback(s, deps, to, namespace)
  outcome.restore = restore
  outcome.revision = restore.revision
  let error = restore.healthy ? undefined : restore.detail
  if (!error) {
    // The restored revision must pass what a deployed one must: the health checks, then helm
    // test when run-tests is on (the metrics gate judges new versions, not a restored one).
    const verify = postRolloutChecks(
      {
        healthChecks: config.healthChecks,
        healthCheckTimeoutSeconds: config.healthCheckTimeoutSeconds,
        runTests: config.runTests
      },
      {
        clock: deps.clock,
        log,
        fetchImpl: deps.fetchImpl,
        cancel: deps.cancel,
        helmTest: () =>
          helm.runAllowingFailure(
            helmArgs.testArgs(target, { timeoutSeconds: config.timeoutSeconds })
          )
      }
    )
    error = await runChecks(verify.checks)
    outcome.health = [...verify.health.results]
  }
  const now = await helm.status(target)
  outcome.revision ??= now?.revision
  outcome.chartAfter = now?.chart ?? (await helm.history(target)).at(-1)?.chart
  outcome.imagesAfter = now ? imagesOf(parseManifests(now.manifest)) : []
  outcome.ok = error === undefined
  outcome.error = error
  outcome.durationSeconds = secondsBetween(start, deps.clock.now().getTime())
  return outcome
}
