import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import {
  computeValues,
  formatProblem,
  type ComputedValues,
  type ValuesInput
} from '../../src/values/merge.js'
import { ROOT } from './tools.js'

/** A values file from __fixtures__/values, as computeValues takes it. */
export const valuesFixture = (name: string): { path: string; text: string } => ({
  path: name,
  text: readFileSync(join(ROOT, '__fixtures__/values', name), 'utf8')
})

/** computeValues with empty defaults for what the case does not set; problems throw. */
export function computeOk(chartDir: string, input: Partial<ValuesInput>): ComputedValues {
  const r = computeValues({ chartDir, files: [], set: [], setString: [], setJson: [], ...input })
  if (!r.ok) throw new Error(r.problems.map(formatProblem).join('\n'))
  return r
}
