import type { Dialect } from './dialect.js'

// Pure builders of helm argument arrays. Nothing here runs a process.

/** Which cluster and namespace every helm call addresses. */
export interface Target {
  release: string
  namespace?: string
  kubeconfig?: string
  kubeContext?: string
}

export interface ValuesSpec {
  /** Values files in order, the inline `values` file last. */
  files: readonly string[]
  set: readonly string[]
  setString: readonly string[]
  setJson: readonly string[]
}

export interface ChartSpec {
  /** What helm takes as CHART: a path, repo/name, oci://… or a URL. */
  ref: string
  version?: string
}

export function globalArgs(t: Target): string[] {
  const args: string[] = []
  if (t.namespace) args.push('--namespace', t.namespace)
  if (t.kubeconfig) args.push('--kubeconfig', t.kubeconfig)
  if (t.kubeContext) args.push('--kube-context', t.kubeContext)
  return args
}

export function valuesArgs(v: ValuesSpec): string[] {
  const args: string[] = []
  for (const f of v.files) args.push('--values', f)
  for (const s of v.setJson) args.push('--set-json', s)
  for (const s of v.set) args.push('--set', s)
  for (const s of v.setString) args.push('--set-string', s)
  return args
}

function chartArgs(c: ChartSpec): string[] {
  return c.version ? [c.ref, '--version', c.version] : [c.ref]
}

const seconds = (s: number): string => `${s}s`

export interface UpgradeOptions {
  timeoutSeconds: number
  historyMax: number
  createNamespace: boolean
  /** Let helm wait for readiness itself (raw-helm comparison); the action watches on its own. */
  wait?: boolean
  /** Let helm roll back on its own (raw-helm comparison). */
  helmRollback?: boolean
  dryRun?: 'client' | 'server'
  description?: string
  /** Release labels (Helm 3.14+ and 4 keep them on later revisions and rollbacks). */
  labels?: Record<string, string>
}

export function upgradeArgs(
  d: Dialect,
  t: Target,
  chart: ChartSpec,
  values: ValuesSpec,
  o: UpgradeOptions
): string[] {
  const args = ['upgrade', t.release, ...chartArgs(chart), '--install', ...globalArgs(t)]
  if (o.createNamespace) args.push('--create-namespace')
  args.push(...valuesArgs(values))
  args.push('--timeout', seconds(o.timeoutSeconds), '--history-max', String(o.historyMax))
  if (o.helmRollback) args.push(...d.rollbackOnFailure)
  if (o.wait || o.helmRollback) args.push(...d.wait)
  if (o.dryRun) args.push(...d.dryRun(o.dryRun))
  if (o.description) args.push('--description', o.description)
  if (o.labels && Object.keys(o.labels).length > 0)
    args.push(
      '--labels',
      Object.entries(o.labels)
        .map(([k, v]) => `${k}=${v}`)
        .join(',')
    )
  args.push('--output', 'json')
  return args
}

export function templateArgs(
  t: Target,
  chart: ChartSpec,
  values: ValuesSpec,
  o: { kubeVersion?: string; apiVersions?: readonly string[]; isUpgrade?: boolean } = {}
): string[] {
  // No cluster access: template renders offline; namespace only fills .Release.Namespace.
  const args = ['template', t.release, ...chartArgs(chart)]
  if (t.namespace) args.push('--namespace', t.namespace)
  args.push(...valuesArgs(values))
  if (o.kubeVersion) args.push('--kube-version', o.kubeVersion)
  for (const a of o.apiVersions ?? []) args.push('--api-versions', a)
  if (o.isUpgrade) args.push('--is-upgrade')
  return args
}

export function lintArgs(
  chart: ChartSpec,
  values: ValuesSpec,
  o: { kubeVersion?: string; namespace?: string } = {}
): string[] {
  const args = ['lint', chart.ref, ...valuesArgs(values)]
  if (o.namespace) args.push('--namespace', o.namespace)
  if (o.kubeVersion) args.push('--kube-version', o.kubeVersion)
  return args
}

