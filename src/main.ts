import * as core from '@actions/core'
import { failureText } from './errors/failure.js'
import { fileVersionCache, type VersionCache } from './helm/version-cache.js'
import { createProcessRunner, signalChildren, type CommandRunner } from './exec/runner.js'
import type { Config } from './inputs/config.js'
import { actionInputs, readConfig, type InputReader } from './inputs/inputs.js'
import type { Mode } from './modes/mode.js'
import { outputValues, type RunOutputs } from './report/outputs.js'
import { Reporter } from './report/reporter.js'
import { runsBriefly, turnOptimizingCompilersOff } from './run/compilers.js'
import { openSession, type SessionDeps } from './run/session.js'
import { rememberTempFiles } from './run/step-state.js'
import { systemClock, type Clock } from './run/clock.js'

export interface MainDeps {
  read: InputReader
  runner: CommandRunner
  helmBinary?: SessionDeps['helmBinary']
  clock?: Clock
  kubectl?: string
  versionCache?: VersionCache
  /** Process-wide V8 settings for the mode (run/compilers.ts); the real runner's only. */
  tuneForMode?: (config: Config) => void
}

const defaultDeps = (): MainDeps => ({
  read: actionInputs,
  runner: createProcessRunner((line) => core.info(line)),
  // The real runner's answers only: helm is asked once per binary, not once per run.
  versionCache: fileVersionCache(),
  tuneForMode: (config) => {
    if (runsBriefly(config.mode)) turnOptimizingCompilersOff()
  }
})

/**
 * The chosen mode's module. The pre-cluster checks (the values engine, the manifest and schema
 * validators) and deploy's cluster and GitHub clients are a large part of the bundle, and Node
 * compiles an imported module graph before import() returns: the mode loads once the first helm
 * calls run (the checks, a source step or `helm version`), not before them. Validate mode also
 * warms up what its checks will load.
 */
async function loadMode(config: Config): Promise<{ mode: Mode; warmUp?: () => Promise<unknown> }> {
  switch (config.mode) {
    case 'validate': {
      const m = await import('./modes/validate.js')
      return { mode: m.validateMode, warmUp: () => m.warmUp(config) }
    }
    case 'plan':
      return config.strategy === 'blue-green'
        ? { mode: (await import('./strategy/blue-green.js')).blueGreenPlanMode }
        : { mode: (await import('./modes/plan.js')).planMode }
    case 'rollback':
      return { mode: (await import('./modes/rollback.js')).rollbackMode }
    case 'remove':
      return { mode: (await import('./modes/remove.js')).removeMode }
    case 'deploy':
      return config.strategy === 'blue-green'
        ? { mode: (await import('./strategy/blue-green.js')).blueGreenDeployMode }
        : { mode: (await import('./modes/deploy.js')).deployMode }
    case 'promote':
      return { mode: (await import('./strategy/blue-green.js')).promoteMode }
    case 'reject':
      return { mode: (await import('./strategy/blue-green.js')).rejectMode }
  }
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
    // Before any code of the run gets hot.
    deps.tuneForMode?.(config)
    let loading: ReturnType<typeof loadMode> | undefined
    const load = (): ReturnType<typeof loadMode> => {
      if (loading) return loading
      loading = loadMode(config)
      warming = loading.then((m) => m.warmUp?.()).catch(() => undefined)
      return loading
    }
    const session = await openSession(config, {
      runner: deps.runner,
      log: (l) => core.info(l),
      mask: (secret) => core.setSecret(secret),
      helmBinary: deps.helmBinary,
      versionCache: deps.versionCache,
      waiting: () => void load()
    })
    // The post step removes these; it also needs the kubeconfig to repair a cancelled deploy.
    rememberTempFiles(session.temp.paths)
    const { mode } = await load()
    const result = await mode(session, {
      runner: deps.runner,
      reporter: new Reporter(config),
      clock: deps.clock ?? systemClock,
      kubectl: deps.kubectl ?? 'kubectl',
      cancel: cancel.signal,
      started
    })
    Object.assign(outputs, result.outputs)
    if (result.error) core.setFailed(result.error)
  } catch (e) {
    outputs.status = 'failed'
    core.setFailed(failureText(e))
  } finally {
    await warming
    process.off('SIGINT', onInt)
    process.off('SIGTERM', onTerm)
    outputs.durationSeconds = Math.round((Date.now() - started) / 1000)
    for (const [k, v] of Object.entries(outputValues(outputs))) core.setOutput(k, v)
  }
}
