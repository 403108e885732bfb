// The deploy half of the chart corpus (test/charts/corpus, rendered against helm template in
// __tests__/integration/chart-corpus.test.ts): each chart is deployed by the bundled action into
// one namespace and by raw `helm upgrade --install --wait` into another, with the same release
// name and values, on Helm 3 and Helm 4. The objects each namespace ends with (release objects,
// hooks that stay, custom resources, cluster-scoped objects of the release) must be the same once
// what the API server fills in is removed and the namespace name is made neutral. A plan with the
// same inputs then shows no change against either release: the action reads a release raw Helm
// made exactly as its own.

import { execFile } from 'node:child_process'
import { existsSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, relative } from 'node:path'
import { promisify } from 'node:util'
import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals'
import { runAction, toolPath, type ActionRun } from '../helpers/action.js'
import { KUBECONFIG, KUBECONFIG_TEXT } from '../helpers/cluster.js'
import { HELM_MAJORS, ROOT, TOOLS_BIN, helmBinary } from '../helpers/tools.js'

jest.setTimeout(420_000)

const exec = promisify(execFile)
const CORPUS = join(ROOT, 'test/charts/corpus')
const RELEASE = 'corpus'
/**
 * The cases' pods run on a kwok node of their own, tainted for this run: pods other tests leave
 * on the shared node cannot make these unschedulable, and these take nothing from theirs.
 */
const POOL = `corpus-${Date.now().toString(36)}`

interface DeployCase {
  chart: string
  /** Value paths of the chart's components that take nodeSelector and tolerations. */
  components: string[]
  values?: string
  set?: string[]
  setJson?: string[]
  /** Also run the chart's tests: the action with run-tests, raw Helm with `helm test`. */
  runTests?: boolean
  /** Kind/name of objects both namespaces must hold: the case reaches what it is about. */
  holds: string[]
}

// One deploy per chart, with the inputs that switch on most of its templates.
const deployCases: DeployCase[] = [
  {
    chart: 'platform',
    components: ['', 'api', 'api-canary', 'cache'],
    set: ['api-canary.enabled=true'],
    holds: [
      'Widget/corpus-platform',
      'Deployment/corpus-api-canary',
      'StatefulSet/corpus-cache',
      'Job/corpus-platform-migrate',
      'Secret/corpus-platform-key'
    ]
  },
  {
    chart: 'webapp',
    components: [''],
    set: [
      'ingress.enabled=true',
      'ingress.tls=true',
      'autoscaling.enabled=true',
      // At its minimum from the start: the HPA controller has no reason to touch the Deployment
      // (no metrics here), so both namespaces keep what Helm applied.
      'autoscaling.minReplicas=1',
      'networkPolicy.enabled=true',
      'resourcesPreset=micro'
    ],
    values: [
      'commonLabels:',
      '  team: web',
      'extraEnvVars:',
      '  - name: RELEASE',
      '    value: "{{ .Release.Name }}"',
      'extraVolumes:',
      '  - name: cache',
      '    emptyDir: { sizeLimit: 64Mi }',
      'extraVolumeMounts:',
      '  - { name: cache, mountPath: /cache }',
      ''
    ].join('\n'),
    holds: [
      'Deployment/corpus-webapp',
      'Ingress/corpus-webapp',
      'HorizontalPodAutoscaler/corpus-webapp',
      'PodDisruptionBudget/corpus-webapp',
      'NetworkPolicy/corpus-webapp',
      'RoleBinding/corpus-webapp'
    ]
  },
  {
    chart: 'shop',
    components: [
      'storefront',
      'orders-worker',
      'mail-worker',
      'database',
      'database.backup',
      'metrics'
    ],
    set: ['mail-worker.enabled=true'],
    setJson: ['storefront={"replicaCount":2,"title":"{{ .Release.Name }} shop"}'],
    holds: [
      'Deployment/corpus-mail-worker',
      'Deployment/corpus-orders-worker',
      'Deployment/corpus-metrics',
      'StatefulSet/corpus-database',
      'CronJob/corpus-backup',
      'ConfigMap/corpus-endpoints'
    ]
  },
  {
    chart: 'operator',
    components: [''],
    runTests: true,
    holds: [
      'Gizmo/starter',
      'Gizmo/large',
      'GizmoPool/corpus-gizmo-operator-default',
      'ClusterRole/corpus-gizmo-operator-<namespace>',
      'ConfigMap/corpus-gizmo-operator-preflight-config',
      'ConfigMap/corpus-gizmo-operator-installed',
      'Job/corpus-gizmo-operator-register',
      'Job/corpus-gizmo-operator-test-api'
    ]
  },
  {
    chart: 'configkit',
    components: [''],
    set: ['mode=replicated', 'replicaCount=3', 'tenant=globex'],
    setJson: ['extraFiles={"owner.txt":"{{ .Values.tenant }} via {{ .Release.Name }}"}'],
    holds: [
      'ConfigMap/corpus-configkit',
      'ConfigMap/corpus-configkit-conf-d',
      'Secret/corpus-configkit-certs',
      'Secret/corpus-configkit-token'
    ]
  }
]

