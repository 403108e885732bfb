// The one place that knows how Helm 3 and Helm 4 spell things differently. Everything else asks
// the dialect instead of testing the major version. Facts: helm/helm v3.21 cmd/helm/*.go and
// v4.2 pkg/cmd/{upgrade,rollback,flags}.go.

import { ExternalError, UserError } from '../errors/result.js'

export type HelmMajor = 3 | 4

export interface Dialect {
  major: HelmMajor
  /** Let helm itself roll back a failed upgrade (and uninstall a failed install). */
  rollbackOnFailure: readonly string[]
  /** Wait until the applied resources are ready. Helm 4's bare --wait means the kstatus watcher. */
  wait: readonly string[]
  /** Replace resources that cannot be patched. */
  forceReplace: readonly string[]
  /** Render without applying. `server` asks the API server (admission, defaulting). */
  dryRun(kind: 'client' | 'server'): string[]
  /** Apply method for install/upgrade; Helm 3 only knows client-side three-way merge. */
  serverSide(mode: 'auto' | 'true' | 'false'): string[]
}

const helm3: Dialect = {
  major: 3,
  rollbackOnFailure: ['--atomic'],
  wait: ['--wait'],
  forceReplace: ['--force'],
  dryRun: (kind) => [`--dry-run=${kind}`],
  serverSide: (mode) => {
    if (mode === 'true')
      throw new UserError('server-side apply needs Helm 4; Helm 3 always applies client-side')
    return []
  }
}

const helm4: Dialect = {
  major: 4,
  // --atomic is a deprecated alias in Helm 4 and was an unknown flag on `install` in 4.0.0-4.1.1.
  rollbackOnFailure: ['--rollback-on-failure'],
  wait: ['--wait=watcher'],
  forceReplace: ['--force-replace'],
  dryRun: (kind) => [`--dry-run=${kind}`],
  // `auto` reuses the release's stored apply method on upgrade and is SSA for new installs.
  serverSide: (mode) => [`--server-side=${mode}`]
}

export function dialectFor(major: HelmMajor): Dialect {
  return major === 3 ? helm3 : helm4
}

/** `v3.22.0`, `v4.3.1+g1234` → major; anything else is unsupported. */
export function parseHelmVersionOutput(text: string): { version: string; major: HelmMajor } {
  const version = text.trim()
  const m = /^v?(\d+)\.(\d+)\.(\d+)/.exec(version)
  if (!m) throw new ExternalError(`could not read the Helm version from "${version}"`)
  const major = Number(m[1])
  if (major !== 3 && major !== 4)
    throw new UserError(
      `Helm ${version} is not supported; use Helm 3 or Helm 4 (input helm-version installs one)`
    )
  return { version, major }
}
