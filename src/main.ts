import * as core from '@actions/core'
import { deploy, type DeployResult } from './deploy/deploy.js'
import { createProcessRunner, signalChildren, type CommandRunner } from './exec/runner.js'
import { actionInputs, readConfig, type InputReader } from './inputs/inputs.js'
import { Kubectl } from './kube/kubectl.js'
import { outputValues, type RunOutputs } from './report/outputs.js'
import { renderDeploySummary } from './report/summary.js'
import { UserError } from './result.js'
import { systemClock, type Clock } from './rollout/watch.js'
import { openSession, type Session, type SessionDeps } from './session.js'
import { rememberDeploy, rememberTempFiles } from './state.js'
import { describeObjects, lint, render } from './validate.js'

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

/** The main step: parse inputs, then run the phases of the chosen mode. Never throws. */
export async function run(deps: MainDeps = defaultDeps()): Promise<void> {
  const started = Date.now()
  let session: Session | undefined
  const outputs: RunOutputs = {
    status: 'failed',
    rolledBack: false,
    changed: false,
    durationSeconds: 0,
    images: []
  }
  const forward = (signal: NodeJS.Signals) => () => {
    const n = signalChildren(signal)
    core.warning(`Received ${signal}; forwarded it to ${n} running process(es).`)
  }
  const onInt = forward('SIGINT')
  const onTerm = forward('SIGTERM')
  process.on('SIGINT', onInt)
  process.on('SIGTERM', onTerm)
  try {
    const config = readConfig(deps.read)
    session = await openSession(config, {
      runner: deps.runner,
      log: (l) => core.info(l),
      mask: (s) => core.setSecret(s),
      helmBinary: deps.helmBinary
    })
    // The post step removes these; it also needs the kubeconfig to repair a cancelled deploy.
    rememberTempFiles(session.temp.paths)

    switch (config.mode) {
      case 'validate':
        Object.assign(outputs, await validateMode(session))
        break
      case 'deploy': {
        const { outputs: o, error } = await deployMode(session, deps)
        Object.assign(outputs, o)
        if (error) core.setFailed(error)
        break
      }
      case 'plan':
        throw new UserError(
          'Input "mode" "plan": not available yet in this version; use mode: validate or deploy.'
        )
    }
  } catch (e) {
    outputs.status = 'failed'
    core.setFailed(e instanceof Error ? e.message : String(e))
  } finally {
    process.off('SIGINT', onInt)
    process.off('SIGTERM', onTerm)
    outputs.durationSeconds = Math.round((Date.now() - started) / 1000)
    for (const [k, v] of Object.entries(outputValues(outputs))) core.setOutput(k, v)
  }
}

async function validateMode(s: Session): Promise<Partial<RunOutputs>> {
  const warnings = await core.group('Lint', async () => {
    const w = await lint(s)
    for (const line of w) core.warning(line)
    return w
  })
  const rendered = await core.group('Render', () => render(s))
  core.info(
    `Plan for release ${s.config.release}${s.config.namespace ? ` in ${s.config.namespace}` : ''}:`
  )
  for (const line of describeObjects(rendered.objects)) core.info(`  ${line}`)
  core.info(`  Images: ${rendered.images.join(', ') || '(none)'}`)
  core.info(`Validated: ${rendered.objects.length} objects, ${warnings.length} lint warning(s).`)
  return { status: 'validated', images: rendered.images }
}

async function deployMode(
  s: Session,
  deps: MainDeps
): Promise<{ outputs: Partial<RunOutputs>; error?: string }> {
  await core.group('Validate', async () => {
    for (const w of await lint(s)) core.warning(w)
    await render(s)
  })
  const kubectlBinary = deps.kubectl ?? 'kubectl'
  const namespace =
    s.target.namespace ??
    (await Kubectl.contextNamespace(
      deps.runner,
      { kubeconfig: s.target.kubeconfig, context: s.target.kubeContext },
      kubectlBinary
    ))
  s.target.namespace = namespace
  const kube = new Kubectl(
    deps.runner,
    { namespace, kubeconfig: s.target.kubeconfig, context: s.target.kubeContext },
    kubectlBinary
  )

  const state = {
    helm: s.helm.binary,
    release: s.config.release,
    namespace,
    kubeContext: s.target.kubeContext,
    kubeconfig: s.target.kubeconfig,
    finished: false
  }
  const result = await core.group(`Deploy ${s.config.release} to ${namespace}`, () =>
    deploy(s, {
      kube,
      clock: deps.clock ?? systemClock,
      onStarted: (lastGood) => rememberDeploy({ ...state, lastGood })
    })
  )
  rememberDeploy({ ...state, finished: true })

  if (s.config.summary) await writeSummary(renderDeploySummary(result))
  const outputs: Partial<RunOutputs> = {
    status: result.ok
      ? 'deployed'
      : result.rollback?.healthy && !result.rollback.uninstalled
        ? 'rolled-back'
        : 'failed',
    revision: result.revision,
    previousRevision: result.previousRevision,
    rolledBack:
      !!result.rollback && !result.rollback.uninstalled && result.rollback.revision !== undefined,
    changed: result.changed,
    images: result.imagesAfter
  }
  return { outputs, error: result.ok ? undefined : failureMessage(result) }
}

function failureMessage(r: DeployResult): string {
  const what =
    r.failures.length > 0
      ? r.failures.length === 1
        ? 'the rollout failed'
        : `the rollout failed (${r.failures.length} problems)`
      : 'the deploy failed'
  const restored = r.rollback
    ? r.rollback.uninstalled
      ? ' The failed first install was uninstalled.'
      : r.rollback.healthy
        ? ` Rolled back to revision ${r.rollback.toRevision} (now revision ${r.rollback.revision}), which is healthy.`
        : ` Rollback: ${r.rollback.detail}.`
    : r.attemptedRevision && !r.ok
      ? ' rollback-on-failure is off: the release is left as it is.'
      : ''
  return `Revision ${r.attemptedRevision} of ${r.release}: ${what}:\n${r.error}\n${restored.trim()}`
}

async function writeSummary(markdown: string): Promise<void> {
  try {
    if (!process.env.GITHUB_STEP_SUMMARY) return
    await core.summary.addRaw(markdown).write()
  } catch (e) {
    core.warning(`Could not write the job summary: ${(e as Error).message}`)
  }
}
