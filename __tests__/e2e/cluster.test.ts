import { describe, expect, it, jest } from '@jest/globals'
import { freshNamespace, helm, kubectl, kubectlJson } from '../helpers/cluster.js'

jest.setTimeout(120_000)

interface PodStatus {
  status: {
    phase: string
    containerStatuses?: Array<{ restartCount: number; state: { waiting?: { reason: string } } }>
  }
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))

describe('the local control plane', () => {
  it('serves a real, versioned API with a Ready node', () => {
    const version = JSON.parse(kubectl(['version', '--output', 'json'])) as {
      serverVersion: { gitVersion: string }
    }
    expect(version.serverVersion.gitVersion).toMatch(/^v1\.\d+\.\d+$/)
    const nodes = kubectlJson<{
      items: Array<{ status: { conditions: Array<{ type: string; status: string }> } }>
    }>(['get', 'nodes'])
    expect(
      nodes.items.some((n) =>
        n.status.conditions.some((c) => c.type === 'Ready' && c.status === 'True')
      )
    ).toBe(true)
  })

  it('crash-loops an annotated pod with a growing restartCount', async () => {
    const ns = freshNamespace('e2e-crash')
    kubectl([
      'run',
      'crasher',
      '-n',
      ns,
      '--image=busybox:1.37',
      '--annotations=e2e.goatflow.dev/behavior=crashloop'
    ])
    const restarts: number[] = []
    for (let i = 0; i < 40 && (restarts.length < 2 || restarts.at(-1)! <= restarts[0]); i++) {
      await sleep(1000)
      const pod = kubectlJson<PodStatus>(['get', 'pod', 'crasher', '-n', ns])
      const c = pod.status.containerStatuses?.[0]
      if (c?.state.waiting?.reason === 'CrashLoopBackOff') restarts.push(c.restartCount)
    }
    expect(restarts[0]).toBeGreaterThanOrEqual(1)
    expect(restarts.at(-1)!).toBeGreaterThan(restarts[0])
  })

  it.each([3, 4] as const)(
    'runs the example chart with Helm %i, and an upgrade to a crash-looping image shows CrashLoopBackOff pods',
    async (major) => {
      const ns = freshNamespace(`e2e-smoke-h${major}`)
      const install = helm(major, [
        'install',
        'goatflow',
        'examples/charts/goatflow',
        '-n',
        ns,
        '--wait',
        '--timeout',
        '90s'
      ])
      expect(install.stderr).not.toMatch(/Error/)
      expect(install.status).toBe(0)
      const d = kubectlJson<{ spec: { replicas: number }; status: { availableReplicas: number } }>([
        'get',
        'deployment',
        'goatflow-backend',
        '-n',
        ns
      ])
      expect(d.status.availableReplicas).toBe(d.spec.replicas)
      expect(helm(major, ['status', 'goatflow', '-n', ns]).stdout).toMatch(/STATUS: deployed/)

      helm(major, [
        'upgrade',
        'goatflow',
        'examples/charts/goatflow',
        '-n',
        ns,
        '--set',
        'backend.image.tag=e2e-crashloop'
      ])
      let reasons: string[] = []
      for (let i = 0; i < 30 && !reasons.includes('CrashLoopBackOff'); i++) {
        await sleep(1000)
        const pods = kubectlJson<{ items: PodStatus[] }>([
          'get',
          'pods',
          '-n',
          ns,
          '-l',
          'app.kubernetes.io/component=backend'
        ])
        reasons = pods.items.flatMap((p) =>
          (p.status.containerStatuses ?? []).map((c) => c.state.waiting?.reason ?? '')
        )
      }
      expect(reasons).toContain('CrashLoopBackOff')
    }
  )
})
