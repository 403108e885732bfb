import { HelmError } from '../helm/helm.js'
import { lastGoodRevision, type HistoryEntry } from '../helm/release.js'
import { describeFailure, type Failure } from '../verify/assess.js'
import type { WatchOutcome } from '../verify/watch.js'
import type { Remediation } from './remediation.js'

// The deploy's pure decisions about where it starts and what a watched rollout means. Which
// revision is undone, and whether at all, is decided in remediation.ts.

export const secondsBetween = (from: number, to: number): number =>
  Math.round((to - from) / 100) / 10

/** Where a deploy starts, read from the release's history once any stale pending release is settled. */
export interface StartingPoint {
  /** The revision a failure would return to. */
  good?: HistoryEntry
  /** The revision live now (the newest `deployed`), compared against for images and changes. */
  deployed?: HistoryEntry
  /** The revision number this run's upgrade gets. */
  attempted: number
  /** No release exists yet: helm installs, and the release is labelled as the action's. */
  firstInstall: boolean
}

export function startingPoint(history: readonly HistoryEntry[]): StartingPoint {
  return {
    good: lastGoodRevision(history),
    deployed: [...history].reverse().find((h) => h.status === 'deployed'),
    attempted: (history.at(-1)?.revision ?? 0) + 1,
    firstInstall: history.length === 0
  }
}

/** Why a watched rollout is not a success, in one paragraph for the step's error; undefined when it completed. */
export function outcomeFailure(o: WatchOutcome): string | undefined {
  switch (o.kind) {
    case 'complete':
      return undefined
    case 'failed':
      return o.assessment.failures.map(describeFailure).join('\n')
    case 'process-failed':
      return new HelmError('upgrade', o.process).message
    case 'cancelled':
      return 'the run was cancelled before the rollout was verified'
    case 'timeout': {
      const waiting = (o.assessment?.progress ?? [])
        .filter((p) => !p.complete)
        .map((p) => `${p.workload}: ${p.note ?? 'not ready'}`)
      return `rollout did not finish within the timeout${waiting.length ? `; still waiting for ${waiting.join('; ')}` : ''}`
    }
  }
}

/** The failing objects of a rollout the watcher judged failed, and how soon after the upgrade started. */
export function detection(
  o: WatchOutcome,
  upgradeStartedAt: number
): { failures: Failure[]; detectionSeconds?: number } {
  return o.kind === 'failed'
    ? {
        failures: o.assessment.failures,
        detectionSeconds: secondsBetween(upgradeStartedAt, o.detectedAt.getTime())
      }
    : { failures: [] }
}

/** What restoring a revision came to, judged by the watch of its rollout. */
export function restoreVerdict(
  revision: number,
  o: WatchOutcome
): { healthy: boolean; detail: string } {
  if (o.kind === 'complete')
    return { healthy: true, detail: `revision ${revision} restored and healthy` }
  return {
    healthy: false,
    detail:
      o.kind === 'cancelled'
        ? `revision ${revision} restored; its rollout was not watched (the run was cancelled)`
        : `revision ${revision} restored but not healthy: ${outcomeFailure(o)}`
  }
}

/**
 * Whether a failed deploy that undoes nothing reports so (with the reason) in its rollback
 * section: only when the user asked for rollbacks and a release exists to speak of.
 */
export function reportsLeftAsIs(
  d: Remediation,
  rollbackOnFailure: boolean,
  historyNow: readonly HistoryEntry[]
): boolean {
  return d.action === 'leave' && rollbackOnFailure && historyNow.length > 0
}

/** The step's message when the cluster stopped answering after helm started this run's revision. */
export function unknownOutcomeMessage(
  release: string,
  namespace: string,
  attempted: number,
  cause: string
): string {
  return `The outcome of revision ${attempted} of ${release} is unknown: the cluster stopped answering after helm started it (${cause}). Nothing was rolled back. Check what is live with: helm history ${release} --namespace ${namespace}; and the rollout of its workloads (kubectl rollout status --namespace ${namespace} ...).`
}
