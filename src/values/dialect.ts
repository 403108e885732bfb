// How a given Helm release computes and checks values, where releases differ. Helm 3 and Helm 4
// differ, and so do patch releases within a major: each rule below names the first release that
// has it. Facts: the Go sources of every helm.sh/helm/v3 release from v3.17.3 to v3.22.0 and
// helm.sh/helm/v4 from v4.0.0 to v4.3.1 on the Go module proxy (pkg/chartutil/{coalesce,
// dependencies,jsonschema,values}.go, pkg/chart/common/util/{coalesce,jsonschema}.go,
// pkg/strvals/parser.go, pkg/cli/values/options.go, pkg/chart/{,v2/}loader/load.go,
// internal/copystructure), and the binaries of v3.17.3, v3.18.0, v3.18.4, v3.19.0, v3.20.0,
// v3.22.0, v4.0.0, v4.1.0, v4.1.1, v4.1.4, v4.2.0 and v4.3.1: the differential tests run the
// ones in .tools/bin, and __fixtures__/values/recorded holds what all of them printed.
//
//   valuesDialectFor('v4.3.1')   the rules of that release
//   valuesDialectFor(4)          the newest rules of Helm 4 (the same as for any newer 4.x)
//
// A release older than the oldest one known here (v3.17.3, v4.0.0) gets the oldest rules.

import type { HelmMajor } from '../helm/dialect.js'

/** What a user's `null` inside a map does to the chart default under it (coalesceTablesFullKey). */
export type UserNulls =
  /** Deletes the key when the chart has it (even as null); kept where the chart has no such key. */
  | 'delete-chart-keys'
  /** Deletes the key, whatever the chart has. */
  | 'delete-all'
  /** Deletes the key when the chart default is not null; kept over a null default or none. */
  | 'delete-non-null-defaults'

/** The JSON Schema validator Helm checks values.schema.json with. */
export type SchemaValidator =
  /**
   * xeipuuv/gojsonschema: draft-04/06/07 (a 2019-09 or 2020-12 `$schema` is read as draft-07,
   * their new keywords ignored), `format` checked in every draft.
   */
  | 'gojsonschema'
  /**
   * santhosh-tekuri/jsonschema v6: the draft of `$schema`, 2020-12 without one; `format` is
   * checked for draft-07 and older only.
   */
  | 'jsonschema-v6'

export interface ValuesDialect {
  major: HelmMajor
  /** The release the rules are for (`v4.3.1`), or `v4` for the newest rules of a major. */
  version: string
  /** Helm 4 merges every `---` document of a values file; Helm 3 reads only the first. */
  allDocuments: boolean
  /** Helm 4 takes `--set-json '{"a":1}'` (a whole JSON object) and merges it like a file. */
  setJsonObject: boolean
  /**
   * `errors.Is(err, io.EOF)` in strvals' parse loop (v4.1.0+), so a wrapped EOF (`--set a[0`,
   * cut off in an index) ends the input quietly; before, `err == io.EOF` fails.
   */
  wrappedEofEndsInput: boolean
  /** coalesceTablesFullKey: see UserNulls. */
  userNulls: UserNulls
  /**
   * coalesceValues drops a chart's `null` defaults (and nulls in its default maps) when
   * coalescing (v4.2.0+: cleanNilValues); before, they are in `.Values` as null.
   */
  dropNullDefaults: boolean
  /**
   * Integers in a chart's values.yaml keep every digit (v3.18.0 only: ReadValues and the loader
   * used json.Decoder.UseNumber); otherwise they are float64 like every YAML number.
   */
  exactChartIntegers: boolean
  /**
   * k8s.io's LineReader loses the last line of a values file when it has no line end and is a
   * multiple of 4096 bytes long (Helm 4 before v4.3.0, which appends a line end first).
   */
  dropsLastLineAtBufferEdge: boolean
  /**
   * Helm's own deep copy (internal/copystructure, v4.1.0 only) panics on a null inside a list.
   */
  crashesOnNullInList: boolean
  /**
   * import-values `child`/`parent` must be strings (a type assertion that panics otherwise);
   * from v3.18.5 any value is formatted with %v.
   */
  importValuesStringsOnly: boolean
  schemaValidator: SchemaValidator
  /** A `$ref` to an unresolved `urn:` is taken as `true` (with a warning) instead of failing. */
  urnRefsPermissive: boolean
}

type Rules = Omit<ValuesDialect, 'major' | 'version'>

interface Change {
  since: string
  set: Partial<Rules>
}

const HELM3_OLDEST: Rules = {
  allDocuments: false,
  setJsonObject: false,
  wrappedEofEndsInput: false,
  userNulls: 'delete-chart-keys',
  dropNullDefaults: false,
  exactChartIntegers: false,
  dropsLastLineAtBufferEdge: false,
  crashesOnNullInList: false,
  importValuesStringsOnly: true,
  schemaValidator: 'gojsonschema',
  urnRefsPermissive: false
}