const kubectl = async (args: string[]): Promise<string> =>
  (
    await exec(join(TOOLS_BIN, 'kubectl'), ['--kubeconfig', KUBECONFIG, ...args], {
      maxBuffer: 64 << 20
    })
  ).stdout

/** Raw Helm as a user runs it; never throws, the caller reads the exit code. */
async function helm(
  major: 3 | 4,
  args: string[]
): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const r = await exec(helmBinary(major), [...args, '--kubeconfig', KUBECONFIG], {
      maxBuffer: 16 << 20
    })
    return { code: 0, stdout: r.stdout, stderr: r.stderr }
  } catch (e) {
    const x = e as { code?: number; stdout?: string; stderr?: string }
    return {
      code: typeof x.code === 'number' ? x.code : 1,
      stdout: x.stdout ?? '',
      stderr: x.stderr ?? ''
    }
  }
}

const namespaces: string[] = []
async function freshNamespace(prefix: string): Promise<string> {
  const ns = `${prefix}-${Date.now().toString(36)}${Math.floor(Math.random() * 1296).toString(36)}`
  await kubectl(['create', 'namespace', ns])
  namespaces.push(ns)
  return ns
}

interface KubeObject {
  apiVersion: string
  kind: string
  metadata: {
    name: string
    namespace?: string
    labels?: Record<string, string>
    annotations?: Record<string, string>
    ownerReferences?: unknown[]
    [k: string]: unknown
  }
  type?: string
  spec?: Record<string, unknown>
  [k: string]: unknown
}

let namespacedKinds: string[] = []
let clusterKinds: string[] = []

/** Listable resource types, read once the corpus CRDs are served. */
async function resourceTypes(namespaced: boolean): Promise<string[]> {
  const out = await kubectl([
    'api-resources',
    '--verbs=list',
    `--namespaced=${namespaced}`,
    '-o',
    'name'
  ])
  // Events are the cluster's own record of what happened, timed differently in each namespace.
  return out.split('\n').filter((n) => n && !/^events(\.events\.k8s\.io)?$/.test(n))
}

/**
 * What the namespace holds that a deploy put there. Left out: objects a controller made from
 * another (ownerReferences: pods, ReplicaSets, EndpointSlices), Endpoints (written by the
 * endpoints controller from pod IPs), the namespace's own default ServiceAccount and CA
 * ConfigMap, Helm's release records (Secrets of type helm.sh/release.v1) and the action's deploy
 * lock (a Lease named deploy-lock-<release>, the `lock` input: raw Helm takes none).
 */
async function objectsOf(ns: string): Promise<KubeObject[]> {
  const inNamespace = JSON.parse(
    await kubectl(['get', namespacedKinds.join(','), '-n', ns, '-o', 'json'])
  ) as { items: KubeObject[] }
  const clusterWide = JSON.parse(await kubectl(['get', clusterKinds.join(','), '-o', 'json'])) as {
    items: KubeObject[]
  }
  const mine = (o: KubeObject): boolean =>
    !o.metadata.ownerReferences?.length &&
    o.kind !== 'Endpoints' &&
    !(o.kind === 'ServiceAccount' && o.metadata.name === 'default') &&
    !(o.kind === 'ConfigMap' && o.metadata.name === 'kube-root-ca.crt') &&
    !(o.kind === 'Secret' && o.type === 'helm.sh/release.v1') &&
    !(o.kind === 'Lease' && o.metadata.name === `deploy-lock-${RELEASE}`)
  return [
    ...inNamespace.items.filter(mine),
    // Cluster-scoped objects of this release carry Helm's ownership annotations.
    ...clusterWide.items.filter(
      (o) => o.metadata.annotations?.['meta.helm.sh/release-namespace'] === ns
    )
  ]
}

