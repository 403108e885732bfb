// What `helm version` answered for a helm binary, remembered so that a later run in the same job
// (plan, then deploy) or on the same self-hosted runner does not start helm only to ask again.
//
// A binary is known by its resolved real path and its file's identity: device, inode, size, and
// modification and change times. Installing, upgrading or rewriting helm in place changes at
// least one of them (the change time cannot be set back), and then helm is asked again. Only the
// real process runner uses the cache: an answer is ever remembered only from the binary itself.
import {
  existsSync,
  mkdirSync,
  readFileSync,
  realpathSync,
  renameSync,
  statSync,
  writeFileSync
} from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join, resolve } from 'node:path'
import which from 'which'

export interface VersionCache {
  /** What helm printed for `helm version` when this binary was asked last, if it is unchanged. */
  get(binary: string): string | undefined
  set(binary: string, answer: string): void
}

/** Where the answers are kept: the runner's tool cache, else the machine's temp folder. */
export function defaultCacheFile(env: NodeJS.ProcessEnv = process.env): string {
  const dir = env.RUNNER_TOOL_CACHE || tmpdir()
  return join(dir, 'goatflow-deploy-action', 'helm-version.json')
}

/**
 * The file a command name runs, as the system finds it: a name with a slash is a path; a bare
 * name is looked up on PATH (`which`), the first executable match.
 */
export function resolveBinary(binary: string, env: NodeJS.ProcessEnv = process.env): string {
  if (binary.includes('/')) return resolve(binary)
  const found = which.sync(binary, { path: env.PATH ?? '', nothrow: true })
  if (!found) throw new Error(`${binary} is not on PATH`)
  return found
}

/** The binary's identity, or undefined when it cannot be read (then nothing is remembered). */
function identity(binary: string, env: NodeJS.ProcessEnv): string | undefined {
  try {
    // A symlink (a tool installer's, a PATH shim's folder) is known by the file it points to.
    const path = realpathSync(resolveBinary(binary, env))
    const s = statSync(path, { bigint: true })
    return [path, s.dev, s.ino, s.size, s.mtimeNs, s.ctimeNs].join(':')
  } catch {
    return undefined
  }
}

// Answers kept at most; the oldest go first.
const MAX_ANSWERS = 32

/** The answers of binaries that are still there, newest last, at most MAX_ANSWERS. */
function pruned(answers: Record<string, string>): Record<string, string> {
  // An id is the path and five numbers joined by `:`; the path may hold `:` itself.
  const live = Object.entries(answers).filter(([id]) =>
    existsSync(id.split(':').slice(0, -5).join(':'))
  )
  return Object.fromEntries(live.slice(-MAX_ANSWERS))
}

/** The answers in a JSON file; an unreadable or unwritable file only means helm is asked. */
export function fileVersionCache(
  file = defaultCacheFile(),
  env: NodeJS.ProcessEnv = process.env,
  /** The user the answers must belong to (default: this process's). */
  uid = process.getuid?.()
): VersionCache {
  const read = (): Record<string, string> => {
    try {
      // Another user's file (a shared temp folder) is not an answer this run may trust.
      if (uid !== undefined && statSync(file).uid !== uid) return {}
      const data = JSON.parse(readFileSync(file, 'utf8')) as unknown
      return data !== null && typeof data === 'object' && !Array.isArray(data)
        ? (data as Record<string, string>)
        : {}
    } catch {
      return {}
    }
  }
  return {
    get(binary) {
      const id = identity(binary, env)
      const answer = id === undefined ? undefined : read()[id]
      return typeof answer === 'string' ? answer : undefined
    },
    set(binary, answer) {
      const id = identity(binary, env)
      if (id === undefined) return
      try {
        mkdirSync(dirname(file), { recursive: true, mode: 0o700 })
        // Written whole and renamed: a run reading at the same moment sees the old or the new file.
        const tmp = `${file}.${process.pid}.tmp`
        writeFileSync(tmp, JSON.stringify(pruned({ ...read(), [id]: answer })))
        renameSync(tmp, file)
      } catch {
        // A cache that cannot be written is no cache.
      }
    }
  }
}
