// Helm's IsCompatibleRange (Masterminds/semver v3.4 constraints), which decides whether a
// subchart in charts/ is the one a Chart.yaml dependency (and its alias) means: exact versions,
// comparisons, ~ and ^ ranges, x/* wildcards and missing parts (`1.2` is `1.2.x`), hyphen
// ranges, `,`/space AND, `||` OR.

interface Version {
  major: number
  minor: number
  patch: number
  pre: string
}

const VERSION = /^v?(\d+)(?:\.(\d+))?(?:\.(\d+))?(?:-([0-9A-Za-z.-]+))?(?:\+[0-9A-Za-z.-]+)?$/
const PART =
  /^(!=|>=|=>|<=|=<|>|<|=|~>|~|\^)?\s*v?(\d+|[xX*])(?:\.(\d+|[xX*]))?(?:\.(\d+|[xX*]))?(?:-([0-9A-Za-z.-]+))?(?:\+[0-9A-Za-z.-]+)?$/

function parseVersion(text: string): Version | undefined {
  const m = VERSION.exec(text.trim())
  if (!m) return undefined
  return { major: +m[1], minor: +(m[2] ?? 0), patch: +(m[3] ?? 0), pre: m[4] ?? '' }
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

type Check = (v: Version) => boolean

const v = (major: number, minor: number, patch: number, pre = ''): Version => ({
  major,
  minor,
  patch,
  pre
})

function parsePart(text: string): Check | undefined {
  const m = PART.exec(text)
  if (!m) return undefined
  const op = m[1] ?? '='
  const wild = (s: string | undefined) => s === undefined || /^[xX*]$/.test(s)
  const wildAt = wild(m[2]) ? 0 : wild(m[3]) ? 1 : wild(m[4]) ? 2 : 3
  const major = wildAt > 0 ? +m[2] : 0
  const minor = wildAt > 1 ? +(m[3] ?? 0) : 0
  const patch = wildAt > 2 ? +(m[4] ?? 0) : 0
  const pre = m[5] ?? ''
  const low = v(major, minor, patch, pre)
  // The first version past the range a wildcard (or a missing part) leaves open.
  const next = wildAt === 0 ? undefined : wildAt === 1 ? v(major + 1, 0, 0) : v(major, minor + 1, 0)
  const ge = (x: Version) => compare(x, low) >= 0
  const below = (x: Version) => next === undefined || compare(x, next) < 0
  let check: Check
  switch (op) {
    case '=':
      check = wildAt < 3 ? (x) => ge(x) && below(x) : (x) => compare(x, low) === 0
      break
    case '!=':
      check = wildAt < 3 ? (x) => !(ge(x) && below(x)) : (x) => compare(x, low) !== 0
      break
    case '>':
      check =
        wildAt < 3 ? (x) => next !== undefined && compare(x, next) >= 0 : (x) => compare(x, low) > 0
      break
    case '>=':
    case '=>':
      check = ge
      break
    case '<':
      check = (x) => compare(x, low) < 0
      break
    case '<=':
    case '=<':
      check = wildAt < 3 ? below : (x) => compare(x, low) <= 0
      break
    case '~':
    case '~>': {
      const end = wildAt === 1 ? v(major + 1, 0, 0) : v(major, minor + 1, 0)
      check = (x) => ge(x) && compare(x, end) < 0
      break
    }
    default: {
      // ^: the leftmost non-zero part stays.
      const end =
        major > 0 || wildAt === 1
          ? v(major + 1, 0, 0)
          : minor > 0 || wildAt === 2
            ? v(0, minor + 1, 0)
            : v(0, 0, patch + 1)
      check = (x) => ge(x) && compare(x, end) < 0
    }
  }
  // A prerelease only satisfies a constraint that names a prerelease itself.
  return (x) => (x.pre === '' || pre !== '') && check(x)
}

function parseConstraint(text: string): Check | undefined {
  const alternatives: Check[] = []
  for (const alt of text.split('||')) {
    const hyphen = /^\s*(\S+)\s+-\s+(\S+)\s*$/.exec(alt)
    const parts = hyphen
      ? [`>=${hyphen[1]}`, `<=${hyphen[2]}`]
      : alt
          .trim()
          .replace(/(!=|>=|=>|<=|=<|>|<|=|~>|~|\^)\s+/g, '$1')
          .split(/[\s,]+/)
          .filter(Boolean)
    if (parts.length === 0) return undefined
    const checks = parts.map(parsePart)
    if (checks.some((c) => c === undefined)) return undefined
    alternatives.push((x) => checks.every((c) => c?.(x)))
  }
  return (x) => alternatives.some((c) => c(x))
}

/** Whether `version` satisfies `constraint`; false when either cannot be read, as in Helm. */
export function isCompatibleRange(constraint: string, version: string): boolean {
  const ver = parseVersion(version)
  const check = parseConstraint(constraint)
  return ver !== undefined && check !== undefined && check(ver)
}
