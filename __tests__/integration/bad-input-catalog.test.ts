import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from '@jest/globals'
import { runAction, toolPath } from '../helpers/action.js'

// Every item of the bad input catalog, through the bundled action with the real Helm: one clear
// error, exit 1, no stack trace, and never a call towards a cluster (the kubeconfig points at a
// closed port; reaching for it would show up as a connection error).
const kubeconfig = `apiVersion: v1
kind: Config
clusters: [{name: c, cluster: {server: "https://127.0.0.1:9"}}]
users: [{name: u, user: {token: t}}]
contexts: [{name: x, context: {cluster: c, user: u}}]
current-context: x
`
const chart = 'examples/charts/goatflow'
const fx = '__fixtures__'

const catalog: Array<[string, Record<string, string>, RegExp]> = [
  [
    'a missing chart',
    { chart: './charts/missing' },
    /Input "chart" "\.\/charts\/missing": does not exist/
  ],
  [
    'a chart without Chart.yaml',
    { chart: `${fx}/charts/no-chart-yaml` },
    /is a directory without Chart\.yaml/
  ],
  ['a values file with tabs', { 'values-files': `${fx}/values/tabs.yaml` }, /tabs\.yaml:\d+.*tab/i],
  [
    'a values file with duplicate keys',
    { 'values-files': `${fx}/values/duplicate-keys.yaml` },
    /duplicate-keys\.yaml:\d+.*(duplicate|unique|already)/i
  ],
  [
    'a values file with an unclosed quote',
    { 'values-files': `${fx}/values/unclosed-quote.yaml` },
    /unclosed-quote\.yaml:\d+/
  ],
  [
    'a values file that is a list',
    { 'values-files': `${fx}/values/top-list.yaml` },
    /top-list\.yaml.*(list|array|sequence)/i
  ],
  [
    'an unknown values file',
    { 'values-files': 'values/nope.yaml' },
    /Input "values-files": "values\/nope\.yaml" does not exist/
  ],
  [
    '--set without "="',
    { set: 'backend.replicaCount' },
    /Input "set": "backend\.replicaCount" has no "="/
  ],
  [
    'a schema that is not valid JSON',
    { chart: `${fx}/charts/values-schema-invalid-json` },
    /values\.schema\.json is not valid JSON/
  ],
  [
    'a circular $ref in the schema',
    { chart: `${fx}/charts/values-schema-circular-ref` },
    /circular|\$ref/i
  ],
  [
    'a wrong type in a values file',
    { 'values-files': `${fx}/values/backend-replicas-two.yaml` },
    /backend\.replicaCount: must be integer/
  ]
]

describe.each([3, 4] as const)('bad input catalog with Helm %i', (major) => {
  const path = toolPath(major)
  const dir = mkdtempSync(join(tmpdir(), 'catalog-'))
  writeFileSync(join(dir, 'kubeconfig'), kubeconfig)

  it.each(catalog)('%s fails with one clear error', async (_name, inputs, message) => {
    const r = await runAction(
      { mode: 'deploy', release: 'goatflow', chart, kubeconfig, ...inputs },
      { path }
    )
    expect(r.exitCode).toBe(1)
    expect(r.stdout).toMatch(message)
    expect(r.stdout + r.stderr).not.toMatch(/\n\s+at .+\(.+:\d+:\d+\)/)
    expect(r.stdout + r.stderr).not.toMatch(
      /127\.0\.0\.1:9|connection refused|\$ helm upgrade|\$ kubectl/
    )
    expect(r.outputs.status).toBe('failed')
  })

  it('annotates replicaCount: "two" on line 7 of the values file with the expected type', async () => {
    const r = await runAction(
      {
        mode: 'deploy',
        release: 'goatflow',
        chart,
        kubeconfig,
        'values-files': `${fx}/values/backend-replicas-two.yaml`
      },
      { path }
    )
    expect(r.exitCode).toBe(1)
    const annotation = r.stdout
      .split('\n')
      .find((l) => l.startsWith('::error file=__fixtures__/values/backend-replicas-two.yaml'))
    expect(annotation).toBeDefined()
    expect(annotation).toMatch(/line=7[,:]/)
    expect(annotation).toMatch(/replicaCount/)
    expect(annotation).toMatch(/integer/)
    // helm lint and helm template start beside the values check (both offline); when the values
    // fail, their results are not reported and nothing is deployed.
    expect(r.stdout).not.toMatch(/helm lint:|\$ helm upgrade/)
    expect(r.stdout).toContain('nothing was deployed')
  })
})
