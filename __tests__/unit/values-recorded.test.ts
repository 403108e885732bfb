// computeValues and validateValues against the recorded verdicts of Helm releases CI has no
// binary of (and of the ones it has): __fixtures__/values/recorded/differential.json holds what
// `helm template` of __fixtures__/charts/values-dump printed for each case of
// values-differential.test.ts under each release, and recorded/schema.json whether it accepted
// the values of each case of values-schema.test.ts; the same rules as there apply. Re-record with
// the binaries (a Helm release built from the Go module proxy will do):
//   VALUES_RECORD=/path/to/helm,… npm run test:integration -- --testPathPatterns 'values-(differential|schema)'

import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from '@jest/globals'
import { valuesDialectFor, type ValuesDialect } from '../../src/values/dialect.js'
import { computeValues, formatProblem } from '../../src/values/merge.js'
import { validateValues } from '../../src/values/schema.js'
import { ROOT } from '../helpers/tools.js'
import { losslessJson, spelled } from '../helpers/values.js'

const CHART = join(ROOT, '__fixtures__/charts/values-dump')
const FIXTURES = join(ROOT, '__fixtures__/values')

interface Input {
  files?: string[]
  set?: string[]
  setString?: string[]
  setJson?: string[]
}

interface Recording {
  cases: Record<string, Input>
  outputs: string[]
  releases: Record<string, Record<string, number | { error: string }>>
}

const recording = JSON.parse(
  readFileSync(join(FIXTURES, 'recorded/differential.json'), 'utf8')
) as Recording

const releases = Object.keys(recording.releases)

it('has recordings of every rule window of Helm 3 and Helm 4', () => {
  // One release per set of rules in src/values/dialect.ts, at least.
  const withoutVersion = ({ version: _, ...rules }: ValuesDialect) => rules
  const rules = new Set(releases.map((r) => JSON.stringify(withoutVersion(valuesDialectFor(r)))))
  expect(rules.size).toBeGreaterThanOrEqual(10)
  expect(releases).toEqual(expect.arrayContaining(['v3.17.3', 'v4.1.4', 'v3.22.0', 'v4.3.1']))
})

describe.each(releases)('computeValues matches recorded helm %s template', (release) => {
  const outcomes = Object.entries(recording.releases[release])
  it.each(outcomes)('%s', (name, outcome) => {
    const input = recording.cases[name]
    const result = computeValues({
      chartDir: CHART,
      files: (input.files ?? []).map((f) => ({
        path: f,
        text: readFileSync(join(FIXTURES, f), 'utf8')
      })),
      set: input.set ?? [],
      setString: input.setString ?? [],
      setJson: input.setJson ?? [],
      helmVersion: release
    })
    if (typeof outcome !== 'number') {
      expect(result.ok ? 'computed values' : 'problems').toBe('problems')
      return
    }
    if (!result.ok)
      throw new Error(
        `helm ${release} rendered, computeValues failed: ${JSON.stringify(result.problems)}`
      )
    expect(spelled(result.values)).toEqual(losslessJson(recording.outputs[outcome]))
  })
})

interface SchemaRecording {
  cases: Record<string, Input & { chart: string }>
  releases: Record<string, Record<string, 'accepted' | 'refused'>>
}

const schemaRecording = JSON.parse(
  readFileSync(join(FIXTURES, 'recorded/schema.json'), 'utf8')
) as SchemaRecording

describe.each(Object.keys(schemaRecording.releases))(
  'validateValues matches recorded helm %s template',
  (release) => {
    it.each(Object.entries(schemaRecording.releases[release]))('%s', (name, verdict) => {
      const input = schemaRecording.cases[name]
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
      const problems = r.ok ? validateValues(r).map(formatProblem) : ['computeValues failed']
      expect(problems.length === 0 ? 'accepted' : `refused: ${problems.join('; ')}`).toMatch(
        verdict === 'accepted' ? /^accepted$/ : /^refused: /
      )
    })
  }
)
