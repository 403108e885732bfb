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

  it.each([
    [
      'a document marker with a comment on its line',
      '--- # Source: app/templates/a.yaml\nkind: ConfigMap\nmetadata: {name: a}\n',
      'app/templates/a.yaml'
    ],
    [
      'comments before the Source line',
      '---\n# generated\n\n# Source: app/templates/b.yaml\nkind: ConfigMap\nmetadata: {name: b}\n',
      'app/templates/b.yaml'
    ],
    [
      'no leading marker',
      '# Source: app/templates/c.yaml\nkind: ConfigMap\nmetadata: {name: c}\n',
      'app/templates/c.yaml'
    ],
    [
      'a Source line inside a block scalar, which is data',
      '---\nkind: ConfigMap\nmetadata: {name: d}\ndata:\n  x: |\n    # Source: not/this.yaml\n',
      undefined
    ]
  ])('finds the template of %s', (_what, text, source) => {
    const [o] = parseManifests(text)
    expect(o.source).toBe(source)
  })

  it('keeps a block scalar that holds an indented document marker', () => {
    const [o] = parseManifests(
      '---\nkind: ConfigMap\nmetadata: {name: e}\ndata:\n  multi: |\n    a: 1\n    ---\n    b: 2\n'
    )
    expect((o.object.data as Record<string, string>).multi).toBe('a: 1\n---\nb: 2\n')
  })

  it('names the problem when helm output is not YAML', () => {
    expect(() => parseManifests('---\nkind: [unclosed\n')).toThrow(
      /rendered manifest is not valid YAML/
    )
  })

  it('expands List objects and skips empty documents', () => {
    const objs = parseManifests(
      '---\n# empty\n---\napiVersion: v1\nkind: List\nitems:\n- {apiVersion: v1, kind: ConfigMap, metadata: {name: a}}\n- {apiVersion: v1, kind: ConfigMap, metadata: {name: b}}\n'
    )
    expect(objs.map((o) => o.name)).toEqual(['a', 'b'])
  })
})
