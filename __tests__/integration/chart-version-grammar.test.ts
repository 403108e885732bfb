// The version-range grammar (src/values/semver.ts) against real Helm: `helm dependency update`
// of a chart whose file:// dependency carries the range calls semver.NewConstraint, so Helm says
// whether the range is invalid ("invalid version/constraint format"), valid but not matching
// version 1.2.0 of the dependency, or matching.

import { execFile } from 'node:child_process'
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { describe, expect, it } from '@jest/globals'
import { stringify } from 'yaml'
import { isCompatibleRange, isValidConstraint } from '../../src/values/semver.js'
import { CONSTRAINTS, VERSION_IN_RANGE } from '../helpers/constraints.js'
import { HELM_MAJORS, helmBinary } from '../helpers/tools.js'

const run = promisify(execFile)
const work = mkdtempSync(join(tmpdir(), 'chart-version-grammar-'))
const env = {
  ...process.env,
  HELM_CACHE_HOME: join(work, 'cache'),
  HELM_CONFIG_HOME: join(work, 'config'),
  HELM_DATA_HOME: join(work, 'data')
}

function parentWith(constraint: string, n: number): string {
  const dir = join(work, `case-${n}`)
  mkdirSync(join(dir, 'child'), { recursive: true })
  mkdirSync(join(dir, 'parent'), { recursive: true })
  writeFileSync(
    join(dir, 'child/Chart.yaml'),
    stringify({ apiVersion: 'v2', name: 'child', version: VERSION_IN_RANGE })
  )
  writeFileSync(
    join(dir, 'parent/Chart.yaml'),
    stringify({
      apiVersion: 'v2',
      name: 'parent',
      version: '0.1.0',
      dependencies: [{ name: 'child', version: constraint, repository: 'file://../child' }]
    })
  )
  return join(dir, 'parent')
}

type Verdict = 'invalid' | 'no match' | 'match'

async function helmVerdict(binary: string, chart: string): Promise<Verdict> {
  try {
    await run(binary, ['dependency', 'update', chart], { env })
    return 'match'
  } catch (e) {
    const out = `${(e as { stderr?: string }).stderr ?? ''}`
    if (/invalid version\/constraint format|improper constraint|constraint/i.test(out)) {
      if (/can't get a valid version/i.test(out)) return 'no match'
      return 'invalid'
    }
    throw new Error(`helm dependency update failed for another reason: ${out}`, { cause: e })
  }
}

const ours = (c: string): Verdict =>
  !isValidConstraint(c) ? 'invalid' : isCompatibleRange(c, VERSION_IN_RANGE) ? 'match' : 'no match'

describe.each(HELM_MAJORS)('version ranges as helm %i reads them', (major) => {
  it.each(CONSTRAINTS.map(([c, valid, inRange], n) => [c, valid, inRange, n] as const))(
    '%j (valid %s, contains 1.2.0 %s)',
    async (constraint, valid, inRange, n) => {
      const helm = await helmVerdict(helmBinary(major), parentWith(constraint, n * 10 + major))
      expect(ours(constraint)).toBe(helm)
      // The shared table the unit tests read says the same.
      expect(valid ? (inRange ? 'match' : 'no match') : 'invalid').toBe(helm)
    },
    30_000
  )
})
