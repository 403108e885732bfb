// What the rollout watch follows of a release, read from its manifest.
import { describe, expect, it } from '@jest/globals'
import { workloadsOf } from '../../src/verify/workloads.js'

const manifest = `---
# Source: app/templates/web.yaml
apiVersion: apps/v1
kind: Deployment
metadata: { name: web }
spec:
  selector:
    matchLabels: { app: web }
    matchExpressions: [{ key: tier, operator: In, values: [front] }]
  template: { metadata: { labels: { app: web, tier: front } } }
---
apiVersion: apps/v1
kind: StatefulSet
metadata: { name: db, namespace: data }
spec:
  selector: { matchLabels: { app: db } }
---
apiVersion: batch/v1
kind: Job
metadata: { name: migrate }
spec:
  ttlSecondsAfterFinished: 60
  selector: { matchLabels: { job: migrate } }
---
apiVersion: apps/v1
kind: DaemonSet
metadata: { name: agent }
spec:
  selector: [not, a, selector]
---
apiVersion: cert-manager.io/v1
kind: Certificate
metadata: { name: tls }
spec: { secretName: tls }
`

describe('workloadsOf', () => {
  it("keeps each workload's selector as its manifest gives it, for the watch to start streams by", () => {
    expect(workloadsOf(manifest, 'shop')).toEqual([
      {
        kind: 'Deployment',
        name: 'web',
        namespace: 'shop',
        selector: {
          matchLabels: { app: 'web' },
          matchExpressions: [{ key: 'tier', operator: 'In', values: ['front'] }]
        }
      },
      {
        kind: 'StatefulSet',
        name: 'db',
        namespace: 'data',
        selector: { matchLabels: { app: 'db' } }
      },
      // A Job's pods are found by the selector its controller generates.
      { kind: 'Job', name: 'migrate', namespace: 'shop', ttlSecondsAfterFinished: 60 },
      // A selector that is not an object is no hint.
      { kind: 'DaemonSet', name: 'agent', namespace: 'shop' },
      { kind: 'Certificate', apiVersion: 'cert-manager.io/v1', name: 'tls', namespace: 'shop' }
    ])
  })
})
