import { writeFileSync } from 'node:fs'
import { afterAll, describe, expect, it, jest } from '@jest/globals'
import { runAction, toolPath, type ActionRun } from '../helpers/action.js'
import {
  KUBECONFIG_TEXT,
  freshNamespace,
  helm,
  history,
  kubectl,
  kubectlJson
} from '../helpers/cluster.js'

// The verdict corpus: upgrades whose new pods do what real kubelets, registries and operators
// do (test/cluster/kwok-stages.yaml). The transient ones recover and must end deployed with no
// rollback; the doomed ones never recover and must be rolled back by the rule that fits.
// Cases run concurrently, each in its own namespace.

jest.setTimeout(420_000)

const CASES = 'test/charts/rollout-cases'
const EXAMPLE = 'examples/charts/goatflow'
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))

interface Case {
  chart: string
  /** Values of the first revision (installed with raw helm). */
  first?: string
  /** The first revision has an unhealthy workload on purpose: install it without --wait. */
  firstUnhealthy?: boolean
  /** Values of the upgrade the action runs (given the test's namespace). */
  upgrade: string | ((ns: string) => string)
  inputs?: Record<string, string>
  /** Runs beside the action (plays an operator, an autoscaler, a human with kubectl). */
  meanwhile?: (ns: string, release: string, major: 3 | 4) => Promise<void>
  /** Runs after the first revision, before the action. */
  before?: (ns: string, release: string, major: 3 | 4) => Promise<void> | void
}

async function upgrade(
  major: 3 | 4,
  c: Case
): Promise<{ run: ActionRun; ns: string; release: string }> {
  const ns = freshNamespace(`verdict-h${major}`)
  const release = 'app'
  const first = helm(major, [
    'upgrade',
    '--install',
    release,
    c.chart,
    '-n',
    ns,
    ...(c.firstUnhealthy ? [] : ['--wait']),
    '--timeout',
    '2m',
    ...(c.first ? ['-f', writeValues(c.first)] : [])
  ])
  expect(first.stderr).not.toMatch(/Error/)
  await c.before?.(ns, release, major)
  const [run] = await Promise.all([
    runAction(
      {
        mode: 'deploy',
        release,
        namespace: ns,
        chart: c.chart,
        kubeconfig: KUBECONFIG_TEXT(),
        timeout: '4m',
        values: typeof c.upgrade === 'string' ? c.upgrade : c.upgrade(ns),
        ...c.inputs
      },
      { path: toolPath(major) }
    ),
    c.meanwhile?.(ns, release, major)
  ])
  return { run, ns, release }
}

function writeValues(yaml: string): string {
  const file = `/tmp/verdict-values-${Date.now().toString(36)}-${Math.random().toString(36).slice(2)}.yaml`
  writeFileSync(file, yaml)
  return file
}

const tag = (t: string) => `backend:\n  image:\n    tag: ${t}\n`

/** A kwok node that arrives late, as a cluster autoscaler would add it; tainted for one test only. */
function addNode(name: string, pool: string): void {
  kubectl([
    'apply',
    '-f',
    writeValues(`apiVersion: v1
kind: Node
metadata:
  name: ${name}
  annotations: { kwok.x-k8s.io/node: fake }
  labels: { type: kwok, e2e-pool: ${pool} }
spec:
  taints: [{ key: e2e-pool, value: ${pool}, effect: NoSchedule }]
status:
  allocatable: { cpu: '32', memory: 256Gi, pods: '110' }
  capacity: { cpu: '32', memory: 256Gi, pods: '110' }
`)
  ])
}

interface PodList {
  items: Array<{ metadata: { name: string; uid: string }; status?: { phase?: string } }>
}

/** Records an autoscaler event on every pending pod of the namespace. */
function autoscalerSays(
  ns: string,
  reason: 'TriggeredScaleUp' | 'NotTriggerScaleUp',
  message: string
): void {
  const pods = kubectlJson<PodList>([
    'get',
    'pods',
    '-n',
    ns,
    '--field-selector',
    'status.phase=Pending'
  ])
  for (const p of pods.items) {
    const now = new Date().toISOString()
    kubectl([
      'create',
      '-f',
      writeValues(`apiVersion: v1
kind: Event
metadata: { generateName: ${p.metadata.name}., namespace: ${ns} }
involvedObject: { kind: Pod, name: ${p.metadata.name}, namespace: ${ns}, uid: ${p.metadata.uid} }
reason: ${reason}
message: "${message}"
type: Normal
source: { component: cluster-autoscaler }
firstTimestamp: "${now}"
lastTimestamp: "${now}"
count: 1
`)
    ])
  }
}

async function until(check: () => boolean, timeoutMs: number): Promise<void> {
  const end = Date.now() + timeoutMs
  while (Date.now() < end) {
    if (check()) return
    await sleep(500)
  }
}

