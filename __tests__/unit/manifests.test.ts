import { readFileSync } from 'node:fs'
import { describe, expect, it } from '@jest/globals'
import { imagesOf, parseManifests } from '../../src/render/manifests.js'

// Output of `helm template goatflow examples/charts/goatflow` (Helm 4), kept as a fixture.
const rendered = readFileSync(
  new URL('../../__fixtures__/goatflow-rendered.yaml', import.meta.url),
  'utf8'
)

describe('rendered manifests', () => {
  it('splits helm output into objects with their source template', () => {
    const objects = parseManifests(rendered)
    expect(objects.map((o) => `${o.kind}/${o.name}`)).toEqual(
      expect.arrayContaining([
        'Deployment/goatflow-backend',
        'StatefulSet/goatflow-db',
        'Service/goatflow',
        'Secret/goatflow-db'
      ])
    )
    expect(
      objects.find((o) => o.kind === 'Deployment' && o.name === 'goatflow-backend')?.source
    ).toBe('goatflow/templates/deployment.yaml')
  })

  it('lists each image once in the order helm installs the workloads', () => {
    expect(imagesOf(parseManifests(rendered))).toEqual([
      'ghcr.io/goatflow/goatflow:0.6.5',
      'valkey/valkey:8.0',
      'mariadb:11.4'
    ])
  })

  it('expands List objects and skips empty documents', () => {
    const objs = parseManifests(
      '---\n# empty\n---\napiVersion: v1\nkind: List\nitems:\n- {apiVersion: v1, kind: ConfigMap, metadata: {name: a}}\n- {apiVersion: v1, kind: ConfigMap, metadata: {name: b}}\n'
    )
    expect(objs.map((o) => o.name)).toEqual(['a', 'b'])
  })
})
