// validateValues against the verdict of real Helm: `helm template` refuses values that break a
// chart's or subchart's values.schema.json, and validateValues (by the rules of the binary's
// release) must find a problem then, and none otherwise. Helm 3 from v3.18.5 and Helm 4 validate
// alike (santhosh-tekuri/jsonschema v6); older Helm 3 releases (gojsonschema: no 2019-09/2020-12
// keywords, formats checked in every draft) are recorded, not run: with
// VALUES_RECORD=/path/to/helm[,…] this file also writes their verdicts to
// __fixtures__/values/recorded/schema.json, which values-recorded.test.ts checks against.

import { execFile } from 'node:child_process'
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { dirname, join, relative } from 'node:path'
import { promisify } from 'node:util'
import { describe, expect, it } from '@jest/globals'
import { computeValues, formatProblem } from '../../src/values/merge.js'
import { validateValues } from '../../src/values/schema.js'
import { EXAMPLE_CHART, HELM_MAJORS, helmBinary, ROOT } from '../helpers/tools.js'

const run = promisify(execFile)
const CHARTS = join(ROOT, '__fixtures__/charts')

interface Case {
  name: string
  chart: string
  files?: string[]
  set?: string[]
  setJson?: string[]
}

const schemaChart = join(CHARTS, 'values-schema')
const draftsChart = join(CHARTS, 'values-schema-drafts')
const cases: Case[] = [
  { name: 'a chart default that breaks the schema', chart: schemaChart },
  { name: 'valid values', chart: schemaChart, set: ['port=8080'] },
  { name: 'a subchart pattern', chart: schemaChart, set: ['port=8080', 'db.size=10GB'] },
  { name: 'a 2020-12 unevaluatedProperties', chart: schemaChart, set: ['port=8080', 'db.extra=1'] },
  { name: 'a global a subchart refuses', chart: schemaChart, set: ['port=8080', 'global.env=dev'] },
  {
    name: 'a subchart enabled by condition',
    chart: schemaChart,
    set: ['port=8080', 'cache.enabled=true']
  },
  { name: 'a draft-07 format', chart: schemaChart, set: ['port=8080', 'contact=x'] },
  { name: 'anyOf', chart: schemaChart, set: ['port=8080', 'mode=fast'] },
  {
    name: 'a 2020-12 format (an annotation)',
    chart: schemaChart,
    set: ['port=8080', 'db.email=x']
  },
  { name: 'anyOf satisfied', chart: schemaChart, set: ['port=8080', 'mode=auto'] },
  { name: 'the example chart', chart: EXAMPLE_CHART },
  {
    name: 'the example chart with a string replica count',
    chart: EXAMPLE_CHART,
    files: ['backend-replicas-two.yaml']
  },
  {
    name: 'the example chart with an unknown key',
    chart: EXAMPLE_CHART,
    set: ['backend.replicas=2']
  },
  {
    name: 'draft-04 exclusiveMaximum kept',
    chart: join(CHARTS, 'values-schema-draft04'),
    setJson: ['ratio=0.99']
  },
  {
    name: 'draft-04 exclusiveMaximum broken',
    chart: join(CHARTS, 'values-schema-draft04'),
    setJson: ['ratio=1']
  },
  { name: 'a schema that is not JSON', chart: join(CHARTS, 'values-schema-invalid-json') },
  { name: 'a $ref to nowhere', chart: join(CHARTS, 'values-schema-missing-ref') },
  // Helm 3 before v3.18.5 dies of a stack overflow here; jsonschema v6 reports the cycle.
  { name: 'a circular $ref', chart: join(CHARTS, 'values-schema-circular-ref') },
  {
    name: 'a circular $ref the values do not reach',
    chart: join(CHARTS, 'values-schema-circular-ref'),
    set: ['replicas=null']
  },
  // Without $schema: 2020-12 for jsonschema v6 (gojsonschema: a draft-04..07 hybrid).
  { name: 'no $schema: valid values', chart: draftsChart },
  { name: 'no $schema: a format is an annotation', chart: draftsChart, set: ['latest.contact=x'] },
  {
    name: 'no $schema: a sibling of $ref applies',
    chart: draftsChart,
    set: ['latest.name=abcdefghij']
  },
  {
    name: 'no $schema: prefixItems',
    chart: draftsChart,
    set: ['latest.pair[0]=a', 'latest.pair[1]=b']
  },
  { name: 'no $schema: unevaluatedProperties', chart: draftsChart, set: ['latest.extra=1'] },
  {
    name: 'no $schema: a list for items is not 2020-12',
    chart: join(CHARTS, 'values-schema-tuple-items')
  },
  {
    name: 'draft-07: the siblings of $ref are ignored',
    chart: draftsChart,
    set: ['draft07.name=abcdefghij']
  },
  {
    name: 'draft-06: if/then are not keywords yet',
    chart: draftsChart,
    set: ['draft06.name=abcdefghij']
  },
  { name: 'a $ref to a urn: nothing resolves', chart: join(CHARTS, 'values-schema-urn-ref') }
]