/** Fields the API server or a controller fills in, which differ between any two creations. */
const SERVER_METADATA = [
  'uid',
  'resourceVersion',
  'creationTimestamp',
  'managedFields',
  'generation',
  'selfLink'
]

function normalize(o: KubeObject, ns: string): KubeObject {
  const copy = JSON.parse(JSON.stringify(o)) as KubeObject
  delete copy.status
  for (const f of SERVER_METADATA) delete copy.metadata[f]
  if (copy.kind === 'Service' && copy.spec) {
    // Allocated from the service CIDR.
    delete copy.spec.clusterIP
    delete copy.spec.clusterIPs
  }
  // Job selectors and pod labels carry the Job's own uid.
  const text = JSON.stringify(copy, (key, value: unknown) =>
    key === 'controller-uid' || key === 'batch.kubernetes.io/controller-uid' ? undefined : value
  )
  // The namespace name is the one input that differs by design. A value derived from it (a hash
  // over a manifest that names it) could not be made neutral here, so the corpus charts keep
  // such checksums to namespace-free content, as charts that are installed many times must.
  return JSON.parse(text.split(ns).join('<namespace>')) as KubeObject
}

const keyOf = (o: KubeObject): string => `${o.kind}/${o.metadata.name}`

async function snapshot(ns: string): Promise<Record<string, KubeObject>> {
  const objects = (await objectsOf(ns)).map((o) => normalize(o, ns))
  return Object.fromEntries(
    objects.map((o) => [keyOf(o), o] as const).sort(([a], [b]) => a.localeCompare(b))
  )
}

/** nodeSelector and tolerations that put a component's pods on the run's own node. */
const onPool = (component: string): string[] => {
  const at = component ? `${component}.` : ''
  return [
    `${at}nodeSelector=${JSON.stringify({ 'e2e-pool': POOL })}`,
    `${at}tolerations=${JSON.stringify([{ key: 'e2e-pool', value: POOL, effect: 'NoSchedule' }])}`
  ]
}

/** The action's inputs for a case, and the flags raw Helm takes for the same values. */
function inputsFor(c: DeployCase, ns: string): { action: Record<string, string>; helm: string[] } {
  const action: Record<string, string> = {
    release: RELEASE,
    namespace: ns,
    chart: relative(ROOT, join(CORPUS, c.chart)),
    kubeconfig: KUBECONFIG_TEXT(),
    timeout: '3m'
  }
  const helmArgs: string[] = []
  if (c.values) {
    action.values = c.values
    const file = join(mkdtempSync(join(tmpdir(), 'corpus-values-')), 'values.yaml')
    writeFileSync(file, c.values)
    helmArgs.push('--values', file)
  }
  const setJson = [...(c.setJson ?? []), ...c.components.flatMap(onPool)]
  if (c.set) action.set = c.set.join('\n')
  action['set-json'] = setJson.join('\n')
  for (const s of setJson) helmArgs.push('--set-json', s)
  for (const s of c.set ?? []) helmArgs.push('--set', s)
  return { action, helm: helmArgs }
}

/** The end of the run's log for a failure message, without the values registered as secrets. */
const failureOf = (r: ActionRun): string =>
  `action exited ${r.exitCode}\n${r.stdout
    .split('\n')
    .filter((l) => !l.startsWith('::add-mask::') && !l.startsWith('::debug::'))
    .join('\n')
    .slice(-4000)}\n${r.stderr}`

const POOL_NODE = `apiVersion: v1
kind: Node
metadata:
  name: kwok-${POOL}
  annotations: { kwok.x-k8s.io/node: fake }
  labels: { type: kwok, e2e-pool: ${POOL} }
spec:
  taints: [{ key: e2e-pool, value: ${POOL}, effect: NoSchedule }]
status:
  allocatable: { cpu: '64', memory: 256Gi, pods: '250' }
  capacity: { cpu: '64', memory: 256Gi, pods: '250' }
`

