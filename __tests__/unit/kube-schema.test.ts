import { readFileSync } from 'node:fs'
import { describe, expect, it } from '@jest/globals'
import {
  BUNDLED_KUBE_VERSIONS,
  KubeSchemas,
  pickKubeVersion
} from '../../src/render/kube-schema.js'
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

  it.each(BUNDLED_KUBE_VERSIONS)('accepts the example chart against Kubernetes %s', (v) => {
    expect(new KubeSchemas(v).check(rendered)).toEqual({ problems: [], unchecked: [] })
  })

  it('reports unknown fields, wrong types and bad enum values with their paths, and skips CRDs', () => {
    const { problems, unchecked } = new KubeSchemas('1.35').check(broken)
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

  it('knows which APIs a version serves', () => {
    const claim = parseManifests(
      'apiVersion: resource.k8s.io/v1\nkind: ResourceClaim\nmetadata: {name: gpu}\nspec: {devices: {}}\n'
    )
    expect(new KubeSchemas('1.35').check(claim).unchecked).toEqual([])
    expect(new KubeSchemas('1.32').check(claim).unchecked).toEqual([
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
