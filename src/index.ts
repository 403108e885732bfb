import { run } from './main.js'
import { post } from './post.js'
import { isPost, markMain } from './run/step-state.js'

if (isPost()) {
  await post()
} else {
  markMain()
  await run()
}
