import { describe, expect, it } from '@jest/globals'
import { validateValues } from '../../src/values/schema.js'
import { STYLE_CASES } from '../helpers/schema-styles.js'
import { computeOk } from '../helpers/values.js'

// Helm 4.3 and Helm 3.22 read these schemas alike (santhosh-tekuri/jsonschema v6); the paths are
// checked against both binaries by __tests__/integration/values-schema-styles.test.ts.
describe.each(['v4.3.0', 'v3.22.0'])('schemas in the styles real charts use (Helm %s)', (helm) => {
  it.each(STYLE_CASES.map((c) => [c.name, c] as const))('%s', (_name, c) => {
    const computed = computeOk(c.chart, {
      set: c.set ?? [],
      setJson: c.setJson ?? [],
      helmVersion: helm
    })
    const problems = validateValues(computed)
    expect(problems.filter((p) => p.path === undefined)).toEqual([])
    expect([...new Set(problems.map((p) => p.path))].sort()).toEqual([...c.paths].sort())
  })
})