const pendingPods = (ns: string) =>
  kubectlJson<PodList>(['get', 'pods', '-n', ns, '--field-selector', 'status.phase=Pending']).items
    .length

const TRANSIENT: Array<[string, Case, RegExp?]> = [
  [
    'a pod that crashes once, then runs',
    { chart: EXAMPLE, upgrade: tag('e2e-crashonce') },
    /crashed 1 time/
  ],
  [
    'a registry that answers 503, then serves the image',
    { chart: EXAMPLE, upgrade: tag('e2e-registryflaky') },
    /a registry error that may pass/
  ],
  [
    'a Secret an operator creates 15 s late',
    { chart: EXAMPLE, upgrade: tag('e2e-configlate') },
    /may be created by another controller/
  ],
  [
    'an app that needs 2 minutes to warm up, with a startupProbe that allows it',
    {
      chart: EXAMPLE,
      upgrade: `${tag('e2e-slowstart')}  startupProbe: { path: /health, periodSeconds: 10, failureThreshold: 18 }\n  strategy: { maxSurge: 2, maxUnavailable: 0 }\n`
    },
    /startupProbe allows 181s/
  ],
  [
    'a readiness gate a controller sets a minute later',
    {
      chart: EXAMPLE,
      upgrade: `${tag('e2e-gatelate')}  readinessGates: [example.com/lb-registered]\n`
    },
    /waiting for readiness gate example.com\/lb-registered/
  ],
  [
    'pods unschedulable until the autoscaler adds a node a minute later',
    {
      chart: EXAMPLE,
      upgrade: (ns) =>
        `backend:\n  nodeSelector: { e2e-pool: ${ns} }\n  tolerations: [{ key: e2e-pool, value: ${ns}, effect: NoSchedule }]\n`,
      inputs: { 'unschedulable-grace': '30s' },
      meanwhile: async (ns) => {
        await until(() => pendingPods(ns) > 0, 30_000)
        autoscalerSays(ns, 'TriggeredScaleUp', 'pod triggered scale-up: [{burst 0->1 (max: 3)}]')
        await sleep(60_000)
        addNode(`kwok-burst-${ns}`, ns)
      }
    },
    /the cluster autoscaler is adding a node/
  ],
  [
    'a migration hook Job whose first attempt fails',
    {
      chart: CASES,
      first: 'migration: { enabled: true }\n',
      upgrade:
        'migration: { enabled: true, image: "ghcr.io/goatflow/migrate:e2e-flakyjob" }\nweb: { image: "ghcr.io/goatflow/goatflow:1.0.1" }\n'
    }
  ],
  [
    'a leftover failed helm test Job from an earlier run',
    {
      chart: CASES,
      first: 'tests: { enabled: true, image: "busybox:e2e-jobfail" }\n',
      upgrade:
        'tests: { enabled: true, image: "busybox:e2e-jobfail" }\nweb: { image: "ghcr.io/goatflow/goatflow:1.0.1" }\n',
      before: (ns, release, major) => {
        const t = helm(major, ['test', release, '-n', ns, '--timeout', '30s'])
        expect(t.status).not.toBe(0)
      }
    }
  ],
  [
    'an unhealthy workload this revision does not change',
    {
      chart: CASES,
      first: 'other: { enabled: true, image: "ghcr.io/goatflow/worker:e2e-crashloop" }\n',
      firstUnhealthy: true,
      upgrade:
        'other: { enabled: true, image: "ghcr.io/goatflow/worker:e2e-crashloop" }\nweb: { image: "ghcr.io/goatflow/goatflow:1.0.1" }\n'
    },
    /was not changed by this revision/
  ],
  [
    'a DaemonSet after a change outside its pod template',
    {
      chart: CASES,
      first: 'daemon: { enabled: true }\n',
      upgrade: 'daemon: { enabled: true, minReadySeconds: 1 }\n'
    }
  ],
  [
    'an OnDelete DaemonSet',
    {
      chart: CASES,
      first: 'daemon: { enabled: true, strategy: OnDelete }\n',
      upgrade:
        'daemon: { enabled: true, strategy: OnDelete, image: "ghcr.io/goatflow/agent:1.0.1" }\n'
    },
    /OnDelete update strategy/
  ],
  [
    'a paused Deployment',
    {
      chart: EXAMPLE,
      upgrade: tag('0.6.9'),
      before: (ns) =>
        void kubectl(['rollout', 'pause', 'deployment/app-goatflow-backend', '-n', ns])
    },
    /paused: nothing of it was rolled out/
  ],
  [
    'a custom resource whose controller reports Ready after a few seconds',
    {
      chart: CASES,
      first: 'widget: { enabled: true }\n',
      upgrade: 'widget: { enabled: true, size: 2 }\n',
      meanwhile: async (ns, release) => {
        await sleep(6000)
        kubectl([
          'patch',
          `widget.e2e.goatflow.dev/${release}-widget`,
          '-n',
          ns,
          '--subresource=status',
          '--type=merge',
          '-p',
          JSON.stringify({
            status: {
              observedGeneration: 2,
              conditions: [
                {
                  type: 'Ready',
                  status: 'True',
                  reason: 'Reconciled',
                  lastTransitionTime: new Date().toISOString()
                }
              ]
            }
          })
        ])
      }
    }
  ]
]

