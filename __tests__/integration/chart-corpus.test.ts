// The action against raw Helm on charts in the styles of popular public charts
// (test/charts/corpus): `platform` (subcharts with conditions, tags and aliases, a library chart,
// globals, import-values, a CRD in crds/, hooks, a test, lookup), `webapp` (a community-style app
// on a common library chart: ingress with TLS, HPA, PDB, RBAC, NetworkPolicy, extra env and
// volumes through tpl), `shop` (an umbrella of file:// subcharts: aliases of one chart, tags
// against conditions, condition lists, import-values in both forms, a nested and a packaged
// subchart, schemas with $defs), `gizmo-operator` (CRDs, custom resources behind
// Capabilities.APIVersions, cluster RBAC, hooks of several phases, weights and delete policies,
// tests) and `configkit` (.Files.Get/Glob/Lines, AsConfig/AsSecrets, tpl, required, fail, lookup).
// For each case the action accepts exactly what `helm template` accepts, refuses what it refuses
// with the same reason (whether the values check or the render catches it), and renders byte for
// byte the manifests of `helm template` with the same inputs, on Helm 3 and Helm 4.

import { execFile } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { join, relative } from 'node:path'
import { promisify } from 'node:util'
import { afterAll, describe, expect, it } from '@jest/globals'
import { parse } from 'yaml'
import { createProcessRunner } from '../../src/exec/runner.js'
import { readConfig } from '../../src/inputs/inputs.js'
import { openSession, type Session } from '../../src/run/session.js'
import { render, type Rendered } from '../../src/render/render.js'
import { checkValues } from '../../src/checks/values.js'
import { HELM_MAJORS, ROOT, helmBinary } from '../helpers/tools.js'

const run = promisify(execFile)
const CORPUS = join(ROOT, 'test/charts/corpus')
const actionYml = parse(readFileSync(join(ROOT, 'action.yml'), 'utf8')) as {
  inputs: Record<string, { default?: string }>
}

export interface CorpusCase {
  name: string
  chart: string
  values?: string
  set?: string[]
  setJson?: string[]
  /** The `kube-version` input, and `--kube-version` of helm template. */
  kubeVersion?: string
  /** Both Helm and the action refuse the inputs, and both say this. */
  refuses?: RegExp
  /** Kinds/names the render must hold (proves the case reaches the branch it is about). */
  renders?: string[]
  /** Kinds/names the render must not hold. */
  omits?: string[]
}

const platform = 'platform'
const webapp = 'webapp'
const shop = 'shop'
const operator = 'operator'
const configkit = 'configkit'

