import { existsSync, mkdirSync, readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { parse } from 'yaml'
import { RELEASE_MODES, type Config, type Mode } from '../inputs/config.js'
import type { CommandRunner } from '../exec/runner.js'
import type { ChartSpec, Target, ValuesSpec } from '../helm/args.js'
import * as helmArgs from '../helm/args.js'
import { Helm, HelmError, runHelm } from '../helm/helm.js'
import { startHelmChecksEarly } from '../render/render.js'
import { sourceFailure, type SourceContext, type SourceStep } from '../helm/sources.js'
import { UserError } from '../errors/result.js'
import { isCompatibleRange, isValidConstraint } from '../values/semver.js'
import { looksSecret } from '../exec/redact.js'
import { analysisSecrets } from '../analysis/config.js'
import { kubeconfigSecrets } from '../kube/kubeconfig.js'
import { TempFiles } from './temp-files.js'
import type { VersionCache } from '../helm/version-cache.js'

/**
 * What every phase works with, prepared once per run and never changed afterwards. A phase that
 * learns more (the namespace the kubeconfig context selects) makes a new session with it.
 */
export interface Session {
  readonly config: Config
  readonly helm: Helm
  readonly target: Readonly<Target>
  /** The chart to read: a repository or OCI chart is pulled once, and this is the pulled copy. */
  readonly chart: Readonly<ChartSpec>
  readonly values: Readonly<ValuesSpec>
  readonly temp: TempFiles
  /** The private file holding the `values` input, if given (last of values.files). */
  readonly inlineValuesFile?: string
  readonly log: (line: string) => void
}

/** The same session bound to the namespace the release lives in. */
export const inNamespace = (s: Session, namespace: string): Session => ({
  ...s,
  target: { ...s.target, namespace }
})

export interface SessionDeps {
  runner: CommandRunner
  log: (line: string) => void
  mask: (secret: string) => void
  /** Finds or installs the helm binary; replaced in unit tests. */
  helmBinary?: (config: Config) => Promise<string>
  /** What helm answered `helm version` in earlier runs (the real runner's only). */
  versionCache?: VersionCache
  /**
   * Called once the session first waits for helm (a source step, the version, or the checks just
   * started): work that can run beside helm starts here, not before the first helm call.
   */
  waiting?: () => void
}

export function masksFor(config: Config): string[] {
  const secrets: string[] = []
  if (config.credentials) secrets.push(config.credentials.password)
  if (config.githubToken) secrets.push(config.githubToken)
  if (config.kubeconfig) secrets.push(...kubeconfigSecrets(config.kubeconfig))
  secrets.push(...analysisSecrets(config.analysis))
  for (const item of [...config.set, ...config.setString, ...config.setJson]) {
    const eq = item.indexOf('=')
    const value = item.slice(eq + 1)
    if (looksSecret(item.slice(0, eq)) && value.length >= 4) secrets.push(value)
  }
  return secrets
}

export function chartSpec(config: Config): ChartSpec {
  const c = config.chart
  const ref = c.kind === 'local' ? c.path : c.kind === 'url' ? c.url : c.ref
  return { ref, version: config.chartVersion }
}

export async function openSession(config: Config, deps: SessionDeps): Promise<Session> {
  for (const secret of masksFor(config)) deps.mask(secret)
  const temp = new TempFiles()
  const target: Target = {
    release: config.release,
    namespace: config.namespace,
    kubeContext: config.kubeContext
  }
  if (config.kubeconfig) target.kubeconfig = temp.write('kubeconfig', config.kubeconfig)
  const files = [...config.valuesFiles]
  const inlineValuesFile = config.inlineValues
    ? temp.write('values.yaml', config.inlineValues)
    : undefined
  if (inlineValuesFile) files.push(inlineValuesFile)

  const binary = deps.helmBinary
    ? await deps.helmBinary(config)
    : config.helmVersion
      ? // Loaded only when asked for: the download client is a large part of the bundle.
        await (
          await import('../helm/install.js')
        ).installHelm(config.helmVersion, config.helmDownloadUrl, deps.log)
      : 'helm'
  // Helm is asked its version while the chart is prepared and checked: nothing before the
  // upgrade depends on the version but the values engine, which waits for it.
  const detecting = Helm.detect(deps.runner, binary, deps.versionCache)
  detecting.catch(() => undefined)
  const run: RunHelm = (args, input) => runHelm(deps.runner, binary, args, { input })
  const values = { files, set: config.set, setString: config.setString, setJson: config.setJson }
  let chart: ChartSpec
  try {
    // rollback and remove work on the installed release's own records: no chart to resolve.
    chart = RELEASE_MODES.includes(config.mode)
      ? chartSpec(config)
      : await prepareChart(config, run, temp, deps.waiting)
  } catch (e) {
    await detecting // a helm that is not Helm 3 or 4 is the problem to report
    throw e
  }
  if (CHECKED_MODES.includes(config.mode) && config.strategy !== 'blue-green')
    startHelmChecksEarly(deps.runner, binary, { config, target, chart, values })
  deps.waiting?.()
  const helm = await detecting
  deps.log(`Helm ${helm.version} (Helm ${helm.major} dialect)`)
  return { config, helm, target, chart, values, temp, inlineValuesFile, log: deps.log }
}

/** Modes whose first steps are helm lint and helm template of the chart as given. */
const CHECKED_MODES: readonly Mode[] = ['validate', 'plan', 'deploy']

type RunHelm = (args: readonly string[], input?: string) => Promise<unknown>

/**
 * Makes the chart resolvable: repository added, registry logged in, a remote chart's version
 * resolved, local dependencies built. A source that refuses fails here, before any cluster call,
 * with the input to fix (helm/sources.ts). Returns the chart to read from then on.
 */
async function prepareChart(
  config: Config,
  run: RunHelm,
  temp: TempFiles,
  waiting?: () => void
): Promise<ChartSpec> {
  const chart = chartSpec(config)
  const creds = config.credentials
  const context: SourceContext = {
    chart: config.chart.kind === 'local' ? config.chart.path : chart.ref,
    repoUrl: config.repo?.url,
    chartVersion: config.chartVersion,
    withCredentials: creds !== undefined
  }
  const step = async (name: SourceStep, args: string[], input?: string): Promise<void> => {
    try {
      const running = run(args, input)
      waiting?.()
      await running
    } catch (e) {
      if (!(e instanceof HelmError)) throw e
      throw new UserError(
        sourceFailure(name, e.result.stderr || e.result.stdout || e.message, context)
      )
    }
  }
  if (config.repo) {
    await step(
      'repo add',
      helmArgs.repoAddArgs(config.repo.alias, config.repo.url, creds),
      creds?.password
    )
  } else if (config.chart.kind === 'oci' && creds) {
    const host = config.chart.ref.slice('oci://'.length).split('/')[0]
    await step('registry login', helmArgs.registryLoginArgs(host, creds.username), creds.password)
  }
  if (config.chart.kind === 'repo' || config.chart.kind === 'oci') {
    // Fetched once: lint, render and deploy then read the very chart chart-version resolved to
    // (helm lint takes no repository or OCI reference), and a source that changes meanwhile
    // cannot make them disagree.
    const dir = join(temp.dir, 'chart')
    mkdirSync(dir)
    await step('resolve', helmArgs.pullArgs(chart, dir))
    const [name] = readdirSync(dir)
    return { ref: join(dir, name) }
  }
  if (
    config.chart.kind === 'local' &&
    !config.chart.packaged &&
    needsDependencyBuild(config.chart.path)
  ) {
    await step('dependency build', helmArgs.dependencyBuildArgs(config.chart.path))
  }
  return chart
}

/**
 * A local chart declares dependencies that are not vendored in its charts/ folder yet. A packaged
 * subchart satisfies a dependency whose version is a range (`0.4.x`, `~1.2`) when its version is
 * in that range, as Helm's own check does (pkg/action/dependency.go).
 */
export function needsDependencyBuild(chartPath: string): boolean {
  const chart = parse(readFileSync(join(chartPath, 'Chart.yaml'), 'utf8')) as {
    dependencies?: Array<{ name: string; version?: string; repository?: string }>
  } | null
  const deps = chart?.dependencies ?? []
  if (deps.length === 0) return false
  const dir = join(chartPath, 'charts')
  const vendored = existsSync(dir) ? readdirSync(dir) : []
  return deps.some((d) => {
    if (vendored.includes(d.name)) return false
    const versions = vendored
      .filter((f) => f.startsWith(`${d.name}-`) && f.endsWith('.tgz'))
      .map((f) => f.slice(d.name.length + 1, -'.tgz'.length))
    const wanted = d.version ?? ''
    return !versions.some(
      (v) => v === wanted || (isValidConstraint(wanted) && isCompatibleRange(wanted, v))
    )
  })
}
