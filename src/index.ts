import { run } from './main.js'
import { turnOptimizingCompilersOff } from './run/compilers.js'
import { isPostStep, markMainStepRan } from './run/step-state.js'

// Before the run starts: a run needs no optimizing compiler (run/compilers.ts).
turnOptimizingCompilersOff()

// The post step's repair and cleanup code is loaded only in the post step.
if (isPostStep()) {
  await (await import('./post.js')).post()
} else {
  markMainStepRan()
  await run()
}
