import { describe, expect, it } from '@jest/globals'
import { readConfig, repoAlias } from '../../src/inputs/inputs.js'
import type { ChartProbe } from '../../src/inputs/parse.js'

const files = new Set([
  'charts/app/Chart.yaml',
  'values.yaml',
  'values-prod.yaml',
  'app.tgz',
  'nochart/README.md'
])
const dirs = new Set(['charts/app', 'nochart', 'values.d'])
const fs: ChartProbe = { isDirectory: (p) => dirs.has(p), isFile: (p) => files.has(p) }

const base: Record<string, string> = { release: 'goatflow', chart: 'charts/app' }
const config = (inputs: Record<string, string>) =>
  readConfig((n) => ({ ...base, ...inputs })[n] ?? '', fs)

describe('valid inputs', () => {
  it('parses the defaults into a typed config', () => {
    const c = config({})
    expect(c).toMatchObject({
      mode: 'deploy',
      release: 'goatflow',
      chart: { kind: 'local', path: 'charts/app', packaged: false },
      timeoutSeconds: 300,
      historyMax: 10,
      rollbackOnFailure: true,
      failureGraceSeconds: 90,
      summary: true,
      prComment: false,
      helmDownloadUrl: 'https://get.helm.sh'
    })
  })

  it.each([
    ['300s', 300],
    ['5m', 300],
    ['1h30m', 5400],
    ['1.5h', 5400],
    ['2m30s', 150],
    ['1500ms', 2]
  ])('reads timeout %s as %i seconds', (timeout, seconds) => {
    expect(config({ timeout }).timeoutSeconds).toBe(seconds)
  })

  it.each([
    [
      { chart: 'oci://ghcr.io/goatflow/charts/goatflow', 'chart-version': '1.2.3' },
      { kind: 'oci', ref: 'oci://ghcr.io/goatflow/charts/goatflow' }
    ],
    [{ chart: 'bitnami/nginx' }, { kind: 'repo', ref: 'bitnami/nginx' }],
    [{ chart: 'app.tgz' }, { kind: 'local', path: 'app.tgz', packaged: true }],
    [
      { chart: 'https://example.com/charts/app-1.0.0.tgz' },
      { kind: 'url', url: 'https://example.com/charts/app-1.0.0.tgz' }
    ]
  ])('recognises chart reference %j', (inputs, chart) => {
    expect(config(inputs).chart).toEqual(chart)
  })

  it('prefixes a repository chart with a stable alias of repo-url', () => {
    const c = config({ chart: 'goatflow', 'repo-url': 'https://charts.example.com/stable' })
    expect(c.repo).toEqual({
      url: 'https://charts.example.com/stable',
      alias: 'goatflow-charts-example-com-stable'
    })
    expect(c.chart).toEqual({ kind: 'repo', ref: 'goatflow-charts-example-com-stable/goatflow' })
    expect(repoAlias('https://charts.example.com/stable/')).toBe(
      'goatflow-charts-example-com-stable'
    )
  })

  it('keeps values files in order, splitting on lines and commas, and set items whole', () => {
    const c = config({
      'values-files': 'values.yaml\nvalues-prod.yaml',
      set: 'backend.replicaCount=3,backend.autoscaling.enabled=true\n# a comment\nlabels.team=a\\,b',
      'set-json': 'backend.env={"A":"1"}'
    })
    expect(c.valuesFiles).toEqual(['values.yaml', 'values-prod.yaml'])
    expect(c.set).toEqual([
      'backend.replicaCount=3,backend.autoscaling.enabled=true',
      'labels.team=a\\,b'
    ])
    expect(c.setJson).toEqual(['backend.env={"A":"1"}'])
    expect(config({ 'values-files': 'values.yaml, values-prod.yaml' }).valuesFiles).toEqual([
      'values.yaml',
      'values-prod.yaml'
    ])
  })

  it('accepts base64-encoded kubeconfig and decodes it', () => {
    const yaml = 'apiVersion: v1\nkind: Config\nclusters: []\nusers: []\n'
    expect(config({ kubeconfig: Buffer.from(yaml).toString('base64') }).kubeconfig).toBe(yaml)
  })

  it.each([['True'], ['TRUE'], ['true']])('accepts boolean spelling %s', (v) => {
    expect(config({ 'create-namespace': v }).createNamespace).toBe(true)
  })

  it('parses health checks with an optional expected status', () => {
    expect(
      config({
        'health-check-urls': 'https://a.example.com/health\nhttps://a.example.com/ready 204'
      }).healthChecks
    ).toEqual([
      { url: 'https://a.example.com/health', expectedStatus: 200 },
      { url: 'https://a.example.com/ready', expectedStatus: 204 }
    ])
  })

  it.each([['1.2.3'], ['v1.2.3'], ['~1.4'], ['^2'], ['>=1.2.0 <2.0.0'], ['1.x'], ['1.2.3-rc.1']])(
    'accepts chart-version %s for a repository chart',
    (v) => {
      expect(config({ chart: 'bitnami/nginx', 'chart-version': v }).chartVersion).toBe(v)
    }
  )
})

