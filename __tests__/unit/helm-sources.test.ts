import { describe, expect, it } from '@jest/globals'
import { showChartArgs } from '../../src/helm/args.js'
import { sourceFailure, type SourceContext, type SourceStep } from '../../src/helm/sources.js'

const repo: SourceContext = {
  chart: 'goatflow-charts-example-com/hello',
  repoUrl: 'https://charts.example.com',
  chartVersion: '9.9.9',
  withCredentials: true
}
const oci: SourceContext = {
  chart: 'oci://registry.example.com/charts/hello',
  chartVersion: '~1.4',
  withCredentials: true
}

// helm's own messages (Helm 3.22 and 4.3) as they come back from each failing step.
describe('what the user is told when a chart source refuses', () => {
  it.each<[string, SourceStep, string, SourceContext, RegExp]>([
    [
      'a repository that refuses the credentials',
      'repo add',
      'Error: looks like "https://charts.example.com" is not a valid chart repository or cannot be reached: failed to fetch https://charts.example.com/index.yaml : 401 Unauthorized',
      repo,
      /^Input "repo-url" "https:\/\/charts\.example\.com": .*refused the credentials: check "repo-username" and "repo-password"/
    ],
    [
      'a repository that wants credentials none were given for',
      'repo add',
      'failed to fetch https://charts.example.com/index.yaml : 401 Unauthorized',
      { ...repo, withCredentials: false },
      /asks for credentials: set "repo-username" and "repo-password"/
    ],
    [
      'a registry login with a wrong password',
      'registry login',
      'Error: login attempt to https://registry.example.com/v2/ failed with status: 401 Unauthorized',
      oci,
      /^Input "chart" "oci:\/\/registry\.example\.com\/charts\/hello": logging in .*check "repo-username" and "repo-password"/
    ],
    [
      'a version the repository does not have',
      'resolve',
      'Error: chart "hello" matching 9.9.9 not found in goatflow-charts-example-com index. (try \'helm repo update\'): no chart version found for hello-9.9.9',
      repo,
      /^Input "chart-version" "9\.9\.9": no version of .*hello matches it/
    ],
    [
      'a range no OCI tag satisfies',
      'resolve',
      'Error: could not locate a version matching ~1.4 for chart hello: no matching version',
      oci,
      /^Input "chart-version" "~1\.4"/
    ],
    [
      'a CA helm does not trust',
      'resolve',
      'Error: Get "https://registry.example.com/v2/": tls: failed to verify certificate: x509: certificate signed by unknown authority',
      oci,
      /^Input "chart" .*TLS certificate is not trusted/
    ],
    [
      'a dependency that cannot be fetched',
      'dependency build',
      "Error: no repository definition for https://charts.example.com. Please add the missing repos via 'helm repo add'",
      { chart: 'charts/app', withCredentials: false },
      /^Input "chart" "charts\/app": helm dependency build .*set repo-url/
    ]
  ])('%s', (_name, step, helmMessage, context, expected) => {
    const message = sourceFailure(step, helmMessage, context)
    expect(message).toMatch(expected)
    expect(message).toContain('Nothing was deployed.')
    expect(message).toContain(`helm says: ${helmMessage}`)
  })
})

describe('resolving a remote chart', () => {
  it.each<[string, string | undefined, string[]]>([
    [
      'oci://registry.example.com/charts/hello',
      '=>1.2.0',
      ['show', 'chart', 'oci://registry.example.com/charts/hello', '--version', '=>1.2.0']
    ],
    ['repo/hello', undefined, ['show', 'chart', 'repo/hello']]
  ])('helm show chart %s (version %s)', (ref, version, args) => {
    expect(showChartArgs({ ref, version })).toEqual(args)
  })
})
