import { spawn } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { describe, expect, it, jest } from '@jest/globals'
import {
  ACTION_BUNDLE,
  parseCommandFile,
  runAction,
  runnerEnv,
  toolPath
} from '../helpers/action.js'
import { KUBECONFIG_TEXT, freshNamespace, history } from '../helpers/cluster.js'
import { ROOT } from '../helpers/tools.js'

jest.setTimeout(180_000)

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))

/** Starts the bundled action and returns once it watches the rollout of the revision helm recorded. */
async function startDeploy(inputs: Record<string, string>, path: string) {
  const { env, files } = runnerEnv(inputs, { path })
  // detached: a process group of its own, like the runner's step, so it can be killed whole.
  const child = spawn(process.execPath, [ACTION_BUNDLE], {
    env,
    cwd: ROOT,
    detached: true
  })
  let stdout = ''
  child.stdout.on('data', (d) => (stdout += d))
  const closed = new Promise<number | null>((r) => child.on('close', (code) => r(code)))
  for (let i = 0; i < 240 && !/Watching /.test(stdout); i++) await sleep(250)
  return { child, closed, files, out: () => stdout }
}

describe.each([3, 4] as const)('cancelling a deploy with Helm %i', (major) => {
  const path = toolPath(major)
  const ns = freshNamespace(`e2e-cancel-h${major}`)
  const base = {
    mode: 'deploy',
    release: 'goatflow',
    namespace: ns,
    chart: 'examples/charts/goatflow',
    kubeconfig: KUBECONFIG_TEXT(),
    timeout: '3m',
    'failure-grace-period': '5m'
  }

  it('installs a good revision first', async () => {
    expect((await runAction({ ...base, set: 'backend.image.tag=0.6.5' }, { path })).exitCode).toBe(
      0
    )
  })

  it('on SIGTERM stops helm if it still runs and restores the good revision', async () => {
    const run = await startDeploy({ ...base, set: 'backend.image.tag=e2e-unready' }, path)
    run.child.kill('SIGTERM')
    expect(await run.closed).toBe(1)
    expect(run.out()).toMatch(/Received SIGTERM/)
    expect(run.out()).toMatch(/cancelled before the rollout was verified/)
    const h = history(major, 'goatflow', ns)
    // helm marks the revision failed when it still ran; applied and unverified it is superseded.
    expect(['failed', 'superseded']).toContain(h.at(-2)?.status)
    expect(h.at(-1)).toMatchObject({ status: 'deployed', description: 'Rollback to 1' })
  })

  it('rolls back, in the post step, the unverified revision of a killed job', async () => {
    const run = await startDeploy({ ...base, set: 'backend.image.tag=e2e-unready' }, path)
    // The runner's last resort: the whole process tree is killed, helm included.
    process.kill(-run.child.pid!, 'SIGKILL')
    await run.closed
    const stuck = history(major, 'goatflow', ns).at(-1)!
    expect(['pending-upgrade', 'deployed']).toContain(stuck.status)
    const state = parseCommandFile(readFileSync(run.files.GITHUB_STATE, 'utf8'))
    expect(JSON.parse(state.release)).toMatchObject({
      finished: false,
      lastGood: expect.any(Number)
    })
    const post = await runAction({}, { path, state })
    expect(post.exitCode).toBe(0)
    expect(post.stdout).toMatch(/restoring revision|rolling back to revision/i)
    const h = history(major, 'goatflow', ns)
    expect(h.at(-1)).toMatchObject({ status: 'deployed' })
    expect(h.at(-1)!.description).toMatch(/Rollback to/)
    expect(h.at(-1)!.revision).toBeGreaterThan(stuck.revision)
  })
})
