import { readFileSync } from 'node:fs'
import { describe, expect, it } from '@jest/globals'
import {
  BUNDLED_KUBE_VERSIONS,
  definitionsClosure,
  KubeSchemas,
  pickKubeVersion
} from '../../src/checks/kube-schema.js'
import { parseManifests } from '../../src/render/manifests.js'

const rendered = parseManifests(
  readFileSync(new URL('../../__fixtures__/goatflow-rendered.yaml', import.meta.url), 'utf8')
)

const broken = parseManifests(`# Source: app/templates/deployment.yaml
apiVersion: apps/v1
kind: Deployment
metadata: {name: web}
spec:
  replica: 3
  replicas: "two"
  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: web}}
    spec:
      containers:
      - name: web
        image: nginx:1.27
        imagePullPolicy: Sometimes
        ports: [{containerPort: "http"}]
        resources: {limits: {cpu: 1, memory: 512Mi}}
---
apiVersion: monitoring.coreos.com/v1
kind: ServiceMonitor
metadata: {name: web}
spec: {}
`)

describe('Kubernetes schema check of rendered manifests', () => {
  it('bundles several Kubernetes minors', () => {
    expect(BUNDLED_KUBE_VERSIONS.length).toBeGreaterThanOrEqual(3)
  })

  it.each(BUNDLED_KUBE_VERSIONS)('accepts the example chart against Kubernetes %s', async (v) => {
    expect((await KubeSchemas.load(v)).check(rendered)).toEqual({ problems: [], unchecked: [] })
  })

  it('reports unknown fields, wrong types and bad enum values with their paths, and skips CRDs', async () => {
    const { problems, unchecked } = (await KubeSchemas.load('1.35')).check(broken)
    const messages = problems.map((p) => p.message)
    expect(messages).toEqual(
      expect.arrayContaining([
        'spec: unknown field "replica"',
        'spec.replicas: must be integer',
        'spec.template.spec.containers[0].imagePullPolicy: must be one of "Always", "IfNotPresent", "Never"',
        'spec.template.spec.containers[0].ports[0].containerPort: must be integer'
      ])
    )
    expect(
      problems.every(
        (p) => p.object === 'Deployment/web' && p.source === 'app/templates/deployment.yaml'
      )
    ).toBe(true)
    expect(messages.some((m) => m.includes('resources'))).toBe(false)
    expect(unchecked).toEqual(['monitoring.coreos.com/v1/ServiceMonitor'])
  })

  it.each([
    [
      'a Service port that is neither a number nor a name',
      'apiVersion: v1\nkind: Service\nmetadata: {name: s}\nspec: {ports: [{port: 80, targetPort: true}]}',
      ['spec.ports[0].targetPort: must be integer or string']
    ],
    [
      'a container without its required name',
      'apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec: {containers: [{image: "busybox:1.37"}]}',
      ['spec.containers[0]: missing required field "name"']
    ],
    [
      'an unknown top-level field',
      'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c}\ndatas: {a: b}',
      ['(top level): unknown field "datas"']
    ],
    [
      'an annotation value that YAML reads as a number',
      'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c, annotations: {checksum/config: 1234, "a~b": 5}}',
      [
        'metadata.annotations.checksum/config: must be string',
        'metadata.annotations.a~b: must be string'
      ]
    ],
    [
      'unknown fields whose names need escaping',
      'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c}\n"we/ird": 1\n"50% #1": 2',
      ['(top level): unknown field "we/ird"', '(top level): unknown field "50% #1"']
    ],
    [
      'null fields, which the API server ignores',
      'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c, labels: null}\ndata: null',
      []
    ],
    [
      'a Quantity given as a number',
      'apiVersion: v1\nkind: LimitRange\nmetadata: {name: l}\nspec: {limits: [{type: Container, max: {cpu: 2, memory: 1Gi}}]}',
      []
    ]
  ])('reports %s', async (_what, manifest, expected) => {
    const { problems } = (await KubeSchemas.load('1.35')).check(parseManifests(manifest))
    expect(problems.map((p) => p.message)).toEqual(expected)
  })

  it('converts only the definitions the rendered kinds need', async () => {
    const bundle = (await import('../../schemas/kubernetes/1.35.json', { with: { type: 'json' } }))
      .default as { definitions: Record<string, Record<string, unknown>> }
    const needed = definitionsClosure(bundle.definitions, ['io.k8s.api.apps.v1.Deployment'])
    expect(needed).toContain('io.k8s.api.core.v1.PodSpec')
    expect(needed).toContain('io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta')
    expect(needed).not.toContain('io.k8s.api.networking.v1.Ingress')
    expect(needed.size).toBeLessThan(Object.keys(bundle.definitions).length / 2)
  })

  it('knows which APIs a version serves', async () => {
    const claim = parseManifests(
      'apiVersion: resource.k8s.io/v1\nkind: ResourceClaim\nmetadata: {name: gpu}\nspec: {devices: {}}\n'
    )
    expect((await KubeSchemas.load('1.35')).check(claim).unchecked).toEqual([])
    expect((await KubeSchemas.load('1.32')).check(claim).unchecked).toEqual([
      'resource.k8s.io/v1/ResourceClaim'
    ])
  })

  it.each([
    [undefined, BUNDLED_KUBE_VERSIONS.at(-1), false],
    ['1.33', '1.33', false],
    ['1.40', BUNDLED_KUBE_VERSIONS.at(-1), true],
    ['1.20', BUNDLED_KUBE_VERSIONS[0], true]
  ])('picks schemas for requested version %s: %s', (requested, version, noted) => {
    const p = pickKubeVersion(requested)
    expect(p.version).toBe(version)
    expect(p.note !== undefined).toBe(noted)
  })
})
