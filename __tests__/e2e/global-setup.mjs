import { spawnSync } from 'node:child_process'
import { existsSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { bundleSource } from '../helpers/action-bundle.mjs'
import { startMetrics } from './metrics-setup.mjs'

const root = new URL('../..', import.meta.url).pathname
export const KUBECONFIG = join(root, '.tools/cluster/kubeconfig')
const marker = join(root, '.tools/cluster/.started-by-tests')

function clusterAnswers() {
  if (!existsSync(KUBECONFIG)) return false
  const r = spawnSync(
    join(root, '.tools/bin/kubectl'),
    ['--kubeconfig', KUBECONFIG, 'get', '--raw', '/readyz'],
    {
      encoding: 'utf8',
      timeout: 10_000
    }
  )
  return r.status === 0
}

const sourcesMarker = join(root, '.tools/chart-sources/.started-by-tests')

/** The OCI registry and chart repository the chart-source tests pull from (test/registry). */
function startChartSources() {
  const running = spawnSync('bash', [
    '-c',
    `. "${join(root, 'test/registry/common.sh')}" && pid_of registry && pid_of chartsrv`
  ])
  const wasUp = running.status === 0
  const r = spawnSync('bash', [join(root, 'test/registry/up.sh')], { stdio: 'inherit' })
  if (r.status !== 0)
    throw new Error(
      'e2e: test/registry/up.sh failed; the chart-source tests cannot run (see .tools/chart-sources/logs)'
    )
  if (!wasUp) writeFileSync(sourcesMarker, String(process.pid))
}

export default function setup() {
  bundleSource()
  startChartSources()
  startMetrics()
  if (clusterAnswers()) {
    console.log('\ne2e: using the local control plane that is already up')
    return
  }
  console.log('\ne2e: starting the local control plane (test/cluster/up.sh)')
  const r = spawnSync('bash', [join(root, 'test/cluster/up.sh')], { stdio: 'inherit' })
  if (r.status !== 0)
    throw new Error(
      'e2e: test/cluster/up.sh failed; the end-to-end tier cannot run (see .tools/cluster logs)'
    )
  writeFileSync(marker, String(process.pid))
}
