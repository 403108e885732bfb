import { afterAll, describe, expect, it, jest } from '@jest/globals'
import { runAction, toolPath, type ActionRun } from '../helpers/action.js'
import {
  KUBECONFIG_TEXT,
  freshNamespace,
  history,
  kubectl,
  kubectlJson
} from '../helpers/cluster.js'
import {
  deleteSeries,
  prometheusUrl,
  setSeries,
  unreachablePrometheusUrl,
  waitForScrapedValue
} from '../helpers/metrics.js'

jest.setTimeout(300_000)

// The metrics gate run by the bundled action against a real Prometheus that scrapes an exporter
// the test sets, after a rolling deploy and before a blue-green switch; and against an address
// where nothing answers. Every case has its own namespace and its own series.
const namespaces: string[] = []
afterAll(async () => {
  for (const ns of namespaces) {
    kubectl(['delete', 'namespace', ns, '--wait=false', '--ignore-not-found'])
    await deleteSeries({ namespace: ns }).catch(() => 0)
  }
})
const own = (prefix: string): string => {
  const ns = freshNamespace(prefix)
  namespaces.push(ns)
  return ns
}

/** The app's error ratio and its requests per second, as gauges Prometheus scrapes each second. */
async function app(ns: string, ratio: number, rps: number, slot = ''): Promise<void> {
  const labels: Record<string, string> = slot ? { namespace: ns, slot } : { namespace: ns }
  await setSeries({ name: 'error_ratio', type: 'gauge', labels, value: ratio })
  await setSeries({ name: 'request_rate', type: 'gauge', labels, value: rps })
  const sel = Object.entries(labels)
    .map(([k, v]) => `${k}="${v}"`)
    .join(',')
  await waitForScrapedValue(`error_ratio{${sel}}`, ratio)
  await waitForScrapedValue(`request_rate{${sel}}`, rps)
}

const gate = (url: string, extra = ''): string => `prometheus: ${url}
interval: 1s
count: 3
failure-limit: 0
${extra}
queries:
  - name: error-ratio
    query: max(error_ratio{namespace="{{namespace}}"})
    success: "< 0.05"
  - name: throughput
    query: sum(request_rate{namespace="{{namespace}}"})
    success: ">= 10"
`

