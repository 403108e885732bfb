import { execFileSync } from 'node:child_process'
import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals'
import { runAction, toolPath, type ActionRun } from '../helpers/action.js'
import {
  KUBECONFIG,
  KUBECONFIG_TEXT,
  freshNamespace,
  helm,
  history,
  kubectl,
  kubectlJson
} from '../helpers/cluster.js'
import { FakeGitHub } from '../helpers/fake-github.js'
import { ROOT } from '../helpers/tools.js'

jest.setTimeout(300_000)

// The release lifecycle modes run by the bundled action against the local cluster, reporting to
// a local server that speaks GitHub's REST shapes. Every case has its own namespace.
const api = new FakeGitHub()
const TOKEN = 'ghs_e2eLifecycleToken0123456789ab'
const CHART = 'examples/charts/goatflow'
const namespaces: string[] = []

beforeAll(() => api.start())
afterAll(async () => {
  await api.stop()
  for (const ns of namespaces)
    kubectl(['delete', 'namespace', ns, '--wait=false', '--ignore-not-found'])
})

const githubEnv = (event: 'pull_request' | 'push', run: string) => ({
  GITHUB_API_URL: api.url,
  GITHUB_SERVER_URL: 'https://github.com',
  GITHUB_REPOSITORY: 'goatflow/goatflow',
  GITHUB_EVENT_NAME: event,
  GITHUB_EVENT_PATH: `${ROOT}/__fixtures__/events/${event}.json`,
  GITHUB_SHA: '6dcb09b5b57875f334f61aebed695e2e4193db5e',
  GITHUB_REF: event === 'push' ? 'refs/heads/main' : 'refs/pull/42/merge',
  GITHUB_RUN_ID: run
})

const own = (prefix: string): string => {
  const ns = freshNamespace(prefix)
  namespaces.push(ns)
  return ns
}

interface Deployment {
  spec: { template: { spec: { containers: Array<{ image: string }> } } }
  status: { availableReplicas?: number }
}
const backend = (ns: string) =>
  kubectlJson<Deployment>(['get', 'deployment', 'goatflow-backend', '-n', ns])
const image = (ns: string) => backend(ns).spec.template.spec.containers[0].image

/** Installs one revision with raw helm: waited for when healthy, not waited for when not. */
function rawRevision(major: 3 | 4, ns: string, tag: string, wait = true): void {
  const r = helm(major, [
    'upgrade',
    '--install',
    'goatflow',
    CHART,
    '-n',
    ns,
    '--set',
    `backend.image.tag=${tag}`,
    ...(wait ? ['--wait', '--timeout', '3m'] : [])
  ])
  if (r.status !== 0) throw new Error(`helm upgrade ${tag} failed: ${r.stderr}`)
}

