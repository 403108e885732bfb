// validateValues against the verdict of real Helm: `helm template` refuses values that break a
// chart's or subchart's values.schema.json, and validateValues must find a problem then (and
// none otherwise). Helm 3's validator (gojsonschema) knows no draft 2019-09/2020-12 keywords such
// as unevaluatedProperties and checks formats in every draft; those cases are marked.

import { execFile } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
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
  /** Helm 3 accepts what the schema's own draft refuses (Helm 4 and validateValues agree). */
  helm3Accepts?: true
  /** Helm 3 refuses what Helm 4 and validateValues accept. */
  helm3Refuses?: true
}

const schemaChart = join(CHARTS, 'values-schema')
const cases: Case[] = [
  { name: 'a chart default that breaks the schema', chart: schemaChart },
  { name: 'valid values', chart: schemaChart, set: ['port=8080'] },
  { name: 'a subchart pattern', chart: schemaChart, set: ['port=8080', 'db.size=10GB'] },
  {
    name: 'a 2020-12 unevaluatedProperties',
    chart: schemaChart,
    set: ['port=8080', 'db.extra=1'],
    helm3Accepts: true
  },
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
    set: ['port=8080', 'db.email=x'],
    helm3Refuses: true
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
  // Helm 3 dies of a stack overflow here; Helm 4 reports the cycle.
  { name: 'a circular $ref', chart: join(CHARTS, 'values-schema-circular-ref') }
]

async function helmAccepts(major: 3 | 4, c: Case): Promise<boolean> {
  const args = ['template', 'release', c.chart]
  for (const f of c.files ?? []) args.push('-f', join(ROOT, '__fixtures__/values', f))
  for (const s of c.setJson ?? []) args.push(`--set-json=${s}`)
  for (const s of c.set ?? []) args.push(`--set=${s}`)
  try {
    await run(helmBinary(major), args, { maxBuffer: 16 << 20 })
    return true
  } catch {
    return false
  }
}

function ourProblems(c: Case): string[] {
  const r = computeValues({
    chartDir: c.chart,
    files: (c.files ?? []).map((f) => ({
      path: f,
      text: readFileSync(join(ROOT, '__fixtures__/values', f), 'utf8')
    })),
    set: c.set ?? [],
    setString: [],
    setJson: c.setJson ?? []
  })
  if (!r.ok) throw new Error(r.problems.map(formatProblem).join('\n'))
  return validateValues(r).map(formatProblem)
}

describe.each(HELM_MAJORS)('validateValues against helm %i template', (major) => {
  it.each(cases.map((c) => [c.name, c] as const))('%s', async (_name, c) => {
    let expected = await helmAccepts(major, c)
    if (major === 3 && c.helm3Accepts) {
      expect(expected).toBe(true)
      expected = false
    }
    if (major === 3 && c.helm3Refuses) {
      expect(expected).toBe(false)
      expected = true
    }
    const problems = ourProblems(c)
    expect(problems.length === 0 ? 'accepted' : `refused: ${problems.join('; ')}`).toMatch(
      expected ? /^accepted$/ : /^refused: /
    )
  })
})