const cases: CorpusCase[] = [
  // ---------------------------------------------------------------- platform
  { name: 'defaults', chart: platform },
  {
    name: 'an aliased subchart enabled by a condition list',
    chart: platform,
    set: ['api-canary.enabled=true', 'api-canary.replicas=2']
  },
  { name: 'a subchart disabled by its tag', chart: platform, set: ['tags.cache=false'] },
  {
    name: 'a condition turns a subchart and its alias off',
    chart: platform,
    set: ['api.enabled=false', 'api-canary.enabled=true']
  },
  {
    name: 'globals and import-values overridden by the user',
    chart: platform,
    values:
      'global:\n  imageRegistry: mirror.example.com\n  labels:\n    team: web\n    tier: front\ncacheConnection:\n  url: redis://elsewhere:6379\n',
    setJson: ['image={"repository":"platform/web2","tag":"9.9.9"}']
  },
  { name: 'hooks off', chart: platform, set: ['hooks.migrate=false'] },
  {
    name: 'a subchart schema refuses a value',
    chart: platform,
    set: ['api.replicas=-1'],
    refuses: /replicas/
  },
  {
    name: 'an aliased subchart is checked against its schema too',
    chart: platform,
    set: ['api-canary.enabled=true', 'api-canary.track=beta'],
    refuses: /track/
  },
  // ---------------------------------------------------------------- webapp
  {
    name: 'webapp defaults: Deployment, Service, PDB, ServiceAccount and RBAC from the library chart',
    chart: webapp,
    renders: [
      'Deployment/corpus-webapp',
      'PodDisruptionBudget/corpus-webapp',
      'RoleBinding/corpus-webapp'
    ],
    omits: ['Ingress/corpus-webapp', 'HorizontalPodAutoscaler/corpus-webapp']
  },
  {
    name: 'webapp with ingress and TLS, extra hosts, HPA (no replicas) and a NetworkPolicy',
    chart: webapp,
    set: [
      'ingress.enabled=true',
      'ingress.tls=true',
      'autoscaling.enabled=true',
      'autoscaling.targetMemory=80',
      'networkPolicy.enabled=true',
      'networkPolicy.allowExternal=false'
    ],
    setJson: ['ingress.extraHosts=[{"name":"alt.example.com","path":"/alt"}]'],
    renders: [
      'Ingress/corpus-webapp',
      'HorizontalPodAutoscaler/corpus-webapp',
      'NetworkPolicy/corpus-webapp'
    ]
  },
  {
    name: 'webapp extra env, volumes, sidecars and labels that hold templates',
    chart: webapp,
    values: [
      'commonLabels:',
      '  team: "{{ .Release.Namespace }}-web"',
      'podAnnotations:',
      '  prometheus.io/scrape: "true"',
      'extraEnvVars:',
      '  - name: RELEASE',
      '    value: "{{ .Release.Name }}"',
      '  - name: FROM_SECRET',
      '    valueFrom:',
      '      secretKeyRef: { name: creds, key: token }',
      'extraVolumes:',
      '  - name: cache',
      '    emptyDir: { sizeLimit: 64Mi }',
      'extraVolumeMounts:',
      '  - { name: cache, mountPath: /cache }',
      'sidecars:',
      '  - name: proxy',
      '    image: "docker.io/example/proxy:{{ .Chart.AppVersion }}"',
      'global:',
      '  imageRegistry: mirror.example.com',
      '  imagePullSecrets: [regcred]',
      'image:',
      '  pullSecrets: [regcred, other]',
      ''
    ].join('\n'),
    set: ['resourcesPreset=small', 'podAntiAffinityPreset=hard', 'fullnameOverride=storefront']
  },
  {
    name: 'webapp image by digest, explicit resources over the preset',
    chart: webapp,
    set: ['image.digest=sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef'],
    setJson: ['resources={"requests":{"cpu":"1","memory":"1Gi"}}']
  },
  {
    name: 'webapp on Kubernetes 1.22 picks the older HPA API',
    chart: webapp,
    kubeVersion: '1.22',
    set: ['autoscaling.enabled=true']
  },
  {
    name: 'webapp schema refuses a port out of range',
    chart: webapp,
    set: ['service.port=70000'],
    refuses: /port/
  },
  {
    name: 'webapp schema refuses an extra env var without a name',
    chart: webapp,
    setJson: ['extraEnvVars=[{"value":"x"}]'],
    refuses: /name/
  },
  // ---------------------------------------------------------------- shop (umbrella)
  {
    name: 'shop defaults: tags, a condition over a tag, import-values in both forms, nested and packaged subcharts',
    chart: shop,
    renders: [
      'Deployment/corpus-orders-worker',
      'Deployment/corpus-metrics',
      'StatefulSet/corpus-database',
      'CronJob/corpus-backup'
    ],
    omits: ['Deployment/corpus-mail-worker']
  },
  {
    name: 'shop: a condition turns one alias on while the tag turns the other off',
    chart: shop,
    set: ['tags.backend=false', 'mail-worker.enabled=true'],
    renders: ['Deployment/corpus-mail-worker'],
    omits: ['Deployment/corpus-orders-worker']
  },
  {
    name: 'shop: the first condition of a list that holds a boolean decides',
    chart: shop,
    set: ['global.database.enabled=false'],
    renders: ['StatefulSet/corpus-database']
  },
  {
    name: 'shop: a disabled subchart takes its nested subchart and its imported values along',
    chart: shop,
    set: ['database.enabled=false', 'tags.observability=false'],
    omits: ['StatefulSet/corpus-database', 'CronJob/corpus-backup', 'Deployment/corpus-metrics']
  },
  {
    name: 'shop: globals and subchart values from a values file, tpl in a subchart',
    chart: shop,
    values: [
      'global:',
      '  imageRegistry: mirror.example.com',
      '  environment: staging',
      'storefront:',
      '  title: "{{ .Release.Name }} in {{ .Values.global.environment }}"',
      'database:',
      '  auth: { password: given }',
      '  backup: { schedule: "0 1 * * 0" }',
      ''
    ].join('\n')
  },
  {
    name: 'shop: a subchart schema refuses a global',
    chart: shop,
    set: ['global.environment=prod'],
    refuses: /environment/
  },
  {
    name: 'shop: a subchart schema with $defs refuses a value',
    chart: shop,
    set: ['storefront.service.port=0'],
    refuses: /port/
  },
  {
    name: 'shop: required in an aliased subchart refuses an empty queue',
    chart: shop,
    set: ['orders-worker.queue='],
    refuses: /orders-worker\.queue is required/
  },
  // ---------------------------------------------------------------- gizmo-operator
  {
    name: 'operator defaults: custom resources left out offline, hooks and tests kept',
    chart: operator,
    renders: ['ClusterRole/corpus-gizmo-operator-corpus-ns', 'Job/corpus-gizmo-operator-register'],
    omits: ['Gizmo/starter']
  },
  {
    name: 'operator without hooks, tests or leader election, watching other namespaces',
    chart: operator,
    set: [
      'hooks.preflight=false',
      'hooks.register=false',
      'tests.enabled=false',
      'leaderElection=false',
      'watchNamespaces={team-a,team-b}'
    ],
    omits: ['Job/corpus-gizmo-operator-register', 'Role/corpus-gizmo-operator-leader-election']
  },
  {
    name: 'operator refuses a Kubernetes older than its kubeVersion',
    chart: operator,
    kubeVersion: '1.24',
    refuses: /kubeVersion|compatible/
  },
  // ---------------------------------------------------------------- configkit
  {
    name: 'configkit defaults: files, globs, lines, tpl and an offline lookup',
    chart: configkit,
    renders: [
      'ConfigMap/corpus-configkit-conf-d',
      'Secret/corpus-configkit-certs',
      'Secret/corpus-configkit-token'
    ]
  },
  {
    name: 'configkit replicated with an existing secret and extra templated files',
    chart: configkit,
    set: ['mode=replicated', 'replicaCount=3', 'existingSecret=shared-token', 'tenant=globex'],
    setJson: ['extraFiles={"owner.txt":"{{ .Values.tenant }} via {{ .Release.Name }}"}'],
    omits: ['Secret/corpus-configkit-token']
  },
  {
    name: 'configkit: required refuses an empty tenant',
    chart: configkit,
    set: ['tenant='],
    refuses: /tenant is required/
  },
  {
    name: 'configkit: fail refuses an unknown mode',
    chart: configkit,
    set: ['mode=cluster'],
    refuses: /mode "cluster" is not supported/
  },
  {
    name: 'configkit: fail refuses a replica count the mode cannot run',
    chart: configkit,
    set: ['mode=replicated'],
    refuses: /needs replicaCount of 3 or more, got 1/
  }
]

