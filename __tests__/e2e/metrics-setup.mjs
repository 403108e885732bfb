import { spawnSync } from 'node:child_process'
import { existsSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'

const root = new URL('../..', import.meta.url).pathname
const marker = join(root, '.tools/metrics/.started-by-tests')

/** Prometheus and the exporter the metrics tests set (test/metrics, built by test/metrics/build.sh). */
export function startMetrics() {
  const running = spawnSync('bash', [
    '-c',
    `. "${join(root, 'test/metrics/common.sh')}" && pid_of prometheus && pid_of metrics-exporter`
  ])
  const wasUp = running.status === 0
  const r = spawnSync('bash', [join(root, 'test/metrics/up.sh')], { stdio: 'inherit' })
  if (r.status !== 0)
    throw new Error(
      'e2e: test/metrics/up.sh failed; the metrics tests cannot run (see .tools/metrics/logs)'
    )
  if (!wasUp) writeFileSync(marker, String(process.pid))
}

/** Stops them only when this test run started them; a Prometheus a developer started stays. */
export function stopMetrics() {
  if (!existsSync(marker)) return
  rmSync(marker)
  spawnSync('bash', [join(root, 'test/metrics/down.sh')], { stdio: 'ignore' })
}
