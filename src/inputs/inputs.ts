import { statSync } from 'node:fs'
import * as core from '@actions/core'
import { UserError, type Result } from '../errors/result.js'
import {
  RELEASE_MODES,
  type ChartInput,
  type Config,
  type Credentials,
  type HealthCheck,
  type RepoConfig
} from './config.js'
import * as parse from './parse.js'
import { parseAnalysis } from '../analysis/parse.js'

/** Reads one raw input by its action.yml name ('' when unset). */
export type InputReader = (name: string) => string

/** The runner's inputs (INPUT_* variables). */
export const actionInputs: InputReader = (name) => core.getInput(name)

const realFs: parse.ChartProbe = {
  isDirectory: (path) => statSync(path, { throwIfNoEntry: false })?.isDirectory() ?? false,
  isFile: (path) => statSync(path, { throwIfNoEntry: false })?.isFile() ?? false
}

/**
 * Parses every input once into a typed Config. All problems are collected and reported together,
 * each naming the input, the value and what would be accepted.
 */
export function readConfig(read: InputReader, fs: parse.ChartProbe = realFs): Config {
  const problems: string[] = []
  const raw = (name: string): string => read(name) ?? ''

  function take<T>(name: string, result: Result<T>, fallback: T, showValue = true): T {
    if (result.ok) return result.value
    const value = raw(name)
    const shown = showValue ? ` "${value.length > 80 ? `${value.slice(0, 77)}...` : value}"` : ''
    problems.push(`Input "${name}"${shown}: ${result.error}.`)
    return fallback
  }
  const bool = (name: string, dflt: boolean): boolean =>
    raw(name).trim() === '' ? dflt : take(name, parse.parseBoolean(raw(name)), dflt)
  const duration = (name: string, dflt: string): number =>
    take(name, parse.parseDuration(raw(name).trim() === '' ? dflt : raw(name)), 0)

  const mode = take('mode', parse.parseMode(raw('mode') || 'deploy'), 'deploy' as const)
  const release = take('release', parse.parseReleaseName(raw('release')), '')
  const namespace = take('namespace', parse.parseNamespace(raw('namespace')), undefined)

  const repoUrlRaw = raw('repo-url').trim()
  let repo: RepoConfig | undefined
  if (repoUrlRaw !== '') {
    if (repoUrlRaw.startsWith('oci://')) {
      problems.push(
        `Input "repo-url" "${repoUrlRaw}": OCI registries are not chart repositories; put the full reference in chart (chart: ${repoUrlRaw.replace(/\/$/, '')}/<name>) and leave repo-url empty.`
      )
    } else {
      const url = take('repo-url', parse.parseUrl(repoUrlRaw, ['https', 'http']), '')
      if (url) repo = { url, alias: repoAlias(url) }
    }
  }
  // rollback and remove act on the installed release: no chart is read, so one left in the
  // inputs of a shared step does no harm.
  const needsChart = !RELEASE_MODES.includes(mode)
  const chartResult: Result<ChartInput> = needsChart
    ? parse.parseChartRef(raw('chart'), repoUrlRaw !== '', fs)
    : { ok: true, value: { kind: 'local', path: '', packaged: false } }
  let chart: ChartInput = take('chart', chartResult, { kind: 'repo', ref: '' })
  if (chart.kind === 'repo' && repo && chartResult.ok)
    chart = { kind: 'repo', ref: `${repo.alias}/${chart.ref}` }

  const chartVersion = take(
    'chart-version',
    parse.parseChartVersion(raw('chart-version')),
    undefined
  )
  if (chartVersion && needsChart && chartResult.ok && chart.kind === 'local')
    problems.push(
      `Input "chart-version" "${chartVersion}": applies to repository and OCI charts only; the local chart "${raw('chart').trim()}" takes its version from its Chart.yaml. Leave chart-version empty.`
    )

  const username = raw('repo-username').trim()
  const password = raw('repo-password')
  let credentials: Credentials | undefined
  if (username !== '' || password !== '') {
    if (username === '' || password === '')
      problems.push(
        `Inputs "repo-username" and "repo-password": give both or neither (only ${username === '' ? 'repo-password' : 'repo-username'} is set).`
      )
    else if (needsChart && chartResult.ok && chart.kind === 'local' && !repo)
      problems.push(
        'Inputs "repo-username"/"repo-password": a local chart needs no credentials; leave them empty (or set repo-url to the repository its dependencies come from).'
      )
    else credentials = { username, password }
  }

  const valuesFiles = parse.parseList(raw('values-files'), { commas: true })
  for (const file of valuesFiles) {
    if (fs.isDirectory(file))
      problems.push(`Input "values-files": "${file}" is a directory; list values files (YAML).`)
    else if (!fs.isFile(file))
      problems.push(
        `Input "values-files": "${file}" does not exist (paths are relative to the workspace; did you check out the repository?).`
      )
  }
  const inlineValues = take('values', parse.parseInlineValues(raw('values')), undefined, false)

  const setLists = (['set', 'set-string', 'set-json'] as const).map((name) =>
    parse
      .parseList(raw(name), { commas: false })
      .map((item) => take(name, parse.parseSetItem(item, name), '', false))
  )

  const strategy = take('strategy', parse.parseStrategy(raw('strategy') || 'rolling'), 'rolling')
  const healthChecks: HealthCheck[] = []
  for (const listed of parse.parseList(raw('health-check-urls'), { commas: false })) {
    // A blue-green slot's own URL names the slot: https://{{slot}}.goatflow.example.com/health.
    const item = listed.replace(/\{\{\s*(slot|release|namespace)\s*\}\}/g, '{{$1}}')
    const placeholder = /\{\{(slot|release|namespace)\}\}/.test(item)
    const probe = item.replace(/\{\{(slot|release|namespace)\}\}/g, 'x')
    const hc = take('health-check-urls', parse.parseHealthCheck(probe), undefined, false)
    if (placeholder && strategy !== 'blue-green' && mode !== 'promote')
      problems.push(
        `Input "health-check-urls" "${item}": {{slot}}, {{release}} and {{namespace}} are filled in for strategy: blue-green only (strategy is ${strategy}); write the URL itself.`
      )
    else if (hc) healthChecks.push({ ...hc, url: item.split(/\s+/)[0] })
  }

  const promotion = take(
    'promotion',
    parse.parseChoice(raw('promotion') || 'auto', ['auto', 'manual'] as const),
    'auto'
  )
  const serviceName = take('service', parse.parseServiceName(raw('service')), undefined)
  const blueGreen = {
    service: serviceName,
    slotLabel: take('slot-label', parse.parseLabelKey(raw('slot-label') || 'slot'), 'slot'),
    slotValue: take('slot-value', parse.parseValuesKey(raw('slot-value') || 'slot'), 'slot'),
    promotion
  }
  const gate = parseAnalysis(raw('analysis'), {
    token: raw('analysis-token'),
    basicAuth: raw('analysis-basic-auth')
  })
  for (const problem of gate.problems)
    problems.push(
      /^analysis-/.test(problem) ? `Input ${problem}.` : `Input "analysis": ${problem}.`
    )
  if (mode === 'deploy' && strategy === 'rolling') {
    if (promotion === 'manual')
      problems.push(
        'Input "promotion": manual applies to strategy: blue-green (strategy is rolling); set strategy: blue-green or leave promotion at auto.'
      )
    if (serviceName)
      problems.push(
        `Input "service" "${serviceName}": the stable Service is switched by strategy: blue-green only (strategy is rolling); leave service empty.`
      )
  }
  if (raw('strategy').trim() === 'blue-green' && mode === 'rollback')
    problems.push(
      'Input "mode": rollback restores a revision of a rolling release; for strategy: blue-green use mode reject, which sends traffic back to the previous slot.'
    )

  const environmentUrlRaw = raw('environment-url').trim()
  const environmentUrl =
    environmentUrlRaw === ''
      ? undefined
      : take('environment-url', parse.parseUrl(environmentUrlRaw, ['https', 'http']), undefined)

  const helmDownloadUrl = take(
    'helm-download-url',
    parse.parseUrl(raw('helm-download-url').trim() || 'https://get.helm.sh', ['https', 'http']),
    ''
  )

  const config: Config = {
    mode,
    release,
    namespace,
    createNamespace: bool('create-namespace', false),
    chart,
    chartVersion,
    repo,
    credentials,
    valuesFiles,
    inlineValues,
    set: setLists[0],
    setString: setLists[1],
    setJson: setLists[2],
    timeoutSeconds: duration('timeout', '5m'),
    historyMax: take('history-max', parse.parseNonNegativeInt(raw('history-max') || '10'), 10),
    rollbackOnFailure: bool('rollback-on-failure', true),
    uninstallOnFailedInstall: bool('uninstall-on-failed-install', true),
    recoverPending: bool('recover-pending', false),
    lock: bool('lock', true),
    lockTimeoutSeconds: take('lock-timeout', parse.parseWait(raw('lock-timeout') || '10m'), 0),
    failureGraceSeconds: duration('failure-grace-period', '90s'),
    verdict: {
      failuresAllowedPerReplica: take(
        'failures-allowed-per-replica',
        parse.parseNonNegativeInt(raw('failures-allowed-per-replica') || '1'),
        1
      ),
      imagePullGraceSeconds: duration('image-pull-grace', '2m'),
      configErrorGraceSeconds: duration('config-error-grace', '1m'),
      readinessMarginSeconds: duration('failure-grace-period', '90s'),
      unschedulableGraceSeconds: duration('unschedulable-grace', '2m'),
      scaleUpGraceSeconds: duration('scale-up-grace', '10m'),
      waitForJobs: bool('wait-for-jobs', false)
    },
    healthChecks,
    healthCheckTimeoutSeconds: duration('health-check-timeout', '60s'),
    runTests: bool('run-tests', false),
    kubeVersion: take('kube-version', parse.parseKubeVersion(raw('kube-version')), undefined),
    strict: bool('strict', false),
    helmVersion: take('helm-version', parse.parseHelmVersion(raw('helm-version')), undefined),
    helmDownloadUrl: helmDownloadUrl.replace(/\/+$/, ''),
    kubeconfig: take('kubeconfig', parse.parseKubeconfig(raw('kubeconfig')), undefined, false),
    kubeContext: take('kube-context', parse.parseKubeContext(raw('kube-context')), undefined),
    githubToken: raw('github-token').trim() || undefined,
    environment: take('environment', parse.parseEnvironment(raw('environment')), undefined),
    environmentUrl,
    prComment: bool('pr-comment', false),
    deploymentStatus: bool('deployment-status', false),
    summary: bool('summary', true),
    revision: take('revision', parse.parseRevision(raw('revision')), undefined),
    force: bool('force', false),
    deleteNamespace: bool('delete-namespace', false),
    strategy,
    blueGreen,
    analysis: gate.value
  }

  if (config.revision !== undefined && mode !== 'rollback')
    problems.push(
      `Input "revision" "${raw('revision').trim()}": only mode rollback restores a revision (mode is ${mode}); leave revision empty.`
    )
  if (config.deleteNamespace && mode !== 'remove')
    problems.push(
      `Input "delete-namespace": true applies to mode remove only (mode is ${mode}); leave it false.`
    )
  if (config.force && !RELEASE_MODES.includes(mode))
    problems.push(
      `Input "force": true applies to modes rollback and remove only (mode is ${mode}); leave it false.`
    )

  if (config.deploymentStatus && !config.environment)
    problems.push(
      'Input "deployment-status": true needs "environment" (the GitHub environment to report to).'
    )
  if ((config.prComment || config.deploymentStatus) && !config.githubToken)
    problems.push(
      'Input "github-token": empty, but pr-comment or deployment-status needs a token with write access.'
    )
  if (problems.length > 0) {
    const head = problems.length === 1 ? 'Invalid input' : `${problems.length} invalid inputs`
    throw new UserError(`${head}, nothing was deployed:\n- ${problems.join('\n- ')}`)
  }
  return config
}

/** A stable repository alias derived from its URL, so reruns reuse the same `helm repo` entry. */
export function repoAlias(url: string): string {
  const u = new URL(url)
  const slug = `${u.hostname}${u.pathname}`
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '')
  return `goatflow-${slug}`.slice(0, 60).replace(/-$/, '')
}
