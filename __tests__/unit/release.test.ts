import { describe, expect, it } from '@jest/globals'
import {
  everDeployed,
  lastGoodRevision,
  parseHistory,
  parseReleaseInfo,
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