describe.each([3, 4] as const)('mode rollback with Helm %i', (major) => {
  const path = toolPath(major)
  const rollbackRun = (
    ns: string,
    extra: Record<string, string> = {},
    run = '1'
  ): Promise<ActionRun> =>
    runAction(
      {
        mode: 'rollback',
        release: 'goatflow',
        namespace: ns,
        kubeconfig: KUBECONFIG_TEXT(),
        timeout: '3m',
        'failure-grace-period': '30s',
        'github-token': TOKEN,
        environment: `rollback-h${major}-${ns}`,
        'deployment-status': 'true',
        ...extra
      },
      { path, env: githubEnv('push', run) }
    )

  it.concurrent(
    'rolls back to the previous revision, verified healthy, with summary, outputs and Deployment status',
    async () => {
      const ns = own(`e2e-rb-prev-h${major}`)
      rawRevision(major, ns, '0.6.5')
      rawRevision(major, ns, '0.6.6')
      const r = await rollbackRun(ns)
      expect(r.stderr).toBe('')
      expect(r.exitCode).toBe(0)
      expect(r.outputs).toMatchObject({
        status: 'rolled-back',
        revision: '3',
        'previous-revision': '2',
        'rolled-back': 'true',
        changed: 'true'
      })
      expect(JSON.parse(r.outputs.images)).toContain('ghcr.io/goatflow/goatflow:0.6.5')
      expect(image(ns)).toBe('ghcr.io/goatflow/goatflow:0.6.5')
      expect(backend(ns).status.availableReplicas).toBe(2)
      expect(history(major, 'goatflow', ns).at(-1)).toMatchObject({
        revision: 3,
        status: 'deployed',
        description: expect.stringMatching(/Rollback to 1/)
      })
      expect(r.summary).toContain('Rolled back goatflow from revision 2 to 1; verified healthy')
      expect(r.summary).toContain('newest good revision before the current revision 2')
      // Images before and after, side by side.
      expect(r.summary).toMatch(/\| Images \|.*goatflow:0\.6\.6.*\|.*goatflow:0\.6\.5/)
      const d = api.deployments.find((x) => x.environment === `rollback-h${major}-${ns}`)!
      expect(d.description).toBe('helm rollback goatflow')
      expect(api.statesOf(d.id)).toEqual(['in_progress', 'success'])
      // The lock was taken and freed.
      const lease = kubectlJson<{ spec: { holderIdentity?: string } }>([
        'get',
        'lease',
        'deploy-lock-goatflow',
        '-n',
        ns
      ])
      expect(lease.spec.holderIdentity ?? '').toBe('')
    }
  )

  it.concurrent('rolls back to an explicit revision, verified healthy', async () => {
    const ns = own(`e2e-rb-rev-h${major}`)
    rawRevision(major, ns, '0.6.4')
    rawRevision(major, ns, '0.6.5')
    rawRevision(major, ns, '0.6.6')
    const r = await rollbackRun(ns, { revision: '1' })
    expect(r.exitCode).toBe(0)
    expect(r.outputs).toMatchObject({
      status: 'rolled-back',
      revision: '4',
      'previous-revision': '3'
    })
    expect(image(ns)).toBe('ghcr.io/goatflow/goatflow:0.6.4')
    expect(r.summary).toContain('revision 1 was asked for (input revision)')
    expect(history(major, 'goatflow', ns).at(-1)!.description).toMatch(/Rollback to 1/)
  })

  it.concurrent(
    'reports a restored revision whose pods crash-loop as unhealthy, with the reason, and changes nothing more',
    async () => {
      const ns = own(`e2e-rb-crash-h${major}`)
      rawRevision(major, ns, '0.6.5')
      // Recorded as deployed by helm, but its pods never start.
      rawRevision(major, ns, 'e2e-crashloop', false)
      rawRevision(major, ns, '0.6.6')
      const r = await rollbackRun(ns, { revision: '2' }, '2')
      expect(r.exitCode).toBe(1)
      expect(r.outputs).toMatchObject({ status: 'failed', revision: '4', 'rolled-back': 'true' })
      expect(r.stdout).toMatch(/CrashLoopBackOff/)
      expect(r.stdout).toMatch(/Rolled back goatflow to revision 2, but it is not healthy/)
      expect(r.summary).toMatch(/CrashLoopBackOff/)
      expect(r.summary).toContain('no further rollback, nothing uninstalled')
      // No second rollback, nothing uninstalled: revision 4 (the rollback to 2) is the last.
      const h = history(major, 'goatflow', ns)
      expect(h.map((x) => x.revision)).toEqual([1, 2, 3, 4])
      expect(h.at(-1)).toMatchObject({ status: 'deployed', description: 'Rollback to 2' })
      expect(image(ns)).toBe('ghcr.io/goatflow/goatflow:e2e-crashloop')
      const d = api.deployments.find((x) => x.environment === `rollback-h${major}-${ns}`)!
      expect(api.statesOf(d.id)).toEqual(['in_progress', 'failure'])
    }
  )

  it.concurrent(
    'refuses a revision that does not exist, the current one and a locked release, changing nothing',
    async () => {
      const ns = own(`e2e-rb-refuse-h${major}`)
      rawRevision(major, ns, '0.6.5')
      rawRevision(major, ns, '0.6.6')
      const missing = await rollbackRun(ns, { revision: '7', 'deployment-status': 'false' })
      expect(missing.exitCode).toBe(1)
      expect(missing.stdout).toMatch(
        /Input "revision" "7": release "goatflow" in namespace "e2e-rb-refuse[^"]*" has no revision 7.*Pick one of: 1 \(superseded/
      )
      const current = await rollbackRun(ns, { revision: '2', 'deployment-status': 'false' })
      expect(current.exitCode).toBe(1)
      expect(current.stdout).toMatch(/Input "revision" "2": revision 2 is the current revision/)

      // A live run holds the deploy lock: renewed just now.
      const now = new Date().toISOString().replace(/\.(\d{3})Z$/, '.$1000Z')
      const lease = {
        apiVersion: 'coordination.k8s.io/v1',
        kind: 'Lease',
        metadata: {
          name: 'deploy-lock-goatflow',
          namespace: ns,
          annotations: {
            'deploy-action.goatflow.io/run-url': 'https://github.com/o/r/actions/runs/77'
          }
        },
        spec: {
          holderIdentity: 'o/r run 77 attempt 1',
          leaseDurationSeconds: 600,
          acquireTime: now,
          renewTime: now
        }
      }
      execFileSync(
        `${ROOT}/.tools/bin/kubectl`,
        ['--kubeconfig', KUBECONFIG, 'apply', '--server-side', '--force-conflicts', '-f', '-'],
        {
          input: JSON.stringify(lease)
        }
      )
      const locked = await rollbackRun(ns, { 'deployment-status': 'false' })
      expect(locked.exitCode).toBe(1)
      expect(locked.stdout).toMatch(
        /Not rolling back: Release "goatflow" is being deployed by o\/r run 77/
      )
      expect(history(major, 'goatflow', ns)).toHaveLength(2)
    }
  )
})

