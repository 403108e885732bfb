import { setFlagsFromString } from 'node:v8'
import type { Mode } from '../inputs/config.js'

// validate and plan end when their checks and reads do: seconds of work spent mostly waiting for
// helm. V8's optimizing compilers (Maglev, TurboFan) compile hot functions again on background
// threads there, and the memory of that work stays with the process: about 16 MB of the peak RSS
// of validate on the 130-object chart, 18 MB on a 1,800-object one, 14-16 MB of plan's. It does
// not pay back in runs that short: without them, their times stayed the same within the noise
// of interleaved runs. A deploy, a rollback or a removal follows the cluster for seconds to
// minutes, where Node.js's own stream and HTTP code runs hot: healthy deploys measured 2-5%
// slower without them in two interleaved series, so those modes keep them.
// The bytecode interpreter and Sparkplug (the baseline compiler) stay on in every mode. V8
// honours these flags when set after start (tested on each supported Node.js in
// __tests__/unit/compilers.test.ts).

/** The V8 flags that turn the optimizing compilers off. */
export const OPTIMIZING_COMPILERS_OFF = ['--no-maglev', '--no-turbofan'] as const

/** Modes that are over when their checks and reads are: no optimizing compiler pays back. */
export function runsBriefly(mode: Mode): boolean {
  return mode === 'validate' || mode === 'plan'
}

/** For the whole process: Node.js has no way to set them per module. */
export function turnOptimizingCompilersOff(): void {
  for (const flag of OPTIMIZING_COMPILERS_OFF) setFlagsFromString(flag)
}
