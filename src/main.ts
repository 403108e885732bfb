import * as core from '@actions/core'
import { createProcessRunner, signalChildren, type CommandRunner } from './exec/runner.js'
import { actionInputs, readConfig, type InputReader } from './inputs/inputs.js'
import { outputValues, type RunOutputs } from './report/outputs.js'
import { UserError } from './result.js'
import { openSession, type Session, type SessionDeps } from './session.js'
import { rememberTempFiles } from './state.js'
import { describeObjects, lint, render } from './validate.js'

export interface MainDeps {
  read: InputReader
  runner: CommandRunner
  helmBinary?: SessionDeps['helmBinary']
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
    rememberTempFiles(session.temp.paths)

    switch (config.mode) {
      case 'validate':
        Object.assign(outputs, await validateMode(session))
        break
      case 'plan':
      case 'deploy':
        throw new UserError(
          `Input "mode" "${config.mode}": not available yet in this version; use mode: validate.`
        )
    }
  } catch (e) {
    outputs.status = 'failed'
    core.setFailed(e instanceof UserError ? e.message : e instanceof Error ? e.message : String(e))
  } finally {
    process.off('SIGINT', onInt)
    process.off('SIGTERM', onTerm)
    session?.temp.removeAll()
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
