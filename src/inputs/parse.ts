import { parse as parseYaml, parseDocument } from 'yaml'
import { fail, ok, type Result } from '../errors/result.js'
import { isValidConstraint } from '../values/semver.js'
import type { ChartInput, HealthCheck, Mode } from './config.js'

// Each parser takes the raw input string and returns a value or a reason that names what is
// accepted. The caller prefixes the input name and the offending value.

const DNS1123_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/
// Helm's own rule (pkg/chartutil validateReleaseName): DNS-1123 subdomain, at most 53 characters
// because Helm appends suffixes to build object names of at most 63.
const RELEASE_NAME = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/
const REPO_CHART = /^[A-Za-z0-9][A-Za-z0-9_.-]*\/[a-z0-9][a-z0-9_.-]*$/
const CHART_NAME = /^[a-z0-9][a-z0-9_.-]*$/

export function parseMode(raw: string): Result<Mode> {
  const v = raw.trim()
  const modes = ['deploy', 'plan', 'validate', 'rollback', 'remove', 'promote', 'reject']
  if (modes.includes(v)) return ok(v as Mode)
  return fail(`expected one of ${modes.join(', ')}`)
}

export function parseStrategy(raw: string): Result<'rolling' | 'blue-green'> {
  return parseChoice(raw, ['rolling', 'blue-green'] as const)
}

export function parseChoice<T extends string>(raw: string, values: readonly T[]): Result<T> {
  const v = raw.trim()
  if ((values as readonly string[]).includes(v)) return ok(v as T)
  return fail(`expected ${values.join(' or ')}`)
}

/** A Service name (DNS-1035 label); empty means "the release name". */
export function parseServiceName(raw: string): Result<string | undefined> {
  const v = raw.trim()
  if (v === '') return ok(undefined)
  if (v.length > 63 || !/^[a-z]([-a-z0-9]*[a-z0-9])?$/.test(v))
    return fail(
      'must be a Service name: lowercase letters, digits and "-", starting with a letter, at most 63 characters'
    )
  return ok(v)
}

