import { describe, expect, it } from '@jest/globals'
import type { CommandResult, CommandRunner } from '../../src/exec/runner.js'
import { Helm } from '../../src/helm/helm.js'
import type { ReleaseInfo } from '../../src/helm/release.js'
import { plan } from '../../src/plan/plan.js'
import type { Session } from '../../src/run/session.js'

const manifest = (image: string) =>
  `---\napiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  template:\n    spec:\n      containers:\n        - name: web\n          image: ${image}\n`

const live: ReleaseInfo = {
  name: 'goatflow',
  namespace: 'apps',
  revision: 4,
  status: 'deployed',
  description: 'Upgrade complete',
  manifest: manifest('goatflow:1.0')
}

/** helm whose dry run answers with the new manifest, noting the order of what it was asked. */
async function session(events: string[]) {
  const runner: CommandRunner = {
    async run(_file, args): Promise<CommandResult> {
      if (args[0] === 'version') return { exitCode: 0, stdout: 'v4.1.4', stderr: '' }
      events.push(`helm ${args[0]}`)
      const dry = { name: 'goatflow', version: 5, manifest: manifest('goatflow:1.1') }
      return { exitCode: 0, stdout: JSON.stringify(dry), stderr: '' }
    },
    start() {
      throw new Error('plan starts no process')
    }
  }
  return {
    config: { release: 'goatflow', timeoutSeconds: 300, historyMax: 10, createNamespace: false },
    helm: await Helm.detect(runner),
    target: { release: 'goatflow', namespace: 'apps' },
    chart: { ref: 'examples/charts/goatflow' },
    values: { files: [], set: [], setString: [], setJson: [] }
  } as unknown as Pick<Session, 'config' | 'helm' | 'target' | 'chart' | 'values'>
}

describe('plan', () => {
  it('runs the dry run without waiting for the live release read started before it', async () => {
    const events: string[] = []
    let answer!: (r: ReleaseInfo) => void
    const reading = new Promise<ReleaseInfo | undefined>((resolve) => (answer = resolve))
    const planned = plan(await session(events), [], reading)
    await new Promise((r) => setImmediate(r))
    expect(events).toEqual(['helm upgrade'])
    events.push('live read')
    answer(live)
    const p = await planned
    expect(p).toMatchObject({ exists: true, liveRevision: 4, source: 'server dry-run' })
    expect(p.imagesBefore).toEqual(['goatflow:1.0'])
    expect(p.imagesAfter).toEqual(['goatflow:1.1'])
  })

  it('fails as before when the live release cannot be read', async () => {
    const failing = Promise.reject(new Error('helm get all: connection refused'))
    await expect(plan(await session([]), [], failing)).rejects.toThrow('connection refused')
  })
})
