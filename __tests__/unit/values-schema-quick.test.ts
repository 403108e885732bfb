// The quick schema check may only ever say yes where the full check (and Helm) says yes: checked
// here against every recorded Helm verdict, every schema-style case and the example chart, and
// by a table of the schemas it must leave to the full check.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from '@jest/globals'
import { format } from '@cfworker/json-schema'
import { computeValues, type ComputedValues } from '../../src/values/merge.js'
import { fullFormats } from 'ajv-formats/dist/formats.js'
import { ajvStringFormats, quickBlocker, quicklyAccepted } from '../../src/values/schema-quick.js'
import { validateValues } from '../../src/values/schema.js'
import { STYLE_CASES } from '../helpers/schema-styles.js'
import { EXAMPLE_CHART, ROOT } from '../helpers/tools.js'
import { computeOk } from '../helpers/values.js'

const FIXTURES = join(ROOT, '__fixtures__/values')

interface SchemaRecording {
  cases: Record<
    string,
    { chart: string; files?: string[]; set?: string[]; setString?: string[]; setJson?: string[] }
  >
  releases: Record<string, Record<string, 'accepted' | 'refused'>>
}

const recording = JSON.parse(
  readFileSync(join(FIXTURES, 'recorded/schema.json'), 'utf8')
) as SchemaRecording

const recorded = Object.entries(recording.releases).flatMap(([release, verdicts]) =>
  Object.entries(verdicts).map(([name, verdict]) => ({ release, name, verdict }))
)

function computedFor(name: string, release: string): ComputedValues | undefined {
  const input = recording.cases[name]
  const r = computeValues({
    chartDir: join(ROOT, input.chart),
    files: (input.files ?? []).map((f) => ({
      path: f,
      text: readFileSync(join(FIXTURES, f), 'utf8')
    })),
    set: input.set ?? [],
    setString: input.setString ?? [],
    setJson: input.setJson ?? [],
    helmVersion: release
  })
  return r.ok ? r : undefined
}

describe('the quick check says yes only where Helm did', () => {
  it('on every recorded case of every recorded Helm release', async () => {
    const tally = { quick: 0, full: 0, refused: 0 }
    for (const { release, name, verdict } of recorded) {
      const computed = computedFor(name, release)
      if (!computed) continue
      const quick = await quicklyAccepted(computed)
      if (quick) {
        // A yes must be Helm's answer, and the full check's.
        expect({ release, name, verdict }).toEqual({ release, name, verdict: 'accepted' })
        expect(validateValues(computed)).toEqual([])
        tally.quick++
      } else tally.full++
      if (verdict === 'refused') tally.refused++
    }
    // The corpus holds both kinds, and the quick check answers a share of it.
    expect(tally.refused).toBeGreaterThan(10)
    expect(tally.quick).toBeGreaterThan(10)
    expect(tally.full).toBeGreaterThan(tally.refused)
  })

  it.each(STYLE_CASES.flatMap((c) => ['v4.3.0', 'v3.22.0'].map((h) => [c.name, h, c] as const)))(
    'schema style: %s (Helm %s)',
    async (_name, helm, c) => {
      const computed = computeOk(c.chart, {
        set: c.set ?? [],
        setJson: c.setJson ?? [],
        helmVersion: helm
      })
      if (await quicklyAccepted(computed)) expect(c.paths).toEqual([])
    }
  )

  it('answers the example chart with its PostgreSQL values, and sees a wrong value', async () => {
    const postgres = join(EXAMPLE_CHART, 'values-postgresql.yaml')
    const files = [{ path: postgres, text: readFileSync(postgres, 'utf8') }]
    for (const helmVersion of ['v3.17.3', 'v3.22.0', 'v4.3.0']) {
      expect(await quicklyAccepted(computeOk(EXAMPLE_CHART, { files, helmVersion }))).toBe(true)
      const wrong = computeOk(EXAMPLE_CHART, { files, set: ['service.port=70000'], helmVersion })
      expect(await quicklyAccepted(wrong)).toBe(false)
      expect(validateValues(wrong).map((p) => p.path)).toEqual(['service.port'])
    }
  })

  it('answers the 130-object test chart and its four subcharts', async () => {
    const computed = computeOk(join(ROOT, 'test/charts/big'), { helmVersion: 'v4.3.0' })
    expect(await quicklyAccepted(computed)).toBe(true)
  })
})

