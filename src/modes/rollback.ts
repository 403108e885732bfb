import * as core from '@actions/core'
import { ReleaseWatch } from '../kube/release-watch.js'
import { renderRollbackSummary, rollbackHeadline } from '../report/rollback-summary.js'
import type { Session } from '../run/session.js'
import { rememberDeploy } from '../run/step-state.js'
import { rollbackRelease } from '../remediate/rollback.js'
import { connect, stepState, type ModeDeps, type ModeResult } from './mode.js'

/** `mode: rollback`: restore a revision, verify it, report it. */
export async function rollbackMode(opened: Session, deps: ModeDeps): Promise<ModeResult> {
  const { session: s, kube } = await connect(opened, deps)
  const { config } = s
  const { reporter } = deps
  await reporter.deploymentStarted(
    `helm rollback ${config.release}${config.revision ? ` to revision ${config.revision}` : ''}`
  )
  const state = stepState(s)
  // The restored revision is followed as a deploy follows its own: watch streams through one
  // kubectl proxy.
  const watch = ReleaseWatch.throughKubectl((socket) => kube.proxyCommand(socket), {
    warn: (line) => core.warning(line),
    debug: (line) => core.debug(line)
  })
  let r
  try {
    r = await core.group(`Roll back ${config.release} in ${s.target.namespace}`, () =>
      rollbackRelease(s, {
        kube,
        reader: watch,
        clock: deps.clock,
        cancel: deps.cancel,
        // Only the lock is left for the post step: a rollback is never undone by the action.
        remember: (patch) => rememberDeploy(Object.assign(state, patch)),
        warn: (line) => core.warning(line)
      }).finally(() => watch.close())
    )
  } catch (e) {
    await reporter.deploymentFinished(false, (e as Error).message.split('\n')[0])
    throw e
  } finally {
    rememberDeploy({ ...state, finished: true })
  }
  const headline = rollbackHeadline(r)
  const markdown = renderRollbackSummary(r)
  core.info(headline)
  await reporter.summary(markdown)
  await reporter.deploymentFinished(r.ok, headline)
  await reporter.comment(markdown, [])
  return {
    outputs: {
      status: r.ok ? 'rolled-back' : 'failed',
      revision: r.revision,
      previousRevision: r.fromRevision,
      rolledBack: r.revision !== undefined,
      changed: r.revision !== undefined,
      images: r.imagesAfter
    },
    error: r.ok ? undefined : `${headline}:\n${r.error ?? ''}\nNothing else was changed.`
  }
}
