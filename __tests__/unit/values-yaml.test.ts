import { describe, expect, it } from '@jest/globals'
import { valuesDialectFor } from '../../src/values/dialect.js'
import type { PathSegment } from '../../src/values/path.js'
import type { Value } from '../../src/values/tree.js'
import { formatFloat32g, readValuesYaml, type PositionTree } from '../../src/values/yaml.js'

const helm3 = valuesDialectFor(3)
const helm4 = valuesDialectFor(4)

function read(text: string, dialect = helm4) {
  const r = readValuesYaml(text, dialect)
  if (!r.ok) throw new Error(JSON.stringify(r.problems))
  return r
}

function at(tree: PositionTree, path: PathSegment[]) {
  let t: PositionTree | undefined = tree
  for (const s of path) t = t?.children?.get(s)
  return t?.at
}

describe('scalars as Helm (go-yaml v2, then JSON) types them', () => {
  it.each<[string, Value]>([
    ['yes', true],
    ['On', true],
    ['y', true],
    ['NO', false],
    ['off', false],
    ['tRUE', 'tRUE'],
    ['~', null],
    ['', null],
    ['Null', null],
    ['0777', 511],
    ['0o17', 15],
    ['0x1F', 31],
    ['0B11', 3],
    ['-0b11', -3],
    ['08', 8],
    ['1_000', 1000],
    ['+12', 12],
    ['1e3', 1000],
    ['.5', 0.5],
    ['0.', 0],
    ['1_000.5', 1000.5],
    ['9223372036854775807', 2 ** 63], // a float64, as in Helm
    ['18446744073709551615', 2 ** 64],
    ['1.5e400', '1.5e400'],
    ['0xFFFFFFFFFFFFFFFFF', '0xFFFFFFFFFFFFFFFFF'],
    ['190:20:30', '190:20:30'],
    ['2001-12-14', '2001-12-14'],
    ['12e', '12e'],
    ['<<', '<<'],
    ["'123'", '123'],
    ['"true"', 'true'],
    ['!!str 12', '12'],
    ['!!int "12"', 12],
    ['!!float 1', 1],
    ['!!bool "yes"', true],
    ['!!binary aGVsbG8=', 'hello'],
    ['!custom text', 'text'],
    ['|\n  block\n', 'block\n']
  ])('%s is %j', (scalar, expected) => {
    expect(read(`v: ${scalar}`).values.v).toEqual(expected)
  })

  it.each<[string, string]>([
    ['1', '1'],
    ['0x10', '16'],
    ['010', '8'],
    ['1.5', '1.5'],
    ['1e6', '1e+06'],
    ['true', 'true'],
    ['y', 'true'],
    ['2001-12-14', '2001-12-14'],
    ['"<<"', '<<']
  ])('the key %s becomes "%s"', (key, expected) => {
    expect(Object.keys(read(`${key}: x`).values)).toEqual([expected])
  })

  it.each<[number, string]>([
    [1.5, '1.5'],
    [0.1, '0.1'],
    [1e6, '1e+06'],
    [123456, '123456'],
    [3.14159265358979, '3.1415927'],
    [0.0001, '0.0001'],
    [0.00001, '1e-05'],
    [-2.5, '-2.5']
  ])('a float key %d is spelled %s (FormatFloat g, 32 bits)', (n, expected) => {
    expect(formatFloat32g(n)).toBe(expected)
  })
})

describe('maps, anchors and merge keys', () => {
  it('applies a << merge where it stands, later keys winning, earlier list items first', () => {
    const { values } = read(
      'base: &b {x: 1, w: 2}\nmerged:\n  x: 0\n  <<: *b\n  z: 3\nlisted:\n  <<: [{p: 1}, {p: 2, q: 2}]\n'
    )
    expect(values.merged).toEqual({ x: 1, w: 2, z: 3 })
    expect(values.listed).toEqual({ p: 1, q: 2 })
  })

  it('gives every alias its own copy', () => {
    const { values } = read('a: &l [1, 2]\nb: *l\n')
    expect(values.b).toEqual([1, 2])
    expect(values.b).not.toBe(values.a)
  })

  it('keeps the last of duplicate keys, as Helm does, and warns with both lines', () => {
    const r = read('a: 1\nb: 2\na: 3\n')
    expect(r.values).toEqual({ a: 3, b: 2 })
    expect(r.warnings).toEqual([
      {
        severity: 'warning',
        message: 'duplicate key "a" (first on line 1); Helm silently keeps the last one',
        line: 3,
        column: 1
      }
    ])
  })
})