beforeAll(async () => {
  const nodeFile = join(mkdtempSync(join(tmpdir(), 'corpus-node-')), 'node.yaml')
  writeFileSync(nodeFile, POOL_NODE)
  await kubectl(['apply', '-f', nodeFile])
  await kubectl(['wait', '--for=condition=Ready', '--timeout=60s', `node/kwok-${POOL}`])
  // CRDs are cluster-wide and every case installs the same ones. Helm skips crds/ that already
  // exist, so creating them here first keeps concurrent installs from racing to create them and
  // makes the Capabilities every case renders against the same from its first install.
  for (const chart of readdirSync(CORPUS)) {
    const dir = join(CORPUS, chart, 'crds')
    if (!existsSync(dir)) continue
    await kubectl(['apply', '--server-side', '--force-conflicts', '-f', dir])
    await kubectl(['wait', '--for=condition=Established', '--timeout=60s', '-f', dir])
  }
  namespacedKinds = await resourceTypes(true)
  clusterKinds = await resourceTypes(false)
})

afterAll(async () => {
  const cluster = (
    JSON.parse(await kubectl(['get', 'clusterroles,clusterrolebindings', '-o', 'json'])) as {
      items: KubeObject[]
    }
  ).items.filter((o) =>
    namespaces.includes(o.metadata.annotations?.['meta.helm.sh/release-namespace'] ?? '')
  )
  for (const o of cluster)
    await kubectl(['delete', o.kind.toLowerCase(), o.metadata.name, '--wait=false'])
  if (namespaces.length) await kubectl(['delete', 'namespace', ...namespaces, '--wait=false'])
  // Pods still bound to it are collected with their namespaces.
  await kubectl(['delete', 'node', `kwok-${POOL}`, '--wait=false'])
})

describe('the action and raw helm upgrade --install end with the same objects', () => {
  const matrix = HELM_MAJORS.flatMap((major) =>
    deployCases.map((c) => [c.chart, major, c] as const)
  )

  it.concurrent.each(matrix)('%s on Helm %i', async (chart, major, c) => {
    const path = toolPath(major)
    const [nsAction, nsHelm] = await Promise.all([
      freshNamespace(`corpus-h${major}-${chart}-action`),
      freshNamespace(`corpus-h${major}-${chart}-helm`)
    ])
    const viaAction = inputsFor(c, nsAction)
    const viaHelm = inputsFor(c, nsHelm)
    const chartPath = join(CORPUS, chart)

    const [deployed, installed] = await Promise.all([
      runAction(
        { ...viaAction.action, mode: 'deploy', 'run-tests': c.runTests ? 'true' : 'false' },
        { path }
      ),
      helm(major, [
        'upgrade',
        RELEASE,
        chartPath,
        '--install',
        '--namespace',
        nsHelm,
        '--wait',
        '--timeout',
        '3m',
        ...viaHelm.helm
      ])
    ])
    if (deployed.exitCode !== 0) throw new Error(failureOf(deployed))
    expect(deployed.outputs).toMatchObject({ status: 'deployed', revision: '1' })
    expect(installed.stderr).not.toMatch(/^Error/m)
    expect(installed.code).toBe(0)
    if (c.runTests) {
      const tested = await helm(major, ['test', RELEASE, '--namespace', nsHelm, '--timeout', '2m'])
      expect(tested.code).toBe(0)
    }

    const [fromAction, fromHelm] = await Promise.all([snapshot(nsAction), snapshot(nsHelm)])
    expect(Object.keys(fromAction)).toEqual(expect.arrayContaining(c.holds))
    expect(Object.keys(fromAction)).toEqual(Object.keys(fromHelm))
    expect(fromAction).toEqual(fromHelm)

    // Planning the same inputs against either release changes nothing.
    const plans = await Promise.all(
      [viaAction, viaHelm].map((v) => runAction({ ...v.action, mode: 'plan' }, { path }))
    )
    for (const p of plans) {
      if (p.exitCode !== 0) throw new Error(failureOf(p))
      expect(p.stdout).not.toContain('server-side dry run not possible')
      expect(p.outputs).toMatchObject({ status: 'planned', changed: 'false', revision: '1' })
    }
  })
})
