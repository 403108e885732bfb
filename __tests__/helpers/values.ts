import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { parse as parseLossless } from 'lossless-json'
import {
  computeValues,
  formatProblem,
  type ComputedValues,
  type ValuesInput
} from '../../src/values/merge.js'
import type { Value } from '../../src/values/tree.js'
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

/** A number by its JSON spelling, so that 9007199254740992 and 9007199254740993 differ. */
export class Num {
  constructor(readonly text: string) {}
}

/**
 * JSON with every number kept as it is spelled. lossless-json rather than the reviver's
 * `context.source`, which only Node.js 22 and later pass: the tests run on Node.js 20 too.
 */
export const losslessJson = (text: string): unknown =>
  parseLossless(text, null, (spelling: string) => new Num(spelling))

/** computeValues' result in the same shape: each number as Go's JSON encoder spells it. */
export function spelled(v: Value): unknown {
  if (typeof v === 'number' || typeof v === 'bigint') return new Num(String(v))
  if (Array.isArray(v)) return v.map(spelled)
  if (v !== null && typeof v === 'object')
    return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, spelled(x)]))
  return v
}
