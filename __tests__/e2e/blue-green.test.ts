import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals'
import { runAction, toolPath, type ActionRun } from '../helpers/action.js'
import {
  KUBECONFIG_TEXT,
  freshNamespace,
  history,
  kubectl,
  kubectlJson
} from '../helpers/cluster.js'
import { deleteSeries, prometheusUrl, setSeries, waitForScrapedValue } from '../helpers/metrics.js'

jest.setTimeout(300_000)

// strategy: blue-green and the modes promote and reject, run by the bundled action against the
// local cluster. Each slot's own URL is a path of a local server (the slot's health endpoint);
// the metrics gate reads a real Prometheus scraping an exporter the test sets. Every case has its
// own namespace, and its own label values in the exporter.
const namespaces: string[] = []
let server: Server
let slotUrl = ''
/** Slots whose health endpoint answers 503. */
const sick = new Set<string>()

beforeAll(async () => {
  server = createServer((req, res) => {
    const [, ns, slot] = (req.url ?? '').split('/')
    res.writeHead(sick.has(`${ns}/${slot}`) ? 503 : 200).end()
  })
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r))
  slotUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
})
afterAll(async () => {
  await new Promise<void>((r) => server.close(() => r()))
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

interface Service {
  metadata: { annotations?: Record<string, string>; labels?: Record<string, string> }
  spec: { selector: Record<string, string>; ports: Array<{ port: number }> }
}
const stable = (ns: string) => kubectlJson<Service>(['get', 'service', 'goatflow', '-n', ns])
const liveSlot = (ns: string) => stable(ns).spec.selector.slot
const image = (ns: string, slot: string) =>
  kubectlJson<{ spec: { template: { spec: { containers: Array<{ image: string }> } } } }>([
    'get',
    'deployment',
    `goatflow-${slot}-backend`,
    '-n',
    ns
  ]).spec.template.spec.containers[0].image

/** An error ratio the gate reads: a gauge per namespace and slot, set by the test. */
const errorRatio = async (ns: string, slot: string, value: number): Promise<void> => {
  await setSeries({ name: 'error_ratio', type: 'gauge', labels: { namespace: ns, slot }, value })
  await waitForScrapedValue(`error_ratio{namespace="${ns}",slot="${slot}"}`, value)
}
const gate = (url: string, extra = ''): string => `prometheus: ${url}
interval: 1s
count: 3
after-switch: 6s
${extra}
queries:
  - name: error-ratio
    query: max(error_ratio{namespace="{{namespace}}",slot="{{slot}}"})
    success: "< 0.05"
`

describe.each([3, 4] as const)('strategy blue-green with Helm %i', (major) => {
  const path = toolPath(major)
  const run = (ns: string, inputs: Record<string, string>): Promise<ActionRun> =>
    runAction(
      {
        mode: 'deploy',
        strategy: 'blue-green',
        release: 'goatflow',
        namespace: ns,
        chart: 'examples/charts/goatflow',
        kubeconfig: KUBECONFIG_TEXT(),
        timeout: '2m',
        'failure-grace-period': '20s',
        'health-check-urls': `${slotUrl}/${ns}/{{slot}}`,
        'health-check-timeout': '5s',
        ...inputs
      },
      { path }
    )
  const modeRun = (ns: string, mode: 'promote' | 'reject', extra: Record<string, string> = {}) =>
    runAction(
      { mode, release: 'goatflow', namespace: ns, kubeconfig: KUBECONFIG_TEXT(), ...extra },
      { path }
    )

  it.concurrent(
    'installs the first version as slot blue, then switches traffic to green when the new version is verified there, keeping blue',
    async () => {
      const ns = own(`e2e-bg-ok-h${major}`)
      const first = await run(ns, { set: 'backend.image.tag=0.6.5' })
      expect(first.stderr).toBe('')
      expect(first.exitCode).toBe(0)
      expect(first.outputs).toMatchObject({ status: 'deployed', slot: 'blue', revision: '1' })
      const created = stable(ns)
      expect(created.spec.selector).toEqual({
        'app.kubernetes.io/name': 'goatflow',
        'app.kubernetes.io/component': 'backend',
        slot: 'blue'
      })
      expect(created.metadata.labels).toMatchObject({
        'app.kubernetes.io/managed-by': 'goatflow-deploy-action'
      })

      const second = await run(ns, { set: 'backend.image.tag=0.6.6' })
      expect(second.exitCode).toBe(0)
      expect(second.outputs).toMatchObject({ status: 'deployed', slot: 'green', revision: '1' })
      expect(liveSlot(ns)).toBe('green')
      expect(stable(ns).metadata.annotations).toMatchObject({
        'deploy.goatflow.dev/previous-slot': 'blue'
      })
      // The previous slot is kept, untouched, for switch-back.
      expect(image(ns, 'blue')).toBe('ghcr.io/goatflow/goatflow:0.6.5')
      expect(image(ns, 'green')).toBe('ghcr.io/goatflow/goatflow:0.6.6')
      expect(history(major, 'goatflow-blue', ns).map((h) => h.status)).toEqual(['deployed'])
      expect(second.stdout).toMatch(new RegExp(`Health check ${slotUrl}/${ns}/green: ok`))
      expect(second.summary).toMatch(/traffic switched to slot green/)
      expect(second.summary).toMatch(
        /\| Traffic \(Service `goatflow`\) \| slot `blue` \(`goatflow-blue`\) \| slot `green` \(`goatflow-green`\) \|/
      )

      // A plan compares the new version with the slot that takes traffic, as that slot.
      const planned = await run(ns, { mode: 'plan', set: 'backend.image.tag=0.6.7' })
      expect(planned.exitCode).toBe(0)
      expect(planned.outputs).toMatchObject({ status: 'planned', changed: 'true', revision: '1' })
      expect(planned.stdout).toMatch(/planning against slot green \(release goatflow-green\)/)
      expect(planned.stdout).toMatch(/changed: .*Deployment.*goatflow-green-backend/)
      expect(planned.stdout).not.toMatch(/^(added|removed): /m)

      // A third deploy goes to blue again: the idle slot alternates.
      const third = await run(ns, { set: 'backend.image.tag=0.6.7' })
      expect(third.exitCode).toBe(0)
      expect(third.outputs).toMatchObject({ slot: 'blue', revision: '2', 'previous-revision': '1' })
      expect(liveSlot(ns)).toBe('blue')
    }
  )

  it.concurrent(
    'never switches to a new slot that fails its rollout, and leaves the live slot untouched',
    async () => {
      const ns = own(`e2e-bg-bad-h${major}`)
      expect((await run(ns, { set: 'backend.image.tag=0.6.5' })).exitCode).toBe(0)
      const before = stable(ns)
      const r = await run(ns, { set: 'backend.image.tag=e2e-crashloop' })
      expect(r.exitCode).toBe(1)
      expect(r.outputs.status).toBe('failed')
      expect(r.stdout).toMatch(/CrashLoopBackOff/)
      expect(r.stdout).toMatch(
        /failed its checks in the idle slot green, so traffic was not switched and stays on slot blue/
      )
      expect(r.summary).toMatch(
        /the new version failed in idle slot green; traffic stays on slot blue/
      )
      const after = stable(ns)
      expect(after.spec.selector).toEqual(before.spec.selector)
      expect(after.metadata.annotations).toEqual(before.metadata.annotations)
      expect(history(major, 'goatflow-blue', ns)).toEqual([
        expect.objectContaining({ revision: 1, status: 'deployed' })
      ])
      expect(image(ns, 'blue')).toBe('ghcr.io/goatflow/goatflow:0.6.5')
      // The failed first install of the green slot is removed, as any failed first install.
      expect(history(major, 'goatflow-green', ns)).toEqual([])
    }
  )

  it.concurrent('never switches to a slot whose own health URL fails', async () => {
    const ns = own(`e2e-bg-health-h${major}`)
    expect((await run(ns, { set: 'backend.image.tag=0.6.5' })).exitCode).toBe(0)
    sick.add(`${ns}/green`)
    const r = await run(ns, { set: 'backend.image.tag=0.6.6' })
    expect(r.exitCode).toBe(1)
    expect(r.stdout).toMatch(new RegExp(`health check failed: ${slotUrl}/${ns}/green answered 503`))
    expect(liveSlot(ns)).toBe('blue')
  })

  it.concurrent(
    'sends traffic back to the old slot within seconds when the gate fails on live traffic after the switch',
    async () => {
      const ns = own(`e2e-bg-gate-h${major}`)
      await errorRatio(ns, 'blue', 0.01)
      await errorRatio(ns, 'green', 0.01)
      const analysis = gate(prometheusUrl())
      expect((await run(ns, { set: 'backend.image.tag=0.6.5', analysis })).exitCode).toBe(0)
      const running = run(ns, { set: 'backend.image.tag=0.6.6', analysis })
      // Live traffic on green goes bad as soon as it takes it.
      const deadline = Date.now() + 120_000
      while (liveSlot(ns) !== 'green' && Date.now() < deadline)
        await new Promise((r) => setTimeout(r, 200))
      await errorRatio(ns, 'green', 0.4)
      const bad = Date.now()
      const r = await running
      expect(r.exitCode).toBe(1)
      expect(r.outputs).toMatchObject({
        status: 'rolled-back',
        'rolled-back': 'true',
        slot: 'blue'
      })
      expect(liveSlot(ns)).toBe('blue')
      expect(stable(ns).metadata.annotations).toMatchObject({
        'deploy.goatflow.dev/rejected': 'green@1',
        'deploy.goatflow.dev/previous-slot': 'green'
      })
      const back = Date.parse(
        /\| (\S+) \| green \| blue \| [\d.]+s \| the metrics gate failed after the switch \|/.exec(
          r.summary
        )![1]
      )
      // Prometheus scrapes every second; the gate measures every second; one failure is allowed.
      console.log(
        `Helm ${major}: traffic back on blue ${back - bad} ms after green's error ratio rose`
      )
      expect(back - bad).toBeLessThan(8_000)
      expect(r.summary).toMatch(/Metrics gate on live traffic after the switch: ❌ failed/)
      expect(r.summary).toMatch(/❌ 0\.4/)
      expect(r.summary).toMatch(/slot green failed after the switch; traffic is back on slot blue/)
    }
  )

  it.concurrent(
    'waits for a person with promotion manual: promote switches, reject drops a candidate or switches back',
    async () => {
      const ns = own(`e2e-bg-manual-h${major}`)
      expect(
        (await run(ns, { set: 'backend.image.tag=0.6.5', promotion: 'manual' })).exitCode
      ).toBe(0)
      expect(liveSlot(ns)).toBe('blue')

      const waiting = await run(ns, { set: 'backend.image.tag=0.6.6', promotion: 'manual' })
      expect(waiting.exitCode).toBe(0)
      expect(waiting.outputs).toMatchObject({ status: 'verified', slot: 'blue' })
      expect(liveSlot(ns)).toBe('blue')
      expect(stable(ns).metadata.annotations?.['deploy.goatflow.dev/candidate']).toBe('green@1')

      const dropped = await modeRun(ns, 'reject')
      expect(dropped.exitCode).toBe(0)
      expect(dropped.outputs).toMatchObject({ status: 'rejected', slot: 'blue' })
      expect(liveSlot(ns)).toBe('blue')
      expect(history(major, 'goatflow-green', ns)).toEqual([])
      expect(stable(ns).metadata.annotations?.['deploy.goatflow.dev/candidate']).toBeUndefined()

      const nothing = await modeRun(ns, 'promote')
      expect(nothing.exitCode).toBe(1)
      expect(nothing.stdout).toMatch(
        /Nothing was switched: nothing to promote: no slot of goatflow is waiting/
      )

      expect(
        (await run(ns, { set: 'backend.image.tag=0.6.7', promotion: 'manual' })).outputs.status
      ).toBe('verified')
      const promoted = await modeRun(ns, 'promote')
      expect(promoted.exitCode).toBe(0)
      expect(promoted.outputs).toMatchObject({ status: 'deployed', slot: 'green' })
      expect(liveSlot(ns)).toBe('green')
      expect(image(ns, 'green')).toBe('ghcr.io/goatflow/goatflow:0.6.7')

      const back = await modeRun(ns, 'reject')
      expect(back.exitCode).toBe(0)
      expect(back.outputs).toMatchObject({ status: 'rolled-back', slot: 'blue' })
      expect(liveSlot(ns)).toBe('blue')
      expect(back.summary).toMatch(/slot green rejected; traffic is back on slot blue/)
    }
  )
})
