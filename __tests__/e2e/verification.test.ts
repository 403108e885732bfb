import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals'
import { runAction, toolPath } from '../helpers/action.js'
import { KUBECONFIG_TEXT, freshNamespace, history } from '../helpers/cluster.js'

jest.setTimeout(180_000)

// Health checks hit a server of the test's own on loopback, standing in for the app's ingress.
let server: Server
let healthUrl = ''
let status = 200
const hits: string[] = []

beforeAll(async () => {
  server = createServer((req, res) => {
    hits.push(req.url ?? '')
    res.writeHead(req.url === '/ready' ? status : 200).end(status === 200 ? 'ok' : 'not ready')
  })
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r))
  healthUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
})
afterAll(() => new Promise<void>((r) => server.close(() => r())))

describe.each([3, 4] as const)('post-rollout verification with Helm %i', (major) => {
  const path = toolPath(major)
  const ns = freshNamespace(`e2e-verify-h${major}`)
  const base = () => ({
    mode: 'deploy',
    release: 'goatflow',
    namespace: ns,
    chart: 'examples/charts/goatflow',
    kubeconfig: KUBECONFIG_TEXT(),
    timeout: '2m',
    'health-check-urls': `${healthUrl}/health\n${healthUrl}/ready 200`,
    'health-check-timeout': '6s',
    'run-tests': 'true'
  })

  it('deploys when the health checks answer and helm test passes', async () => {
    status = 200
    const r = await runAction({ ...base(), set: 'backend.image.tag=0.6.5' }, { path })
    expect(r.exitCode).toBe(0)
    expect(r.stdout).toMatch(/Health check .*\/ready: ok/)
    expect(r.stdout).toMatch(/\$ helm test goatflow/)
    expect(r.summary).toMatch(/Health checks/)
    expect(hits).toContain('/ready')
  })

  it('rolls back when a health check keeps failing', async () => {
    status = 503
    const r = await runAction({ ...base(), set: 'backend.image.tag=0.6.6' }, { path })
    status = 200
    expect(r.exitCode).toBe(1)
    expect(r.stdout).toMatch(/health check failed: .*\/ready answered 503, expected 200/)
    expect(r.outputs).toMatchObject({ status: 'rolled-back', 'rolled-back': 'true' })
    expect(history(major, 'goatflow', ns).at(-1)?.description).toMatch(/Rollback to 1/)
  })

  it('rolls back when helm test fails', async () => {
    const r = await runAction(
      { ...base(), set: 'backend.image.tag=0.6.7\ntests.image=busybox:e2e-jobfail' },
      { path }
    )
    expect(r.exitCode).toBe(1)
    expect(r.stdout).toMatch(/helm test failed/)
    expect(r.outputs['rolled-back']).toBe('true')
  })
})
