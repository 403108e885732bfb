import * as core from '@actions/core'
import {
  checkValuesAndLint,
  describeObjects,
  newPreflight,
  renderAndCheck,
  validateReport
} from '../checks/preflight.js'
import { renderValidateSummary } from '../report/validate-summary.js'
import type { Session } from '../run/session.js'
import type { ModeDeps, ModeResult } from './mode.js'

export { warmUp } from '../checks/preflight.js'

/** `mode: validate`: every check that needs no cluster, and the plan of what would be deployed. */
export async function validateMode(s: Session, deps: ModeDeps): Promise<ModeResult> {
  const p = newPreflight()
  let failure: unknown
  try {
    await checkValuesAndLint(s, p)
    await renderAndCheck(s, undefined, p)
  } catch (e) {
    failure = e
  }
  const rendered = p.rendered
  await deps.reporter.summary(
    renderValidateSummary(validateReport(s, p, (Date.now() - deps.started) / 1000))
  )
  if (failure || !rendered) throw failure
  core.info(
    `Plan for release ${s.config.release}${s.config.namespace ? ` in ${s.config.namespace}` : ''}:`
  )
  for (const line of describeObjects(rendered.objects)) core.info(`  ${line}`)
  core.info(`  Images: ${rendered.images.join(', ') || '(none)'}`)
  core.info(`Validated: ${rendered.objects.length} objects.`)
  return { outputs: { status: 'validated', images: rendered.images } }
}
