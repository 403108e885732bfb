import type { CommandResult, RunningCommand } from '../exec/runner.js'
import type { Snapshot, WorkloadRef } from '../kube/types.js'
import { assess, type Assessment } from './assess.js'

export interface Clock {
  now(): Date
  sleep(ms: number): Promise<void>
}

export const systemClock: Clock = {
  now: () => new Date(),
  sleep: (ms) => new Promise((r) => setTimeout(r, ms))
}

export type WatchOutcome =
  | { kind: 'complete'; assessment: Assessment; process?: CommandResult }
  /** Pods or objects failed in a way waiting will not fix. */
  | { kind: 'failed'; assessment: Assessment; process?: CommandResult; detectedAt: Date }
  /** The helm process exited with an error of its own (hook failure, apply error, its timeout). */
  | { kind: 'process-failed'; assessment?: Assessment; process: CommandResult }
  | { kind: 'timeout'; assessment?: Assessment; process?: CommandResult }

export interface WatchParams {
  snapshot: () => Promise<Snapshot>
  /** Resolves the workloads once they are known (the pending revision's manifest), else undefined. */
  workloads: () => Promise<WorkloadRef[] | undefined>
  /** A helm process the rollout belongs to; it is signalled when the rollout fails. */
  process?: RunningCommand
  timeoutSeconds: number
  graceSeconds: number
  startGenerations?: ReadonlyMap<string, number>
  pollMs?: number
  clock?: Clock
  /** Called with every assessment (progress logs). */
  onProgress?: (a: Assessment) => void
  /** Runs on every snapshot before it is judged (e.g. replacing stuck StatefulSet pods). */
  onSnapshot?: (s: Snapshot) => Promise<void>
}

/**
 * Polls the namespace until the workloads are rolled out, fail, or time out. A failing rollout
 * stops the helm process at once with SIGTERM, which makes helm record the revision as failed.
 */
export async function watchRollout(p: WatchParams): Promise<WatchOutcome> {
  const clock = p.clock ?? systemClock
  const started = clock.now().getTime()
  const deadline = started + p.timeoutSeconds * 1000
  let workloads: WorkloadRef[] | undefined
  let last: Assessment | undefined
  const readyAt = new Map<string, number>()
  for (;;) {
    const exited = p.process?.exited() ?? true
    const processResult = exited && p.process ? await p.process.done : undefined
    if (processResult && processResult.exitCode !== 0)
      return { kind: 'process-failed', assessment: last, process: processResult }
    workloads ??= await p.workloads()
    if (workloads) {
      const snap = await p.snapshot()
      await p.onSnapshot?.(snap)
      const now = clock.now()
      last = assess(workloads, snap, {
        now,
        graceSeconds: p.graceSeconds,
        startGenerations: p.startGenerations,
        applied: exited
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
    await Promise.race([
      clock.sleep(p.pollMs ?? 2000),
      ...(p.process && !exited ? [p.process.done] : [])
    ])
  }
}
