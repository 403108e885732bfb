import { describe, expect, it } from '@jest/globals'
import { readConfig } from '../../src/inputs/inputs.js'
import type { ChartProbe } from '../../src/inputs/parse.js'

const files = new Set(['charts/app/Chart.yaml', 'app/Chart.yaml'])
const dirs = new Set(['charts/app', 'app'])
const fs: ChartProbe = { isDirectory: (p) => dirs.has(p), isFile: (p) => files.has(p) }
const read = (inputs: Record<string, string>) => {
  const all: Record<string, string> = { release: 'web', ...inputs }
  try {
    return { config: readConfig((n) => all[n] ?? '', fs), error: '' }
  } catch (e) {
    return { config: undefined, error: (e as Error).message }
  }
}
const REPO = 'https://charts.example.com/stable'

describe('where a chart comes from', () => {
  it.each<[string, Record<string, string>, unknown]>([
    [
      'a local chart with the repository its dependencies come from',
      { chart: 'charts/app', 'repo-url': REPO, 'repo-username': 'bot', 'repo-password': 'pw' },
      { chart: { kind: 'local', path: 'charts/app' }, credentials: { username: 'bot' } }
    ],
    [
      'a bare name with repo-url stays the repository chart, even where a folder of that name exists',
      { chart: 'app', 'repo-url': REPO },
      { chart: { kind: 'repo', ref: expect.stringMatching(/\/app$/) } }
    ],
    [
      'a repository chart with a Helm-only range operator',
      { chart: 'app', 'repo-url': REPO, 'chart-version': '=>1.2.0 =<2.0.0' },
      { chartVersion: '=>1.2.0 =<2.0.0' }
    ],
    [
      'an OCI chart with a hyphen range and an OR',
      { chart: 'oci://registry.example.com/charts/app', 'chart-version': '1.0 - 1.4 || 2.x' },
      { chart: { kind: 'oci' }, chartVersion: '1.0 - 1.4 || 2.x' }
    ]
  ])('%s', (_name, inputs, expected) => {
    const r = read(inputs)
    expect(r.error).toBe('')
    expect(r.config).toMatchObject(expected as object)
  })

  it.each<[string, Record<string, string>, RegExp]>([
    [
      'credentials for a local chart without a repository',
      { chart: 'charts/app', 'repo-username': 'bot', 'repo-password': 'pw' },
      /"repo-username"\/"repo-password".*set repo-url/
    ],
    [
      'a missing path with repo-url',
      { chart: 'charts/missing', 'repo-url': REPO },
      /Input "chart" "charts\/missing".*local chart whose dependencies/
    ],
    [
      'a version range Helm cannot read',
      { chart: 'app', 'repo-url': REPO, 'chart-version': '>=1.0,,<2' },
      /Input "chart-version" ">=1.0,,<2".*such as 1\.4\.2/
    ]
  ])('refuses %s, naming the input, the value and the fix', (_name, inputs, message) => {
    expect(read(inputs).error).toMatch(message)
  })
})
