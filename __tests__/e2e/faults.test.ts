import { execFileSync, spawn, spawnSync } from 'node:child_process'
import { existsSync, openSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals'
import { runAction, toolPath, type ActionRun } from '../helpers/action.js'
import { ROOT, TOOLS_BIN, helmBinary } from '../helpers/tools.js'

// API server faults in the middle of a rollout. They run on a control plane of their own
// (CLUSTER_NAME=faults: its own state and ports), never on the shared one other tests use.

jest.setTimeout(600_000)

const INSTANCE = 'faults'
const STATE = join(ROOT, `.tools/cluster-${INSTANCE}`)
const KUBECONFIG = join(STATE, 'kubeconfig')
const APISERVER_PID = join(STATE, 'pids/kube-apiserver.pid')
const env = { ...process.env, CLUSTER_NAME: INSTANCE }

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))

function kubectl(args: string[]): string {
  return execFileSync(join(TOOLS_BIN, 'kubectl'), ['--kubeconfig', KUBECONFIG, ...args], {
    encoding: 'utf8'
  })
}

interface Row {
  revision: number
  status: string
  description: string
}
function history(major: 3 | 4, ns: string): Row[] {
  const r = spawnSync(
    helmBinary(major),
    ['history', 'goatflow', '-n', ns, '--kubeconfig', KUBECONFIG, '-o', 'json'],
    { encoding: 'utf8', timeout: 60_000 }
  )
  return r.status === 0 ? (JSON.parse(r.stdout) as Row[]) : []
}

const apiserverPid = (): number => Number(readFileSync(APISERVER_PID, 'utf8').trim())
/** Running, not a zombie: an orphaned process is reaped only when init gets to it. */
const alive = (pid: number): boolean => {
  try {
    return readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.[0] !== 'Z'
  } catch {
    return false
  }
}

/** Stops the API server and starts it again with the same command line and log file. */
async function restartApiserver(downMs: number): Promise<void> {
  const pid = apiserverPid()
  const argv = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').filter(Boolean)
  process.kill(pid, 'SIGTERM')
  for (let i = 0; i < 600 && alive(pid); i++) await sleep(100)
  if (alive(pid)) throw new Error(`kube-apiserver ${pid} did not stop`)
  await sleep(downMs)
  const log = openSync(join(STATE, 'logs/kube-apiserver.log'), 'a')
  const child = spawn(argv[0], argv.slice(1), { detached: true, stdio: ['ignore', log, log] })
  child.unref()
  // Recorded where down.sh looks, so the instance still stops cleanly.
  writeFileSync(APISERVER_PID, String(child.pid))
}

/**
 * Waits until helm has finished writing this run's revision: the pods are then still rolling
 * (eight replicas, one at a time), and helm itself is not caught by the fault.
 */
async function rolloutStarted(major: 3 | 4, ns: string, revision: number): Promise<void> {
  for (let i = 0; i < 400; i++) {
    const mine = history(major, ns).find((h) => h.revision === revision)
    if (mine && !mine.status.startsWith('pending-')) return
    await sleep(100)
  }
  throw new Error(`revision ${revision} of goatflow in ${ns} never appeared`)
}

beforeAll(() => {
  const r = spawnSync('bash', [join(ROOT, 'test/cluster/up.sh')], { env, encoding: 'utf8' })
  if (r.status !== 0)
    throw new Error(
      `CLUSTER_NAME=${INSTANCE} test/cluster/up.sh failed; the fault tests cannot run:\n${r.stdout}\n${r.stderr}`
    )
}, 300_000)

afterAll(() => {
  // A paused API server would hang the shutdown.
  if (existsSync(APISERVER_PID)) spawnSync('kill', ['-CONT', String(apiserverPid())])
  spawnSync('bash', [join(ROOT, 'test/cluster/down.sh')], { env, stdio: 'ignore' })
}, 120_000)

describe.each([3, 4] as const)('API server faults mid-rollout with Helm %i', (major) => {
  const path = toolPath(major)
  const ns = `faults-h${major}`
  const base = () => ({
    mode: 'deploy',
    release: 'goatflow',
    namespace: ns,
    chart: 'examples/charts/goatflow',
    kubeconfig: readFileSync(KUBECONFIG, 'utf8'),
    timeout: '4m',
    'failure-grace-period': '60s'
  })
  const deployTag = (tag: string): Promise<ActionRun> =>
    runAction({ ...base(), set: `backend.image.tag=${tag}\nbackend.replicaCount=8` }, { path })

  /** The run reported the revision it deployed, and the release shows exactly that. */
  function expectDeployed(r: ActionRun, revision: number, tag: string) {
    // The run's own account of what happened, for whoever reads a failure.
    if (r.exitCode !== 0 || r.outputs.revision !== String(revision)) console.log(r.stdout)
    expect(r.stderr).toBe('')
    expect(r.exitCode).toBe(0)
    expect(r.outputs).toMatchObject({
      status: 'deployed',
      revision: String(revision),
      'rolled-back': 'false'
    })
    const h = history(major, ns)
    expect(h.filter((x) => x.status === 'deployed').map((x) => x.revision)).toEqual([revision])
    expect(h.map((x) => x.description)).not.toContainEqual(expect.stringMatching(/Rollback/))
    const image = kubectl([
      'get',
      'deployment',
      'goatflow-backend',
      '-n',
      ns,
      '-o',
      'jsonpath={.spec.template.spec.containers[0].image}'
    ])
    expect(image).toBe(`ghcr.io/goatflow/goatflow:${tag}`)
  }

  it('installs a good revision first', async () => {
    kubectl(['create', 'namespace', ns])
    expectDeployed(await deployTag('0.6.5'), 1, '0.6.5')
  })

  it('deploys and reports so when the API server is paused for 25 s mid-rollout', async () => {
    const run = deployTag('0.6.6')
    await rolloutStarted(major, ns, 2)
    const pid = apiserverPid()
    process.kill(pid, 'SIGSTOP')
    await sleep(25_000)
    process.kill(pid, 'SIGCONT')
    const resumedAt = Date.now()
    const r = await run
    expect(r.endedAt).toBeGreaterThan(resumedAt) // the run lived through the pause
    expectDeployed(r, 2, '0.6.6')
  })

  it('deploys and reports so when the API server restarts mid-rollout', async () => {
    const run = deployTag('0.6.7')
    await rolloutStarted(major, ns, 3)
    await restartApiserver(5_000)
    const r = await run
    expect(r.stdout).toMatch(/the cluster did not answer|Could not read the rollout/)
    expectDeployed(r, 3, '0.6.7')
  })
})
