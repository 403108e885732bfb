// Charts pulled from real sources: the CNCF distribution registry (OCI, TLS, htpasswd basic auth)
// and a static chart repository over HTTPS with basic auth, both started by test/registry/up.sh
// from the e2e global setup. Helm trusts their CA through SSL_CERT_FILE, as a runner with a
// private CA would be set up.

import { cpSync, mkdirSync, mkdtempSync, readFileSync } from 'node:fs'
import { join, relative } from 'node:path'
import { describe, expect, it, jest } from '@jest/globals'
import { runAction, toolPath, type ActionRun } from '../helpers/action.js'
import { KUBECONFIG_TEXT, freshNamespace, helm, kubectlJson } from '../helpers/cluster.js'
import { ROOT } from '../helpers/tools.js'

jest.setTimeout(180_000)

interface Sources {
  caFile: string
  username: string
  passwordFile: string
  repoUrl: string
  ociBase: string
}
const sources = JSON.parse(
  readFileSync(join(ROOT, '.tools/chart-sources/sources.json'), 'utf8')
) as Sources
const password = readFileSync(sources.passwordFile, 'utf8').trim()
const WRONG_PASSWORD = 'wrong-password-f00d'

/** Everything a user or a log reader sees, without the mask commands the runner swallows. */
const visible = (r: ActionRun): string =>
  [r.stdout, r.stderr, r.summary, JSON.stringify(r.outputs)]
    .join('\n')
    .split('\n')
    .filter((l) => !l.startsWith('::add-mask::'))
    .join('\n')

interface ConfigMap {
  data: Record<string, string>
}
const configMapData = (ns: string, name: string): Record<string, string> =>
  kubectlJson<ConfigMap>(['get', 'configmap', name, '-n', ns]).data

