import { mkdirSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from '@jest/globals'
import type { CommandResult, CommandRunner } from '../../src/exec/runner.js'
import { readConfig } from '../../src/inputs/inputs.js'
import { openSession } from '../../src/run/session.js'

// openSession calls deps.waiting once the session first waits for helm. main.ts loads the mode's
// module there: Node compiles an imported module graph before import() returns, and a mode's
// graph (deploy's cluster and GitHub clients) costs tens of milliseconds that must not stand
// before the first helm call.

/** Every helm call answers at once; `helm pull` leaves a chart in its --untardir, as helm does. */
function recordingRunner() {
  const calls: string[] = []
  const run = async (_file: string, args: readonly string[]): Promise<CommandResult> => {
    calls.push(args[0] === 'dependency' ? 'dependency build' : args[0])
    if (args[0] === 'version') return { exitCode: 0, stdout: 'v3.17.0', stderr: '' }
    if (args[0] === 'pull') mkdirSync(join(args[args.indexOf('--untardir') + 1], 'goatflow'))
    return { exitCode: 0, stdout: '', stderr: '' }
  }
  const runner: CommandRunner = {
    run,
    start: (file, args) => ({
      done: run(file, args),
      exited: () => true,
      signal: () => undefined
    })
  }
  return { runner, calls }
}

describe('openSession: what has started when the session first waits for helm', () => {
  it.each([
    [
      'validate, local chart: version, lint and template',
      { mode: 'validate' },
      ['version', 'lint', 'template']
    ],
    [
      'deploy, local chart: version, lint and template',
      { mode: 'deploy' },
      ['version', 'lint', 'template']
    ],
    ['rollback: the version only (no chart to check)', { mode: 'rollback' }, ['version']],
    [
      'deploy from a repository: the repo add (the checks wait for the chart)',
      { mode: 'deploy', chart: 'goatflow', 'repo-url': 'https://charts.example.com' },
      ['version', 'repo']
    ],
    [
      'blue-green deploy: the version only (its checks run per slot)',
      { mode: 'deploy', strategy: 'blue-green' },
      ['version']
    ]
  ])('%s', async (_what, inputs, started) => {
    const all: Record<string, string> = {
      release: 'goatflow',
      chart: 'examples/charts/goatflow',
      ...inputs
    }
    const config = readConfig((name) => all[name] ?? '')
    const { runner, calls } = recordingRunner()
    const seen: string[][] = []
    const session = await openSession(config, {
      runner,
      log: () => undefined,
      mask: () => undefined,
      waiting: () => seen.push([...calls])
    })
    session.temp.removeAll()
    // The first wait comes after exactly these calls started; later waits add nothing earlier.
    expect(seen[0]).toEqual(started)
    expect(seen.length).toBeGreaterThan(0)
  })
})
