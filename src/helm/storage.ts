// A release's records as Helm keeps them in the cluster, read through the Kubernetes API instead
// of by `helm get` and `helm history` processes. Hand-written because it is Helm's own storage format
// (pkg/storage/driver): the Secret or ConfigMap `sh.helm.release.v1.<release>.v<revision>` in the
// release's namespace, labelled `owner=helm,name=<release>`, holds under `release` the release
// JSON gzipped and base64-encoded (a Secret's data is base64-encoded once more by the API). The
// JSON is the one `helm upgrade --output json` prints, so it is read by the same parser. The
// history is what pkg/cmd/history.go makes of the records: the newest 256 by revision, the chart
// as `name-version` ("MISSING" without one), the app version, the status, the description and
// when it was deployed; the current revision (`helm status`, `helm get all`) is the highest.
//
// Only the drivers that keep the record in a Kubernetes object are read here (HELM_DRIVER unset,
// `secret(s)` or `configmap(s)`); with any other, or whenever the record cannot be read this way,
// the caller asks helm.
import { gunzipSync } from 'node:zlib'
import {
  parseReleaseInfo,
  parseUpgradeOutput,
  type HistoryEntry,
  type ReleaseInfo,
  type ReleaseStatusName
} from './release.js'

export type StorageDriver = 'secret' | 'configmap'

/** Where helm keeps release records, by HELM_DRIVER as helm reads it; undefined for others. */
export function storageDriver(env: NodeJS.ProcessEnv = process.env): StorageDriver | undefined {
  switch (env.HELM_DRIVER ?? '') {
    case '':
    case 'secret':
    case 'secrets':
      return 'secret'
    case 'configmap':
    case 'configmaps':
      return 'configmap'
    default:
      return undefined
  }
}

/** The API path of the collection the driver keeps records in. */
const collectionPath = (driver: StorageDriver, namespace: string): string =>
  `/api/v1/namespaces/${encodeURIComponent(namespace)}/${driver === 'secret' ? 'secrets' : 'configmaps'}`

/** The API path of a revision's record. */
export function storedRecordPath(
  driver: StorageDriver,
  namespace: string,
  release: string,
  revision: number
): string {
  return `${collectionPath(driver, namespace)}/sh.helm.release.v1.${encodeURIComponent(release)}.v${revision}`
}

const GZIP_MAGIC = [0x1f, 0x8b, 0x08]

/** The release JSON a record object holds. Throws when it holds none. */
export function storedReleaseJson(
  driver: StorageDriver,
  object: { data?: Record<string, unknown> }
): string {
  const field = object.data?.release
  if (typeof field !== 'string') throw new Error('the record has no release data')
  const encoded = driver === 'secret' ? Buffer.from(field, 'base64').toString('latin1') : field
  // As helm's decodeRelease: base64, then gunzip when it starts with gzip's magic bytes.
  const bytes = Buffer.from(encoded, 'base64')
  const gzipped = bytes.length > 3 && GZIP_MAGIC.every((b, i) => bytes[i] === b)
  return (gzipped ? gunzipSync(bytes) : bytes).toString('utf8')
}

/** A revision's manifest and hooks as `helm get manifest` and `helm get hooks` print them. */
export interface StoredRecord {
  manifest: string
  hooks: string
}

/**
 * The revision's record from its object: `{ found: false }` when the object does not exist (helm
 * has not recorded the revision yet), undefined when the object does not hold that revision of
 * that release in a form read here (then helm is asked).
 */
export function storedRecordOf(
  driver: StorageDriver,
  object: { data?: Record<string, unknown> } | undefined,
  release: string,
  revision: number
): { found: true; record: StoredRecord } | { found: false } | undefined {
  if (!object) return { found: false }
  let json: string
  try {
    json = storedReleaseJson(driver, object)
  } catch {
    return undefined
  }
  const parsed = parseUpgradeOutput(json)
  if (!parsed || parsed.info.name !== release || parsed.info.revision !== revision) return undefined
  return { found: true, record: { manifest: parsed.info.manifest, hooks: parsed.hooks } }
}

