// Where Helm 3 and Helm 4 compute values differently (facts: helm v3.17.3 and v4.1.4 sources,
// pkg/cli/values/options.go, pkg/strvals/parser.go, pkg/chart{util,/common/util}/coalesce.go and
// pkg/chart/v2/loader/load.go; each one is pinned by a case of the differential test).

import type { HelmMajor } from '../helm/dialect.js'

export interface ValuesDialect {
  major: HelmMajor
  /** Helm 4 merges every `---` document of a values file; Helm 3 reads only the first. */
  allDocuments: boolean
  /** Helm 4 takes `--set-json '{"a":1}'` (a whole JSON object) and merges it like a file. */
  setJsonObject: boolean
  /**
   * Helm 4 keeps a nested user `null` when the chart default is `null` too; Helm 3 drops both.
   * (coalesceTablesFullKey)
   */
  keepNullOverNullDefault: boolean
  /**
   * Helm 4 tests `errors.Is(err, io.EOF)`, so a wrapped EOF (`--set a[0`, cut off in an index)
   * ends the input quietly; Helm 3 compares `err == io.EOF` and fails.
   */
  wrappedEofEndsInput: boolean
}

const helm3: ValuesDialect = {
  major: 3,
  allDocuments: false,
  setJsonObject: false,
  keepNullOverNullDefault: false,
  wrappedEofEndsInput: false
}

const helm4: ValuesDialect = {
  major: 4,
  allDocuments: true,
  setJsonObject: true,
  keepNullOverNullDefault: true,
  wrappedEofEndsInput: true
}

export const valuesDialectFor = (major: HelmMajor): ValuesDialect => (major === 3 ? helm3 : helm4)
