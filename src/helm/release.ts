// Shapes of `helm status|history -o json` (pkg/release/v1, pkg/cmd/history.go), parsed into
// the few fields the action uses. The same for Helm 3 and Helm 4.

import { ExternalError } from '../errors/result.js'

export type ReleaseStatusName =
  | 'unknown'
  | 'deployed'
  | 'uninstalled'
  | 'superseded'
  | 'failed'
  | 'uninstalling'
  | 'pending-install'
  | 'pending-upgrade'
  | 'pending-rollback'

export interface ReleaseInfo {
  name: string
  namespace: string
  revision: number
  status: ReleaseStatusName
  description: string
  manifest: string
  /** Chart name and version, when helm includes the chart (upgrade -o json). */
  chart?: string
}

export interface HistoryEntry {
  revision: number
  status: ReleaseStatusName
  chart: string
  appVersion: string
  description: string
  updated: string
}

export const isPending = (s: ReleaseStatusName): boolean => s.startsWith('pending-')

export function parseReleaseInfo(json: string): ReleaseInfo {
  const r = JSON.parse(json) as {
    name?: string
    namespace?: string
    version?: number
    info?: { status?: string; description?: string }
    manifest?: string
    chart?: { metadata?: { name?: string; version?: string } }
  }
  if (typeof r.name !== 'string' || typeof r.version !== 'number')
    throw new ExternalError('helm printed no release (missing name or version)')
  const meta = r.chart?.metadata
  return {
    name: r.name,
    namespace: r.namespace ?? '',
    revision: r.version,
    status: (r.info?.status ?? 'unknown') as ReleaseStatusName,
    description: r.info?.description ?? '',
    manifest: r.manifest ?? '',
    chart: meta?.name ? `${meta.name}-${meta.version ?? ''}` : undefined
  }
}

/**
 * The release record as `helm get all --template RELEASE_RECORD_TEMPLATE` prints it (args.ts):
 * one `key=value` line per field, and each text field as its length in bytes, a newline and then
 * exactly that many bytes.
 */
export function parseReleaseRecord(stdout: string): ReleaseInfo {
  const bytes = Buffer.from(stdout, 'utf8')
  let at = 0
  const line = (key: string): string => {
    const end = bytes.indexOf(0x0a, at)
    const text = bytes.toString('utf8', at, end < 0 ? bytes.length : end)
    if (!text.startsWith(`${key}=`))
      throw new ExternalError(`helm printed no release record (expected ${key}= at byte ${at})`)
    at = end < 0 ? bytes.length : end + 1
    return text.slice(key.length + 1)
  }
  const text = (key: string): string => {
    const declared = line(key)
    const length = /^\d+$/.test(declared) ? Number(declared) : -1
    if (length < 0 || at + length > bytes.length)
      throw new ExternalError(`helm printed no release record (bad length of ${key})`)
    const value = bytes.toString('utf8', at, at + length)
    at += length + 1
    return value
  }
  const name = line('name')
  const namespace = line('namespace')
  const revisionText = line('revision')
  const revision = /^\d+$/.test(revisionText) ? Number(revisionText) : NaN
  const status = line('status')
  const chart = line('chart')
  const description = text('description')
  const manifest = text('manifest')
  if (!name || !Number.isInteger(revision))
    throw new ExternalError('helm printed no release (missing name or revision)')
  return {
    name,
    namespace,
    revision,
    status: (status || 'unknown') as ReleaseStatusName,
    description,
    manifest,
    chart: chart || undefined
  }
}

/** A revision as helm recorded it: its release record and its hooks as `helm get hooks` prints them. */
export interface RevisionRecord {
  info: ReleaseInfo
  hooks: string
}

/**
 * What `helm upgrade --output json` printed when it exited: the revision it recorded, with the
 * manifest and hooks `helm get manifest|hooks` would read back. Undefined for anything else (an
 * upgrade that failed, or output that is not one release), so the caller reads the record instead.
 */
export function parseUpgradeOutput(stdout: string): RevisionRecord | undefined {
  let info: ReleaseInfo
  let hooks: unknown
  try {
    info = parseReleaseInfo(stdout)
    hooks = (JSON.parse(stdout) as { hooks?: unknown }).hooks ?? []
  } catch {
    return undefined
  }
  if (!Array.isArray(hooks)) return undefined
  // As pkg/cmd/get_hooks.go prints them.
  const text = hooks
    .map((h: { path?: string; manifest?: unknown }) =>
      typeof h.manifest === 'string' ? `---\n# Source: ${h.path ?? ''}\n${h.manifest}\n` : ''
    )
    .join('')
  return { info, hooks: text }
}

export function parseHistory(json: string): HistoryEntry[] {
  const rows = JSON.parse(json) as Array<{
    revision: number
    status: string
    chart?: string
    app_version?: string
    description?: string
    updated?: string
  }>
  if (!Array.isArray(rows)) throw new ExternalError('helm history printed no list')
  return rows
    .map((r) => ({
      revision: r.revision,
      status: r.status as ReleaseStatusName,
      chart: r.chart ?? '',
      appVersion: r.app_version ?? '',
      description: r.description ?? '',
      updated: r.updated ?? ''
    }))
    .sort((a, b) => a.revision - b.revision)
}

/**
 * Revisions that were rolled back from: the one just before each "Rollback to N" record, when it
 * is newer than N. The action verifies a rollout after helm has recorded it `deployed`, so a
 * revision it rolled back shows as `superseded`; it never worked and is no rollback target.
 */
export function rolledBackFrom(history: readonly HistoryEntry[]): Set<number> {
  const bad = new Set<number>()
  const sorted = [...history].sort((a, b) => a.revision - b.revision)
  for (let i = 1; i < sorted.length; i++) {
    const to = /^Rollback to (\d+)/.exec(sorted[i].description)
    const prev = sorted[i - 1]
    if (to && prev.revision > Number(to[1])) bad.add(prev.revision)
  }
  return bad
}

/**
 * The revision a failed or stuck release should return to: the newest one that ran successfully.
 * `superseded` revisions were deployed once; `deployed` is the current good one. Revisions that
 * were rolled back from are skipped.
 */
export function lastGoodRevision(
  history: readonly HistoryEntry[],
  below?: number
): HistoryEntry | undefined {
  const abandoned = rolledBackFrom(history)
  return [...history]
    .reverse()
    .find(
      (h) =>
        (below === undefined || h.revision < below) &&
        !abandoned.has(h.revision) &&
        (h.status === 'deployed' || h.status === 'superseded')
    )
}

/** True when any revision of the release ever deployed successfully: such a release is never uninstalled. */
export function everDeployed(history: readonly HistoryEntry[]): boolean {
  return history.some((h) => h.status === 'deployed' || h.status === 'superseded')
}