/**
 * The current release record, printed by `helm get all --template` as parseReleaseRecord reads
 * it: `helm status` of Helm 4 also reads every object of the release from the cluster, which the
 * action does not need and which doubles its time. Text fields are given with their length in
 * bytes first, so a description or manifest of several lines is read exactly.
 */
export function releaseRecordArgs(t: Target): string[] {
  return ['get', 'all', t.release, ...globalArgs(t), '--template', RELEASE_RECORD_TEMPLATE]
}

export const RELEASE_RECORD_TEMPLATE = [
  'name={{.Release.Name}}',
  'namespace={{.Release.Namespace}}',
  'revision={{.Release.Version}}',
  'status={{.Release.Info.Status}}',
  'chart={{with .Release.Chart}}{{with .Metadata}}{{.Name}}-{{.Version}}{{end}}{{end}}',
  'description={{len .Release.Info.Description}}',
  '{{.Release.Info.Description}}',
  'manifest={{len .Release.Manifest}}',
  '{{.Release.Manifest}}'
].join('\n')

export function historyArgs(t: Target, max = 256): string[] {
  return ['history', t.release, ...globalArgs(t), '--max', String(max), '--output', 'json']
}

export function getValuesArgs(t: Target, o: { revision?: number; all?: boolean } = {}): string[] {
  const args = ['get', 'values', t.release, ...globalArgs(t), '--output', 'json']
  if (o.all) args.push('--all')
  if (o.revision !== undefined) args.push('--revision', String(o.revision))
  return args
}

export function getManifestArgs(t: Target, revision?: number): string[] {
  const args = ['get', 'manifest', t.release, ...globalArgs(t)]
  if (revision !== undefined) args.push('--revision', String(revision))
  return args
}

export function rollbackArgs(
  d: Dialect,
  t: Target,
  revision: number,
  o: { timeoutSeconds: number; historyMax: number; wait?: boolean; forceReplace?: boolean }
): string[] {
  const args = ['rollback', t.release, String(revision), ...globalArgs(t)]
  args.push('--timeout', seconds(o.timeoutSeconds), '--history-max', String(o.historyMax))
  if (o.wait) args.push(...d.wait)
  if (o.forceReplace) args.push(...d.forceReplace)
  return args
}

export function uninstallArgs(t: Target, o: { timeoutSeconds: number }): string[] {
  return ['uninstall', t.release, ...globalArgs(t), '--timeout', seconds(o.timeoutSeconds)]
}

// No --logs: Helm 3 looks for a pod named like each test hook and fails on Job hooks.
export function testArgs(t: Target, o: { timeoutSeconds: number }): string[] {
  return ['test', t.release, ...globalArgs(t), '--timeout', seconds(o.timeoutSeconds)]
}

export function repoAddArgs(
  alias: string,
  url: string,
  withCredentials: { username: string } | undefined
): string[] {
  const args = ['repo', 'add', alias, url, '--force-update']
  if (withCredentials) args.push('--username', withCredentials.username, '--password-stdin')
  return args
}

export function registryLoginArgs(host: string, username: string): string[] {
  return ['registry', 'login', host, '--username', username, '--password-stdin']
}

/** Fetches a repository or OCI chart's metadata: resolves chart-version and the credentials. */
export function showChartArgs(chart: ChartSpec): string[] {
  return ['show', 'chart', ...chartArgs(chart)]
}

/** Fetches a repository or OCI chart, unpacked into `dir`/<chart name>. */
export function pullArgs(chart: ChartSpec, dir: string): string[] {
  return ['pull', ...chartArgs(chart), '--untar', '--untardir', dir]
}

export function dependencyBuildArgs(chartPath: string): string[] {
  return ['dependency', 'build', chartPath, '--skip-refresh']
}

export function versionArgs(): string[] {
  return ['version', '--template', '{{.Version}}']
}

export function getHooksArgs(t: Target, revision?: number): string[] {
  const args = ['get', 'hooks', t.release, ...globalArgs(t)]
  if (revision !== undefined) args.push('--revision', String(revision))
  return args
}