// [input overrides, the input the message must name, a fragment of the message]
const bad: Array<[Record<string, string>, string, string]> = [
  [{ release: 'Bad_Name' }, 'release', 'lowercase'],
  [{ release: '' }, 'release', 'required'],
  [{ release: 'a'.repeat(54) }, 'release', 'at most 53'],
  [{ release: '-leading' }, 'release', 'DNS-1123'],
  [{ release: 'trailing-' }, 'release', 'DNS-1123'],
  [{ release: 'has space' }, 'release', 'DNS-1123'],
  [{ release: 'UPPER' }, 'release', 'lowercase'],
  [{ release: 'a..b' }, 'release', 'DNS-1123'],
  [{ namespace: 'Prod' }, 'namespace', 'DNS-1123 label'],
  [{ namespace: 'my.ns' }, 'namespace', 'DNS-1123 label'],
  [{ namespace: 'n'.repeat(64) }, 'namespace', 'at most 63'],
  [{ namespace: 'ns_1' }, 'namespace', 'DNS-1123 label'],
  [{ mode: 'apply' }, 'mode', 'deploy, plan, validate'],
  [{ mode: 'Deploy' }, 'mode', 'deploy, plan, validate'],
  [{ timeout: '300' }, 'timeout', 'did you mean 300s'],
  [{ timeout: '5 minutes' }, 'timeout', 'such as 300s'],
  [{ timeout: '-5m' }, 'timeout', 'such as 300s'],
  [{ timeout: '5d' }, 'timeout', 'such as 300s'],
  [{ timeout: '10ms' }, 'timeout', 'shorter than one second'],
  [{ timeout: 'm5' }, 'timeout', 'such as 300s'],
  [{ 'failure-grace-period': 'soon' }, 'failure-grace-period', 'such as 300s'],
  [{ 'health-check-timeout': '1x' }, 'health-check-timeout', 'such as 300s'],
  [{ 'history-max': '-1' }, 'history-max', 'whole number'],
  [{ 'history-max': 'ten' }, 'history-max', 'whole number'],
  [{ 'history-max': '2.5' }, 'history-max', 'whole number'],
  [{ 'create-namespace': 'yes' }, 'create-namespace', 'true or false'],
  [{ 'rollback-on-failure': '1' }, 'rollback-on-failure', 'true or false'],
  [{ summary: 'on' }, 'summary', 'true or false'],
  [{ chart: '' }, 'chart', 'required'],
  [{ chart: './missing/chart' }, 'chart', 'does not exist'],
  [{ chart: 'nochart' }, 'chart', 'without Chart.yaml'],
  [{ chart: 'missing.tgz' }, 'chart', 'does not exist'],
  [{ chart: 'oci://' }, 'chart', 'not a valid OCI reference'],
  [{ chart: 'oci://ghcr.io/org/app:1.0.0' }, 'chart', 'not a valid OCI reference'],
  [{ chart: 'https://example.com/charts/' }, 'chart', 'not of a packaged chart'],
  [{ chart: 'justaname' }, 'chart', 'set repo-url too'],
  [{ chart: 'Bad Name', 'repo-url': 'https://charts.example.com' }, 'chart', "chart's name"],
  [{ 'repo-url': 'ftp://charts.example.com', chart: 'app' }, 'repo-url', 'expected https or http'],
  [{ 'repo-url': 'not a url', chart: 'app' }, 'repo-url', 'not a URL'],
  [
    { 'repo-url': 'oci://ghcr.io/org', chart: 'app' },
    'repo-url',
    'put the full reference in chart'
  ],
  [{ 'chart-version': '1.2.3' }, 'chart-version', 'local chart'],
  [{ chart: 'bitnami/nginx', 'chart-version': 'latest' }, 'chart-version', 'such as 1.4.2'],
  [{ chart: 'bitnami/nginx', 'chart-version': '1.2.3.4' }, 'chart-version', 'such as 1.4.2'],
  [{ chart: 'bitnami/nginx', 'repo-username': 'bot' }, 'repo-username', 'both or neither'],
  [{ chart: 'bitnami/nginx', 'repo-password': 'pw' }, 'repo-password', 'both or neither'],
  [
    { 'repo-username': 'bot', 'repo-password': 'pw' },
    'repo-username',
    'local chart needs no credentials'
  ],
  [{ 'values-files': 'missing.yaml' }, 'values-files', 'does not exist'],
  [{ 'values-files': 'values.yaml,values.d' }, 'values-files', 'is a directory'],
  [{ values: '- a\n- b' }, 'values', 'YAML mapping'],
  [{ values: 'just a string' }, 'values', 'YAML mapping'],
  [{ values: 'a: 1\na: 2' }, 'values', 'not valid YAML'],
  [{ values: 'a: "unclosed' }, 'values', 'not valid YAML'],
  [{ values: 'a:\n\tb: 1' }, 'values', 'not valid YAML'],
  [{ set: 'backend.replicaCount' }, 'set', 'has no "="'],
  [{ set: '=3' }, 'set', 'empty key'],
  [{ 'set-string': 'a b=c' }, 'set-string', 'white space'],
  [{ 'set-json': 'backend.env={A:1}' }, 'set-json', 'not valid JSON'],
  [{ 'set-json': 'noequals' }, 'set-json', 'has no "="'],
  [{ 'health-check-urls': 'app.example.com/health' }, 'health-check-urls', 'not a URL'],
  [
    { 'health-check-urls': 'ftp://app.example.com/health' },
    'health-check-urls',
    'expected http or https'
  ],
  [
    { 'health-check-urls': 'https://app.example.com/health 2000' },
    'health-check-urls',
    'not an HTTP status'
  ],
  [
    { 'health-check-urls': 'https://a.example.com 200 extra' },
    'health-check-urls',
    'too many fields'
  ],
  [{ 'environment-url': 'staging.example.com' }, 'environment-url', 'not a URL'],
  [{ 'helm-version': 'latest' }, 'helm-version', 'exact Helm version'],
  [{ 'helm-version': '^3.14' }, 'helm-version', 'exact Helm version'],
  [{ 'helm-version': '2.17.0' }, 'helm-version', 'Helm 3 and Helm 4'],
  [{ 'helm-download-url': 'get.helm.sh' }, 'helm-download-url', 'not a URL'],
  [{ 'kube-version': '33' }, 'kube-version', 'such as 1.33'],
  [{ 'kube-context': 'my context' }, 'kube-context', 'white space'],
  [{ kubeconfig: 'not: a kubeconfig' }, 'kubeconfig', 'no "clusters" list'],
  [{ kubeconfig: '{{{' }, 'kubeconfig', 'neither kubeconfig YAML'],
  [{ environment: 'a\nb' }, 'environment', 'single line'],
  [{ 'deployment-status': 'true' }, 'deployment-status', 'needs "environment"'],
  [{ 'pr-comment': 'true', 'github-token': '' }, 'github-token', 'needs a token']
]

describe('bad inputs are refused before anything runs', () => {
  it(`covers at least 40 cases (has ${bad.length})`, () => {
    expect(bad.length).toBeGreaterThanOrEqual(40)
  })

  it.each(bad)('%j is refused naming %s', (inputs, name, fragment) => {
    let message = ''
    try {
      config(inputs)
    } catch (e) {
      message = (e as Error).message
    }
    expect(message).toContain(`"${name}"`)
    expect(message).toContain(fragment)
    expect(message).toMatch(/nothing was deployed/)
  })

  it('reports every bad input at once', () => {
    expect(() => config({ release: 'Bad_Name', timeout: '5', mode: 'x' })).toThrow(
      /3 invalid inputs/
    )
  })

  it('never echoes the value of a secret-bearing input', () => {
    const secret = 'super-secret-kube-token'
    let message = ''
    try {
      config({ kubeconfig: `token: ${secret}`, values: `password: ${secret}\n- x` })
    } catch (e) {
      message = (e as Error).message
    }
    expect(message).toContain('"kubeconfig"')
    expect(message).not.toContain(secret)
  })
})