describe.each([3, 4] as const)('charts from a registry and a repository with Helm %i', (major) => {
  const path = toolPath(major)
  const ns = freshNamespace(`e2e-src-h${major}`)
  const env = { SSL_CERT_FILE: sources.caFile }
  const credentials = { 'repo-username': sources.username, 'repo-password': password }
  const run = (release: string, inputs: Record<string, string>): Promise<ActionRun> =>
    runAction(
      {
        mode: 'deploy',
        release,
        namespace: ns,
        kubeconfig: KUBECONFIG_TEXT(),
        timeout: '2m',
        'failure-grace-period': '20s',
        ...inputs
      },
      { path, env }
    )
  const notDeployed = (release: string) => {
    expect(helm(major, ['status', release, '-n', ns]).status).not.toBe(0)
    expect(
      kubectlJson<{ items: unknown[] }>([
        'get',
        'configmaps',
        '-n',
        ns,
        '-l',
        `app.kubernetes.io/instance=${release}`
      ]).items
    ).toEqual([])
  }

  it.each<[string, string, Record<string, string>, string]>([
    [
      'an OCI chart, exact version',
      'oci-exact',
      { chart: `${sources.ociBase}/hello`, 'chart-version': '1.1.0' },
      '1.1.0'
    ],
    [
      'an OCI chart, a range with Helm-only operators',
      'oci-range',
      { chart: `${sources.ociBase}/hello`, 'chart-version': '=>1.1.0 =<1.9' },
      '1.1.3'
    ],
    [
      'a repository chart, exact version',
      'repo-exact',
      { chart: 'hello', 'repo-url': sources.repoUrl, 'chart-version': '1.0.0' },
      '1.0.0'
    ],
    [
      'a repository chart, a caret range (no prereleases)',
      'repo-range',
      { chart: 'hello', 'repo-url': sources.repoUrl, 'chart-version': '^1.0.0' },
      '1.1.3'
    ]
  ])('deploys %s', async (_name, release, inputs, version) => {
    const r = await run(release, { ...inputs, ...credentials })
    expect(r.stderr).toBe('')
    expect(r.exitCode).toBe(0)
    expect(r.outputs).toMatchObject({ status: 'deployed', revision: '1' })
    expect(configMapData(ns, `${release}-hello`).chartVersion).toBe(version)
    const releases = JSON.parse(helm(major, ['list', '-n', ns, '-o', 'json']).stdout) as Array<{
      name: string
      chart: string
    }>
    expect(releases.find((x) => x.name === release)?.chart).toBe(`hello-${version}`)
    expect(visible(r)).not.toContain(password)
  })

  it.each<[string, string, Record<string, string>, RegExp]>([
    [
      'the registry refuses the credentials',
      'oci-wrong',
      { chart: `${sources.ociBase}/hello`, 'chart-version': '1.1.0' },
      /Input "chart" "oci:\/\/127\.0\.0\.1:15443\/charts\/hello": logging in to the OCI registry failed \(the server refused the credentials: check "repo-username" and "repo-password"\)/
    ],
    [
      'the repository refuses the credentials',
      'repo-wrong',
      { chart: 'hello', 'repo-url': sources.repoUrl, 'chart-version': '1.1.0' },
      /Input "repo-url" "https:\/\/127\.0\.0\.1:15444": the chart repository could not be added \(the server refused the credentials: check "repo-username" and "repo-password"\)/
    ]
  ])('stops before the cluster when %s', async (_name, release, inputs, message) => {
    const r = await run(release, {
      ...inputs,
      'repo-username': sources.username,
      'repo-password': WRONG_PASSWORD
    })
    expect(r.exitCode).not.toBe(0)
    expect(r.stdout).toMatch(message)
    expect(r.stdout).toContain('Nothing was deployed.')
    notDeployed(release)
    expect(visible(r)).not.toContain(WRONG_PASSWORD)
    expect(visible(r)).not.toContain(password)
  })

  it.each<[string, string, Record<string, string>]>([
    ['the registry', 'oci-missing', { chart: `${sources.ociBase}/hello` }],
    ['the repository', 'repo-missing', { chart: 'hello', 'repo-url': sources.repoUrl }]
  ])('names chart-version when %s has no such version', async (_name, release, inputs) => {
    const r = await run(release, { ...inputs, ...credentials, 'chart-version': '9.9.9' })
    expect(r.exitCode).not.toBe(0)
    expect(r.stdout).toMatch(/Input "chart-version" "9\.9\.9": no version of .*hello matches it/)
    notDeployed(release)
    expect(visible(r)).not.toContain(password)
  })

  it('validates and deploys a local chart whose dependencies live in the repository', async () => {
    // A private copy: helm dependency build writes charts/ and Chart.lock next to Chart.yaml.
    const work = join(ROOT, '.tools/e2e-work')
    mkdirSync(work, { recursive: true })
    const chart = join(mkdtempSync(join(work, 'deps-')), 'app')
    cpSync(join(ROOT, 'test/charts/sources/app-with-repo-deps'), chart, { recursive: true })
    const r = await run('with-deps', {
      chart: relative(ROOT, chart),
      'repo-url': sources.repoUrl,
      ...credentials,
      set: 'hello.replicaCount=2'
    })
    expect(r.stderr).toBe('')
    expect(r.exitCode).toBe(0)
    expect(configMapData(ns, 'with-deps-hello')).toMatchObject({
      chartVersion: '1.1.3',
      message: 'from the parent'
    })
    expect(configMapData(ns, 'with-deps-greeter').chartVersion).toBe('2.0.0')
    expect(visible(r)).not.toContain(password)

    // The schema of a dependency fetched from the repository is checked before anything is sent.
    const bad = await run('with-deps-bad', {
      chart: relative(ROOT, chart),
      'repo-url': sources.repoUrl,
      ...credentials,
      set: 'hello.replicaCount=-1'
    })
    expect(bad.exitCode).not.toBe(0)
    expect(bad.stdout).toContain('hello.replicaCount')
    notDeployed('with-deps-bad')
  })
})