const DOOMED: Array<[string, string, Case]> = [
  ['a crash loop', 'crash-loop', { chart: EXAMPLE, upgrade: tag('e2e-crashloop') }],
  [
    'an image tag that does not exist',
    'image-not-found',
    { chart: EXAMPLE, upgrade: tag('e2e-imagenotfound') }
  ],
  [
    'a Secret that never appears',
    'config-error',
    {
      chart: EXAMPLE,
      upgrade: tag('e2e-createcontainerconfigerror'),
      inputs: { 'config-error-grace': '15s' }
    }
  ],
  [
    'a pod that never becomes ready',
    'readiness',
    { chart: EXAMPLE, upgrade: tag('e2e-unready'), inputs: { 'failure-grace-period': '5s' } }
  ],
  [
    'pods unschedulable and an autoscaler that will not scale up',
    'no-scale-up',
    {
      chart: EXAMPLE,
      upgrade: 'backend:\n  nodeSelector: { e2e-pool: nowhere }\n',
      meanwhile: async (ns) => {
        await until(() => pendingPods(ns) > 0, 30_000)
        await sleep(3000)
        autoscalerSays(
          ns,
          'NotTriggerScaleUp',
          "pod didn't trigger scale-up: 1 node(s) didn't match Pod's node affinity/selector"
        )
      }
    }
  ],
  [
    'a crash-looping workload the chart places in another namespace',
    'crash-loop',
    {
      chart: CASES,
      before: (ns) => void kubectl(['create', 'namespace', `${ns}-edge`]),
      upgrade: (ns) =>
        `elsewhere: { namespace: ${ns}-edge, image: "ghcr.io/goatflow/edge:e2e-crashloop" }\n`
    }
  ],
  [
    'a DaemonSet that crash-loops after an earlier change outside its template',
    'crash-loop',
    {
      chart: CASES,
      first: 'daemon: { enabled: true, minReadySeconds: 1 }\n',
      upgrade:
        'daemon: { enabled: true, minReadySeconds: 1, image: "ghcr.io/goatflow/agent:e2e-crashloop" }\n',
      before: (ns, release, major) => {
        // A second revision that changes the DaemonSet's generation but not its pod template.
        const r = helm(major, [
          'upgrade',
          release,
          CASES,
          '-n',
          ns,
          '--set',
          'daemon.enabled=true',
          '--set',
          'daemon.minReadySeconds=2',
          '--wait'
        ])
        expect(r.status).toBe(0)
      }
    }
  ]
]

/** Namespaces are deleted when the case ends, so the concurrent cases leave the cluster room. */
const namespaces: string[] = []
const cleanup = (ns: string) => namespaces.push(ns, `${ns}-edge`)
afterAll(() => {
  for (const ns of namespaces)
    kubectl(['delete', 'namespace', ns, '--wait=false', '--ignore-not-found'])
})

describe.each([3, 4] as const)('rollout verdicts with Helm %i', (major) => {
  it.concurrent.each(TRANSIENT)('deploys through %s, with no rollback', async (_what, c, note) => {
    const { run, ns } = await upgrade(major, { ...c })
    expect(run.stderr).toBe('')
    expect(run.outputs).toMatchObject({ status: 'deployed', 'rolled-back': 'false' })
    if (note) expect(run.stdout).toMatch(note)
    const h = history(major, 'app', ns)
    expect(h.filter((x) => x.status === 'deployed')).toHaveLength(1)
    expect(h.some((x) => /Rollback/.test(x.description))).toBe(false)
    expect(h.at(-1)?.status).toBe('deployed')
  })

  it.concurrent.each(DOOMED)('rolls back %s (rule %s)', async (_what, rule, c) => {
    const { run: r, ns } = await upgrade(major, c)
    cleanup(ns)
    expect(r.exitCode).toBe(1)
    expect(r.stdout).toContain(`[rule ${rule}`)
    expect(r.outputs).toMatchObject({ status: 'rolled-back', 'rolled-back': 'true' })
    const h = history(major, 'app', ns)
    expect(h.filter((x) => x.status === 'deployed')).toHaveLength(1)
    expect(h.at(-1)?.description).toMatch(/Rollback to \d+/)
    expect(r.summary).toContain(`rule ${rule}`)
    if (rule === 'crash-loop' && typeof c.upgrade !== 'string')
      expect(r.stdout).toContain(`Deployment/${ns}-edge/app-edge`)
  })
})
