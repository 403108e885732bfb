import { spawn } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { describe, expect, it, jest } from '@jest/globals'
import {
  ACTION_BUNDLE,
  parseCommandFile,
  runAction,
  runnerEnv,
  toolPath,
  type ActionRun
} from '../helpers/action.js'
import {
  KUBECONFIG_TEXT,
  freshNamespace,
  history,
  kubectlJson,
  type HistoryRow
} from '../helpers/cluster.js'
import { ROOT } from '../helpers/tools.js'

jest.setTimeout(300_000)

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))

/** The variables a runner sets that name the workflow run (the deploy lock's holder). */
const github = (runId: string): Record<string, string> => ({
  GITHUB_REPOSITORY: 'goatflow/e2e',
  GITHUB_RUN_ID: runId,
  GITHUB_RUN_ATTEMPT: '1',
  GITHUB_JOB: 'deploy',
  GITHUB_SERVER_URL: 'https://github.example'
})

interface Lease {
  spec: { holderIdentity?: string }
}
const leaseHolder = (ns: string): string | undefined => {
  try {
    return kubectlJson<Lease>(['get', 'lease', 'deploy-lock-goatflow', '-n', ns]).spec
      .holderIdentity
  } catch {
    return undefined
  }
}

interface Deployment {
  spec: { template: { spec: { containers: Array<{ image: string }> } } }
}
const backendImage = (ns: string): string =>
  kubectlJson<Deployment>(['get', 'deployment', 'goatflow-backend', '-n', ns]).spec.template.spec
    .containers[0].image

/** The revisions written after `since`: what the runs under test did. */
const newRevisions = (h: HistoryRow[], since: number) => h.filter((x) => x.revision > since)

