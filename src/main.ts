import * as core from '@actions/core'
import { deploy, type DeployResult } from './deploy/deploy.js'
import { createProcessRunner, signalChildren, type CommandRunner } from './exec/runner.js'
import { actionInputs, readConfig, type InputReader } from './inputs/inputs.js'
import { Kubectl } from './kube/kubectl.js'
import { ReleaseWatch } from './kube/release-watch.js'
import { plan } from './plan/plan.js'
import { outputValues, type RunOutputs } from './report/outputs.js'
import { renderPlan } from './report/plan-summary.js'
import { Reporter } from './report/reporter.js'
import { renderDeploySummary } from './report/summary.js'
import { systemClock, type Clock } from './rollout/watch.js'
import { openSession, type Session, type SessionDeps } from './session.js'
import { rememberDeploy, rememberTempFiles, type DeployState } from './state.js'
import type { Preflight, Rendered } from './validate.js'

// The pre-cluster checks (the values engine, the manifest and schema validators) are a large
// part of the bundle: they load while helm reports its version, not before the first helm call.
let checksModule: Promise<typeof import('./validate.js')> | undefined
const checks = (): Promise<typeof import('./validate.js')> =>
  (checksModule ??= import('./validate.js'))
const checkValuesAndLint = async (s: Session, p?: Preflight): Promise<void> =>
  (await checks()).checkValuesAndLint(s, p)
const renderAndCheck = async (s: Session, version?: string, p?: Preflight): Promise<Rendered> =>
  (await checks()).renderAndCheck(s, version, p)

export interface MainDeps {
  read: InputReader
  runner: CommandRunner
  helmBinary?: SessionDeps['helmBinary']
  clock?: Clock
  kubectl?: string
}

const defaultDeps = (): MainDeps => ({
  read: actionInputs,
  runner: createProcessRunner((line) => core.info(line))
})

interface ModeResult {
  outputs: Partial<RunOutputs>
  /** Set when the step must fail, after outputs and reports are written. */
  error?: string
}

/** The main step: parse inputs, then run the phases of the chosen mode. Never throws. */
export async function run(deps: MainDeps = defaultDeps()): Promise<void> {
  const started = Date.now()
  const outputs: RunOutputs = {
    status: 'failed',
    rolledBack: false,
    changed: false,
    durationSeconds: 0,
    images: []
  }
  const cancel = new AbortController()
  const forward = (signal: NodeJS.Signals) => () => {
    cancel.abort()
    const n = signalChildren(signal)
    core.warning(`Received ${signal}; forwarded it to ${n} running process(es).`)
  }
  const onInt = forward('SIGINT')
  const onTerm = forward('SIGTERM')
  process.on('SIGINT', onInt)
  process.on('SIGTERM', onTerm)
  // Loading that runs beside the first helm calls; run() settles it before it returns, so no
  // import outlives the run (a failed one is reported where the module is used).
  let warming: Promise<unknown> | undefined
  try {
    const config = readConfig(deps.read)
    warming = checks()
      .then((m) => (config.mode === 'validate' ? m.warmUp(config) : undefined))
      .catch(() => undefined)
    const session = await openSession(config, {
      runner: deps.runner,
      log: (l) => core.info(l),
      mask: (s) => core.setSecret(s),
      helmBinary: deps.helmBinary
    })
    // The post step removes these; it also needs the kubeconfig to repair a cancelled deploy.
    rememberTempFiles(session.temp.paths)
    const reporter = new Reporter(config)
    const result =
      config.mode === 'validate'
        ? await validateMode(session, reporter, started)
        : config.mode === 'plan'
          ? await planMode(session, deps, reporter)
          : config.mode === 'rollback' || config.mode === 'remove'
            ? await lifecycleMode(session, deps, reporter, cancel.signal)
            : await deployMode(session, deps, reporter, cancel.signal)
    Object.assign(outputs, result.outputs)
    if (result.error) core.setFailed(result.error)
  } catch (e) {
    outputs.status = 'failed'
    core.setFailed(e instanceof Error ? e.message : String(e))
  } finally {
    await warming
    process.off('SIGINT', onInt)
    process.off('SIGTERM', onTerm)
    outputs.durationSeconds = Math.round((Date.now() - started) / 1000)
    for (const [k, v] of Object.entries(outputValues(outputs))) core.setOutput(k, v)
  }
}

async function validateMode(s: Session, reporter: Reporter, started: number): Promise<ModeResult> {
  const { describeObjects, newPreflight, validateReport } = await checks()
  const { renderValidateSummary } = await import('./report/validate-summary.js')
  const p = newPreflight()
  let failure: unknown
  try {
    await checkValuesAndLint(s, p)
    await renderAndCheck(s, undefined, p)
  } catch (e) {
    failure = e
  }
  const rendered = p.rendered
  await reporter.summary(renderValidateSummary(validateReport(s, p, (Date.now() - started) / 1000)))
  if (failure || !rendered) throw failure
  core.info(
    `Plan for release ${s.config.release}${s.config.namespace ? ` in ${s.config.namespace}` : ''}:`
  )
  for (const line of describeObjects(rendered.objects)) core.info(`  ${line}`)
  core.info(`  Images: ${rendered.images.join(', ') || '(none)'}`)
  core.info(`Validated: ${rendered.objects.length} objects.`)
  return { outputs: { status: 'validated', images: rendered.images } }
}

