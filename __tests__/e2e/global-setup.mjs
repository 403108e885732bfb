import { spawnSync } from 'node:child_process'
import { existsSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'

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

export default function setup() {
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