describe.each([3, 4] as const)('concurrent deploys of one release with Helm %i', (major) => {
  const path = toolPath(major)
  const ns = freshNamespace(`e2e-lock-h${major}`)
  const base = {
    mode: 'deploy',
    release: 'goatflow',
    namespace: ns,
    chart: 'examples/charts/goatflow',
    kubeconfig: KUBECONFIG_TEXT(),
    timeout: '3m',
    'failure-grace-period': '30s'
  }
  const deployTag = (tag: string, runId: string, extra: Record<string, string> = {}) =>
    runAction({ ...base, set: `backend.image.tag=${tag}`, ...extra }, { path, env: github(runId) })

  it('installs a good revision first', async () => {
    const r = await deployTag('0.6.5', '100')
    expect(r.exitCode).toBe(0)
    expect(leaseHolder(ns)).toBeUndefined() // freed by the main step
  })

  it.each([
    [200, false],
    [200, true],
    [3000, false],
    [3000, true]
  ])(
    'two runs %i ms apart (the second with recover-pending: %s) deploy one after the other',
    async (gapMs, recoverPending) => {
      const since = history(major, 'goatflow', ns).at(-1)!.revision
      const tagA = `0.7.${gapMs}${recoverPending ? 1 : 0}`
      const tagB = `0.8.${gapMs}${recoverPending ? 1 : 0}`
      const runA = deployTag(tagA, `${gapMs}1`)
      await sleep(gapMs)
      const runB = deployTag(tagB, `${gapMs}2`, { 'recover-pending': String(recoverPending) })
      const [a, b] = await Promise.all([runA, runB])

      for (const r of [a, b]) {
        expect(r.stderr).toBe('')
        expect(r.exitCode).toBe(0)
        expect(r.outputs).toMatchObject({ status: 'deployed', 'rolled-back': 'false' })
      }
      // Whichever took the lock first deployed first; each reports its own revision only.
      const [first, second]: ActionRun[] =
        Number(a.outputs.revision) < Number(b.outputs.revision) ? [a, b] : [b, a]
      expect(Number(first.outputs.revision)).toBe(since + 1)
      expect(Number(second.outputs.revision)).toBe(since + 2)
      expect(second.outputs['previous-revision']).toBe(first.outputs.revision)
      expect(first.summary).toContain(`revision ${first.outputs.revision}`)
      expect(second.summary).toContain(`revision ${second.outputs.revision}`)

      const h = history(major, 'goatflow', ns)
      expect(h.filter((x) => x.status === 'deployed')).toHaveLength(1)
      // Nothing either run did was rolled back or taken over by the other.
      expect(newRevisions(h, since).map((x) => x.status)).toEqual(['superseded', 'deployed'])
      expect(newRevisions(h, since).map((x) => x.description)).not.toContainEqual(
        expect.stringMatching(/Rollback/)
      )
      expect(second.stdout).not.toMatch(/Rolling back|Recovering|pending-upgrade/)
      expect(backendImage(ns)).toBe(`ghcr.io/goatflow/goatflow:${second === a ? tagA : tagB}`)
      if (gapMs === 200)
        // At 0.2 s apart the second run is still validating when the first takes the lock.
        expect(second.stdout).toMatch(
          /Waiting for goatflow\/e2e run \d+ attempt 1 job deploy #[0-9a-f]+ \(https:\/\/github\.example\/goatflow\/e2e\/actions\/runs\/\d+\/attempts\/1\) to finish deploying goatflow/
        )
      expect(leaseHolder(ns)).toBeUndefined()
    }
  )

  it('fails after lock-timeout naming the run that holds the lock, having changed nothing', async () => {
    const since = history(major, 'goatflow', ns).at(-1)!.revision
    // A deploy that keeps the lock: its pods never become ready within the grace period.
    const holder = deployTag('e2e-unready', '501', { 'failure-grace-period': '20s' })
    for (let i = 0; i < 120 && !leaseHolder(ns); i++) await sleep(250)
    const waiter = await deployTag('0.6.9', '502', { 'lock-timeout': '3s' })
    expect(waiter.exitCode).toBe(1)
    expect(waiter.stdout).toMatch(
      /Release "goatflow" is being deployed by goatflow\/e2e run 501 attempt 1 job deploy #[0-9a-f]+ \(https:\/\/github\.example\/goatflow\/e2e\/actions\/runs\/501\/attempts\/1\); waited \d+s \(lock-timeout\)/
    )
    expect(waiter.outputs.status).toBe('failed')
    const first = await holder
    expect(first.outputs.status).toBe('rolled-back')
    // Only the holder's revision and its rollback were written.
    expect(newRevisions(history(major, 'goatflow', ns), since)).toHaveLength(2)
  })

  it('lets the next run proceed at once after a run was killed while holding the lock', async () => {
    const { env, files } = runnerEnv(
      { ...base, set: 'backend.image.tag=e2e-unready', 'failure-grace-period': '5m' },
      { path, env: github('601') }
    )
    // detached: a process group of its own, like the runner's step, so it can be killed whole.
    const child = spawn(process.execPath, [ACTION_BUNDLE], { env, cwd: ROOT, detached: true })
    const closed = new Promise((r) => child.on('close', r))
    const since = history(major, 'goatflow', ns).at(-1)!.revision
    for (let i = 0; i < 160 && history(major, 'goatflow', ns).at(-1)!.revision === since; i++)
      await sleep(250)
    expect(leaseHolder(ns)).toMatch(/^goatflow\/e2e run 601 /)
    // The runner's last resort on cancellation: the whole process tree is killed.
    process.kill(-child.pid!, 'SIGKILL')
    await closed
    expect(leaseHolder(ns)).toMatch(/^goatflow\/e2e run 601 /)

    const state = parseCommandFile(readFileSync(files.GITHUB_STATE, 'utf8'))
    const post = await runAction({}, { path, state, env: github('601') })
    expect(post.exitCode).toBe(0)
    expect(post.stdout).toMatch(/Freed the deploy lock deploy-lock-goatflow this run still held/)
    expect(leaseHolder(ns)).toBeUndefined()

    const next = await deployTag('0.6.10', '602')
    expect(next.exitCode).toBe(0)
    expect(next.stdout).not.toMatch(/Waiting for/)
    expect(next.outputs.status).toBe('deployed')
    expect(history(major, 'goatflow', ns).filter((x) => x.status === 'deployed')).toHaveLength(1)
  })
})