const runnerInputs =
  (given: Record<string, string>) =>
  (name: string): string => {
    if (name in given) return given[name]
    const dflt = actionYml.inputs[name]?.default ?? ''
    return dflt.includes('${{') ? '' : dflt
  }

const sessions: Session[] = []
afterAll(() => sessions.forEach((s) => s.temp.removeAll()))

function inputsOf(c: CorpusCase): Record<string, string> {
  const inputs: Record<string, string> = {
    mode: 'validate',
    release: 'corpus',
    namespace: 'corpus-ns',
    chart: relative(ROOT, join(CORPUS, c.chart))
  }
  if (c.values) inputs.values = c.values
  if (c.set) inputs.set = c.set.join('\n')
  if (c.setJson) inputs['set-json'] = c.setJson.join('\n')
  if (c.kubeVersion) inputs['kube-version'] = c.kubeVersion
  return inputs
}

interface HelmTemplate {
  ok: boolean
  manifest: string
  stderr: string
}

async function helmTemplate(
  binary: string,
  c: CorpusCase,
  valuesFile?: string
): Promise<HelmTemplate> {
  const args = ['template', 'corpus', join(CORPUS, c.chart), '--namespace', 'corpus-ns']
  if (valuesFile) args.push('--values', valuesFile)
  for (const s of c.setJson ?? []) args.push('--set-json', s)
  for (const s of c.set ?? []) args.push('--set', s)
  if (c.kubeVersion) args.push('--kube-version', c.kubeVersion)
  try {
    const r = await run(binary, args, { maxBuffer: 16 << 20 })
    return { ok: true, manifest: r.stdout, stderr: r.stderr }
  } catch (e) {
    return { ok: false, manifest: '', stderr: String((e as { stderr?: string }).stderr ?? e) }
  }
}

