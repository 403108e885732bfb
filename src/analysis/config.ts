/** A comparison a measurement must satisfy, as written in the `success` field (`< 0.05`). */
export interface Condition {
  op: '<' | '<=' | '>' | '>=' | '==' | '!='
  threshold: number
  /** As the user wrote it, for messages and the summary. */
  text: string
}

/** What an empty result (no series, or NaN such as 0/0) counts as. */
export type NoData = 'fail' | 'pass'

export interface GateQuery {
  name: string
  /** PromQL; `{{slot}}`, `{{release}}` and `{{namespace}}` are filled in before each run. */
  query: string
  success: Condition
  noData: NoData
}

/** Credentials for the metrics endpoint; never printed (masked by the session). */
export type MetricsAuth =
  { kind: 'bearer'; token: string } | { kind: 'basic'; username: string; password: string }

/** The metrics gate: PromQL queries measured every interval, each against its condition. */
export interface AnalysisConfig {
  /** Base URL of a Prometheus-compatible API (`/api/v1/query` is appended). */
  url: string
  intervalSeconds: number
  /** Measurements per query (the first at once, then one every interval). */
  count: number
  /** Measurements that may fail (per query) before the gate fails. */
  failureLimit: number
  /** The verdict when the endpoint cannot be reached: fail the gate, or carry on with a warning. */
  onUnreachable: 'fail' | 'ignore'
  /** blue-green: measurements of live traffic after the switch (0 = none). */
  afterSwitchCount: number
  headers: Record<string, string>
  auth?: MetricsAuth
  queries: GateQuery[]
}

/** Values filled into queries (and slot health-check URLs). */
export interface Placeholders {
  slot?: string
  release: string
  namespace: string
}

/** Replaces `{{slot}}`, `{{release}}` and `{{namespace}}` (spaces inside the braces allowed). */
export function fillPlaceholders(text: string, p: Placeholders): string {
  return text.replace(/\{\{\s*(slot|release|namespace)\s*\}\}/g, (whole, key: string) => {
    const v = p[key as keyof Placeholders]
    return v === undefined ? whole : v
  })
}

/** Every secret the gate's settings hold, for masking before anything is logged. */
export function analysisSecrets(a: AnalysisConfig | undefined): string[] {
  if (!a) return []
  const out: string[] = []
  if (a.auth?.kind === 'bearer') out.push(a.auth.token)
  if (a.auth?.kind === 'basic') out.push(a.auth.password)
  for (const [name, value] of Object.entries(a.headers))
    if (/authorization|token|key|secret|password/i.test(name)) out.push(value)
  try {
    const u = new URL(a.url)
    if (u.password) out.push(decodeURIComponent(u.password))
  } catch {
    // not a URL: the parser refused it already
  }
  return out.filter((s) => s.length >= 4)
}
