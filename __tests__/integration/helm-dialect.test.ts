import { writeFileSync } from 'node:fs'
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from '@jest/globals'
import { createProcessRunner } from '../../src/exec/runner.js'
import * as helmArgs from '../../src/helm/args.js'
import { dialectFor } from '../../src/helm/dialect.js'
import { Helm } from '../../src/helm/helm.js'
import { EXAMPLE_CHART, HELM_MAJORS, helmBinary } from '../helpers/tools.js'

const runner = createProcessRunner(() => undefined)
const dir = mkdtempSync(join(tmpdir(), 'helm-dialect-'))
// A kubeconfig pointing at a closed port: every command parses its flags, then fails to connect.
const kubeconfig = join(dir, 'kubeconfig')
writeFileSync(
  kubeconfig,
  `apiVersion: v1
kind: Config
clusters: [{name: c, cluster: {server: "https://127.0.0.1:9"}}]
users: [{name: u, user: {token: t}}]
contexts: [{name: x, context: {cluster: c, user: u}}]
current-context: x
`,
  { mode: 0o600 }
)
const target: helmArgs.Target = {
  release: 'goatflow',
  namespace: 'goatflow-test',
  kubeconfig,
  kubeContext: 'x'
}
const values: helmArgs.ValuesSpec = {
  files: [join(EXAMPLE_CHART, 'values-postgresql.yaml')],
  set: ['backend.replicaCount=3'],
  setString: ['backend.image.tag=0.6.5'],
  setJson: ['backend.env={"LOG_LEVEL":"debug"}']
}
const chart: helmArgs.ChartSpec = { ref: EXAMPLE_CHART }
const FLAG_ERROR =
  /unknown flag|unknown shorthand|invalid argument|flag needs an argument|accepts \d+ arg|requires at least|Error: flag/i
const CLUSTER_ERROR = /127\.0\.0\.1:9|connection refused|cluster unreachable|dial tcp/i

describe.each(HELM_MAJORS)('real Helm %i', (major) => {
  const binary = helmBinary(major)
  const d = dialectFor(major)

  it('reports its version and major', async () => {
    const helm = await Helm.detect(runner, binary)
    expect(helm.major).toBe(major)
    expect(helm.version).toMatch(new RegExp(`^v${major}\\.\\d+\\.\\d+`))
  })

  const cases: Array<[string, string[]]> = [
    [
      'upgrade --install',
      helmArgs.upgradeArgs(d, target, chart, values, {
        timeoutSeconds: 120,
        historyMax: 5,
        createNamespace: true
      })
    ],
    [
      'upgrade with helm rollback and wait',
      helmArgs.upgradeArgs(d, target, chart, values, {
        timeoutSeconds: 120,
        historyMax: 5,
        createNamespace: false,
        helmRollback: true
      })
    ],
    [
      'upgrade --dry-run=server',
      helmArgs.upgradeArgs(d, target, chart, values, {
        timeoutSeconds: 120,
        historyMax: 5,
        createNamespace: false,
        dryRun: 'server'
      })
    ],
    [
      'rollback with wait and force',
      helmArgs.rollbackArgs(d, target, 1, {
        timeoutSeconds: 60,
        historyMax: 5,
        wait: true,
        forceReplace: true
      })
    ],
    ['get all (the release record)', helmArgs.releaseRecordArgs(target)],
    ['history', helmArgs.historyArgs(target)],
    ['get values', helmArgs.getValuesArgs(target, { revision: 1, all: true })],
    ['get manifest', helmArgs.getManifestArgs(target, 1)],
    ['uninstall', helmArgs.uninstallArgs(target, { timeoutSeconds: 60 })],
    ['test', helmArgs.testArgs(target, { timeoutSeconds: 60 })]
  ]

  it.each(cases)(
    'accepts the arguments of %s and only fails to reach the cluster',
    async (_name, args) => {
      const r = await runner.run(binary, args, { echo: false })
      const out = `${r.stdout}\n${r.stderr}`
      expect(out).not.toMatch(FLAG_ERROR)
      expect(r.exitCode).not.toBe(0)
      expect(out).toMatch(CLUSTER_ERROR)
    }
  )

  it('lints and renders the example chart offline with all value sources', async () => {
    const lint = await runner.run(
      binary,
      helmArgs.lintArgs(chart, values, { kubeVersion: '1.33.0' }),
      {
        echo: false
      }
    )
    expect(lint.stderr + lint.stdout).toMatch(/1 chart\(s\) linted, 0 chart\(s\) failed/)
    const tpl = await runner.run(
      binary,
      helmArgs.templateArgs(target, chart, values, { kubeVersion: '1.33.0' }),
      { echo: false }
    )
    expect(tpl.exitCode).toBe(0)
    expect(tpl.stdout).toContain('replicas: 3')
    expect(tpl.stdout).toContain('image: "postgres:16"')
    expect(tpl.stdout).toContain('LOG_LEVEL: "debug"')
  })

  it('rejects the flags of the other major, so this check can fail', async () => {
    const other = dialectFor(major === 3 ? 4 : 3)
    const r = await runner.run(
      binary,
      helmArgs.rollbackArgs(other, target, 1, {
        timeoutSeconds: 60,
        historyMax: 5,
        wait: true,
        forceReplace: true
      }),
      { echo: false }
    )
    if (major === 3) expect(r.stderr).toMatch(FLAG_ERROR)
    // Helm 4 keeps Helm 3's --wait/--force as deprecated aliases; it must at least warn about them.
    else expect(r.stderr).toMatch(/deprecated/i)
  })
})
