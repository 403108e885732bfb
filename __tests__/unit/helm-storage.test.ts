import { gzipSync } from 'node:zlib'
import { describe, expect, it, jest } from '@jest/globals'
import {
  storageDriver,
  storedListPath,
  storedRecordOf,
  storedRecordPath,
  storedReleaseOf,
  storedRecords,
  storedReleaseJson,
  type StorageDriver
} from '../../src/helm/storage.js'

// A release record as helm's storage driver encodes it: the release JSON, gzipped (helm always
// gzips; an ungzipped record is still read by helm), base64; a Secret's data is base64 again.
const release = (name: string, version: number, extra: Record<string, unknown> = {}) =>
  JSON.stringify({
    name,
    namespace: 'apps',
    version,
    info: { status: 'pending-upgrade', description: 'Preparing upgrade' },
    chart: { metadata: { name: 'goatflow', version: '1.2.0' } },
    manifest: '---\n# Source: goatflow/templates/web.yaml\nkind: Deployment\n',
    hooks: [
      {
        name: 'migrate',
        kind: 'Job',
        path: 'goatflow/templates/migrate.yaml',
        manifest: 'kind: Job\nmetadata:\n  name: migrate'
      }
    ],
    ...extra
  })

function encoded(
  driver: StorageDriver,
  json: string,
  gzip = true
): { data: Record<string, string> } {
  const helmText = (gzip ? gzipSync(json) : Buffer.from(json)).toString('base64')
  return {
    data: { release: driver === 'secret' ? Buffer.from(helmText).toString('base64') : helmText }
  }
}

describe('storageDriver', () => {
  it.each<[string | undefined, StorageDriver | undefined]>([
    [undefined, 'secret'],
    ['', 'secret'],
    ['secret', 'secret'],
    ['secrets', 'secret'],
    ['configmap', 'configmap'],
    ['configmaps', 'configmap'],
    ['memory', undefined],
    ['sql', undefined],
    ['Secret', undefined]
  ])('HELM_DRIVER=%s → %s', (value, driver) => {
    expect(storageDriver(value === undefined ? {} : { HELM_DRIVER: value })).toBe(driver)
  })
})

describe('storedRecordPath', () => {
  it.each<[StorageDriver, string]>([
    ['secret', '/api/v1/namespaces/apps/secrets/sh.helm.release.v1.goatflow.v7'],
    ['configmap', '/api/v1/namespaces/apps/configmaps/sh.helm.release.v1.goatflow.v7']
  ])('%s', (driver, path) => {
    expect(storedRecordPath(driver, 'apps', 'goatflow', 7)).toBe(path)
  })
})

describe('storedReleaseJson', () => {
  it.each<[string, StorageDriver, boolean]>([
    ['a Secret, gzipped', 'secret', true],
    ['a ConfigMap, gzipped', 'configmap', true],
    ['a Secret, not gzipped', 'secret', false],
    ['a ConfigMap, not gzipped', 'configmap', false]
  ])('%s', (_name, driver, gzip) => {
    const json = release('goatflow', 7, { config: { greeting: 'grüße ✓' } })
    expect(storedReleaseJson(driver, encoded(driver, json, gzip))).toBe(json)
  })

  it('throws when the object holds no record', () => {
    expect(() => storedReleaseJson('secret', { data: {} })).toThrow('no release data')
    expect(() => storedReleaseJson('secret', {})).toThrow('no release data')
  })
})

describe('storedRecordOf', () => {
  it('gives the manifest, and the hooks as helm get hooks prints them', () => {
    expect(
      storedRecordOf('secret', encoded('secret', release('goatflow', 7)), 'goatflow', 7)
    ).toEqual({
      found: true,
      record: {
        manifest: '---\n# Source: goatflow/templates/web.yaml\nkind: Deployment\n',
        hooks:
          '---\n# Source: goatflow/templates/migrate.yaml\nkind: Job\nmetadata:\n  name: migrate\n'
      }
    })
  })

  it.each<[string, { data?: Record<string, unknown> } | undefined, unknown]>([
    ['no object: not recorded yet', undefined, { found: false }],
    ['another revision', encoded('secret', release('goatflow', 6)), undefined],
    ['another release', encoded('secret', release('other', 7)), undefined],
    ['no release data', { data: {} }, undefined],
    ['data that is not a release', encoded('secret', '{"kind":"x"}'), undefined],
    ['data that is not JSON', encoded('secret', 'not json'), undefined]
  ])('%s', (_name, object, result) => {
    expect(storedRecordOf('secret', object, 'goatflow', 7)).toEqual(result)
  })
})

