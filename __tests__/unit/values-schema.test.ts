import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from '@jest/globals'
import type { ValuesInput } from '../../src/values/merge.js'
import { validateValues } from '../../src/values/schema.js'
import { EXAMPLE_CHART, ROOT } from '../helpers/tools.js'
import { computeOk, valuesFixture } from '../helpers/values.js'

const CHARTS = join(ROOT, '__fixtures__/charts')
const SCHEMA_CHART = join(CHARTS, 'values-schema')
const fixture = valuesFixture
const problems = (input: Partial<ValuesInput>) => validateValues(computeOk(EXAMPLE_CHART, input))

describe('the goatflow example chart', () => {
  it('names the file and line of a value of the wrong type', () => {
    expect(problems({ files: [fixture('backend-replicas-two.yaml')] })).toEqual([
      {
        severity: 'error',
        path: 'backend.replicaCount',
        message: 'must be integer (got string "two")',
        file: 'backend-replicas-two.yaml',
        line: 7,
        column: 3
      }
    ])
  })

  it('accepts its own defaults and its PostgreSQL values file', () => {
    const postgres = join(EXAMPLE_CHART, 'values-postgresql.yaml')
    expect(problems({})).toEqual([])
    expect(problems({ files: [{ path: postgres, text: readFileSync(postgres, 'utf8') }] })).toEqual(
      []
    )
  })

  it.each<[string, Partial<ValuesInput>, string, string]>([
    [
      'a minimum',
      { set: ['backend.autoscaling.minReplicas=0'] },
      'backend.autoscaling.minReplicas',
      'must be >= 1 (got number 0)'
    ],
    [
      'a maximum',
      { set: ['service.port=70000'] },
      'service.port',
      'must be <= 65535 (got number 70000)'
    ],
    [
      'an unknown key',
      { set: ['backend.replicas=3'] },
      'backend.replicas',
      'is not a property the schema allows here (additionalProperties is false)'
    ],
    [
      'an enum',
      { set: ['service.type=Other'] },
      'service.type',
      'must be one of "ClusterIP", "NodePort", "LoadBalancer" (got string "Other")'
    ],
    [
      '--set-string makes a string',
      { setString: ['backend.containerPort=80'] },
      'backend.containerPort',
      'must be integer (got string "80")'
    ],
    [
      'a pattern',
      { set: ['backend.livenessProbe.path=healthz'] },
      'backend.livenessProbe.path',
      'must match the pattern ^/ (got string "healthz")'
    ],
    [
      'a union type',
      { set: ['backend.podDisruptionBudget.minAvailable=true'] },
      'backend.podDisruptionBudget.minAvailable',
      'must be integer or string (got boolean true)'
    ],
    [
      'a required key set to null',
      { set: ['backend.image=null'] },
      'backend',
      'must have the property "image"'
    ],
    [
      'a maxLength',
      { set: [`nameOverride=${'x'.repeat(41)}`] },
      'nameOverride',
      `must NOT have more than 40 characters (got string "${'x'.repeat(41)}")`
    ],
    [
      'if/then: a non-empty host when enabled (the default is empty)',
      { set: ['externalValkey.enabled=true'] },
      'externalValkey.host',
      'must NOT have fewer than 1 characters (got string "")'
    ],
    [
      'an item of a list',
      { setJson: ['backend.imagePullSecrets=[{"secret":"x"}]'] },
      'backend.imagePullSecrets[0]',
      'must have the property "name"'
    ]
  ])('%s', (_name, input, path, message) => {
    expect(problems(input)).toEqual([expect.objectContaining({ path, message })])
  })

  it('points a problem at the flag that set the value', () => {
    expect(problems({ set: ['backend.replicaCount=0'] })).toEqual([
      {
        severity: 'error',
        path: 'backend.replicaCount',
        message: 'must be >= 1 (got number 0)',
        flag: 'set',
        item: 'backend.replicaCount=0'
      }
    ])
  })

  it('points a problem at the null that removed a required value', () => {
    expect(problems({ set: ['backend.image=null'] })[0]).toMatchObject({
      flag: 'set',
      item: 'backend.image=null'
    })
  })
})

