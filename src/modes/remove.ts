import * as core from '@actions/core'
import { removeHeadline, renderRemoveSummary } from '../report/remove-summary.js'
import type { Session } from '../run/session.js'
import { rememberDeploy } from '../run/step-state.js'
import { removeRelease } from '../remediate/remove.js'
import { connect, stepState, type ModeDeps, type ModeResult } from './mode.js'

/** `mode: remove`: take a preview environment down and say so where reviewers look. */
export async function removeMode(opened: Session, deps: ModeDeps): Promise<ModeResult> {
  const { session: s, kube } = await connect(opened, deps)
  const { config } = s
  const { reporter } = deps
  const state = stepState(s)
  let r
  try {
    r = await core.group(`Remove ${config.release} from ${s.target.namespace}`, () =>
      removeRelease(s, {
        kube,
        clock: deps.clock,
        cancel: deps.cancel,
        remember: (patch) => rememberDeploy(Object.assign(state, patch)),
        warn: (line) => core.warning(line)
      })
    )
  } finally {
    rememberDeploy({ ...state, finished: true })
  }
  const headline = removeHeadline(r)
  const markdown = renderRemoveSummary(r)
  core.info(headline)
  await reporter.summary(markdown)
  await reporter.environmentRemoved(headline)
  await reporter.comment(markdown, [])
  return {
    outputs: {
      status: 'removed',
      previousRevision: r.lastRevision,
      changed: r.uninstalled || r.namespaceDeleted,
      images: []
    }
  }
}
