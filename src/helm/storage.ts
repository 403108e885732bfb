// A revision's record as Helm keeps it in the cluster, read through the Kubernetes API instead of
// by a `helm get` process. Hand-written because it is Helm's own storage format
// (pkg/storage/driver): the Secret or ConfigMap `sh.helm.release.v1.<release>.v<revision>` in the
// release's namespace holds, under `release`, the release JSON gzipped and base64-encoded (a
// Secret's data is base64-encoded once more by the API). The JSON is the one `helm upgrade
// --output json` prints, so it is read by the same parser.
//
// Only the drivers that keep the record in a Kubernetes object are read here (HELM_DRIVER unset,
// `secret(s)` or `configmap(s)`); with any other, or whenever the record cannot be read this way,
// the caller asks helm.
import { gunzipSync } from 'node:zlib'
import { parseUpgradeOutput } from './release.js'

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

/** The API path of a revision's record. */
export function storedRecordPath(
  driver: StorageDriver,
  namespace: string,
  release: string,
  revision: number
): string {
  const plural = driver === 'secret' ? 'secrets' : 'configmaps'
  return `/api/v1/namespaces/${encodeURIComponent(namespace)}/${plural}/sh.helm.release.v1.${encodeURIComponent(release)}.v${revision}`
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

/** Reads revisions' records through the API until a read fails to tell; then `working` is false. */
export interface StoredRecords {
  read(
    revision: number
  ): Promise<{ found: true; record: StoredRecord } | { found: false } | undefined>
  readonly working: boolean
}

/**
 * Reads revisions' records with `get` (an API GET; undefined when the object does not exist), or
 * undefined for a driver that keeps them elsewhere. Once a read cannot tell (the API refused it,
 * or the object holds no record read here), every later read says undefined at once: the caller
 * asks helm from then on, at its own pace.
 */
export function storedRecords(
  get: (path: string) => Promise<{ data?: Record<string, unknown> } | undefined>,
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
    }
  }
}
