import { run } from './main.js'
import { isPostStep, markMainStepRan } from './run/step-state.js'

// The post step's repair and cleanup code is loaded only in the post step.
if (isPostStep()) {
  await (await import('./post.js')).post()
} else {
  markMainStepRan()
  await run()
}