describe.each([3, 4] as const)('the metrics gate with Helm %i', (major) => {
  const path = toolPath(major)
  const deploy = (
    ns: string,
    tag: string,
    analysis: string,
    extra: Record<string, string> = {}
  ): Promise<ActionRun> =>
    runAction(
      {
        release: 'goatflow',
        namespace: ns,
        chart: 'examples/charts/goatflow',
        kubeconfig: KUBECONFIG_TEXT(),
        timeout: '2m',
        set: `backend.image.tag=${tag}`,
        analysis,
        'analysis-token': 'prom-e2e-token-0123456789',
        ...extra
      },
      { path }
    )

  it.concurrent(
    'deploys when every measurement is within its condition, and the summary shows each value',
    async () => {
      const ns = own(`e2e-gate-ok-h${major}`)
      await app(ns, 0.01, 25)
      const r = await deploy(ns, '0.6.5', gate(prometheusUrl()))
      expect(r.exitCode).toBe(0)
      expect(r.outputs.status).toBe('deployed')
      expect(r.stdout).toMatch(/Metrics gate \(verify\): passed: 2 queries × 3 measurement\(s\)/)
      expect(r.summary).toMatch(/Metrics gate: ✅ passed/)
      expect(r.summary).toMatch(
        /\| `error-ratio` \| `< 0.05` \| ✅ 0\.01 \| ✅ 0\.01 \| ✅ 0\.01 \|/
      )
      expect(r.summary).toMatch(/\| `throughput` \| `>= 10` \| ✅ 25 \| ✅ 25 \| ✅ 25 \|/)
      // The token reached no log or summary.
      expect(r.stdout).toContain('::add-mask::prom-e2e-token-0123456789')
      const logged = r.stdout
        .split('\n')
        .filter((l) => !l.startsWith('::add-mask::'))
        .join('\n')
      expect(logged).not.toContain('prom-e2e-token')
      expect(r.summary).not.toContain('prom-e2e-token')
    }
  )

  it.concurrent(
    'rolls back like a failed rollout when the error ratio breaks its condition',
    async () => {
      const ns = own(`e2e-gate-bad-h${major}`)
      await app(ns, 0.01, 25)
      expect((await deploy(ns, '0.6.5', gate(prometheusUrl()))).exitCode).toBe(0)
      await app(ns, 0.3, 25)
      const r = await deploy(ns, '0.6.6', gate(prometheusUrl()))
      expect(r.exitCode).toBe(1)
      expect(r.outputs).toMatchObject({ status: 'rolled-back', 'rolled-back': 'true' })
      expect(r.stdout).toMatch(
        /metrics gate failed: query error-ratio failed 1 of 1 measurement\(s\) \(failure-limit 0\): 0\.3 not < 0\.05/
      )
      expect(r.summary).toMatch(/Metrics gate: ❌ failed/)
      expect(r.summary).toMatch(/❌ 0\.3/)
      expect(history(major, 'goatflow', ns).at(-1)?.description).toMatch(/Rollback to 1/)
    }
  )

  it.concurrent(
    'fails, saying so, when Prometheus does not answer and on-unreachable is fail',
    async () => {
      const ns = own(`e2e-gate-down-h${major}`)
      const r = await deploy(ns, '0.6.5', gate(unreachablePrometheusUrl()))
      expect(r.exitCode).toBe(1)
      expect(r.outputs.status).toBe('failed')
      expect(r.stdout).toMatch(
        /metrics gate failed: the metrics gate could not be evaluated: http:\/\/127\.0\.0\.1:15499 did not answer 1 time\(s\) .*ECONNREFUSED.*on-unreachable: fail/
      )
      expect(r.summary).toMatch(/not evaluated \(metrics endpoint unreachable\)/)
      // A first install that never passed its checks is removed.
      expect(history(major, 'goatflow', ns)).toEqual([])
    }
  )

  it.concurrent(
    'goes on with a warning, never a silent pass, when Prometheus does not answer and on-unreachable is ignore',
    async () => {
      const ns = own(`e2e-gate-ignore-h${major}`)
      const r = await deploy(
        ns,
        '0.6.5',
        gate(unreachablePrometheusUrl(), 'on-unreachable: ignore')
      )
      expect(r.exitCode).toBe(0)
      expect(r.outputs.status).toBe('deployed')
      expect(r.stdout).toMatch(
        /::warning::the metrics gate was NOT evaluated: .*ECONNREFUSED.*on-unreachable: ignore/
      )
      expect(r.summary).toMatch(/⚠️ NOT evaluated \(on-unreachable: ignore\)/)
    }
  )

  it.concurrent(
    'keeps traffic on the live slot when the gate on the new slot fails before the switch',
    async () => {
      const ns = own(`e2e-gate-bg-h${major}`)
      const slotGate = `prometheus: ${prometheusUrl()}
interval: 1s
count: 2
after-switch: 0
queries:
  - name: error-ratio
    query: max(error_ratio{namespace="{{namespace}}",slot="{{slot}}"})
    success: "< 0.05"
`
      await app(ns, 0.01, 25, 'blue')
      await app(ns, 0.5, 25, 'green')
      const bg = { strategy: 'blue-green' }
      expect((await deploy(ns, '0.6.5', slotGate, bg)).exitCode).toBe(0)
      const r = await deploy(ns, '0.6.6', slotGate, bg)
      expect(r.exitCode).toBe(1)
      expect(r.stdout).toMatch(/slot="green"/)
      expect(r.stdout).toMatch(
        /traffic was not switched and stays on slot blue: metrics gate failed/
      )
      const svc = kubectlJson<{ spec: { selector: Record<string, string> } }>([
        'get',
        'service',
        'goatflow',
        '-n',
        ns
      ])
      expect(svc.spec.selector.slot).toBe('blue')
    }
  )
})