/**
 * What the action makes of the inputs before any cluster call: the values check's errors, or,
 * when the values pass, the render (a `required` or `fail` in a template refuses there).
 */
async function actionVerdict(
  session: Session
): Promise<{ refused: string } | { rendered: Rendered }> {
  const checked = await checkValues(session)
  expect(checked.checked).toBe(true)
  const errors = checked.annotations.filter((a) => a.level === 'error')
  if (errors.length > 0) return { refused: errors.map((e) => e.message).join('\n') }
  try {
    return { rendered: await render(session) }
  } catch (e) {
    return { refused: (e as Error).message }
  }
}

const keysOf = (r: Rendered): string[] => r.objects.map((o) => `${o.kind}/${o.name}`)

describe.each(HELM_MAJORS)('the action and helm %i template agree', (major) => {
  it.each(cases.map((c) => [c.name, c] as const))('%s', async (_name, c) => {
    const process = { cwd: globalThis.process.cwd() }
    globalThis.process.chdir(ROOT)
    try {
      const config = readConfig(runnerInputs(inputsOf(c)))
      const session = await openSession(config, {
        runner: createProcessRunner(() => undefined),
        log: () => undefined,
        mask: () => undefined,
        helmBinary: async () => helmBinary(major)
      })
      sessions.push(session)
      const helm = await helmTemplate(helmBinary(major), c, session.inlineValuesFile)
      const action = await actionVerdict(session)
      if (c.refuses) {
        // Both refuse, for the reason the case is about.
        expect(helm.ok).toBe(false)
        expect(helm.stderr).toMatch(c.refuses)
        expect('refused' in action && action.refused).toMatch(c.refuses)
        return
      }
      expect(helm.stderr).not.toMatch(/^Error/m)
      expect(helm.ok).toBe(true)
      if ('refused' in action)
        throw new Error(`the action refused what Helm renders: ${action.refused}`)
      expect(action.rendered.manifest).toBe(helm.manifest)
      expect(action.rendered.objects.length).toBeGreaterThan(3)
      expect(keysOf(action.rendered)).toEqual(expect.arrayContaining(c.renders ?? []))
      for (const absent of c.omits ?? []) expect(keysOf(action.rendered)).not.toContain(absent)
    } finally {
      globalThis.process.chdir(process.cwd)
    }
  })
})
