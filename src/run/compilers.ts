import { setFlagsFromString } from 'node:v8'

// A run of this action is short and mostly waits: for helm, the API server and the rollout. V8's
// optimizing compilers (Maglev, TurboFan) compile hot functions again on background threads, and
// the memory of that work stays with the process: about 18 MB of the peak RSS of mode: validate
// on the 130-object chart, 50 MB on a 1,800-object one. They pay off in loops that run for many
// seconds, which no phase of a run has, and their threads take the cores helm needs meanwhile.
// The bytecode interpreter and Sparkplug (the baseline compiler, which needs no background work)
// stay on. V8 honours these flags when set after start (tested on each supported Node.js in
// __tests__/unit/compilers.test.ts); index.ts sets them before the run starts, when only the
// modules' one-time top-level code has run.

/** The V8 flags that turn the optimizing compilers off. */
export const OPTIMIZING_COMPILERS_OFF = ['--no-maglev', '--no-turbofan'] as const

/** For the whole process: Node.js has no way to set them back per module. */
export function turnOptimizingCompilersOff(): void {
  for (const flag of OPTIMIZING_COMPILERS_OFF) setFlagsFromString(flag)
}
