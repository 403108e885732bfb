import type { CommandResult, RunningCommand } from '../exec/runner.js'
import type { Snapshot, WorkloadRef } from '../kube/types.js'
import { assess, type Assessment, type Baseline } from './assess.js'
import { RolloutMemory } from './memory.js'
import type { VerdictPolicy } from './policy.js'
import { raceAbort } from '../run/abort.js'
import { systemClock, type Clock } from '../run/clock.js'

export type WatchOutcome =
  | { kind: 'complete'; assessment: Assessment; process?: CommandResult }
  /** Pods or objects failed in a way waiting will not fix. */
  | { kind: 'failed'; assessment: Assessment; process?: CommandResult; detectedAt: Date }
  /** The helm process exited with an error of its own (hook failure, apply error, its timeout). */
  | { kind: 'process-failed'; assessment?: Assessment; process: CommandResult }
  | { kind: 'timeout'; assessment?: Assessment; process?: CommandResult }
  /** The run was cancelled (SIGINT/SIGTERM from the runner) before the rollout was verified. */
  | { kind: 'cancelled'; assessment?: Assessment; process?: CommandResult }

export interface WatchParams {
  /** One read of the cluster for the given workloads. */
  snapshot: (workloads: readonly WorkloadRef[]) => Promise<Snapshot>
  /** Resolves the workloads once they are known (the pending revision's manifest), else undefined. */
  workloads: () => Promise<WorkloadRef[] | undefined>
  /** A helm process the rollout belongs to; it is signalled when the rollout fails. */
  process?: RunningCommand
  timeoutSeconds: number
  policy: VerdictPolicy
  /** What existed before the deploy; absent when every workload is judged (a restored revision). */
  before?: Baseline
  /** Hook phases of the operation helm runs now. */
  hookPhases?: ReadonlySet<string>
  releaseNamespace?: string
  pollMs?: number
  /** How soon to ask for the workloads again while they are not known (default pollMs). */
  workloadsPollMs?: () => number | undefined
  /** Subscribes to changes of the release's objects: the watcher then reads at once. */
  wake?: (listener: () => void) => () => void
  /** Aborted when the runner cancels the job. */
  cancel?: AbortSignal
  /** Told when a read of the cluster failed; the watch goes on without a verdict from it. */
  onReadError?: (e: Error) => void
  clock?: Clock
  /** Called with every assessment (progress logs). */
  onProgress?: (a: Assessment) => void
  /** Runs on every snapshot before it is judged (e.g. replacing stuck StatefulSet pods). */
  onSnapshot?: (snap: Snapshot) => Promise<void>
}

/**
 * Reads the release's workloads until they are rolled out, fail, or time out. The verdict is the
 * action's own: helm applies without waiting, and the rollout counts as complete only when helm
 * has exited (hooks included) and every changed workload is ready. A rollout that fails while
 * helm still runs stops it with SIGTERM, which makes helm record the revision as failed. A read
 * that fails yields no verdict: the watch goes on until the deadline.
 */
export async function watchRollout(p: WatchParams): Promise<WatchOutcome> {
  const clock = p.clock ?? systemClock
  const started = clock.now().getTime()
  const deadline = started + p.timeoutSeconds * 1000
  let workloads: WorkloadRef[] | undefined
  let last: Assessment | undefined
  const readyAt = new Map<string, number>()
  const memory = new RolloutMemory()
  for (;;) {
    if (p.cancel?.aborted) {
      p.process?.signal('SIGTERM')
      return {
        kind: 'cancelled',
        assessment: last,
        process: p.process ? await p.process.done : undefined
      }
    }
    const exited = p.process?.exited() ?? true
    const processResult = exited && p.process ? await p.process.done : undefined
    if (processResult && processResult.exitCode !== 0)
      return { kind: 'process-failed', assessment: last, process: processResult }
    workloads ??= await p.workloads()
    const snap = workloads ? await readOrNothing(p, workloads) : undefined
    if (workloads && snap) {
      await p.onSnapshot?.(snap)
      const now = clock.now()
      last = assess(workloads, snap, {
        now,
        policy: p.policy,
        memory,
        before: p.before,
        hookPhases: p.hookPhases,
        releaseNamespace: p.releaseNamespace
      })
      for (const w of last.progress) {
        if (w.complete && !readyAt.has(w.workload))
          readyAt.set(w.workload, Math.round((now.getTime() - started) / 100) / 10)
        w.readySeconds = readyAt.get(w.workload)
      }
      p.onProgress?.(last)
      if (last.failures.length > 0) {
        p.process?.signal('SIGTERM')
        const result = p.process ? await p.process.done : undefined
        return { kind: 'failed', assessment: last, process: result, detectedAt: now }
      }
      if (last.complete && exited)
        return { kind: 'complete', assessment: last, process: processResult }
    }
    if (clock.now().getTime() >= deadline) {
      p.process?.signal('SIGTERM')
      return {
        kind: 'timeout',
        assessment: last,
        process: p.process ? await p.process.done : undefined
      }
    }
    // Wake at once when helm exits: its result is what the rollout waits for.
    let unsubscribe: (() => void) | undefined
    // Ends the waits that lost this round's race, so no timer outlives the watch.
    const round = new AbortController()
    await raceAbort(
      Promise.race([
        clock.sleep((!workloads && p.workloadsPollMs?.()) || (p.pollMs ?? 1000), round.signal),
        // A change wakes the watcher; a short settle lets a burst of changes land in one read.
        ...(p.wake
          ? [
              new Promise<void>((resolve) => (unsubscribe = p.wake!(() => resolve()))).then(() =>
                clock.sleep(50, round.signal)
              )
            ]
          : []),
        ...(p.process && !exited ? [p.process.done] : [])
      ]),
      p.cancel
    )
    round.abort()
    unsubscribe?.()
  }
}

async function readOrNothing(
  p: WatchParams,
  workloads: readonly WorkloadRef[]
): Promise<Snapshot | undefined> {
  try {
    return await p.snapshot(workloads)
  } catch (e) {
    p.onReadError?.(e as Error)
    return undefined
  }
}