describe('storedRecords', () => {
  it('is not there for a driver that keeps records elsewhere', () => {
    expect(storedRecords(() => Promise.resolve(undefined), undefined, 'apps', 'goatflow')).toBe(
      undefined
    )
  })

  it('reads the revision’s object, and keeps working while it is not there yet', async () => {
    const objects = new Map<string, { data?: Record<string, unknown> }>()
    const get = jest.fn((path: string) => Promise.resolve(objects.get(path)))
    const records = storedRecords(get, 'configmap', 'apps', 'goatflow')!
    expect(await records.read(7)).toEqual({ found: false })
    expect(records.working).toBe(true)
    objects.set(
      '/api/v1/namespaces/apps/configmaps/sh.helm.release.v1.goatflow.v7',
      encoded('configmap', release('goatflow', 7))
    )
    expect(await records.read(7)).toMatchObject({ found: true })
    expect(records.working).toBe(true)
    expect(get).toHaveBeenCalledTimes(2)
  })

  it.each<[string, (path: string) => Promise<{ data?: Record<string, unknown> } | undefined>]>([
    ['a refused read', () => Promise.reject(new Error('HTTP 403 forbidden'))],
    ['an object without a record', () => Promise.resolve({ data: {} })]
  ])('stops at %s: helm is asked from then on', async (_name, answer) => {
    const get = jest.fn(answer)
    const records = storedRecords(get, 'secret', 'apps', 'goatflow')!
    expect(await records.read(7)).toBeUndefined()
    expect(records.working).toBe(false)
    expect(await records.read(7)).toBeUndefined()
    expect(get).toHaveBeenCalledTimes(1)
  })
})

describe('storedReleaseOf', () => {
  const record = (version: number, extra: Record<string, unknown> = {}) =>
    encoded(
      'secret',
      release('goatflow', version, {
        info: {
          status: 'superseded',
          description: `Upgrade ${version}`,
          last_deployed: `2026-12-02T03:0${version % 10}:00.5Z`
        },
        chart: { metadata: { name: 'goatflow', version: `1.${version}.0`, appVersion: '2.0' } },
        ...extra
      })
    )

  it('is the history by revision and the highest revision, as helm history and status tell', () => {
    const r = storedReleaseOf('secret', { items: [record(3), record(1), record(2)] }, 'goatflow')
    expect(r?.history).toEqual(
      [1, 2, 3].map((v) => ({
        revision: v,
        status: 'superseded',
        chart: `goatflow-1.${v}.0`,
        appVersion: '2.0',
        description: `Upgrade ${v}`,
        updated: `2026-12-02T03:0${v}:00.5Z`
      }))
    )
    expect(r?.current).toMatchObject({ name: 'goatflow', revision: 3, chart: 'goatflow-1.3.0' })
  })

  it('is empty for a release without records', () => {
    expect(storedReleaseOf('configmap', { items: [] }, 'goatflow')).toEqual({
      history: [],
      current: undefined
    })
  })

  it('names a record without a chart MISSING, as helm history does', () => {
    const r = storedReleaseOf('secret', { items: [record(1, { chart: null })] }, 'goatflow')
    expect(r?.history[0]).toMatchObject({ chart: 'MISSING', appVersion: 'MISSING' })
  })

  it('keeps the newest 256 revisions, as helm history --max 256', () => {
    const items = Array.from({ length: 258 }, (_, i) => record(i + 1))
    const r = storedReleaseOf('secret', { items }, 'goatflow')
    expect(r?.history).toHaveLength(256)
    expect(r?.history[0].revision).toBe(3)
    expect(r?.current?.revision).toBe(258)
  })

  it.each<[string, Array<{ data?: Record<string, unknown> }>]>([
    ['a record of another release', [record(1), encoded('secret', release('other', 2))]],
    ['an object without a record', [record(1), { data: {} }]],
    ['a record that is not JSON', [encoded('secret', 'not json')]]
  ])('cannot tell with %s among them', (_name, items) => {
    expect(storedReleaseOf('secret', { items }, 'goatflow')).toBeUndefined()
  })

  it('lists the records by helm’s labels', () => {
    expect(storedListPath('secret', 'apps', 'goatflow')).toBe(
      '/api/v1/namespaces/apps/secrets?labelSelector=name%3Dgoatflow%2Cowner%3Dhelm'
    )
  })

  it('reads the list through the API, and stops at a list it cannot read', async () => {
    const get = jest.fn((path: string) =>
      Promise.resolve(path.includes('?') ? { items: [record(1), { data: {} }] } : undefined)
    )
    const records = storedRecords(get, 'secret', 'apps', 'goatflow')!
    expect(await records.release()).toBeUndefined()
    expect(records.working).toBe(false)
    expect(await records.read(1)).toBeUndefined()
    expect(get).toHaveBeenCalledTimes(1)
  })
})
