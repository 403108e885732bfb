import { readFileSync } from 'node:fs'
import { describe, expect, it } from '@jest/globals'
import { KubeSchemas } from '../../src/checks/kube-schema.js'
import { parseManifests } from '../../src/render/manifests.js'
import { groupSafetyFindings, isTestHook, safetyFindings } from '../../src/checks/safety.js'
import {
  FINDINGS_SHOWN,
  renderValidateSummary,
  type ValidateReport
} from '../../src/report/validate-summary.js'
import type { Session } from '../../src/run/session.js'
import { newPreflight, objectsByKind, setKeys, validateReport } from '../../src/checks/preflight.js'

// `helm template platform test/charts/big --namespace shop` (Helm 3.22): 130 objects from four
// subcharts built on a library chart, with CRDs, custom resources, hooks and a test pod per service.
const big = parseManifests(
  readFileSync(new URL('../../__fixtures__/big-rendered.yaml', import.meta.url), 'utf8')
)

const passing: ValidateReport = {
  release: 'platform',
  namespace: 'shop',
  chart: 'test/charts/big',
  helmVersion: 'v3.22.0',
  valuesFiles: ['deploy/values-prod.yaml', 'input "values"'],
  setKeys: ['global.imageRegistry', 'orders.components.api.image.tag'],
  checks: [
    {
      name: 'Values',
      outcome: 'passed',
      detail: 'merged as Helm v3.22.0 merges them; checked against 5 values.schema.json file(s)'
    },
    { name: 'helm lint', outcome: 'passed', detail: '0 error(s), 0 warning(s)' },
    { name: 'helm template', outcome: 'passed', detail: '130 object(s), 15 image(s)' },
    {
      name: 'Kubernetes 1.35 API schemas',
      outcome: 'passed',
      detail: '0 problem(s); 2 custom kind(s) not checked'
    },
    { name: 'Deploy safety', outcome: 'passed', detail: '1 warning(s)' }
  ],
  findings: [
    {
      severity: 'info',
      check: 'Kubernetes 1.35 API',
      message:
        'Not in the Kubernetes 1.35 schemas (custom resources?): platform.example.com/v1/FeatureFlag, platform.example.com/v1/RateLimit'
    },
    {
      severity: 'warning',
      check: 'deploy safety',
      where: '12 helm test hook(s)',
      message:
        'no resource requests (12), no resource limits (12): Pod/platform-catalog-api-test, …'
    }
  ],
  objects: objectsByKind(big),
  hooks: 16,
  durationSeconds: 0.4
}

const failing: ValidateReport = {
  ...passing,
  namespace: undefined,
  valuesFiles: [],
  setKeys: [],
  checks: [
    { name: 'Values', outcome: 'failed', detail: 'merged as Helm v4.3.1 merges them; 2 error(s)' },
    { name: 'helm lint', outcome: 'not run', detail: 'the values failed' }
  ],
  findings: [
    {
      severity: 'error',
      check: 'values',
      where: 'deploy/values-prod.yaml:12',
      message: 'catalog.components.api.port: must be <= 65535'
    },
    {
      severity: 'error',
      check: 'values',
      message:
        '--set payments.components.api.replicas=three: must be integer | not a string\nsee the schema'
    },
    {
      severity: 'warning',
      check: 'values',
      where: 'values.yaml:3',
      message: 'duplicate key "host"'
    }
  ],
  objects: [],
  hooks: 0,
  helmVersion: 'v4.3.1'
}

describe('validate job summary', () => {
  it('renders a chart that passed every check', () => {
    expect(renderValidateSummary(passing)).toMatchSnapshot()
  })

  it('renders values that failed, with lint not run and no objects', () => {
    expect(renderValidateSummary(failing)).toMatchSnapshot()
  })

  it('lists errors before warnings, and keeps table cells intact', () => {
    const text = renderValidateSummary(failing)
    expect(text.indexOf('must be <= 65535')).toBeLessThan(text.indexOf('duplicate key'))
    expect(text).toContain('must be integer \\| not a string<br>see the schema')
  })

  it('counts the findings past the first fifty of a severity instead of listing them', () => {
    const many: ValidateReport = {
      ...failing,
      findings: Array.from({ length: FINDINGS_SHOWN + 7 }, (_, i) => ({
        severity: 'warning' as const,
        check: 'deploy safety',
        message: `finding ${i}`
      }))
    }
    const text = renderValidateSummary(many)
    expect(text).toContain(`finding ${FINDINGS_SHOWN - 1}`)
    expect(text).not.toContain(`finding ${FINDINGS_SHOWN}|`)
    expect(text).toContain('…and 7 more (see the log)')
  })
})

