import { describe, expect, it } from '@jest/globals'
import { releaseHelm, type StoredReads } from '../../src/deploy/ports.js'
import type { CommandResult, CommandRunner } from '../../src/exec/runner.js'
import { Helm } from '../../src/helm/helm.js'

// The real ReleaseHelm: which helm command each port call runs, and how it reads the answers.

function fakeRunner(answers: Record<string, CommandResult> = {}) {
  const ran: string[][] = []
  const started: string[][] = []
  const runner: CommandRunner = {
    async run(_file, args) {
      if (args[0] === 'version') return { exitCode: 0, stdout: 'v4.1.4', stderr: '' }
      ran.push([...args])
      return (
        answers[args.slice(0, 2).join(' ')] ?? {
          exitCode: 0,
          stdout: `${args[0]} output`,
          stderr: ''
        }
      )
    },
    start(_file, args) {
      started.push([...args])
      const done = Promise.resolve({ exitCode: 0, stdout: '', stderr: '' })
      return { done, exited: () => true, signal: () => {} }
    }
  }
  return { runner, ran, started }
}

const target = { release: 'goatflow', namespace: 'apps' }
const options = { timeoutSeconds: 300, historyMax: 10 }
const upgrade = {
  chart: { ref: 'oci://ghcr.io/goatflow/charts/goatflow', version: '0.7.0' },
  values: { files: [], set: [], setString: [], setJson: [] }
}

