import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from '@jest/globals'
import { valuesDialectFor, type ValuesDialect } from '../../src/values/dialect.js'
import { computeValues, type ValuesInput } from '../../src/values/merge.js'
import { parseStrvals } from '../../src/values/strvals.js'
import { readValuesYaml } from '../../src/values/yaml.js'
import { ROOT } from '../helpers/tools.js'

const rules = ({ version: _, ...rest }: ValuesDialect) => rest

describe('valuesDialectFor', () => {
  it('gives a major the rules of its newest release, and a newer release the same', () => {
    expect(rules(valuesDialectFor(3))).toEqual(rules(valuesDialectFor('v3.22.0')))
    expect(rules(valuesDialectFor(4))).toEqual(rules(valuesDialectFor('v4.3.1')))
    expect(rules(valuesDialectFor('v4.9.0'))).toEqual(rules(valuesDialectFor(4)))
    expect(valuesDialectFor(4).version).toBe('v4')
  })

  it('reads versions as `helm version` prints them', () => {
    expect(valuesDialectFor('v4.3.1+g1234abc').version).toBe('v4.3.1')
    expect(valuesDialectFor('3.20.1').version).toBe('v3.20.1')
    // A pre-release has not got the rules of its release yet.
    expect(valuesDialectFor('v4.1.0-rc.1').wrappedEofEndsInput).toBe(false)
    expect(valuesDialectFor('v4.1.0').wrappedEofEndsInput).toBe(true)
  })

  it.each(['latest', 'v4', 'v5.0.0', 'v2.17.0'])('refuses %s', (version) => {
    expect(() => valuesDialectFor(version)).toThrow()
  })

  // Each rule, at the last release without it and the first with it (facts: the Go sources of
  // every release on the Go module proxy; the binaries behind __fixtures__/values/recorded).
  it.each<[keyof ValuesDialect, string, unknown, string, unknown]>([
    ['exactChartIntegers', 'v3.17.4', false, 'v3.18.0', true],
    ['exactChartIntegers', 'v3.18.0', true, 'v3.18.1', false],
    ['schemaValidator', 'v3.18.4', 'gojsonschema', 'v3.18.5', 'jsonschema-v6'],
    ['importValuesStringsOnly', 'v3.18.4', true, 'v3.18.5', false],
    ['urnRefsPermissive', 'v3.19.0', false, 'v3.19.1', true],
    ['userNulls', 'v3.19.4', 'delete-chart-keys', 'v3.19.5', 'delete-all'],
    ['userNulls', 'v3.20.0', 'delete-all', 'v3.20.1', 'delete-non-null-defaults'],
    ['wrappedEofEndsInput', 'v4.0.1', false, 'v4.1.0', true],
    ['urnRefsPermissive', 'v4.0.1', false, 'v4.1.0', true],
    ['crashesOnNullInList', 'v4.0.1', false, 'v4.1.0', true],
    ['crashesOnNullInList', 'v4.1.0', true, 'v4.1.1', false],
    ['userNulls', 'v4.1.1', 'delete-all', 'v4.1.3', 'delete-non-null-defaults'],
    ['dropNullDefaults', 'v4.1.4', false, 'v4.2.0', true],
    ['dropsLastLineAtBufferEdge', 'v4.2.4', true, 'v4.3.0', false]
  ])('%s: %s has %j, %s has %j', (rule, before, was, since, is) => {
    expect(valuesDialectFor(before)[rule]).toEqual(was)
    expect(valuesDialectFor(since)[rule]).toEqual(is)
  })

  it('keeps what tells the majors apart', () => {
    for (const v of ['v3.17.3', 'v3.22.0']) {
      const d = valuesDialectFor(v)
      expect([d.major, d.allDocuments, d.setJsonObject, d.dropNullDefaults]).toEqual([
        3,
        false,
        false,
        false
      ])
    }
    for (const v of ['v4.0.0', 'v4.3.1']) {
      const d = valuesDialectFor(v)
      expect([d.major, d.allDocuments, d.setJsonObject, d.importValuesStringsOnly]).toEqual([
        4,
        true,
        true,
        false
      ])
    }
  })
})