async function helmAccepts(binary: string, c: Case): Promise<boolean> {
  // A fixed Kubernetes version: a Helm built without the release ldflags defaults to 1.20, which
  // the example chart's kubeVersion refuses.
  const args = ['template', 'release', c.chart, '--kube-version=1.35.0']
  for (const f of c.files ?? []) args.push('-f', join(ROOT, '__fixtures__/values', f))
  for (const s of c.setJson ?? []) args.push(`--set-json=${s}`)
  for (const s of c.set ?? []) args.push(`--set=${s}`)
  try {
    await run(binary, args, { maxBuffer: 16 << 20 })
    return true
  } catch {
    return false
  }
}

const releaseOf = async (binary: string): Promise<string> =>
  (await run(binary, ['version', '--template', '{{.Version}}'])).stdout.trim()

function ourProblems(c: Case, helmVersion: string): string[] {
  const r = computeValues({
    chartDir: c.chart,
    files: (c.files ?? []).map((f) => ({
      path: f,
      text: readFileSync(join(ROOT, '__fixtures__/values', f), 'utf8')
    })),
    set: c.set ?? [],
    setString: [],
    setJson: c.setJson ?? [],
    helmVersion
  })
  if (!r.ok) throw new Error(r.problems.map(formatProblem).join('\n'))
  return validateValues(r).map(formatProblem)
}

describe.each(HELM_MAJORS)('validateValues against helm %i template', (major) => {
  it.each(cases.map((c) => [c.name, c] as const))('%s', async (_name, c) => {
    const binary = helmBinary(major)
    const expected = await helmAccepts(binary, c)
    const problems = ourProblems(c, await releaseOf(binary))
    expect(problems.length === 0 ? 'accepted' : `refused: ${problems.join('; ')}`).toMatch(
      expected ? /^accepted$/ : /^refused: /
    )
  })
})

// ---- recording other releases (VALUES_RECORD) --------------------------------------------------

const RECORDED = join(ROOT, '__fixtures__/values/recorded/schema.json')

interface Recording {
  about: string
  cases: Record<string, Omit<Case, 'name'>>
  releases: Record<string, Record<string, 'accepted' | 'refused'>>
}

const recordBinaries = (process.env.VALUES_RECORD ?? '').split(',').filter((b) => b !== '')
if (recordBinaries.length > 0)
  describe('recording releases for values-recorded.test.ts', () => {
    it.each(recordBinaries)(
      'records %s',
      async (binary) => {
        const version = await releaseOf(binary)
        const old: Recording | undefined = existsSync(RECORDED)
          ? (JSON.parse(readFileSync(RECORDED, 'utf8')) as Recording)
          : undefined
        const mine: Record<string, 'accepted' | 'refused'> = {}
        for (const c of cases)
          mine[c.name] = (await helmAccepts(binary, c)) ? 'accepted' : 'refused'
        const releases = { ...old?.releases, [version]: mine }
        const recording: Recording = {
          about:
            'Whether helm template accepts the values of each case of values-schema.test.ts, under Helm releases CI has no binary of; written by VALUES_RECORD=<helm,...> npm run test:integration -- --testPathPatterns values-schema',
          cases: {
            ...old?.cases,
            ...Object.fromEntries(
              cases.map(({ name, chart, ...input }) => [
                name,
                { chart: relative(ROOT, chart), ...input }
              ])
            )
          },
          releases: Object.fromEntries(
            Object.keys(releases)
              .sort((a, b) => a.localeCompare(b, 'en', { numeric: true }))
              .map((r) => [r, releases[r]])
          )
        }
        mkdirSync(dirname(RECORDED), { recursive: true })
        writeFileSync(RECORDED, `${JSON.stringify(recording, null, 1)}\n`)
        expect(Object.keys(mine)).toHaveLength(cases.length)
      },
      600_000
    )
  })
