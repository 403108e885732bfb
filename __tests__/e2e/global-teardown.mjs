import { spawnSync } from 'node:child_process'
import { existsSync, rmSync } from 'node:fs'
import { join } from 'node:path'
import { removeBundle } from '../helpers/action-bundle.mjs'
import { stopMetrics } from './metrics-setup.mjs'

const root = new URL('../..', import.meta.url).pathname
const marker = join(root, '.tools/cluster/.started-by-tests')

// Stops the control plane only when the test run started it; a cluster a developer started stays.
export default function teardown() {
  removeBundle()
  stopMetrics()
  const sourcesMarker = join(root, '.tools/chart-sources/.started-by-tests')
  if (existsSync(sourcesMarker)) {
    rmSync(sourcesMarker)
    spawnSync('bash', [join(root, 'test/registry/down.sh')], { stdio: 'ignore' })
  }
  if (!existsSync(marker)) return
  rmSync(marker)
  // Quiet: the test summary stays the last thing the run prints (down.sh keeps the logs).
  spawnSync('bash', [join(root, 'test/cluster/down.sh')], { stdio: 'ignore' })
}
