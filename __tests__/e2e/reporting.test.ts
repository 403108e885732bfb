import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals'
import { runAction, toolPath } from '../helpers/action.js'
import { KUBECONFIG_TEXT, freshNamespace } from '../helpers/cluster.js'
import { FakeGitHub } from '../helpers/fake-github.js'
import { ROOT } from '../helpers/tools.js'

jest.setTimeout(180_000)

// The bundled action as a runner starts it, reporting to a local server that speaks GitHub's
// REST shapes, and deploying to the local cluster.
const api = new FakeGitHub()
const TOKEN = 'ghs_e2eFakeToken0123456789abcdef'
const path = toolPath(4)
let ns = ''

beforeAll(async () => {
  await api.start()
  ns = freshNamespace('e2e-report')
})
afterAll(() => api.stop())

const githubEnv = (event: 'pull_request' | 'push') => ({
  GITHUB_API_URL: api.url,
  GITHUB_SERVER_URL: 'https://github.com',
  GITHUB_REPOSITORY: 'goatflow/goatflow',
  GITHUB_EVENT_NAME: event,
  GITHUB_EVENT_PATH: `${ROOT}/__fixtures__/events/${event}.json`,
  GITHUB_SHA: '6dcb09b5b57875f334f61aebed695e2e4193db5e',
  GITHUB_REF: event === 'push' ? 'refs/heads/main' : 'refs/pull/42/merge',
  GITHUB_RUN_ID: '9001'
})

const base = () => ({
  release: 'goatflow',
  namespace: ns,
  chart: 'examples/charts/goatflow',
  kubeconfig: KUBECONFIG_TEXT(),
  'github-token': TOKEN,
  environment: 'staging',
  timeout: '2m'
})

const ourComments = () =>
  (api.comments.get(42) ?? []).filter((c) => c.body.includes('goatflow/deploy-action'))

describe('reporting end to end', () => {
  it('deploys and reports in_progress then success, with summary and outputs files', async () => {
    const r = await runAction(
      {
        ...base(),
        mode: 'deploy',
        'deployment-status': 'true',
        'environment-url': 'https://staging.goatflow.example.com'
      },
      { path, env: githubEnv('push') }
    )
    expect(r.exitCode).toBe(0)
    expect(r.outputs.status).toBe('deployed')
    expect(r.summary).toContain('Deployed `goatflow` revision 1')
    const d = api.deployments.at(-1)!
    expect(d.environment).toBe('staging')
    expect(api.statesOf(d.id)).toEqual(['in_progress', 'success'])
    expect(
      api.statuses.find((s) => s.deployment_id === d.id && s.state === 'success')?.environment_url
    ).toBe('https://staging.goatflow.example.com')
  })

  it('plans twice on the same pull request and leaves exactly one comment, updated, with the diff', async () => {
    const first = await runAction(
      { ...base(), mode: 'plan', 'pr-comment': 'true', set: 'backend.replicaCount=3' },
      { path, env: githubEnv('pull_request') }
    )
    expect(first.exitCode).toBe(0)
    expect(first.outputs).toMatchObject({ status: 'planned', changed: 'true' })
    expect(ourComments()).toHaveLength(1)
    const second = await runAction(
      { ...base(), mode: 'plan', 'pr-comment': 'true', set: 'backend.replicaCount=4' },
      { path, env: githubEnv('pull_request') }
    )
    expect(second.exitCode).toBe(0)
    const comments = ourComments()
    expect(comments).toHaveLength(1)
    expect(comments[0].body).toContain('-  replicas: 2')
    expect(comments[0].body).toContain('+  replicas: 4')
    expect(comments[0].body).not.toContain('+  replicas: 3')
    expect(second.summary).toContain('to change')
  })

  it('shows a changed Secret in the plan without any of its values', async () => {
    const own = { ...base(), namespace: freshNamespace('e2e-secret'), environment: 'secret-check' }
    const installed = await runAction({ ...own, mode: 'deploy' }, { path, env: githubEnv('push') })
    expect(installed.exitCode).toBe(0)
    const r = await runAction(
      {
        ...own,
        mode: 'plan',
        'pr-comment': 'true',
        'set-string': 'database.password=S3cr3t-Pl4n-Value'
      },
      { path, env: githubEnv('pull_request') }
    )
    expect(r.exitCode).toBe(0)
    const body = ourComments().find((c) => c.body.includes('environment=secret-check'))!.body
    expect(body).toMatch(/Secret\/goatflow-db/)
    expect(body).toContain('password: "*** (changed)"')
    expect(body).toContain('username: "***"')
    // ::add-mask:: lines register secrets with the runner, which never prints them.
    const log = r.stdout
      .split('\n')
      .filter((l) => !l.startsWith('::add-mask::'))
      .join('\n')
    expect(r.stdout).toContain('::add-mask::S3cr3t-Pl4n-Value')
    const everything = `${body}\n${log}\n${r.summary}`
    for (const plain of [
      'S3cr3t-Pl4n-Value',
      Buffer.from('S3cr3t-Pl4n-Value').toString('base64'),
      Buffer.from('goatflow').toString('base64')
    ])
      expect(everything).not.toContain(plain)
  })

  it('stays green with a warning when the comments endpoint answers 500', async () => {
    api.failures.set('GET /comments$', 500)
    const r = await runAction(
      { ...base(), mode: 'deploy', 'pr-comment': 'true', set: 'backend.image.tag=0.6.6' },
      { path, env: githubEnv('pull_request') }
    )
    api.failures.clear()
    expect(r.exitCode).toBe(0)
    expect(r.outputs.status).toBe('deployed')
    expect(r.stdout).toMatch(/::warning::Writing the pull request comment failed \(HTTP 500\)/)
  })

  it('reports failure after an automatic rollback', async () => {
    const r = await runAction(
      {
        ...base(),
        mode: 'deploy',
        'deployment-status': 'true',
        set: 'backend.image.tag=e2e-crashloop'
      },
      { path, env: githubEnv('push') }
    )
    expect(r.exitCode).toBe(1)
    expect(r.outputs['rolled-back']).toBe('true')
    expect(api.statesOf(api.deployments.at(-1)!.id)).toEqual(['in_progress', 'failure'])
    expect(r.summary).toMatch(/Rollback/)
  })

  it('never sends the token anywhere but the authorization header', () => {
    for (const q of api.requests) {
      expect(q.authorization).toBe(`token ${TOKEN}`)
      expect(q.body).not.toContain(TOKEN)
    }
  })
})
