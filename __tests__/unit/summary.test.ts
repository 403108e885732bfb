import { describe, expect, it } from '@jest/globals'
import type { DeployResult } from '../../src/deploy/deploy.js'
import type { PlanResult } from '../../src/plan/plan.js'
import { diffManifests } from '../../src/plan/diff.js'
import { parseManifests } from '../../src/render/manifests.js'
import { renderPlan } from '../../src/report/plan-summary.js'
import { renderDeploySummary } from '../../src/report/summary.js'

const healthy: DeployResult = {
  ok: true,
  release: 'goatflow',
  namespace: 'production',
  revision: 8,
  previousRevision: 7,
  attemptedRevision: 8,
  chartBefore: 'goatflow-0.6.4',
  chartAfter: 'goatflow-0.6.5',
  imagesBefore: ['ghcr.io/goatflow/goatflow:0.6.4', 'valkey/valkey:8.0'],
  imagesAfter: ['ghcr.io/goatflow/goatflow:0.6.5', 'valkey/valkey:8.0'],
  changed: true,
  warnings: [
    'Deployment/goatflow-worker is paused: nothing of it was rolled out (resume it with kubectl rollout resume to roll it out)'
  ],
  progress: [
    {
      workload: 'Deployment/goatflow-backend',
      ready: 3,
      desired: 3,
      complete: true,
      readySeconds: 14.2
    },
    { workload: 'StatefulSet/goatflow-db', ready: 1, desired: 1, complete: true, readySeconds: 0 }
  ],
  failures: [],
  health: [
    {
      url: 'https://goatflow.example.com/ready',
      ok: true,
      status: 200,
      attempts: 2,
      detail: 'answered 200'
    }
  ],
  durationSeconds: 21.4
}

const rolledBack: DeployResult = {
  ...healthy,
  ok: false,
  revision: 10,
  attemptedRevision: 9,
  chartAfter: 'goatflow-0.6.4',
  imagesAfter: healthy.imagesBefore,
  progress: [
    {
      workload: 'Deployment/goatflow-backend',
      ready: 2,
      desired: 3,
      complete: false,
      note: 'goatflow-backend-7d9c: CrashLoopBackOff'
    }
  ],
  failures: [
    {
      workload: 'Deployment/goatflow-backend',
      pod: 'goatflow-backend-7d9c-x2x4q',
      container: 'backend',
      reason: 'CrashLoopBackOff',
      message: 'back-off 10s restarting failed container=backend',
      lastState: 'exit code 1 (Error): panic: DB_HOST | is | empty',
      restarts: 2,
      rule: 'crash-loop',
      evidence: 'crashed again after its back-off: 2 restart(s), 1 allowed per replica'
    }
  ],
  error: 'Deployment/goatflow-backend, pod goatflow-backend-7d9c-x2x4q: CrashLoopBackOff',
  health: [],
  detectionSeconds: 4.1,
  rollback: {
    toRevision: 7,
    revision: 10,
    healthy: true,
    uninstalled: false,
    detail: 'revision 7 restored and healthy',
    durationSeconds: 3.2
  }
}

const firstInstallFailed: DeployResult = {
  ...rolledBack,
  previousRevision: undefined,
  revision: undefined,
  chartBefore: undefined,
  chartAfter: undefined,
  imagesBefore: [],
  imagesAfter: [],
  failures: [],
  error:
    'helm upgrade failed (exit 1): Error: INSTALLATION FAILED: pre-install hooks failed: job failed: BackoffLimitExceeded',
  rollback: {
    healthy: true,
    uninstalled: true,
    detail: 'failed first install uninstalled',
    durationSeconds: 1.1
  }
}

describe('job summary', () => {
  it.each([
    ['a healthy upgrade', healthy],
    ['a rollout rolled back', rolledBack],
    ['a failed first install', firstInstallFailed]
  ])('renders %s', (_name, result) => {
    expect(renderDeploySummary(result)).toMatchSnapshot()
  })

  it('keeps table cells intact when messages hold pipes and newlines', () => {
    const md = renderDeploySummary({
      ...rolledBack,
      progress: [
        { workload: 'Deployment/x', ready: 0, desired: 1, complete: false, note: 'a | b\nc' }
      ]
    })
    expect(md).toContain('a \\| b<br>c')
  })
})

describe('plan summary', () => {
  const live = parseManifests(
    'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: cfg}\ndata: {MODE: fast}\n---\napiVersion: v1\nkind: Secret\nmetadata: {name: db}\ndata: {password: b2xk}\n'
  )
  const next = parseManifests(
    'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: cfg}\ndata: {MODE: safe}\n---\napiVersion: v1\nkind: Secret\nmetadata: {name: db}\ndata: {password: bmV3}\n---\napiVersion: v1\nkind: Service\nmetadata: {name: web}\nspec: {ports: [{port: 80}]}\n'
  )
  const plan: PlanResult = {
    release: 'goatflow',
    namespace: 'staging',
    exists: true,
    liveRevision: 4,
    source: 'server dry-run',
    imagesBefore: [],
    imagesAfter: [],
    diff: diffManifests(live, next, 'staging'),
    notes: []
  }

  it('renders the head and one collapsible diff per changed object', () => {
    const { head, details } = renderPlan(plan)
    expect(head).toMatchSnapshot()
    expect(details).toHaveLength(3)
    expect(details.join('\n')).toMatchSnapshot()
    expect(details.join('\n')).not.toMatch(/b2xk|bmV3/)
  })

  it('says so when nothing changes', () => {
    expect(renderPlan({ ...plan, diff: diffManifests(live, live, 'staging') }).head).toMatch(
      /No changes/
    )
  })
})
