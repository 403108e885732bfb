// Masterminds/semver v3.5 constraints, as Helm reads them (hand-written: Helm-exact grammar and
// semantics, which node-semver does not share: `=>`, `=<`, `1.x` wildcards, prerelease opt-in per
// `||` group). One grammar for every place a version range is read: which subchart a Chart.yaml
// dependency means (IsCompatibleRange) and the chart-version input (Helm's --version, passed to
// semver.NewConstraint when no tag or index entry equals it literally).
//
// Exact versions, comparisons, ~ and ^ ranges, x/* wildcards and missing parts (`1.2` is
// `1.2.x`), hyphen ranges, `,`/space AND, `||` OR. The regular expressions are those of
// constraints.go; Go's RE2 and JavaScript agree on them (leftmost-first alternation), with `\s`
// spelled as RE2's ASCII class.

interface Version {
  major: number
  minor: number
  patch: number
  pre: string
}

const S = '[\\t\\n\\f\\r ]'
const CV =
  'v?([0-9|x|X|\\*]+)(\\.[0-9|x|X|\\*]+)?(\\.[0-9|x|X|\\*]+)?' +
  '(-([0-9A-Za-z\\-]+(\\.[0-9A-Za-z\\-]+)*))?' +
  '(\\+([0-9A-Za-z\\-]+(\\.[0-9A-Za-z\\-]+)*))?'
// The empty operator sits second, as in constraints.go: the order decides what a match takes.
const OPS = '=||!=|>|<|>=|=>|<=|=<|~|~>|\\^'
const CONSTRAINT = new RegExp(`^${S}*(${OPS})${S}*(${CV})${S}*$`)
const RANGE = new RegExp(`${S}*(${CV})${S}+-${S}+(${CV})${S}*`, 'g')
const FIND = new RegExp(`(${OPS})${S}*(${CV})`, 'g')
const VALID = new RegExp(
  `^(${S}*(${OPS})${S}*(${CV})${S}*)((?:${S}+|,${S}*)(${OPS})${S}*(${CV})${S}*)*$`
)
const LOOSE_VERSION =
  /^v?([0-9]+)(\.[0-9]+)?(\.[0-9]+)?(-([0-9A-Za-z-]+(\.[0-9A-Za-z-]+)*))?(\+([0-9A-Za-z-]+(\.[0-9A-Za-z-]+)*))?$/
const MAX_CONSTRAINT_LENGTH = 512
const MAX_CONSTRAINT_GROUPS = 32
const MAX_VERSION_LENGTH = 256
const MAX_UINT64 = 18446744073709551615n

/** semver.NewVersion (CoerceNewVersion, the default): `1`, `1.2`, `v1.2.3-rc.1+build`. */
function parseVersion(text: string): Version | undefined {
  if (text.length > MAX_VERSION_LENGTH) return undefined
  const m = LOOSE_VERSION.exec(text)
  if (!m) return undefined
  const numbers = [m[1], m[2]?.slice(1) ?? '0', m[3]?.slice(1) ?? '0']
  if (numbers.some((n) => BigInt(n) > MAX_UINT64)) return undefined
  const pre = m[5] ?? ''
  // validatePrerelease: a numeric identifier has no leading zero.
  if (pre !== '' && pre.split('.').some((p) => /^0\d+$/.test(p))) return undefined
  return { major: +numbers[0], minor: +numbers[1], patch: +numbers[2], pre }
}

function comparePre(a: string, b: string): number {
  if (a === b) return 0
  if (a === '') return 1
  if (b === '') return -1
  const pa = a.split('.')
  const pb = b.split('.')
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    if (pa[i] === undefined) return -1
    if (pb[i] === undefined) return 1
    const na = /^\d+$/.test(pa[i])
    const nb = /^\d+$/.test(pb[i])
    if (na && nb && +pa[i] !== +pb[i]) return +pa[i] < +pb[i] ? -1 : 1
    if (na !== nb) return na ? -1 : 1
    if (pa[i] !== pb[i]) return pa[i] < pb[i] ? -1 : 1
  }
  return 0
}

function compare(a: Version, b: Version): number {
  return (
    Math.sign(a.major - b.major) ||
    Math.sign(a.minor - b.minor) ||
    Math.sign(a.patch - b.patch) ||
    comparePre(a.pre, b.pre)
  )
}

/** One constraint of an AND group, as constraints.go parses it. */
interface Constraint {
  op: string
  con: Version
  /** A wildcard or a missing part somewhere (`1.x`, `1`, `*`). */
  dirty: boolean
  minorDirty: boolean
  patchDirty: boolean
}