describe('schemas the quick check leaves to the full check', () => {
  const chartWith = (schema: unknown, values = 'a: x\n'): string => {
    const dir = mkdtempSync(join(tmpdir(), 'quick-schema-'))
    writeFileSync(join(dir, 'Chart.yaml'), 'apiVersion: v2\nname: quick\nversion: 0.1.0\n')
    writeFileSync(join(dir, 'values.yaml'), values)
    writeFileSync(join(dir, 'values.schema.json'), JSON.stringify(schema))
    return dir
  }
  const draft07 = (s: Record<string, unknown>) => ({
    $schema: 'http://json-schema.org/draft-07/schema#',
    ...s
  })

  it.each<[string, Record<string, unknown>, string | undefined]>([
    ['plain keywords', { properties: { a: { type: 'string', pattern: '^x$' } } }, undefined],
    ['a property called format', { properties: { format: { type: 'string' } } }, undefined],
    ['a property called id', { properties: { id: { type: 'string' } } }, undefined],
    ['a property called multipleOf', { properties: { multipleOf: { type: 'object' } } }, undefined],
    ['a ref into definitions', { definitions: { s: {} }, $ref: '#/definitions/s' }, undefined],
    ['a ref to the whole file', { properties: { n: { $ref: '#' } } }, undefined],
    ['a string format', { properties: { a: { format: 'email' } } }, undefined],
    ['a number format', { properties: { a: { format: 'int32' } } }, 'format'],
    ['a number format in a default', { default: { format: 'int64' } }, 'format'],
    ['a format comparison', { format: 'date', formatMinimum: '2020-01-01' }, 'formatMinimum'],
    ['multipleOf', { properties: { a: { multipleOf: 0.1 } } }, 'multipleOf'],
    ['$id', { $id: 'https://example.com/s.json' }, '$id'],
    ['draft-04 id', { properties: { a: { id: 'x' } } }, 'id'],
    ['dependencies', { dependencies: { a: ['b'] } }, 'dependencies'],
    ['dependentRequired', { dependentRequired: { a: ['b'] } }, 'dependentRequired'],
    ['unevaluatedProperties', { unevaluatedProperties: false }, 'unevaluatedProperties'],
    ['minContains', { contains: {}, minContains: 2 }, 'minContains'],
    ['a urn ref', { $ref: 'urn:example:thing' }, '$ref urn:example:thing'],
    ['a remote ref', { $ref: 'https://x.test/s.json' }, '$ref https://x.test/s.json'],
    ['an anchor ref', { $ref: '#thing' }, '$ref #thing'],
    ['an escaped pointer', { $ref: '#/definitions/a~1b' }, '$ref #/definitions/a~1b'],
    [
      'a ref that points nowhere',
      { $ref: '#/definitions/none' },
      '$ref #/definitions/none points nowhere'
    ],
    [
      'a ref to a non-schema',
      { definitions: { n: 3 }, $ref: '#/definitions/n' },
      '$ref #/definitions/n points nowhere'
    ],
    ['a $schema below the top', { properties: { a: { $schema: 'x' } } }, '$schema below the top'],
    ['a pattern not built in Unicode mode', { pattern: '\\-' }, 'pattern \\-'],
    ['a bad patternProperties key', { patternProperties: { '((': {} } }, 'pattern ((']
  ])('%s', (_name, schema, blocker) => {
    expect(quickBlocker(schema)).toBe(blocker)
  })

  it.each<[string, Record<string, unknown>, string]>([
    // Both of these pass the values; Ajv and Helm refuse the schema itself.
    [
      'a schema the meta-schema refuses',
      draft07({ properties: { a: { minLength: -1 } } }),
      'a: x\n'
    ],
    ['a required that is not a list', draft07({ required: 'a' }), 'a: x\n'],
    [
      'a ref no value reaches',
      draft07({ properties: { b: { $ref: '#/definitions/none' } } }),
      'a: x\n'
    ],
    // The values fail: the full check says where and why.
    ['a value of the wrong type', draft07({ properties: { a: { type: 'integer' } } }), 'a: x\n'],
    // Outside the set both validators read alike.
    ['a 2020-12 schema', { properties: { a: { type: 'string' } } }, 'a: x\n'],
    ['a float multipleOf', draft07({ properties: { a: { multipleOf: 0.1 } } }), 'a: 0.3\n']
  ])('%s', async (_name, schema, values) => {
    const computed = computeOk(chartWith(schema, values), { helmVersion: 'v4.3.0' })
    expect(await quicklyAccepted(computed)).toBe(false)
  })

  it.each<[string, string, boolean]>([
    ['a good address', 'a: ops@example.com\n', true],
    ['a bad address', 'a: ops@\n', false],
    ['a bad host name', 'b: -x-\n', false],
    ['a format Ajv does not know either', 'c: anything\n', true]
  ])('checks string formats as Ajv does: %s', async (_name, values, ok) => {
    const schema = draft07({
      properties: {
        a: { format: 'email' },
        b: { format: 'hostname' },
        c: { format: 'no-such-format' }
      }
    })
    const computed = computeOk(chartWith(schema, values), { helmVersion: 'v4.3.0' })
    const cfworkerFormats = Object.keys(format).sort()
    expect(await quicklyAccepted(computed)).toBe(ok)
    expect(validateValues(computed).length === 0).toBe(ok)
    // cfworker's own formats are back for the Kubernetes schemas.
    expect(Object.keys(format).sort()).toEqual(cfworkerFormats)
  })

  it('says yes to the same schema once it is within the set', async () => {
    const schema = draft07({ properties: { a: { type: 'string', minLength: 1 } } })
    const computed = computeOk(chartWith(schema), { helmVersion: 'v4.3.0' })
    expect(await quicklyAccepted(computed)).toBe(true)
  })
})

describe('the string formats the quick check lends cfworker', () => {
  // uri-reference answers plain fragments without ajv-formats' expression: the answers must be
  // that expression's, on fragments and on everything that is not one.
  const full = fullFormats['uri-reference'] as RegExp
  it.each([
    '#',
    '#/definitions/probe',
    '#/definitions/a.b~0c$d-e_f',
    '#/properties/image/properties/tag',
    '#/',
    '#//',
    '#/definitions/with space',
    '#/definitions/\u00e9t\u00e9',
    '#/definitions/a%20b',
    '#/definitions/a%2',
    '#/definitions/a#b',
    '#/definitions/a\\b',
    '#/definitions/a"b',
    '#/definitions/a{b}',
    'definitions.json#/probe',
    'https://example.com/schema.json#/definitions/x',
    'http://[::1]/x',
    '//host/path?q=1#f',
    '',
    ' #/a',
    '#/a\n'
  ])('says of %j what ajv-formats says', (s) => {
    expect(ajvStringFormats()['uri-reference'](s)).toBe(full.test(s))
  })
})