const namespaceExists = (ns: string): boolean => {
  try {
    const o = kubectlJson<{ status?: { phase?: string } }>(['get', 'namespace', ns])
    return o.status?.phase !== 'Terminating'
  } catch {
    return false
  }
}

describe.each([3, 4] as const)('mode remove with Helm %i', (major) => {
  const path = toolPath(major)
  const common = (ns: string, environment: string) => ({
    release: 'goatflow',
    namespace: ns,
    kubeconfig: KUBECONFIG_TEXT(),
    timeout: '3m',
    'github-token': TOKEN,
    environment,
    'deployment-status': 'true',
    'pr-comment': 'true'
  })
  const commentsFor = (environment: string) =>
    (api.comments.get(42) ?? []).filter((c) => c.body.includes(`environment=${environment} `))

  it.concurrent(
    'removes a preview the action deployed: release, its namespace, Deployment statuses and the comment',
    async () => {
      // A namespace that does not exist yet: deploy creates and marks it.
      const ns = `e2e-preview-h${major}-${Date.now().toString(36)}`
      namespaces.push(ns)
      const env = `preview-h${major}-${ns}`
      const deployed = await runAction(
        {
          ...common(ns, env),
          mode: 'deploy',
          chart: CHART,
          'create-namespace': 'true',
          'environment-url': `https://${ns}.preview.example.com`
        },
        { path, env: githubEnv('pull_request', '11') }
      )
      expect(deployed.exitCode).toBe(0)
      const created = kubectlJson<{ metadata: { labels: Record<string, string> } }>([
        'get',
        'namespace',
        ns
      ])
      expect(created.metadata.labels['deploy-action.goatflow.io/created-for']).toBe('goatflow')
      expect(commentsFor(env)).toHaveLength(1)
      // The preview's link on top of the comment, and on the environment.
      expect(commentsFor(env)[0].body).toContain(`🔗 **[https://${ns}.preview.example.com]`)
      expect(
        api.statuses.find((st) => st.state === 'success' && st.environment_url?.includes(ns))
      ).toBeDefined()

      const removed = await runAction(
        { ...common(ns, env), mode: 'remove', 'delete-namespace': 'true' },
        { path, env: githubEnv('pull_request', '12') }
      )
      expect(removed.stderr).toBe('')
      expect(removed.exitCode).toBe(0)
      expect(removed.outputs).toMatchObject({
        status: 'removed',
        'previous-revision': '1',
        changed: 'true'
      })
      expect(history(major, 'goatflow', ns)).toEqual([])
      expect(namespaceExists(ns)).toBe(false)
      expect(removed.summary).toContain('Preview `goatflow` is gone')
      expect(removed.summary).toContain('deleted')
      // Every deployment of the environment is inactive now.
      const ds = api.deployments.filter((d) => d.environment === env)
      expect(ds.length).toBeGreaterThan(0)
      for (const d of ds) expect(api.statesOf(d.id).at(-1)).toBe('inactive')
      // The one comment now says the preview is gone.
      const comments = commentsFor(env)
      expect(comments).toHaveLength(1)
      expect(comments[0].body).toContain('is gone')

      // Removing again is not an error: nothing is left to remove.
      const again = await runAction(
        { ...common(ns, env), mode: 'remove', 'delete-namespace': 'true' },
        { path, env: githubEnv('pull_request', '13') }
      )
      expect(again.exitCode).toBe(0)
      expect(again.outputs).toMatchObject({ status: 'removed', changed: 'false' })
    }
  )

  it.concurrent(
    'refuses to remove a release and a namespace it did not create; force removes the release',
    async () => {
      const ns = own(`e2e-rm-refuse-h${major}`)
      const env = `not-mine-h${major}-${ns}`
      rawRevision(major, ns, '0.6.5')
      const refused = await runAction(
        { ...common(ns, env), mode: 'remove', 'delete-namespace': 'true' },
        { path, env: githubEnv('push', '21') }
      )
      expect(refused.exitCode).toBe(1)
      expect(refused.stdout).toMatch(
        /Nothing was removed\. Input "release" "goatflow": release "goatflow" in namespace "[^"]+" was not installed by this action/
      )
      expect(refused.stdout).toMatch(
        /Input "delete-namespace": true, but namespace "[^"]+" was not created by this action/
      )
      expect(history(major, 'goatflow', ns)).toHaveLength(1)
      expect(namespaceExists(ns)).toBe(true)

      // A release the action installed, in a namespace it did not create: the namespace stays.
      const ns2 = own(`e2e-rm-ns-h${major}`)
      const installed = await runAction(
        { ...common(ns2, env), mode: 'deploy', chart: CHART, 'deployment-status': 'false' },
        { path, env: githubEnv('push', '22') }
      )
      expect(installed.exitCode).toBe(0)
      const nsRefused = await runAction(
        { ...common(ns2, env), mode: 'remove', 'delete-namespace': 'true' },
        { path, env: githubEnv('push', '23') }
      )
      expect(nsRefused.exitCode).toBe(1)
      expect(nsRefused.stdout).not.toMatch(/Input "release"/)
      expect(history(major, 'goatflow', ns2)).toHaveLength(1)
      const onlyRelease = await runAction(
        { ...common(ns2, env), mode: 'remove' },
        { path, env: githubEnv('push', '24') }
      )
      expect(onlyRelease.exitCode).toBe(0)
      expect(history(major, 'goatflow', ns2)).toEqual([])
      expect(namespaceExists(ns2)).toBe(true)

      const forced = await runAction(
        { ...common(ns, env), mode: 'remove', force: 'true' },
        { path, env: githubEnv('push', '25') }
      )
      expect(forced.exitCode).toBe(0)
      expect(forced.stdout).toMatch(/force: true removes release "goatflow"/)
      expect(history(major, 'goatflow', ns)).toEqual([])
      expect(namespaceExists(ns)).toBe(true)
    }
  )
})