describe('releaseHelm', () => {
  it('starts the upgrade without --wait, with the chart, history limit and labels', async () => {
    const f = fakeRunner()
    const helm = releaseHelm(await Helm.detect(f.runner), target, options, upgrade)
    helm.startUpgrade({
      createNamespace: true,
      labels: { 'goatflow.dev/installed-by': 'deploy-action' }
    })
    const args = f.started[0]
    expect(args.slice(0, 4)).toEqual([
      'upgrade',
      'goatflow',
      'oci://ghcr.io/goatflow/charts/goatflow',
      '--version'
    ])
    expect(args).toEqual(
      expect.arrayContaining(['--install', '--create-namespace', '--history-max', '10'])
    )
    expect(args).not.toContain('--wait')
  })

  it('refuses an upgrade when it was built without a chart', async () => {
    const helm = releaseHelm(await Helm.detect(fakeRunner().runner), target, options)
    expect(() => helm.startUpgrade({ createNamespace: false })).toThrow(/no chart and values/)
  })

  it.each<[string, (h: ReturnType<typeof releaseHelm>) => Promise<unknown>, string[]]>([
    [
      'rolls back without --wait',
      (h) => h.rollback(2),
      [
        'rollback',
        'goatflow',
        '2',
        '--namespace',
        'apps',
        '--timeout',
        '300s',
        '--history-max',
        '10'
      ]
    ],
    [
      'uninstalls',
      (h) => h.uninstall(),
      ['uninstall', 'goatflow', '--namespace', 'apps', '--timeout', '300s']
    ],
    [
      'runs helm test',
      (h) => h.test(),
      ['test', 'goatflow', '--namespace', 'apps', '--timeout', '300s']
    ]
  ])('%s', async (_name, call, args) => {
    const f = fakeRunner()
    await call(releaseHelm(await Helm.detect(f.runner), target, options))
    expect(f.ran).toEqual([args])
  })

  it.each<[string, Record<string, CommandResult>, { manifest: string; hooks: string } | undefined]>(
    [
      [
        'reads the manifest and hooks helm recorded for a revision',
        {},
        { manifest: 'get output', hooks: 'get output' }
      ],
      [
        'has no hooks when helm cannot print them',
        { 'get hooks': { exitCode: 1, stdout: '', stderr: 'Error: unknown' } },
        { manifest: 'get output', hooks: '' }
      ],
      [
        'has nothing while helm has not recorded the revision',
        { 'get manifest': { exitCode: 1, stdout: '', stderr: 'Error: release: not found' } },
        undefined
      ]
    ]
  )('%s', async (_name, answers, recorded) => {
    const f = fakeRunner(answers)
    expect(await releaseHelm(await Helm.detect(f.runner), target, options).recorded(3)).toEqual(
      recorded
    )
  })

  it.each<
    [
      string,
      Awaited<ReturnType<StoredReads['read']>> | Error,
      { manifest: string; hooks: string } | undefined,
      string[][]
    ]
  >([
    [
      'takes the record read through the API, without helm',
      { found: true, record: { manifest: 'kind: Deployment', hooks: '' } },
      { manifest: 'kind: Deployment', hooks: '' },
      []
    ],
    ['has nothing while the API has no record, without helm', { found: false }, undefined, []],
    [
      'asks helm when the API read cannot tell',
      undefined,
      { manifest: 'get output', hooks: 'get output' },
      [
        ['get', 'manifest', 'goatflow', '--namespace', 'apps', '--revision', '3'],
        ['get', 'hooks', 'goatflow', '--namespace', 'apps', '--revision', '3']
      ]
    ],
    [
      'asks helm when the API read fails',
      new Error('connection refused'),
      { manifest: 'get output', hooks: 'get output' },
      [
        ['get', 'manifest', 'goatflow', '--namespace', 'apps', '--revision', '3'],
        ['get', 'hooks', 'goatflow', '--namespace', 'apps', '--revision', '3']
      ]
    ]
  ])('%s', async (_name, stored, recorded, ran) => {
    const f = fakeRunner()
    const reads: StoredReads = {
      read: (revision) => {
        expect(revision).toBe(3)
        return stored instanceof Error ? Promise.reject(stored) : Promise.resolve(stored)
      },
      release: () => Promise.reject(new Error('not asked'))
    }
    const helm = releaseHelm(await Helm.detect(f.runner), target, options, undefined, reads)
    expect(await helm.recorded(3)).toEqual(recorded)
    expect(f.ran).toEqual(ran)
  })

  it('takes history and status from one read of the stored records, without helm', async () => {
    const f = fakeRunner()
    let reads = 0
    const current = {
      name: 'goatflow',
      namespace: 'apps',
      revision: 2,
      status: 'deployed' as const,
      description: 'Upgrade complete',
      manifest: 'kind: Deployment',
      chart: 'goatflow-1.2.0'
    }
    const history = [
      {
        revision: 2,
        status: 'deployed' as const,
        chart: 'goatflow-1.2.0',
        appVersion: '1.2.0',
        description: 'Upgrade complete',
        updated: ''
      }
    ]
    const stored: StoredReads = {
      read: () => Promise.reject(new Error('not asked')),
      release: () => {
        reads++
        return Promise.resolve({ history, current })
      }
    }
    const helm = releaseHelm(await Helm.detect(f.runner), target, options, undefined, stored)
    expect(await Promise.all([helm.history(), helm.status()])).toEqual([history, current])
    expect(reads).toBe(1)
    expect(f.ran).toEqual([])
    // A later read reads again.
    await new Promise((r) => setImmediate(r))
    await helm.status()
    expect(reads).toBe(2)
  })

  it.each<[string, StoredReads['release']]>([
    ['cannot tell', () => Promise.resolve(undefined)],
    ['fails', () => Promise.reject(new Error('HTTP 403'))]
  ])('asks helm for history and status when the stored records read %s', async (_n, release) => {
    const f = fakeRunner({
      'history goatflow': { exitCode: 0, stdout: '[]', stderr: '' },
      'get all': { exitCode: 1, stdout: '', stderr: 'Error: release: not found' }
    })
    const stored: StoredReads = { read: () => Promise.resolve(undefined), release }
    const helm = releaseHelm(await Helm.detect(f.runner), target, options, undefined, stored)
    expect(await helm.history()).toEqual([])
    expect(await helm.status()).toBeUndefined()
    expect(f.ran.map((a) => a.slice(0, 2).join(' '))).toEqual(['history goatflow', 'get all'])
  })

  it('reads history, status and a revision’s manifest of its release', async () => {
    const f = fakeRunner({
      'history goatflow': { exitCode: 0, stdout: '[]', stderr: '' },
      'get all': { exitCode: 1, stdout: '', stderr: 'Error: release: not found' }
    })
    const helm = releaseHelm(await Helm.detect(f.runner), target, options)
    expect(await helm.history()).toEqual([])
    expect(await helm.status()).toBeUndefined()
    expect(await helm.manifest(2)).toBe('get output')
    expect(f.ran.map((a) => a.slice(0, 2).join(' '))).toEqual([
      'history goatflow',
      'get all',
      'get manifest'
    ])
    expect(helm.release).toBe('goatflow')
    expect(helm.version).toBe('v4.1.4')
  })
})