/** The API path that lists every record of a release. */
export function storedListPath(driver: StorageDriver, namespace: string, release: string): string {
  const selector = encodeURIComponent(`name=${release},owner=helm`)
  return `${collectionPath(driver, namespace)}?labelSelector=${selector}`
}

/** The release as `helm history --max 256` and `helm status` tell it. */
export interface StoredRelease {
  history: HistoryEntry[]
  /** The highest revision, undefined when the release has none. */
  current?: ReleaseInfo
}

interface StoredJson {
  name?: unknown
  version?: unknown
  info?: { status?: string; description?: string; last_deployed?: string }
  chart?: { metadata?: { name?: string; version?: string; appVersion?: string } | null } | null
}

const HISTORY_MAX = 256

/**
 * The release from the list of its record objects, or undefined when one of them is not a
 * record of this release read here (then helm is asked).
 */
export function storedReleaseOf(
  driver: StorageDriver,
  list: { items?: Array<{ data?: Record<string, unknown> }> },
  release: string
): StoredRelease | undefined {
  const records: Array<{ json: string; r: StoredJson }> = []
  for (const item of list.items ?? []) {
    try {
      const json = storedReleaseJson(driver, item)
      const r = JSON.parse(json) as StoredJson
      if (r.name !== release || typeof r.version !== 'number') return undefined
      records.push({ json, r })
    } catch {
      return undefined
    }
  }
  records.sort((a, b) => (a.r.version as number) - (b.r.version as number))
  const history = records.slice(-HISTORY_MAX).map(({ r }): HistoryEntry => {
    const meta = r.chart?.metadata
    return {
      revision: r.version as number,
      status: (r.info?.status ?? '') as ReleaseStatusName,
      chart: meta ? `${meta.name ?? ''}-${meta.version ?? ''}` : 'MISSING',
      appVersion: meta ? (meta.appVersion ?? '') : 'MISSING',
      description: r.info?.description ?? '',
      updated: r.info?.last_deployed ?? ''
    }
  })
  const newest = records.at(-1)
  let current: ReleaseInfo | undefined
  try {
    current = newest && parseReleaseInfo(newest.json)
  } catch {
    return undefined
  }
  return { history, current }
}

/** Reads a release's records through the API until a read fails to tell; then `working` is false. */
export interface StoredRecords {
  /** One revision's manifest and hooks. */
  read(
    revision: number
  ): Promise<{ found: true; record: StoredRecord } | { found: false } | undefined>
  /** The history and the current revision. */
  release(): Promise<StoredRelease | undefined>
  readonly working: boolean
}

/**
 * Reads revisions' records with `get` (an API GET; undefined when the object does not exist), or
 * undefined for a driver that keeps them elsewhere. Once a read cannot tell (the API refused it,
 * or the object holds no record read here), every later read says undefined at once: the caller
 * asks helm from then on, at its own pace.
 */
export function storedRecords(
  get: (
    path: string
  ) => Promise<
    | { data?: Record<string, unknown>; items?: Array<{ data?: Record<string, unknown> }> }
    | undefined
  >,
  driver: StorageDriver | undefined,
  namespace: string,
  release: string
): StoredRecords | undefined {
  if (!driver) return undefined
  let working = true
  return {
    get working() {
      return working
    },
    async read(revision) {
      if (!working) return undefined
      const object = await get(storedRecordPath(driver, namespace, release, revision)).catch(
        () => null
      )
      const result = object === null ? undefined : storedRecordOf(driver, object, release, revision)
      if (!result) working = false
      return result
    },
    async release() {
      if (!working) return undefined
      const list = await get(storedListPath(driver, namespace, release)).catch(() => null)
      const result = list ? storedReleaseOf(driver, list, release) : undefined
      if (!result) working = false
      return result
    }
  }
}
