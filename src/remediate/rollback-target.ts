import { isPending, rolledBackFrom, type HistoryEntry } from '../helm/release.js'

// Which revision `mode: rollback` restores, or why it refuses. Pure: the history comes from
// `helm history`, the answer says everything the person on call needs to decide again.

export interface RollbackRequest {
  release: string
  namespace: string
  history: readonly HistoryEntry[]
  /** The `revision` input; undefined: the newest good revision before the current one. */
  requested?: number
  force: boolean
}

export type RollbackChoice =
  | {
      kind: 'restore'
      from: HistoryEntry
      to: HistoryEntry
      /** Why this revision, for the summary and the log. */
      why: string
      /** Set when force let through a revision that never worked. */
      forced?: string
    }
  | { kind: 'refuse'; reason: string }

/** A revision worked when it was deployed and was not rolled back from. */
function workedOrWhyNot(h: HistoryEntry, abandoned: ReadonlySet<number>): string | undefined {
  if (abandoned.has(h.revision)) return 'it was rolled back from (its rollout failed)'
  if (h.status === 'deployed' || h.status === 'superseded') return undefined
  return `its status is ${h.status}${h.description ? ` (${h.description})` : ''}`
}

const row = (h: HistoryEntry): string =>
  `${h.revision} (${h.status}${h.chart ? `, ${h.chart}` : ''}${h.appVersion ? `, app ${h.appVersion}` : ''})`

/** The revision a "Rollback to N" record restored: its content is N's. */
const restoredFrom = (h: HistoryEntry): number | undefined => {
  const m = /^Rollback to (\d+)/.exec(h.description)
  return m ? Number(m[1]) : undefined
}

export function chooseRollbackTarget(r: RollbackRequest): RollbackChoice {
  const where = `release "${r.release}" in namespace "${r.namespace}"`
  const current = r.history.at(-1)
  if (!current)
    return {
      kind: 'refuse',
      reason: `Input "release" "${r.release}": there is no ${where} (helm history is empty). Check the release and namespace inputs (and kube-context) against helm list --all-namespaces.`
    }
  if (isPending(current.status) && !r.force)
    return {
      kind: 'refuse',
      reason: `Revision ${current.revision} of ${where} is ${current.status}: a helm operation may still be running on it outside this action. Wait for it to finish and run the rollback again; if nothing is running any more, set force: true to roll back anyway.`
    }
  const abandoned = rolledBackFrom(r.history)
  const available = r.history
    .filter((h) => h.revision !== current.revision)
    .slice(-10)
    .map(row)
    .join(', ')

  if (r.requested !== undefined) {
    const to = r.history.find((h) => h.revision === r.requested)
    if (!to)
      return {
        kind: 'refuse',
        reason: `Input "revision" "${r.requested}": ${where} has no revision ${r.requested} (helm keeps revisions ${r.history[0].revision} to ${current.revision}; older ones were pruned by history-max). Pick one of: ${available || '(none)'}; or leave revision empty for the newest good revision before the current one.`
      }
    if (to.revision === current.revision)
      return {
        kind: 'refuse',
        reason: `Input "revision" "${r.requested}": revision ${r.requested} is the current revision of ${where} (${current.status}); rolling back to it changes nothing. Pick an earlier one: ${available || '(none)'}; or leave revision empty for the newest good revision before it.`
      }
    const broken = workedOrWhyNot(to, abandoned)
    if (broken && !r.force)
      return {
        kind: 'refuse',
        reason: `Input "revision" "${r.requested}": revision ${r.requested} of ${where} never worked: ${broken}. Pick a revision that ran (deployed or superseded), or set force: true to restore it anyway.`
      }
    return {
      kind: 'restore',
      from: current,
      to,
      why: `revision ${to.revision} was asked for (input revision)`,
      forced: broken ? `force: true restores revision ${to.revision} although ${broken}` : undefined
    }
  }

  // The current revision's content when it is itself a rollback: restoring that again is a no-op.
  const live = restoredFrom(current)
  const to = [...r.history]
    .reverse()
    .find(
      (h) =>
        h.revision < current.revision &&
        h.revision !== live &&
        workedOrWhyNot(h, abandoned) === undefined
    )
  if (!to)
    return {
      kind: 'refuse',
      reason: `Input "revision" (empty): ${where} has no good revision before the current revision ${current.revision}${live ? ` other than revision ${live}, which it already restored` : ''}. Its history: ${available || '(nothing else)'}. Name one with revision (and force: true for one that never worked).`
    }
  return {
    kind: 'restore',
    from: current,
    to,
    why: `revision ${to.revision} is the newest good revision before the current revision ${current.revision}${skippedNote(r.history, to, current, abandoned, live)}`
  }
}

/** Says which newer revisions were passed over and why, so the choice can be checked. */
function skippedNote(
  history: readonly HistoryEntry[],
  to: HistoryEntry,
  current: HistoryEntry,
  abandoned: ReadonlySet<number>,
  live: number | undefined
): string {
  const skipped = history
    .filter((h) => h.revision > to.revision && h.revision < current.revision)
    .map(
      (h) =>
        `${h.revision}: ${h.revision === live ? 'already live (the current revision restored it)' : (workedOrWhyNot(h, abandoned) ?? 'skipped')}`
    )
  return skipped.length ? ` (skipped ${skipped.join('; ')})` : ''
}
