// Version constraints, whether Helm reads them (Masterminds/semver v3 NewConstraint) and whether
// version 1.2.0 satisfies them: shared by the unit tables and the integration test that asks
// real Helm (`helm dependency update` of a file:// dependency with that version range tells an
// invalid range from one that does not match).

export const VERSION_IN_RANGE = '1.2.0'

/** [constraint, Helm reads it, 1.2.0 satisfies it] */
export const CONSTRAINTS: ReadonlyArray<readonly [string, boolean, boolean]> = [
  ['1.2.0', true, true],
  ['v1.2.0', true, true],
  ['1.2.0+build.7', true, true],
  ['=1.2.0', true, true],
  ['=>1.2.0', true, true],
  ['=<2.0.0', true, true],
  ['>= 1.0, < 2', true, true],
  ['>=1.0,<2.0', true, true],
  ['>=1.0 ,<2.0', true, true],
  ['>1.1.9 <=1.2.0', true, true],
  ['1.0 - 1.4', true, true],
  ['1.0.0 - 1.2.0 || 3.x', true, true],
  ['0.1 - 0.9 || 1.2', true, true],
  ['~1.2', true, true],
  ['~>1.2.0', true, true],
  ['^1', true, true],
  ['^1.1', true, true],
  ['1.x', true, true],
  ['1.2.x', true, true],
  ['1.X.x', true, true],
  ['*', true, true],
  ['x', true, true],
  ['!=1.3.0', true, true],
  ['>=1.2.0-01', false, false],
  ['>=1.2.0-rc.1', true, true],
  ['<2 || >5', true, true],
  ['  1.2.0  ', true, true],
  ['>=1.0.0, <1.2.0', true, false],
  ['~1.3', true, false],
  ['1.2.0.0', false, false],
  ['latest', false, false],
  ['>=1.0,,<2.0', false, false],
  [',1.2.0', false, false],
  ['>>1.0', false, false],
  ['1.2.0 ||', false, false],
  ['1.2.0 -', false, false],
  ['1|2', false, false],
  ['=> 1.2.0 =< 1.3', true, true],
  ['1.2.0 - 1.2.0', true, true],
  ['>=1.x <2', true, true]
]
