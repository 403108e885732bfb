import * as core from '@actions/core'
import type { Kubectl } from '../kube/kubectl.js'
import { ReleaseWatch } from '../kube/release-watch.js'
import type { RunOutputs } from '../report/outputs.js'
import type { Reporter } from '../report/reporter.js'
import { removeHeadline, renderRemoveSummary } from '../report/remove-summary.js'
import { renderRollbackSummary, rollbackHeadline } from '../report/rollback-summary.js'
import type { Clock } from '../rollout/watch.js'
import type { Session } from '../session.js'
import { rememberDeploy } from '../state.js'
import { removeRelease } from './remove.js'
import { rollbackRelease } from './rollback.js'

export interface LifecycleDeps {
  kube: Kubectl
  clock: Clock
  cancel: AbortSignal
}

export interface LifecycleResult {
  outputs: Partial<RunOutputs>
  /** Set when the step must fail, after outputs and reports are written. */
  error?: string
}

/** `mode: rollback`: restore a revision, verify it, report it. */
export async function rollbackMode(
  s: Session,
  deps: LifecycleDeps,
  reporter: Reporter
): Promise<LifecycleResult> {
  const { config } = s
  await reporter.deploymentStarted(
    `helm rollback ${config.release}${config.revision ? ` to revision ${config.revision}` : ''}`
  )
  const state = stepState(s)
  // The restored revision is followed as a deploy follows its own: watch streams through one
  // kubectl proxy.
  const watch = ReleaseWatch.throughKubectl((socket) => deps.kube.proxyCommand(socket), {
    warn: (line) => core.warning(line),
    debug: (line) => core.debug(line)
  })
  let r
  try {
    r = await core.group(`Roll back ${config.release} in ${s.target.namespace}`, () =>
      rollbackRelease(s, {
        kube: deps.kube,
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

/** `mode: remove`: take a preview environment down and say so where reviewers look. */
export async function removeMode(
  s: Session,
  deps: LifecycleDeps,
  reporter: Reporter
): Promise<LifecycleResult> {
  const { config } = s
  const state = stepState(s)
  let r
  try {
    r = await core.group(`Remove ${config.release} from ${s.target.namespace}`, () =>
      removeRelease(s, {
        kube: deps.kube,
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

/** What the post step needs to free this run's lock after a cancellation. */
function stepState(s: Session) {
  return {
    helm: s.helm.binary,
    release: s.config.release,
    namespace: s.target.namespace,
    kubeContext: s.target.kubeContext,
    kubeconfig: s.target.kubeconfig,
    finished: false
  }
}
