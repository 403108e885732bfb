import { describe, expect, it } from '@jest/globals'
import { isCompatibleRange } from '../../src/values/semver.js'

describe('isCompatibleRange (which subchart a Chart.yaml dependency means)', () => {
  it.each<[string, string, boolean]>([
    ['0.1.0', '0.1.0', true],
    ['0.1.0', '0.1.1', false],
    ['v1.2.3', '1.2.3', true],
    ['~0.1.0', '0.1.9', true],
    ['~0.1.0', '0.2.0', false],
    ['~1', '1.9.0', true],
    ['^0.2.0', '0.2.1', true],
    ['^0.2.0', '0.3.0', false],
    ['^1.2.3', '1.9.9', true],
    ['^1.2.3', '2.0.0', false],
    ['^0.0.3', '0.0.4', false],
    ['1.x', '1.4.0', true],
    ['1.x', '2.0.0', false],
    ['*', '3.1.4', true],
    ['>=1.0.0 <2.0.0', '1.5.0', true],
    ['>=1.0.0, <2.0.0', '2.0.0', false],
    ['<1.0.0 || >=3.0.0', '3.1.0', true],
    ['<1.0.0 || >=3.0.0', '2.0.0', false],
    ['1.0.0 - 1.4.0', '1.4.0', true],
    ['1.0.0 - 1.4.0', '1.4.1', false],
    ['!=1.0.0', '1.0.1', true],
    ['>1.0', '1.0.5', false],
    ['>1.0', '1.1.0', true],
    ['>1.0.0', '1.0.5', true],
    ['>1.x', '1.9.0', false],
    ['^1.0.0', '1.1.0-beta.1', false],
    ['^1.1.0-beta.0', '1.1.0-beta.1', true],
    ['', '1.0.0', false],
    ['not a range', '1.0.0', false],
    ['1.0.0', 'not a version', false]
  ])('"%s" admits %s: %s', (constraint, version, expected) => {
    expect(isCompatibleRange(constraint, version)).toBe(expected)
  })
})