const HELM3_CHANGES: Change[] = [
  // pkg/chartutil/values.go ReadValues and pkg/chart/loader/load.go: yaml.Unmarshal(…, UseNumber)
  { since: 'v3.18.0', set: { exactChartIntegers: true } },
  { since: 'v3.18.1', set: { exactChartIntegers: false } },
  // pkg/chartutil/jsonschema.go: santhosh-tekuri/jsonschema/v6; dependencies.go: %v of child/parent
  { since: 'v3.18.5', set: { schemaValidator: 'jsonschema-v6', importValuesStringsOnly: false } },
  // jsonschema.go: the urn: loader
  { since: 'v3.19.1', set: { urnRefsPermissive: true } },
  // coalesce.go: every nil of dst is copied into src before the loop
  { since: 'v3.19.5', set: { userNulls: 'delete-all' } },
  // coalesce.go: srcOriginalNonNil
  { since: 'v3.20.1', set: { userNulls: 'delete-non-null-defaults' } }
]

const HELM4_OLDEST: Rules = {
  allDocuments: true,
  setJsonObject: true,
  wrappedEofEndsInput: false,
  userNulls: 'delete-all',
  dropNullDefaults: false,
  exactChartIntegers: false,
  dropsLastLineAtBufferEdge: true,
  crashesOnNullInList: false,
  importValuesStringsOnly: false,
  schemaValidator: 'jsonschema-v6',
  urnRefsPermissive: false
}

const HELM4_CHANGES: Change[] = [
  // pkg/strvals/parser.go errors.Is; internal/copystructure (slices of nil panic); the urn: loader
  {
    since: 'v4.1.0',
    set: { wrappedEofEndsInput: true, crashesOnNullInList: true, urnRefsPermissive: true }
  },
  // internal/copystructure: nil slice elements copied as they are
  { since: 'v4.1.1', set: { crashesOnNullInList: false } },
  // pkg/chart/common/util/coalesce.go: srcOriginalNonNil (there is no v4.1.2)
  { since: 'v4.1.3', set: { userNulls: 'delete-non-null-defaults' } },
  // coalesce.go: cleanNilValues
  { since: 'v4.2.0', set: { dropNullDefaults: true } },
  // pkg/chart/v2/loader/load.go LoadValues: io.ReadAll and a line end appended
  { since: 'v4.3.0', set: { dropsLastLineAtBufferEdge: false } }
]

interface HelmVersionNumber {
  major: number
  minor: number
  patch: number
  pre: string
}

/** `v4.3.1`, `4.3.1`, `v4.3.1+g1234`, `v4.0.0-rc.1`; undefined for anything else. */
export function parseHelmVersionNumber(text: string): HelmVersionNumber | undefined {
  const m = /^v?(\d+)\.(\d+)\.(\d+)(?:-([0-9A-Za-z.-]+))?(?:\+[0-9A-Za-z.-]+)?$/.exec(text.trim())
  if (!m) return undefined
  return { major: +m[1], minor: +m[2], patch: +m[3], pre: m[4] ?? '' }
}

/** a ≥ b, where a pre-release comes before its release (v4.1.0-rc.1 has no v4.1.0 rules). */
function atLeast(a: HelmVersionNumber, b: HelmVersionNumber): boolean {
  for (const k of ['major', 'minor', 'patch'] as const) if (a[k] !== b[k]) return a[k] > b[k]
  return a.pre === '' || b.pre !== ''
}

function rulesFor(major: HelmMajor, release: HelmVersionNumber | undefined): Rules {
  let rules = major === 3 ? HELM3_OLDEST : HELM4_OLDEST
  for (const change of major === 3 ? HELM3_CHANGES : HELM4_CHANGES) {
    const since = parseHelmVersionNumber(change.since) as HelmVersionNumber
    if (release === undefined || atLeast(release, since)) rules = { ...rules, ...change.set }
  }
  return rules
}

/**
 * The rules of a Helm release (`v4.3.1`), or the newest rules of a major (`4`). Throws for a
 * version it cannot read or a major other than 3 and 4.
 */
export function valuesDialectFor(version: string | HelmMajor): ValuesDialect {
  if (typeof version === 'number') {
    if (version !== 3 && version !== 4) throw new Error(`Helm ${String(version)} is not supported`)
    return { major: version, version: `v${version}`, ...rulesFor(version, undefined) }
  }
  const release = parseHelmVersionNumber(version)
  if (!release) throw new Error(`"${version}" is not a Helm version (like v3.22.0)`)
  if (release.major !== 3 && release.major !== 4)
    throw new Error(`Helm ${version} is not supported; use Helm 3 or Helm 4`)
  const major = release.major
  const normalized = `v${release.major}.${release.minor}.${release.patch}${release.pre ? `-${release.pre}` : ''}`
  return { major, version: normalized, ...rulesFor(major, release) }
}

/** `Helm 4.1.0`, `Helm 4` (newest rules): for messages. */
export const helmLabel = (d: ValuesDialect): string => `Helm ${d.version.replace(/^v/, '')}`
