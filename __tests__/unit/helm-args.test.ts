import { describe, expect, it } from '@jest/globals'
import * as helmArgs from '../../src/helm/args.js'
import { dialectFor, parseHelmVersionOutput } from '../../src/helm/dialect.js'

const target: helmArgs.Target = {
  release: 'goatflow',
  namespace: 'prod',
  kubeconfig: '/tmp/kc',
  kubeContext: 'ctx'
}
const chart: helmArgs.ChartSpec = {
  ref: 'oci://ghcr.io/goatflow/charts/goatflow',
  version: '1.2.3'
}
const values: helmArgs.ValuesSpec = {
  files: ['values.yaml', '/tmp/inline.yaml'],
  set: ['backend.replicaCount=3'],
  setString: ['backend.image.tag=0123'],
  setJson: ['backend.env={"A":"1"}']
}

describe('helm dialects', () => {
  it.each([
    [3, ['--atomic'], ['--wait'], ['--force']],
    [4, ['--rollback-on-failure'], ['--wait=watcher'], ['--force-replace']]
  ] as const)(
    'Helm %i spells rollback, wait and force its own way',
    (major, rollback, wait, force) => {
      const d = dialectFor(major)
      expect(d.rollbackOnFailure).toEqual(rollback)
      expect(d.wait).toEqual(wait)
      expect(d.forceReplace).toEqual(force)
    }
  )

  it('refuses server-side apply on Helm 3 and passes it through on Helm 4', () => {
    expect(() => dialectFor(3).serverSide('true')).toThrow(/needs Helm 4/)
    expect(dialectFor(3).serverSide('auto')).toEqual([])
    expect(dialectFor(4).serverSide('auto')).toEqual(['--server-side=auto'])
  })

  it.each([
    ['v3.22.0', 3],
    ['v4.3.1', 4],
    ['v4.0.0+gabcdef', 4],
    ['3.17.3', 3]
  ])('reads the major of %s', (text, major) => {
    expect(parseHelmVersionOutput(text).major).toBe(major)
  })

  it.each([['v2.17.0'], ['v5.0.0'], ['garbage']])('refuses %s', (text) => {
    expect(() => parseHelmVersionOutput(text)).toThrow()
  })
})

describe('argument arrays', () => {
  it('builds upgrade --install with values in Helm precedence order and JSON output', () => {
    const args = helmArgs.upgradeArgs(dialectFor(4), target, chart, values, {
      timeoutSeconds: 300,
      historyMax: 10,
      createNamespace: true
    })
    expect(args).toEqual([
      'upgrade',
      'goatflow',
      'oci://ghcr.io/goatflow/charts/goatflow',
      '--version',
      '1.2.3',
      '--install',
      '--namespace',
      'prod',
      '--kubeconfig',
      '/tmp/kc',
      '--kube-context',
      'ctx',
      '--create-namespace',
      '--values',
      'values.yaml',
      '--values',
      '/tmp/inline.yaml',
      '--set-json',
      'backend.env={"A":"1"}',
      '--set',
      'backend.replicaCount=3',
      '--set-string',
      'backend.image.tag=0123',
      '--timeout',
      '300s',
      '--history-max',
      '10',
      '--output',
      'json'
    ])
  })

  it.each([
    [3, ['--atomic', '--wait']],
    [4, ['--rollback-on-failure', '--wait=watcher']]
  ] as const)('asks Helm %i to roll back by itself only when told to', (major, flags) => {
    const d = dialectFor(major)
    const own = helmArgs.upgradeArgs(d, target, chart, values, {
      timeoutSeconds: 60,
      historyMax: 0,
      createNamespace: false
    })
    expect(
      own.some((x) => x.startsWith('--wait') || x === '--atomic' || x === '--rollback-on-failure')
    ).toBe(false)
    const raw = helmArgs.upgradeArgs(d, target, chart, values, {
      timeoutSeconds: 60,
      historyMax: 0,
      createNamespace: false,
      helmRollback: true
    })
    expect(raw.join(' ')).toContain(flags.join(' '))
  })

  it('renders offline: template has no kubeconfig or context', () => {
    const args = helmArgs.templateArgs(target, { ref: 'charts/app' }, values, {
      kubeVersion: '1.33'
    })
    expect(args).not.toContain('--kubeconfig')
    expect(args).not.toContain('--kube-context')
    expect(args.slice(0, 3)).toEqual(['template', 'goatflow', 'charts/app'])
    expect(args.slice(-2)).toEqual(['--kube-version', '1.33'])
  })

  it.each([
    [
      'the release record',
      helmArgs.releaseRecordArgs(target),
      [
        'get',
        'all',
        'goatflow',
        '--namespace',
        'prod',
        '--kubeconfig',
        '/tmp/kc',
        '--kube-context',
        'ctx',
        '--template',
        helmArgs.RELEASE_RECORD_TEMPLATE
      ]
    ],
    [
      'history',
      helmArgs.historyArgs({ release: 'r' }),
      ['history', 'r', '--max', '256', '--output', 'json']
    ],
    [
      'manifest',
      helmArgs.getManifestArgs({ release: 'r' }, 4),
      ['get', 'manifest', 'r', '--revision', '4']
    ],
    [
      'values',
      helmArgs.getValuesArgs({ release: 'r' }, { all: true }),
      ['get', 'values', 'r', '--output', 'json', '--all']
    ],
    [
      'uninstall',
      helmArgs.uninstallArgs({ release: 'r' }, { timeoutSeconds: 30 }),
      ['uninstall', 'r', '--timeout', '30s']
    ],
    [
      'test',
      helmArgs.testArgs({ release: 'r' }, { timeoutSeconds: 30 }),
      ['test', 'r', '--timeout', '30s']
    ],
    [
      'repo add',
      helmArgs.repoAddArgs('x', 'https://c.example.com', { username: 'u' }),
      [
        'repo',
        'add',
        'x',
        'https://c.example.com',
        '--force-update',
        '--username',
        'u',
        '--password-stdin'
      ]
    ],
    [
      'login',
      helmArgs.registryLoginArgs('ghcr.io', 'u'),
      ['registry', 'login', 'ghcr.io', '--username', 'u', '--password-stdin']
    ]
  ])('builds %s', (_name, args, expected) => {
    expect(args).toEqual(expected)
  })

  it.each([
    [3, ['rollback', 'r', '2', '--timeout', '60s', '--history-max', '10', '--wait', '--force']],
    [
      4,
      [
        'rollback',
        'r',
        '2',
        '--timeout',
        '60s',
        '--history-max',
        '10',
        '--wait=watcher',
        '--force-replace'
      ]
    ]
  ] as const)('builds a Helm %i rollback that waits and force-replaces', (major, expected) => {
    expect(
      helmArgs.rollbackArgs(dialectFor(major), { release: 'r' }, 2, {
        timeoutSeconds: 60,
        historyMax: 10,
        wait: true,
        forceReplace: true
      })
    ).toEqual(expected)
  })

  it('never passes a password as an argument', () => {
    const args = helmArgs.repoAddArgs('x', 'https://c.example.com', { username: 'u' })
    expect(args.join(' ')).not.toMatch(/--password(?!-stdin)/)
  })
})