describe('a chart with subcharts and schemas of its own', () => {
  const CHART_VALUES = join(SCHEMA_CHART, 'values.yaml')
  const of = (input: Partial<ValuesInput>) => problems({ chartDir: SCHEMA_CHART, ...input })
  const defaultPort = {
    severity: 'error',
    path: 'port',
    message: 'must be integer (got string "8080")',
    file: CHART_VALUES,
    line: 3,
    column: 1,
    chartDefault: true
  }

  it('blames the chart’s own values.yaml for a default that breaks its schema', () => {
    expect(of({})).toEqual([defaultPort])
  })

  it.each<[string, Partial<ValuesInput>, Record<string, unknown>]>([
    [
      'a 2020-12 subchart schema, on the subchart’s values',
      { set: ['db.size=10GB'] },
      {
        path: 'db.size',
        message: 'must match the pattern ^[0-9]+Gi$ (got string "10GB")',
        item: 'db.size=10GB'
      }
    ],
    [
      'unevaluatedProperties in a subchart',
      { set: ['db.extra=1'] },
      {
        path: 'db.extra',
        message: 'is not a property the schema allows here (unevaluatedProperties is false)'
      }
    ],
    [
      'a global checked by a subchart, blamed on where the global was set',
      { set: ['global.env=dev'] },
      {
        path: 'db.global.env',
        message: 'must be one of "prod", "staging" (got string "dev")',
        flag: 'set',
        item: 'global.env=dev'
      }
    ],
    [
      'a subchart enabled by its condition',
      { set: ['cache.enabled=true'] },
      { path: 'cache', message: 'must have the property "url"', line: 9, chartDefault: true }
    ],
    [
      'a format (draft-07)',
      { set: ['contact=not-an-address'] },
      { path: 'contact', message: 'must be a valid email (got string "not-an-address")' }
    ],
    [
      'anyOf',
      { set: ['mode=fast'] },
      {
        path: 'mode',
        message:
          'must match at least one of the forms the schema allows (anyOf) (got string "fast")'
      }
    ],
    [
      'a default of a subchart',
      { set: ['db.user='] },
      { path: 'db.user', message: 'must NOT have fewer than 1 characters (got string "")' }
    ]
  ])('%s', (_name, input, problem) => {
    expect(of({ ...input, set: [...(input.set ?? []), 'port=8080'] })).toEqual([
      expect.objectContaining({ severity: 'error', ...problem })
    ])
  })

  it('checks a 2019+ format as an annotation only', () => {
    expect(of({ set: ['port=80', 'db.email=not-an-address'] })).toEqual([])
  })
})

describe('older drafts', () => {
  const chartDir = join(CHARTS, 'values-schema-draft04')

  it.each<[string, string[]]>([
    ['0.5', []],
    ['1', ['must be < 1 (got number 1)']],
    ['-1', ['must be >= 0 (got number -1)']]
  ])('draft-04 boolean exclusiveMaximum: ratio=%s', (ratio, messages) => {
    expect(problems({ chartDir, setJson: [`ratio=${ratio}`] }).map((p) => p.message)).toEqual(
      messages
    )
  })
})

describe('schemas that cannot be used', () => {
  it.each<[string, RegExp]>([
    ['invalid-json', /^values\.schema\.json is not valid JSON: /],
    ['missing-ref', /^values\.schema\.json has a \$ref that points nowhere: .*count/],
    [
      'remote-ref',
      /^values\.schema\.json refers to https:\/\/schemas\.example\.com\/replicas\.json \(\$ref\), which is not fetched here/
    ]
  ])('values-schema-%s gives one clear problem', (name, message) => {
    const chartDir = join(CHARTS, `values-schema-${name}`)
    expect(problems({ chartDir })).toEqual([
      {
        severity: 'error',
        message: expect.stringMatching(message),
        file: join(chartDir, 'values.schema.json')
      }
    ])
  })
})

