import { readFileSync } from 'node:fs'
import { describe, expect, it } from '@jest/globals'
import { parse as parseYaml } from 'yaml'
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

// js-yaml reads the documents and `yaml` those it declines; both must give what `yaml` alone
// gives, which is what the action read manifests with before.
describe('rendered manifests read by two YAML libraries', () => {
  const value = (scalar: string): unknown =>
    (
      parseManifests(`---\nkind: ConfigMap\nmetadata: {name: s}\ndata:\n  v: ${scalar}\n`)[0].object
        .data as { v: unknown }
    ).v

  it.each([
    'yes',
    'no',
    'on',
    'off',
    'y',
    'True',
    'TRUE',
    'false',
    'null',
    'Null',
    '~',
    '',
    '0o17',
    '017',
    '0x1F',
    '0b101',
    '1_000',
    '1e3',
    '1.5e3',
    '.inf',
    '-.Inf',
    '.nan',
    '+12',
    '-0',
    '1:20',
    '2001-12-14',
    '2001-12-14t21:59:43.10-05:00',
    '!!str 12',
    '"12"',
    "'a''b'",
    '12.',
    '.5',
    '1.0e+3',
    '00',
    '09',
    '123456789012345678901234567890',
    '"\\x41\\u263A"',
    '[1, a]',
    '{a: 1}',
    '&x 1',
    '|\n    x\n    y',
    '>-\n    x\n    y',
    '"a\n    b"'
  ])('gives %j the value yaml gives it', (scalar) => {
    const text = `kind: ConfigMap\nmetadata: {name: s}\ndata:\n  v: ${scalar}\n`
    expect(value(scalar)).toStrictEqual((parseYaml(text) as { data: { v: unknown } }).data.v)
  })

  it.each([
    [
      'a tag js-yaml has no type for',
      'kind: ConfigMap\nmetadata: {name: t}\ndata: {v: !custom x}\n',
      { v: 'x' }
    ],
    [
      'a binary scalar',
      'kind: ConfigMap\nmetadata: {name: t}\ndata: {v: !!binary aGk=}\n',
      { v: Buffer.from('hi') }
    ],
    [
      "nesting past js-yaml's depth limit",
      `kind: ConfigMap\nmetadata: {name: t}\ndata: {v: ${'['.repeat(120)}${']'.repeat(120)}}\n`,
      undefined
    ]
  ])('reads a document with %s as yaml does', (_what, doc, data) => {
    const [o] = parseManifests(`---\n${doc}`)
    if (data) expect(o.object.data).toStrictEqual(data)
    else expect(o.object).toStrictEqual(parseYaml(doc))
  })

  it("keeps yaml's message for a document neither can read", () => {
    expect(() =>
      parseManifests('---\nkind: ConfigMap\nmetadata: {name: d}\nmetadata: {name: e}\n')
    ).toThrow(/rendered manifest is not valid YAML: Map keys must be unique/)
  })

  it('reads every object of the test charts as yaml alone does', () => {
    const docs = rendered
      .split(/^---(?=[ \t]|$)/m)
      .map((d) => parseYaml(d) as unknown)
      .filter(Boolean)
    expect(parseManifests(rendered).map((o) => o.object)).toStrictEqual(docs)
  })
})