describe('rules of a release', () => {
  const chartDir = join(ROOT, '__fixtures__/charts/values-dump')
  const compute = (input: Partial<ValuesInput>) =>
    computeValues({ chartDir, files: [], set: [], setString: [], setJson: [], ...input })

  it('follows helmVersion over helmMajor, and refuses a version it cannot read', () => {
    const r = compute({ helmVersion: 'v3.22.0', helmMajor: 4, setJson: ['{"a":1}'] })
    expect(r.ok ? [] : r.problems.map((p) => p.message)).toEqual([
      expect.stringContaining('a whole JSON object needs Helm 4')
    ])
    const bad = compute({ helmVersion: 'nightly' })
    expect(bad.ok ? '' : bad.problems[0].message).toMatch(/"nightly" is not a Helm version/)
    const ok = compute({ helmVersion: 'v4.3.1' })
    expect(ok.ok && ok.dialect.version).toBe('v4.3.1')
  })

  it('a truncated index: v4.0.x fails like Helm 3, v4.1.0+ ends quietly', () => {
    expect(parseStrvals('a[0', 'set', 'v4.0.1').ok).toBe(false)
    expect(parseStrvals('a[0', 'set', 'v4.1.0')).toEqual({ ok: true, value: {} })
  })

  it('null chart defaults: kept before v4.2.0, dropped after', () => {
    const at = (helmVersion: string) => {
      const r = compute({ helmVersion })
      if (!r.ok) throw new Error('not ok')
      return [Object.hasOwn(r.values, 'nullDefault'), r.values.nested]
    }
    expect(at('v4.1.4')).toEqual([true, expect.objectContaining({ nullInside: null })])
    expect(at('v4.2.0')).toEqual([false, expect.not.objectContaining({ nullInside: null })])
    expect(at('v3.22.0')).toEqual([true, expect.objectContaining({ nullInside: null })])
  })

  it.each<[string, Record<string, unknown>]>([
    ['v3.19.4', { keep: 'kept', nullInside: null, userOnly: null }],
    ['v3.19.5', { keep: 'kept', nullInside: null }],
    ['v3.20.1', { keep: 'kept', nullInside: null, userOnly: null }],
    ['v4.1.1', { keep: 'kept', nullInside: null }],
    ['v4.1.3', { keep: 'kept', nullInside: null, userOnly: null }],
    ['v4.2.0', { keep: 'kept', userOnly: null }]
  ])('a nested user null where the chart has no key, under %s', (helmVersion, nested) => {
    const r = compute({ helmVersion, set: ['nested.userOnly=null'] })
    if (!r.ok) throw new Error('not ok')
    expect(r.values.nested).toEqual({ deeper: { level: 3 }, empty: {}, ...nested })
  })

  it('v3.18.0 keeps every digit of an integer chart default', () => {
    const big = (helmVersion: string) => {
      const r = compute({ helmVersion })
      return r.ok ? r.values.bigDefault : undefined
    }
    expect(big('v3.18.0')).toBe(9007199254740993n)
    expect(big('v3.18.1')).toBe(9007199254740992)
  })

  it('v4.1.0 crashes on a null inside a list, and says where', () => {
    const r = compute({ helmVersion: 'v4.1.0', set: ['list[2]=z'] })
    expect(r.ok ? [] : r.problems).toEqual([
      expect.objectContaining({
        severity: 'error',
        path: 'list[0]',
        message: expect.stringContaining('Helm 4.1.0 crashes on a null inside a list')
      })
    ])
    expect(compute({ helmVersion: 'v4.1.1', set: ['list[2]=z'] }).ok).toBe(true)
  })

  it('Helm 3 before v3.18.5 crashes on an import-values child that is not a string', () => {
    const dir = mkdtempSync(join(tmpdir(), 'values-dialect-'))
    writeFileSync(
      join(dir, 'Chart.yaml'),
      'apiVersion: v2\nname: p\nversion: 0.1.0\ndependencies:\n  - name: sub\n    version: 0.1.0\n    import-values:\n      - child: 1\n        parent: fromSub\n'
    )
    mkdirSync(join(dir, 'charts/sub'), { recursive: true })
    writeFileSync(join(dir, 'charts/sub/Chart.yaml'), 'apiVersion: v2\nname: sub\nversion: 0.1.0\n')
    writeFileSync(join(dir, 'charts/sub/values.yaml'), '"1":\n  a: b\n')
    const at = (helmVersion: string) =>
      computeValues({ chartDir: dir, files: [], set: [], setString: [], setJson: [], helmVersion })
    const old = at('v3.17.3')
    expect(old.ok ? '' : old.problems[0].message).toMatch(
      /child is number 1 and parent is string "fromSub", but Helm 3\.17\.3 crashes unless both are strings/
    )
    const now = at('v3.22.0')
    expect(now.ok && now.values.fromSub).toEqual({ a: 'b' })
  })

  it('Helm 4 before v4.3.0 loses a last line of 4096 bytes without a line end', () => {
    const text = `first: kept\nlast: ${'x'.repeat(4096 - 6)}`
    const read = (v: string) => readValuesYaml(text, valuesDialectFor(v))
    const before = read('v4.2.4')
    expect(before.ok && [before.values, before.warnings]).toEqual([
      { first: 'kept' },
      [
        expect.objectContaining({
          severity: 'warning',
          line: 2,
          message: expect.stringContaining('Helm before 4.3.0 loses it')
        })
      ]
    ])
    for (const v of ['v4.3.0', 'v3.17.3']) {
      const r = read(v)
      expect(r.ok && Object.keys(r.values)).toEqual(['first', 'last'])
    }
    // A line end, or any other length, and nothing is lost.
    for (const t of [`${text}\n`, `${text}x`]) {
      const r = readValuesYaml(t, valuesDialectFor('v4.2.4'))
      expect(r.ok && Object.keys(r.values)).toEqual(['first', 'last'])
    }
  })
})