const isX = (s: string | undefined): boolean => s === 'x' || s === 'X' || s === '*'

function parseOne(text: string): Constraint | undefined {
  const m = CONSTRAINT.exec(text)
  if (!m) return undefined
  const [, op, cv, major, dotMinor = '', dotPatch = '', dashPre = ''] = m
  let ver = cv
  let dirty = false
  let minorDirty = false
  let patchDirty = false
  if (isX(major) || major === '') {
    ver = `0.0.0${dashPre}`
    dirty = true
  } else if (isX(dotMinor.slice(1)) || dotMinor === '') {
    ver = `${major}.0.0${dashPre}`
    dirty = minorDirty = true
  } else if (isX(dotPatch.slice(1)) || dotPatch === '') {
    ver = `${major}${dotMinor}.0${dashPre}`
    dirty = patchDirty = true
  }
  const con = parseVersion(ver)
  return con && { op, con, dirty, minorDirty, patchDirty }
}

/** semver.NewConstraint: the AND groups of the `||` alternatives, or undefined if invalid. */
function parseConstraint(text: string): Constraint[][] | undefined {
  if (text.length > MAX_CONSTRAINT_LENGTH) return undefined
  // rewriteRange: `a - b` becomes `>= a, <= b ` before anything else.
  const rewritten = text.replace(RANGE, (_all, a: string, ...rest: unknown[]) => {
    const b = rest[9] as string
    return `>= ${a}, <= ${b} `
  })
  const ors = rewritten.split('||')
  if (ors.length > MAX_CONSTRAINT_GROUPS) return undefined
  const groups: Constraint[][] = []
  for (const or of ors) {
    if (!VALID.test(or)) return undefined
    const found = or.match(FIND) ?? [or]
    const group = found.map(parseOne)
    if (group.some((c) => c === undefined)) return undefined
    groups.push(group as Constraint[])
  }
  return groups
}

// The constraint functions of constraints.go, one per operator.
function satisfies(x: Version, c: Constraint, includePre: boolean): boolean {
  if (x.pre !== '' && !includePre) return false
  const { con } = c
  const cmp = compare(x, con)
  switch (c.op) {
    case '!=':
      if (c.dirty) {
        if (con.major !== x.major) return true
        if (con.minor !== x.minor && !c.minorDirty) return true
        if (c.minorDirty) return false
        if (con.patch !== x.patch && !c.patchDirty) return true
        if (c.patchDirty)
          return (x.pre !== '' || con.pre !== '') && comparePre(x.pre, con.pre) !== 0
      }
      return cmp !== 0
    case '>':
      if (!c.dirty) return cmp > 0
      if (x.major !== con.major) return x.major > con.major
      if (c.minorDirty) return false
      if (c.patchDirty) return x.minor > con.minor
      return cmp > 0
    case '<':
      return cmp < 0
    case '>=':
    case '=>':
      return cmp >= 0
    case '<=':
    case '=<':
      if (!c.dirty) return cmp <= 0
      if (x.major > con.major) return false
      return !(x.major === con.major && x.minor > con.minor && !c.minorDirty)
    case '~':
    case '~>':
      return tilde(x, c)
    case '^': {
      if (cmp < 0) return false
      if (con.major > 0 || c.minorDirty) return x.major === con.major
      if (x.major > 0) return false
      if (con.minor > 0 || c.patchDirty) return x.minor === con.minor
      if (x.minor > 0) return false
      return x.patch === con.patch
    }
    default:
      // '' and '=': a wildcard makes it a ~ range.
      return c.dirty ? tilde(x, c) : cmp === 0
  }
}

function tilde(x: Version, c: Constraint): boolean {
  const { con } = c
  if (compare(x, con) < 0) return false
  // ~0.0.0 (and ~*) take everything.
  if (con.major === 0 && con.minor === 0 && con.patch === 0 && !c.minorDirty && !c.patchDirty)
    return true
  if (x.major !== con.major) return false
  return x.minor === con.minor || c.minorDirty
}

/** Whether Helm reads `text` as a version constraint (semver.NewConstraint succeeds). */
export function isValidConstraint(text: string): boolean {
  return parseConstraint(text) !== undefined
}

/** Whether `version` satisfies `constraint`; false when either cannot be read, as in Helm. */
export function isCompatibleRange(constraint: string, version: string): boolean {
  const ver = parseVersion(version)
  const groups = parseConstraint(constraint)
  if (ver === undefined || groups === undefined) return false
  // A prerelease is considered only by a group that names a prerelease itself.
  return groups.some((group) => {
    const includePre = group.some((c) => c.con.pre !== '')
    return group.every((c) => satisfies(ver, c, includePre))
  })
}