/** Resolves the namespace (the context's when not given) and a kubectl for it. */
async function connect(s: Session, deps: MainDeps): Promise<Kubectl> {
  const binary = deps.kubectl ?? 'kubectl'
  const where = { kubeconfig: s.target.kubeconfig, context: s.target.kubeContext }
  s.target.namespace ??= await Kubectl.contextNamespace(deps.runner, where, binary)
  return new Kubectl(deps.runner, { ...where, namespace: s.target.namespace }, binary)
}

/** rollback and remove: the release lifecycle modes (src/lifecycle). */
async function lifecycleMode(
  s: Session,
  deps: MainDeps,
  reporter: Reporter,
  cancel: AbortSignal
): Promise<ModeResult> {
  const modes = await import('./lifecycle/modes.js')
  const ld = { kube: await connect(s, deps), clock: deps.clock ?? systemClock, cancel }
  return s.config.mode === 'rollback'
    ? modes.rollbackMode(s, ld, reporter)
    : modes.removeMode(s, ld, reporter)
}

async function planMode(s: Session, deps: MainDeps, reporter: Reporter): Promise<ModeResult> {
  await checkValuesAndLint(s)
  const kube = await connect(s, deps)
  const rendered = await renderAndCheck(s, await kube.serverVersion())
  const p = await core.group('Diff against the live release', () => plan(s, rendered.objects))
  for (const c of p.diff.changes.filter((x) => x.change !== 'unchanged')) {
    core.info(`${c.change}: ${c.key}`)
    if (c.diff) core.info(c.diff)
  }
  const { head, details } = renderPlan(p)
  core.info(head.split('\n')[0].replace(/^#+ /, ''))
  await reporter.summary([head, ...details].join('\n\n'))
  await reporter.comment(head, details)
  return {
    outputs: {
      status: 'planned',
      changed: p.diff.changed,
      revision: p.liveRevision,
      previousRevision: p.liveRevision,
      images: p.imagesAfter
    }
  }
}

async function deployMode(
  s: Session,
  deps: MainDeps,
  reporter: Reporter,
  cancel: AbortSignal
): Promise<ModeResult> {
  await checkValuesAndLint(s)
  const kube = await connect(s, deps)
  await renderAndCheck(s, await kube.serverVersion())
  const state: DeployState = {
    helm: s.helm.binary,
    release: s.config.release,
    namespace: s.target.namespace,
    kubeContext: s.target.kubeContext,
    kubeconfig: s.target.kubeconfig,
    rollbackOnFailure: s.config.rollbackOnFailure,
    finished: false
  }
  await reporter.deploymentStarted()
  // The rollout is followed through one kubectl proxy (every kubeconfig auth method keeps
  // working), by watch streams on the release's own objects only.
  const watch = ReleaseWatch.throughKubectl((socket) => kube.proxyCommand(socket), {
    warn: (line) => core.warning(line),
    debug: (line) => core.debug(line)
  })
  const result = await core.group(`Deploy ${s.config.release} to ${s.target.namespace}`, () =>
    deploy(s, {
      kube,
      reader: watch,
      clock: deps.clock ?? systemClock,
      cancel,
      onStarted: (lastGood) => rememberDeploy({ ...state, lastGood }),
      remember: (patch) => rememberDeploy(Object.assign(state, patch)),
      warn: (line) => core.warning(line)
    }).finally(() => watch.close())
  )
  rememberDeploy({ ...state, finished: true })
  for (const w of result.warnings) core.warning(w)

  const markdown = renderDeploySummary(result)
  await reporter.summary(markdown)
  await reporter.deploymentFinished(
    result.ok,
    result.ok ? `Revision ${result.revision} deployed` : failureHeadline(result)
  )
  await reporter.comment(markdown, [], result.ok ? s.config.environmentUrl : undefined)
  return {
    outputs: {
      status: result.ok
        ? 'deployed'
        : result.unknown
          ? 'unknown'
          : result.rollback?.healthy && !result.rollback.uninstalled
            ? 'rolled-back'
            : 'failed',
      revision: result.revision,
      previousRevision: result.previousRevision,
      rolledBack:
        !!result.rollback && !result.rollback.uninstalled && result.rollback.revision !== undefined,
      changed: result.changed,
      images: result.imagesAfter
    },
    error: result.ok ? undefined : failureMessage(result)
  }
}

function failureHeadline(r: DeployResult): string {
  if (r.unknown) return 'Outcome unknown: the cluster stopped answering'
  return r.rollback?.healthy && !r.rollback.uninstalled
    ? `Failed; rolled back to revision ${r.rollback.toRevision}`
    : 'Deploy failed'
}

function failureMessage(r: DeployResult): string {
  if (r.unknown) return r.unknown
  const what =
    r.failures.length > 1
      ? `the rollout failed (${r.failures.length} problems)`
      : r.failures.length === 1
        ? 'the rollout failed'
        : 'the deploy failed'
  const restored = r.rollback
    ? r.rollback.uninstalled
      ? 'The failed first install was uninstalled.'
      : r.rollback.healthy
        ? `Rolled back to revision ${r.rollback.toRevision} (now revision ${r.rollback.revision}), which is healthy.`
        : `Rollback: ${r.rollback.detail}.`
    : 'The release is left as it is (rollback-on-failure is off, or there was nothing to restore).'
  return `Revision ${r.attemptedRevision} of ${r.release}: ${what}:\n${r.error}\n${restored}`
}
