// mode: validate of the bundle (ACTION_DIST or dist/) with the real Helm 3 and Helm 4, on the
// 130-object test chart: every check runs, the job summary says what was checked and found, and
// a broken value fails the step before anything is rendered.
import { describe, expect, it } from '@jest/globals'
import { runAction, toolPath } from '../helpers/action.js'
import { HELM_MAJORS } from '../helpers/tools.js'

const BIG = 'test/charts/big'

describe.each(HELM_MAJORS)('mode: validate with Helm %i', (major) => {
  it('checks the 130-object chart and writes a job summary of what was checked', async () => {
    const r = await runAction(
      { mode: 'validate', release: 'platform', namespace: 'shop', chart: BIG },
      { path: toolPath(major) }
    )
    expect(r.stderr).toBe('')
    expect(r.exitCode).toBe(0)
    expect(r.outputs.status).toBe('validated')
    // helm lint and helm template both ran, with the run's values.
    expect(r.stdout).toContain(`$ helm lint ${BIG}`)
    expect(r.stdout).toContain(`$ helm template platform ${BIG} --namespace shop`)
    expect(r.summary).toMatch(
      /^### ✅ Validated `platform` in `shop`: 130 object\(s\), 1 warning\(s\)/
    )
    for (const check of [
      '| Values | ✅ merged as Helm',
      'checked against 5 values.schema.json file(s)',
      '| helm lint | ✅',
      '| helm template | ✅ 130 object(s)',
      '| Kubernetes 1.35 API schemas | ✅ 0 problem(s); 2 custom kind(s) not checked',
      '| Deploy safety | ✅ 1 warning(s)'
    ])
      expect(r.summary).toContain(check)
    // The twelve helm test pods without resources are one warning, not twenty-four.
    expect(r.summary).toContain('`12 helm test hook(s)`')
    expect(r.stdout.match(/^::warning/gm)).toHaveLength(1)
    expect(r.summary).toContain('<summary>130 rendered object(s), 16 of them hooks</summary>')
    expect(r.summary).toContain('| PriorityClass | 2 | `platform-standard`, `platform-batch` |')
  })

  it('fails on a value the schema refuses, says where, and keeps --set values out of the summary', async () => {
    const r = await runAction(
      {
        mode: 'validate',
        release: 'platform',
        chart: BIG,
        set: 'catalog.components.api.port=70000\npayments.providerSecret=s3cr3t-provider'
      },
      { path: toolPath(major) }
    )
    expect(r.exitCode).toBe(1)
    expect(r.outputs.status).toBe('failed')
    expect(r.summary).toMatch(/^### ❌ Validation of `platform` failed: 1 error\(s\)/)
    expect(r.summary).toContain('| helm lint | ⏭️ the values failed |')
    expect(r.summary).toMatch(/\| ❌ \| values \| .*catalog\.components\.api\.port/)
    expect(r.summary).toContain(
      'then `catalog.components.api.port`, `payments.providerSecret` (values not shown)'
    )
    expect(r.summary).not.toContain('s3cr3t-provider')
  })
})