describe('deploy-safety findings of helm test hooks', () => {
  const findings = safetyFindings(big)

  it('finds the test pods the chart ships without resources', () => {
    const tests = big.filter(isTestHook)
    expect(tests).toHaveLength(12)
    expect(findings.filter((f) => f.testHook)).toHaveLength(24)
  })

  it('folds them into one finding that names every test hook', () => {
    const grouped = groupSafetyFindings(findings)
    const testFindings = grouped.filter((f) => f.testHook)
    expect(testFindings).toHaveLength(1)
    expect(testFindings[0].object).toBe('12 helm test hook(s)')
    expect(testFindings[0].message).toMatch(
      /^no resource requests \(12\), no resource limits \(12\): Pod\/platform-catalog-api-test, .* and 7 more$/
    )
    expect(grouped.filter((f) => !f.testHook)).toEqual(findings.filter((f) => !f.testHook))
  })

  it.each([
    ['test', true],
    ['test-success', true],
    ['pre-install,test', true],
    ['pre-install,pre-upgrade', false],
    [undefined, false]
  ])('treats helm.sh/hook %s as a test hook: %s', (hook, expected) => {
    const [o] = parseManifests(
      `apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\n${hook ? `  annotations: {helm.sh/hook: "${hook}"}\n` : ''}spec: {containers: [{name: c, image: "busybox:1.37"}]}\n`
    )
    expect(isTestHook(o)).toBe(expected)
  })

  it('keeps a lone test-hook finding as it is', () => {
    const one = [{ object: 'Pod/t', message: 'container c: no resource limits', testHook: true }]
    expect(groupSafetyFindings(one)).toEqual(one)
  })
})

describe('the big test chart', () => {
  it('renders 100+ objects, valid against the Kubernetes API but for its custom resources', async () => {
    expect(big.length).toBeGreaterThanOrEqual(100)
    const { problems, unchecked } = (await KubeSchemas.load('1.35')).check(big)
    expect(problems).toEqual([])
    expect(unchecked.sort()).toEqual([
      'platform.example.com/v1/FeatureFlag',
      'platform.example.com/v1/RateLimit'
    ])
  })
})

describe('keys of --set flags in the summary', () => {
  it.each([
    [{ set: ['a.b=1'], setString: [], setJson: [] }, ['a.b']],
    [{ set: ['a=1,b.c=two'], setString: ['d=3'], setJson: [] }, ['a', 'b.c', 'd']],
    [{ set: ['list={x\\,y}'], setString: [], setJson: [] }, ['list']],
    [{ set: [], setString: [], setJson: ['cfg={"a":1,"b":[2,3]}'] }, ['cfg']],
    [{ set: ['db.password=s3cr3t'], setString: [], setJson: [] }, ['db.password']]
  ])('%j → %j', (values, keys) => {
    expect(setKeys(values)).toEqual(keys)
  })
})

describe('the summary data of a run', () => {
  const session = {
    config: {
      release: 'hello',
      chart: { kind: 'oci', ref: 'oci://registry.example.com/charts/hello' },
      chartVersion: '~1.1',
      set: ['db.password=s3cr3t-value'],
      setString: [],
      setJson: []
    },
    // A registry chart is checked from the copy helm pulled.
    chart: { ref: '/runner/temp/abc/chart/hello' },
    helm: { version: 'v4.3.1' },
    values: { files: [], set: ['db.password=s3cr3t-value'], setString: [], setJson: [] }
  } as unknown as Session

  it('names the chart as the inputs do, with chart-version', () => {
    const r = validateReport(session, newPreflight(), 0.42)
    expect(r.chart).toBe('oci://registry.example.com/charts/hello')
    expect(r.chartVersion).toBe('~1.1')
    expect(r.setKeys).toEqual(['db.password'])
    expect(r.durationSeconds).toBe(0.4)
  })

  it('masks credential-looking --set values wherever a finding quotes them', () => {
    const p = newPreflight()
    p.findings.push({
      severity: 'error',
      check: 'helm template',
      message: 'template: hello/templates/secret.yaml: bad password "s3cr3t-value"'
    })
    const r = validateReport(session, p, 1)
    expect(r.findings[0].message).toBe('template: hello/templates/secret.yaml: bad password "***"')
    expect(renderValidateSummary(r)).not.toContain('s3cr3t-value')
  })
})