describe('a circular $ref', () => {
  const chartDir = join(CHARTS, 'values-schema-circular-ref')

  it.each(['v3.17.3', 'v4.3.1'])(
    'is a problem where the values reach it, as Helm %s fails there',
    (helmVersion) => {
      expect(problems({ chartDir, helmVersion })).toEqual([
        {
          severity: 'error',
          path: 'replicas',
          message: expect.stringMatching(/^values\.schema\.json has a circular \$ref here/),
          file: join(chartDir, 'values.schema.json')
        }
      ])
      expect(problems({ chartDir, helmVersion, set: ['replicas=null'] })).toEqual([])
    }
  )
})

describe('the validator of the Helm release', () => {
  const chartDir = join(CHARTS, 'values-schema-drafts')
  const messages = (helmVersion: string, set: string[]) =>
    problems({ chartDir, set, helmVersion }).map((p) => `${p.path}: ${p.message}`)

  it('reads a schema without $schema as 2020-12 (jsonschema v6, Helm 4 and v3.18.5+)', () => {
    for (const v of ['v3.18.5', 'v3.22.0', 'v4.0.0', 'v4.3.1']) {
      expect(messages(v, ['latest.contact=x'])).toEqual([])
      expect(messages(v, ['latest.name=abcdefghij', 'latest.extra=1'])).toEqual([
        'latest.name: must NOT have more than 8 characters (got string "abcdefghij")',
        'latest.extra: is not a property the schema allows here (unevaluatedProperties is false)'
      ])
    }
  })

  it('reads it as gojsonschema’s draft-04..07 hybrid before v3.18.5: formats checked', () => {
    expect(messages('v3.18.4', ['latest.contact=x'])).toEqual([
      'latest.contact: must be a valid email (got string "x")'
    ])
    expect(messages('v3.18.4', ['latest.name=abcdefghij', 'latest.extra=1'])).toEqual([])
  })

  it('ignores the siblings of $ref and later keywords in older drafts', () => {
    for (const v of ['v3.17.3', 'v4.3.1'])
      expect(messages(v, ['draft07.name=abcdefghij', 'draft06.name=abcdefghij'])).toEqual([])
  })

  it('takes a urn: nothing resolves as true where Helm does (v3.19.1+, v4.1.0+)', () => {
    const urn = (helmVersion: string) =>
      problems({ chartDir: join(CHARTS, 'values-schema-urn-ref'), helmVersion }).map(
        (p) => p.message
      )
    expect(urn('v3.19.1')).toEqual([])
    expect(urn('v4.1.0')).toEqual([])
    for (const v of ['v3.19.0', 'v4.0.1'])
      expect(urn(v)).toEqual([expect.stringMatching(/has a \$ref that points nowhere: urn:/)])
  })

  it('does not fetch a meta-schema that is not one of the drafts', () => {
    const dir = mkdtempSync(join(tmpdir(), 'values-schema-'))
    writeFileSync(join(dir, 'Chart.yaml'), 'apiVersion: v2\nname: meta\nversion: 0.1.0\n')
    writeFileSync(
      join(dir, 'values.schema.json'),
      '{"$schema": "https://example.com/meta.json", "type": "object"}'
    )
    expect(problems({ chartDir: dir, helmVersion: 'v4.3.1' })).toEqual([
      expect.objectContaining({
        message: expect.stringMatching(
          /names https:\/\/example\.com\/meta\.json as its meta-schema \(\$schema\), which is not fetched here/
        )
      })
    ])
    // gojsonschema does not fetch it either: an unknown $schema is its hybrid draft.
    expect(problems({ chartDir: dir, helmVersion: 'v3.17.3' })).toEqual([])
  })
})
