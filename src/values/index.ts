// Chart values exactly as Helm computes them, checked against the charts' values.schema.json,
// with the file and line (or `--set` item) behind every value.
//
//   const computed = computeValues({ chartDir, files, set, setString, setJson, helmVersion })
//   (helmVersion `v4.3.1`: the rules of that release, see dialect.ts; or helmMajor alone)
//   if (!computed.ok) → computed.problems (YAML errors, bad --set items), nothing rendered yet
//   validateValues(computed) → schema problems, each located where the value was set

export {
  computeValues,
  formatProblem,
  type ChartNode,
  type ComputedValues,
  type ValuesInput,
  type ValuesProblem,
  type ValuesResult
} from './merge.js'
export { validateValues } from './schema.js'
export { valuesDialectFor, type ValuesDialect } from './dialect.js'
export { parseStrvals, parseStrvalsInto, type SetFlag, type StrvalsOptions } from './strvals.js'
export {
  OriginIndex,
  type ChartDefaultOrigin,
  type FileOrigin,
  type FlagOrigin,
  type Origin,
  type UserOrigin
} from './origins.js'
export { formatPath, type PathSegment } from './path.js'
export type { Value, ValuesMap } from './tree.js'
