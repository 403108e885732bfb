import { run } from './main.js'
import { post } from './post.js'
import { isPostStep, markMainStepRan } from './run/step-state.js'

if (isPostStep()) {
  await post()
} else {
  markMainStepRan()
  await run()
}