describe('positions', () => {
  const text = [
    '# comment', //                 1
    'backend:', //                   2
    '  image:', //                   3
    '    tag: "1.0"', //             4
    '  replicaCount: "two"', //      5
    'hosts:', //                     6
    '  - host: a.example.com', //    7
    '    paths: [/, /api]', //       8
    '  - host: b.example.com' //     9
  ].join('\n')
  const { positions } = read(text)

  it.each<[PathSegment[], number, number]>([
    [['backend'], 2, 1],
    [['backend', 'image', 'tag'], 4, 5],
    [['backend', 'replicaCount'], 5, 3],
    [['hosts', 0], 7, 5],
    [['hosts', 0, 'host'], 7, 5],
    [['hosts', 0, 'paths', 1], 8, 16],
    [['hosts', 1, 'host'], 9, 5]
  ])('%j is on line %i, column %i', (path, line, column) => {
    expect(at(positions, path)).toEqual({ line, column })
  })

  it('keeps line numbers of later documents (Helm 4 merges them)', () => {
    const r = read('a: 1\n---\nb:\n  c: 2\n')
    expect(r.values).toEqual({ a: 1, b: { c: 2 } })
    expect(at(r.positions, ['b', 'c'])).toEqual({ line: 4, column: 3 })
  })
})

describe('documents', () => {
  const text = 'a: 1\n---\nb: 2\n'

  it('Helm 4 merges every document', () => {
    expect(read(text, helm4)).toMatchObject({ values: { a: 1, b: 2 }, warnings: [] })
  })

  it('Helm 3 reads only the first, which deserves a warning', () => {
    expect(read(text, helm3)).toMatchObject({
      values: { a: 1 },
      warnings: [
        {
          severity: 'warning',
          line: 2,
          message: expect.stringContaining('Helm 3 reads only the first')
        }
      ]
    })
  })

  it.each([
    ['', {}],
    ['# nothing\n', {}],
    ['~\n', {}],
    ['---\n---\na: 1\n', { a: 1 }]
  ])('%j is an empty map or a map', (text, values) => {
    expect(read(text).values).toEqual(values)
  })
})

describe('problems', () => {
  it.each<[string, string, number]>([
    ['- a\n- b\n', 'the top level is a list', 1],
    ['just text\n', 'the top level is a single string', 1],
    ['42\n', 'the top level is a single number', 1],
    ['true\n', 'the top level is a single boolean', 1],
    ['a:\n\tb: 1\n', 'invalid YAML', 2],
    ['a:\n  b: "open\n', 'the double quote opened here is never closed', 2],
    ["a: 'it''s\nb: 2\n", 'the single quote opened here is never closed', 1],
    ['a: [1, 2\n', 'invalid YAML', 2],
    ['a: 1\nr: .inf\n', '.inf is not a value Helm can use', 2],
    ['a: 1\nr: .NaN\n', '.nan is not a value Helm can use', 2],
    ['n: !!int 1.5\n', 'the tag !!int does not fit `1.5`', 1],
    ['~: x\n', 'a key is null', 1],
    ['? [a]\n: x\n', 'a map key must be a plain value', 1],
    ['a: *nowhere\n', 'the alias *nowhere has no anchor', 1],
    ['m:\n  <<: 5\n', 'a << merge needs a map', 2]
  ])('%j: %s (line %i)', (text, message, line) => {
    const r = readValuesYaml(text, helm4)
    expect(r.ok).toBe(false)
    if (!r.ok) {
      expect(r.problems[0].message).toContain(message)
      expect(r.problems[0].line).toBe(line)
      expect(r.problems[0].severity).toBe('error')
    }
  })

  it('Helm 4 refuses content on a --- line; Helm 3 reads it', () => {
    const text = '--- {a: 1}\n'
    const four = readValuesYaml(text, helm4)
    expect(four.ok).toBe(false)
    if (!four.ok)
      expect(four.problems[0]).toMatchObject({
        line: 1,
        message: expect.stringContaining('invalid document separator')
      })
    expect(read(text, helm3).values).toEqual({ a: 1 })
  })
})