/** A Kubernetes label key: an optional DNS subdomain prefix and a name (`slot`, `example.com/slot`). */
export function parseLabelKey(raw: string): Result<string> {
  const v = raw.trim()
  const [prefix, name] = v.includes('/') ? v.split(/\/(.*)/s) : [undefined, v]
  const okName = /^[A-Za-z0-9]([-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?$/.test(name ?? '')
  const okPrefix =
    prefix === undefined ||
    (prefix.length <= 253 && /^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$/.test(prefix))
  if (!okName || !okPrefix) return fail('expected a label key such as slot or goatflow.dev/slot')
  return ok(v)
}

/** A values key as --set takes it (dots between names): `slot`, `global.slot`. */
export function parseValuesKey(raw: string): Result<string> {
  const v = raw.trim()
  if (!/^[A-Za-z_][A-Za-z0-9_-]*(\.[A-Za-z_][A-Za-z0-9_-]*)*$/.test(v))
    return fail('expected a values key such as slot or global.slot')
  return ok(v)
}

export function parseBoolean(raw: string): Result<boolean> {
  // The YAML 1.2 core schema booleans, as @actions/core's getBooleanInput accepts them.
  const v = raw.trim()
  if (['true', 'True', 'TRUE'].includes(v)) return ok(true)
  if (['false', 'False', 'FALSE'].includes(v)) return ok(false)
  return fail('expected true or false')
}

export function parseReleaseName(raw: string): Result<string> {
  const v = raw.trim()
  if (v === '') return fail('a release name is required, for example goatflow-staging')
  if (v.length > 53) return fail(`is ${v.length} characters long; Helm allows at most 53`)
  if (!RELEASE_NAME.test(v))
    return fail(
      'must be lowercase letters, digits, "-" and "." and start and end with a letter or digit (Helm\'s DNS-1123 rule), for example goatflow-staging'
    )
  return ok(v)
}

export function parseNamespace(raw: string): Result<string | undefined> {
  const v = raw.trim()
  if (v === '') return ok(undefined)
  if (v.length > 63) return fail(`is ${v.length} characters long; Kubernetes allows at most 63`)
  if (!DNS1123_LABEL.test(v))
    return fail(
      'must be lowercase letters, digits and "-", starting and ending with a letter or digit (DNS-1123 label), for example goatflow-prod'
    )
  return ok(v)
}

const DURATION_UNIT_MS: Record<string, number> = {
  ns: 1e-6,
  us: 1e-3,
  µs: 1e-3,
  ms: 1,
  s: 1000,
  m: 60_000,
  h: 3_600_000
}

/** Go duration syntax (`300s`, `5m`, `1h30m`, `1.5h`), the format Helm's `--timeout` takes. */
export function parseDuration(raw: string): Result<number> {
  const v = raw.trim()
  const hint = 'expected a duration such as 300s, 5m or 1h30m'
  if (v === '') return fail(hint)
  if (/^\d+(\.\d+)?$/.test(v)) return fail(`has no unit; ${hint} (did you mean ${v}s?)`)
  const part = /(\d+(?:\.\d+)?)(ns|us|µs|ms|s|m|h)/y
  let ms = 0
  let pos = 0
  while (pos < v.length) {
    part.lastIndex = pos
    const m = part.exec(v)
    if (!m) return fail(hint)
    ms += Number(m[1]) * DURATION_UNIT_MS[m[2]]
    pos = part.lastIndex
  }
  if (ms < 1000) return fail(`is shorter than one second; ${hint}`)
  return ok(Math.round(ms / 1000))
}

/** A duration that may also be `0` (do not wait at all). */
export function parseWait(raw: string): Result<number> {
  return /^0+[a-zµ]*$/.test(raw.trim()) ? ok(0) : parseDuration(raw)
}

/** A Helm revision number: a whole number from 1; empty means "not given". */
export function parseRevision(raw: string): Result<number | undefined> {
  const v = raw.trim()
  if (v === '') return ok(undefined)
  if (!/^\d+$/.test(v) || Number(v) < 1)
    return fail(
      'expected a revision number from helm history (1 or more), or empty for the newest good revision before the current one'
    )
  return ok(Number(v))
}

export function parseNonNegativeInt(raw: string): Result<number> {
  const v = raw.trim()
  if (!/^\d+$/.test(v)) return fail('expected a whole number, 0 or more')
  return ok(Number(v))
}

/**
 * A list input: one item per line; for inputs where commas carry no meaning of their own, commas
 * separate items too. Blank lines and `#` comments are dropped.
 */
export function parseList(raw: string, opts: { commas: boolean }): string[] {
  return raw
    .split(/\r?\n/)
    .flatMap((line) => (opts.commas ? line.split(',') : [line]))
    .map((item) => item.trim())
    .filter((item) => item !== '' && !item.startsWith('#'))
}

/** `key=value` as `helm --set*` takes it; the value is checked by Helm's own parser later. */
export function parseSetItem(
  item: string,
  kind: 'set' | 'set-string' | 'set-json'
): Result<string> {
  const eq = item.indexOf('=')
  if (eq < 0)
    return fail(`"${item}" has no "="; write key=value, for example backend.replicaCount=3`)
  const key = item.slice(0, eq).trim()
  if (key === '') return fail(`"${item}" has an empty key before "="`)
  if (/\s/.test(key)) return fail(`the key "${key}" contains white space`)
  if (kind === 'set-json') {
    const json = item.slice(eq + 1)
    try {
      JSON.parse(json)
    } catch (e) {
      return fail(`the value of "${key}" is not valid JSON (${(e as Error).message})`)
    }
  }
  return ok(item)
}

export function parseUrl(raw: string, protocols: string[]): Result<string> {
  const v = raw.trim()
  let url: URL
  try {
    url = new URL(v)
  } catch {
    return fail(`is not a URL; expected ${protocols.join(' or ')}://host/path`)
  }
  if (!protocols.includes(url.protocol.replace(/:$/, '')))
    return fail(`uses ${url.protocol.replace(/:$/, '')}://; expected ${protocols.join(' or ')}://`)
  if (url.hostname === '') return fail('has no host name')
  return ok(v)
}

export function parseHealthCheck(item: string): Result<HealthCheck> {
  const [url, status, ...rest] = item.split(/\s+/)
  if (rest.length > 0)
    return fail(`"${item}" has too many fields; write a URL and optionally the expected status`)
  const parsedUrl = parseUrl(url, ['http', 'https'])
  if (!parsedUrl.ok) return fail(`"${url}" ${parsedUrl.error}`)
  if (status === undefined) return ok({ url, expectedStatus: 200 })
  if (!/^[1-5]\d\d$/.test(status)) return fail(`"${status}" is not an HTTP status code (100-599)`)
  return ok({ url, expectedStatus: Number(status) })
}

export function parseChartVersion(raw: string): Result<string | undefined> {
  const v = raw.trim()
  if (v === '') return ok(undefined)
  // Helm takes --version as a literal tag or index entry first, else as a Masterminds/semver
  // constraint; every chart version is a constraint that matches itself, so one grammar decides.
  if (isValidConstraint(v)) return ok(v)
  return fail(
    'expected a version such as 1.4.2 or a range such as ~1.4, ^2.0, 1.x, ">=1.2.0 <2.0.0" or "1.0 - 1.4 || 2.x"'
  )
}

export function parseHelmVersion(raw: string): Result<string | undefined> {
  const v = raw.trim()
  if (v === '') return ok(undefined)
  const m = /^v?(\d+)\.(\d+)\.(\d+)$/.exec(v)
  if (!m) return fail('expected an exact Helm version such as 3.19.0 or v4.1.4 (no ranges)')
  if (m[1] !== '3' && m[1] !== '4') return fail('only Helm 3 and Helm 4 are supported')
  return ok(`v${m[1]}.${m[2]}.${m[3]}`)
}

export function parseKubeVersion(raw: string): Result<string | undefined> {
  const v = raw.trim()
  if (v === '') return ok(undefined)
  const m = /^v?1\.(\d+)(\.\d+)?$/.exec(v)
  if (!m) return fail('expected a Kubernetes version such as 1.33')
  return ok(`1.${m[1]}`)
}

export function parseKubeContext(raw: string): Result<string | undefined> {
  const v = raw.trim()
  if (v === '') return ok(undefined)
  if (/\s/.test(v)) return fail('a context name has no white space')
  return ok(v)
}

export function parseEnvironment(raw: string): Result<string | undefined> {
  const v = raw.trim()
  if (v === '') return ok(undefined)
  if (v.length > 255) return fail('GitHub allows environment names of at most 255 characters')
  if (/[\r\n]/.test(v)) return fail('must be a single line')
  return ok(v)
}

/** Inline values: a YAML mapping (not a list, not a scalar), without duplicate keys. */
export function parseInlineValues(raw: string): Result<string | undefined> {
  if (raw.trim() === '') return ok(undefined)
  const doc = parseDocument(raw, { uniqueKeys: true, prettyErrors: false })
  if (doc.errors.length > 0) {
    const e = doc.errors[0]
    const line = e.linePos?.[0].line
    return fail(`is not valid YAML${line ? ` (line ${line})` : ''}: ${e.message.split('\n')[0]}`)
  }
  const value: unknown = doc.toJS()
  if (value === null || typeof value !== 'object' || Array.isArray(value))
    return fail('must be a YAML mapping of values, for example "backend:\\n  replicaCount: 3"')
  return ok(raw)
}

/** Kubeconfig content: YAML, or the same base64-encoded (as many secrets store it). */
export function parseKubeconfig(raw: string): Result<string | undefined> {
  const v = raw.trim()
  if (v === '') return ok(undefined)
  let text = v
  if (/^[A-Za-z0-9+/=\s]+$/.test(v) && !v.includes(':')) {
    text = Buffer.from(v.replace(/\s+/g, ''), 'base64').toString('utf8')
  }
  let doc: unknown
  try {
    doc = parseYaml(text)
  } catch {
    return fail('is neither kubeconfig YAML nor base64-encoded kubeconfig YAML')
  }
  const cfg = doc as { clusters?: unknown; kind?: unknown } | null
  if (!cfg || typeof cfg !== 'object' || !Array.isArray(cfg.clusters))
    return fail('has no "clusters" list; expected a kubeconfig file (kind: Config)')
  return ok(text)
}

export interface ChartProbe {
  isDirectory(path: string): boolean
  isFile(path: string): boolean
}

/**
 * Where the chart comes from. A path that exists wins, as it does for Helm itself; then an OCI
 * reference, a URL, a `repo/name` reference, or a bare name when `repo-url` is given.
 */
export function parseChartRef(
  raw: string,
  hasRepoUrl: boolean,
  fs: ChartProbe
): Result<ChartInput> {
  const v = raw.trim()
  if (v === '')
    return fail('a chart is required: a path, repo/name, a name with repo-url, or oci://…')
  if (v.startsWith('oci://')) {
    if (hasRepoUrl) return fail('is an OCI reference; leave repo-url empty for OCI charts')
    const rest = v.slice('oci://'.length)
    if (!/^[a-zA-Z0-9.-]+(:\d+)?(\/[a-z0-9._-]+)+$/.test(rest))
      return fail(
        'is not a valid OCI reference; expected oci://registry/path/chart (no tag: use chart-version)'
      )
    return ok({ kind: 'oci', ref: v })
  }
  if (/^https?:\/\//.test(v)) {
    if (!/\.tgz$/.test(new URL(v).pathname))
      return fail(
        'is a URL but not of a packaged chart (.tgz); for a repository use repo-url and the chart name'
      )
    return ok({ kind: 'url', url: v })
  }
  if (hasRepoUrl) {
    if (CHART_NAME.test(v)) return ok({ kind: 'repo', ref: v })
    // A local chart whose dependencies live in that repository (helm dependency build).
    if (fs.isDirectory(v) && fs.isFile(`${v}/Chart.yaml`))
      return ok({ kind: 'local', path: v, packaged: false })
    return fail(
      'with repo-url set, chart is the chart\'s name in that repository, for example "goatflow", or the path of a local chart whose dependencies come from that repository'
    )
  }
  if (fs.isDirectory(v)) {
    if (!fs.isFile(`${v}/Chart.yaml`))
      return fail(
        `is a directory without Chart.yaml; point chart at the folder that holds Chart.yaml`
      )
    return ok({ kind: 'local', path: v, packaged: false })
  }
  if (v.endsWith('.tgz')) {
    if (fs.isFile(v)) return ok({ kind: 'local', path: v, packaged: true })
    return fail(
      'is a packaged chart path that does not exist (paths are relative to the workspace)'
    )
  }
  const looksLikePath = v.startsWith('.') || v.startsWith('/') || v.split('/').length > 2
  if (looksLikePath)
    return fail(
      'does not exist (paths are relative to the workspace; did you check out the repository?)'
    )
  if (REPO_CHART.test(v)) return ok({ kind: 'repo', ref: v })
  return fail(
    'is neither an existing path, repo/name, nor oci://…; for a chart in a repository set repo-url too'
  )
}
