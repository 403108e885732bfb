import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals'
import { FakeGitHub } from '../helpers/fake-github.js'
import { ROOT } from '../helpers/tools.js'

// The real @actions/github (Octokit over undici) against a local server that speaks the REST
// shapes; GITHUB_API_URL must be set before the module loads.
const api = new FakeGitHub()
await api.start()
process.env.GITHUB_API_URL = api.url
process.env.GITHUB_REPOSITORY = 'goatflow/goatflow'
process.env.GITHUB_EVENT_NAME = 'pull_request'
process.env.GITHUB_EVENT_PATH = `${ROOT}/__fixtures__/events/pull_request.json`
process.env.GITHUB_SERVER_URL = 'https://github.com'
process.env.GITHUB_RUN_ID = '777'
const warning = jest.fn<(m: string) => void>()
const real = await import('@actions/core')
jest.unstable_mockModule('@actions/core', () => ({ ...real, warning, info: jest.fn() }))
const { Reporter } = await import('../../src/report/reporter.js')
const { readConfig } = await import('../../src/inputs/inputs.js')

const TOKEN = 'ghs_fakeTokenForTests0123456789'
const config = (inputs: Record<string, string>) =>
  readConfig(
    (n) =>
      ({
        release: 'goatflow',
        chart: `${ROOT}/examples/charts/goatflow`,
        'github-token': TOKEN,
        ...inputs
      })[n] ?? ''
  )

afterAll(() => api.stop())
beforeAll(() => {
  api.failures.clear()
})

describe('reporting to GitHub', () => {
  it('writes one pull request comment per release and environment and updates it in place', async () => {
    api.comments.set(
      42,
      Array.from({ length: 120 }, (_, i) => ({
        id: i + 1,
        body: `chatter ${i}`,
        user: { login: 'x' },
        created_at: '',
        updated_at: ''
      }))
    )
    const r = new Reporter(config({ 'pr-comment': 'true', environment: 'staging' }))
    await r.comment('### first plan', ['<details>a</details>'])
    await r.comment('### second plan', ['<details>b</details>'])
    await new Reporter(config({ 'pr-comment': 'true', environment: 'production' })).comment(
      '### prod plan',
      []
    )
    const mine = api.comments.get(42)!.filter((c) => c.body.includes('goatflow/deploy-action'))
    expect(mine).toHaveLength(2)
    expect(mine[0].body).toContain('### second plan')
    expect(mine[0].body).toContain('environment=staging')
    expect(mine[1].body).toContain('environment=production')
    expect(warning).not.toHaveBeenCalled()
  })

  it('reports deployment statuses in order and marks the replaced deployment inactive', async () => {
    const first = new Reporter(
      config({
        'deployment-status': 'true',
        environment: 'production',
        'environment-url': 'https://goatflow.example.com'
      })
    )
    await first.deploymentStarted()
    await first.deploymentFinished(true, 'Revision 1 deployed')
    const second = new Reporter(config({ 'deployment-status': 'true', environment: 'production' }))
    await second.deploymentStarted()
    await second.deploymentFinished(true, 'Revision 2 deployed')
    const [d1, d2] = api.deployments.slice(-2)
    expect(api.statesOf(d1.id)).toEqual(['in_progress', 'success', 'inactive'])
    expect(api.statesOf(d2.id)).toEqual(['in_progress', 'success'])
    expect(d2.sha).toBe('6dcb09b5b57875f334f61aebed695e2e4193db5e')
    const s = api.statuses.find((x) => x.deployment_id === d1.id && x.state === 'success')!
    expect(s.log_url).toBe('https://github.com/goatflow/goatflow/actions/runs/777')
    expect(s.environment_url).toBe('https://goatflow.example.com')
  })

  it('turns a failing comments endpoint into a warning after retrying', async () => {
    api.failures.set('GET /comments$', 500)
    const before = api.requests.length
    await new Reporter(config({ 'pr-comment': 'true' })).comment('### plan', [])
    expect(warning).toHaveBeenCalledWith(
      expect.stringMatching(/pull request comment failed \(HTTP 500\)/)
    )
    expect(api.requests.slice(before).filter((q) => q.path.includes('/comments')).length).toBe(3)
    api.failures.clear()
  }, 30_000)

  it('sends the token only as the authorization header', () => {
    expect(api.requests.length).toBeGreaterThan(0)
    for (const q of api.requests) {
      expect(q.authorization).toBe(`token ${TOKEN}`)
      expect(q.body).not.toContain(TOKEN)
      expect(q.path).not.toContain(TOKEN)
    }
  })
})
