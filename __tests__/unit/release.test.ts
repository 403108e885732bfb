import { describe, expect, it } from '@jest/globals'
import {
  everDeployed,
  lastGoodRevision,
  parseHistory,
  parseReleaseInfo,
  parseReleaseRecord,
  parseUpgradeOutput,
  type HistoryEntry
} from '../../src/helm/release.js'

// Shapes as printed by `helm history -o json` and `helm status -o json`.
const history = JSON.stringify([
  {
    revision: 3,
    updated: '2026-11-24T10:02:00Z',
    status: 'failed',
    chart: 'goatflow-0.6.5',
    app_version: '0.6.5',
    description: 'Upgrade "goatflow" failed'
  },
  {
    revision: 1,
    updated: '2026-11-24T10:00:00Z',
    status: 'superseded',
    chart: 'goatflow-0.6.4',
    app_version: '0.6.4',
    description: 'Install complete'
  },
  {
    revision: 2,
    updated: '2026-11-24T10:01:00Z',
    status: 'deployed',
    chart: 'goatflow-0.6.5',
    app_version: '0.6.5',
    description: 'Upgrade complete'
  }
])

describe('release parsing', () => {
  it('sorts history ascending and keeps the fields the action uses', () => {
    const h = parseHistory(history)
    expect(h.map((x) => x.revision)).toEqual([1, 2, 3])
    expect(h[1]).toEqual({
      revision: 2,
      status: 'deployed',
      chart: 'goatflow-0.6.5',
      appVersion: '0.6.5',
      description: 'Upgrade complete',
      updated: '2026-11-24T10:01:00Z'
    })
  })

  it('parses helm status output', () => {
    const r = parseReleaseInfo(
      JSON.stringify({
        name: 'goatflow',
        namespace: 'prod',
        version: 7,
        info: { status: 'pending-upgrade', description: 'Preparing upgrade' },
        manifest: '---\n'
      })
    )
    expect(r).toMatchObject({
      name: 'goatflow',
      namespace: 'prod',
      revision: 7,
      status: 'pending-upgrade'
    })
  })

  it('refuses output that is not a release', () => {
    expect(() => parseReleaseInfo('{}')).toThrow(/no release/)
  })

  const h = (spec: string): HistoryEntry[] =>
    spec.split(' ').map((s, i) => ({
      revision: i + 1,
      status: s as HistoryEntry['status'],
      chart: '',
      appVersion: '',
      description: '',
      updated: ''
    }))

  it.each([
    ['superseded deployed failed', undefined, 2],
    ['superseded superseded pending-upgrade', undefined, 2],
    ['deployed superseded failed', 3, 2],
    ['superseded deployed', 2, 1],
    ['failed', undefined, undefined],
    ['pending-install', undefined, undefined]
  ])('the last good revision of [%s] below %s is %s', (spec, below, expected) => {
    expect(lastGoodRevision(h(spec), below)?.revision).toBe(expected)
  })

  it.each([
    ['failed', false],
    ['pending-install', false],
    ['superseded failed', true],
    ['deployed', true]
  ])('release [%s] ever deployed: %s', (spec, expected) => {
    expect(everDeployed(h(spec))).toBe(expected)
  })
})

describe('what helm upgrade --output json printed', () => {
  // The shape of pkg/release/v1 as Helm 3 and Helm 4 print it (trimmed).
  const printed = JSON.stringify({
    name: 'goatflow',
    namespace: 'apps',
    version: 4,
    info: { status: 'deployed', description: 'Upgrade complete' },
    chart: { metadata: { name: 'goatflow', version: '0.7.0' } },
    config: { backend: { image: { tag: '0.7.0' } } },
    manifest: '---\n# Source: goatflow/templates/backend.yaml\nkind: Deployment\n',
    hooks: [
      {
        name: 'goatflow-migrate',
        kind: 'Job',
        path: 'goatflow/templates/migrate.yaml',
        manifest: 'apiVersion: batch/v1\nkind: Job\nmetadata:\n  name: goatflow-migrate',
        events: ['pre-upgrade']
      },
      {
        name: 'goatflow-test',
        kind: 'Pod',
        path: 'goatflow/templates/tests/test.yaml',
        manifest: 'kind: Pod'
      }
    ]
  })

  it('is the revision it recorded, with its hooks as helm get hooks prints them', () => {
    const r = parseUpgradeOutput(printed)
    expect(r?.info).toMatchObject({ revision: 4, status: 'deployed', chart: 'goatflow-0.7.0' })
    expect(r?.info.manifest).toContain('kind: Deployment')
    expect(r?.hooks).toBe(
      '---\n# Source: goatflow/templates/migrate.yaml\napiVersion: batch/v1\nkind: Job\nmetadata:\n  name: goatflow-migrate\n' +
        '---\n# Source: goatflow/templates/tests/test.yaml\nkind: Pod\n'
    )
  })

  it.each([
    ['nothing', ''],
    ['an error text', 'Error: UPGRADE FAILED: timed out'],
    ['a release without a version', JSON.stringify({ name: 'goatflow' })],
    ['hooks that are not a list', JSON.stringify({ name: 'goatflow', version: 2, hooks: {} })]
  ])('is nothing for %s: the revision is then read back', (_what, stdout) => {
    expect(parseUpgradeOutput(stdout)).toBeUndefined()
  })
})

describe('the release record printed by helm get all --template', () => {
  const record = (fields: { description: string; manifest: string; chart?: string }) =>
    [
      'name=goatflow',
      'namespace=apps',
      'revision=7',
      'status=pending-upgrade',
      `chart=${fields.chart ?? 'goatflow-0.6.5'}`,
      `description=${Buffer.byteLength(fields.description)}`,
      fields.description,
      `manifest=${Buffer.byteLength(fields.manifest)}`,
      fields.manifest
    ].join('\n')

  it.each([
    ['one-line fields', 'Upgrade complete', '---\nkind: ConfigMap\n'],
    [
      'a description of several lines that looks like the next field',
      'Upgrade "goatflow" failed:\nmanifest=3\nabc',
      '---\nkind: ConfigMap\ndata:\n  a: "name=x"\n'
    ],
    ['text of several bytes a character', 'Déploiement échoué ✗', '---\ndata:\n  x: "日本語"\n'],
    ['empty text', '', '']
  ])('reads %s exactly', (_what, description, manifest) => {
    expect(parseReleaseRecord(record({ description, manifest }))).toEqual({
      name: 'goatflow',
      namespace: 'apps',
      revision: 7,
      status: 'pending-upgrade',
      description,
      manifest,
      chart: 'goatflow-0.6.5'
    })
  })

  it('has no chart when the release names none', () => {
    expect(parseReleaseRecord(record({ description: '', manifest: '', chart: '' })).chart).toBe(
      undefined
    )
  })

  it.each([
    ['no record at all', 'Error: something else'],
    ['a length past the end', record({ description: 'x', manifest: 'abc' }).slice(0, -2)],
    ['no revision', record({ description: '', manifest: '' }).replace('revision=7', 'revision=')]
  ])('rejects %s', (_what, stdout) => {
    expect(() => parseReleaseRecord(stdout)).toThrow(/helm printed no release/)
  })
})
