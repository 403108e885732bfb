import { describe, expect, it } from '@jest/globals'
import { parseChartVersion } from '../../src/inputs/parse.js'
import { isCompatibleRange, isValidConstraint } from '../../src/values/semver.js'
import { CONSTRAINTS, VERSION_IN_RANGE } from '../helpers/constraints.js'

// The verdicts in CONSTRAINTS are checked against real Helm by
// __tests__/integration/chart-version-grammar.test.ts.
describe('version constraints as Helm reads them', () => {
  it.each(CONSTRAINTS)('%j: valid %s, contains 1.2.0 %s', (constraint, valid, inRange) => {
    expect(isValidConstraint(constraint)).toBe(valid)
    expect(isCompatibleRange(constraint, VERSION_IN_RANGE)).toBe(inRange)
  })
})

describe('the chart-version input takes exactly what Helm takes', () => {
  it.each(CONSTRAINTS)('chart-version %j is accepted: %s', (constraint, valid) => {
    expect(parseChartVersion(constraint).ok).toBe(valid)
  })

  it.each(['=>1.2.0', '=<2.0.0', '>= 1.0, < 2', '1.0 - 1.4 || 2.x', '^1', '1.2.0+build.7'])(
    'accepts %j',
    (v) => expect(parseChartVersion(v)).toEqual({ ok: true, value: v })
  )

  it.each(['latest', '1.2.3.4', '>=1.0,,<2.0', '>=1.2.0-01', '1|2', 'x'.repeat(513)])(
    'refuses %j and says what is accepted',
    (v) => {
      const r = parseChartVersion(v)
      expect(r.ok).toBe(false)
      if (!r.ok) expect(r.error).toMatch(/such as 1\.4\.2 .*~1\.4/)
    }
  )

  it('reads an empty input as no version', () => {
    expect(parseChartVersion('  ')).toEqual({ ok: true, value: undefined })
  })
})

describe('limits of semver.NewConstraint', () => {
  it.each<[string, boolean]>([
    ['1.2.0', true],
    [Array(32).fill('1.2.0').join('||'), true],
    [Array(33).fill('1.2.0').join('||'), false],
    [`1.2.0${' '.repeat(507)}`, true],
    [`1.2.0${' '.repeat(508)}`, false]
  ])('%#: valid %s', (c, valid) => expect(isValidConstraint(c)).toBe(valid))
})
