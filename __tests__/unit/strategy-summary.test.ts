import { describe, expect, it } from '@jest/globals'
import type { GateReport } from '../../src/analysis/gate.js'
import { renderGate } from '../../src/analysis/summary.js'
import type { DeployResult } from '../../src/deploy/deploy.js'
import { readConfig } from '../../src/inputs/inputs.js'
import type { Session } from '../../src/run/session.js'
import { slotSession } from '../../src/strategy/blue-green.js'
import {
  blueGreenStatus,
  renderBlueGreenSummary,
  type BlueGreenOutcome
} from '../../src/strategy/summary.js'

const outcome = (o: Partial<BlueGreenOutcome>): BlueGreenOutcome => ({
  mode: 'deploy',
  release: 'goatflow',
  namespace: 'prod',
  service: 'goatflow',
  switches: [],
  gates: [],
  switchedBack: false,
  durationSeconds: 12,
  ...o
})
const deployed = { ok: true, revision: 3 } as DeployResult
const failedSlot = {
  ok: false,
  error: 'crash',
  rollback: { healthy: true, uninstalled: false, revision: 4, detail: '', durationSeconds: 1 }
} as unknown as DeployResult
const sw = (from: 'blue' | 'green' | undefined, to: 'blue' | 'green') => ({
  from,
  to,
  why: 'x',
  created: false,
  seconds: 0.2,
  at: '2026-12-01T18:00:00.000Z'
})

describe('the status output of a blue-green run', () => {
  it.each([
    ['switched', outcome({ deploy: deployed, switches: [sw('blue', 'green')] }), 'deployed'],
    [
      'waiting for promote',
      outcome({ deploy: deployed, candidate: { slot: 'green', revision: 3 } }),
      'verified'
    ],
    [
      'new slot failed and was restored',
      outcome({ deploy: failedSlot, error: 'x' }),
      'rolled-back'
    ],
    [
      'new slot failed on its first install',
      outcome({
        deploy: { ...failedSlot, rollback: { ...failedSlot.rollback!, uninstalled: true } },
        error: 'x'
      }),
      'failed'
    ],
    [
      'switched back after the gate failed',
      outcome({
        switches: [sw('blue', 'green'), sw('green', 'blue')],
        switchedBack: true,
        error: 'gate'
      }),
      'rolled-back'
    ],
    ['promote switched', outcome({ mode: 'promote', switches: [sw('blue', 'green')] }), 'deployed'],
    ['promote refused', outcome({ mode: 'promote', error: 'nothing to promote' }), 'failed'],
    [
      'reject dropped a candidate',
      outcome({ mode: 'reject', discarded: 'uninstalled' }),
      'rejected'
    ],
    [
      'reject switched back',
      outcome({ mode: 'reject', switches: [sw('green', 'blue')] }),
      'rolled-back'
    ]
  ])('%s: %s', (_what, o, status) => {
    expect(blueGreenStatus(o)).toBe(status)
  })
})

describe('the blue-green summary', () => {
  it('shows the slot, the traffic before and after, and each switch', () => {
    const { markdown, headline } = renderBlueGreenSummary(
      outcome({
        slot: 'green',
        liveBefore: 'blue',
        liveAfter: 'green',
        slotsBefore: { green: { revision: 2, status: 'superseded' } },
        switches: [{ ...sw('blue', 'green'), why: 'revision 3 verified in slot green' }]
      })
    )
    expect(headline).toBe('✅ goatflow: traffic switched to slot green')
    expect(markdown).toContain(
      '| Traffic (Service `goatflow`) | slot `blue` (`goatflow-blue`) | slot `green` (`goatflow-green`) |'
    )
    expect(markdown).toContain('| Slot `green` | revision 2 (superseded) | — |')
    expect(markdown).toContain(
      '| 2026-12-01T18:00:00.000Z | blue | green | 0.2s | revision 3 verified in slot green |'
    )
  })

  it('shows every measurement of a gate with its value, and the verdict', () => {
    const report: GateReport = {
      phase: 'after-switch',
      durationSeconds: 2,
      verdict: { kind: 'failed', reason: 'query error-rate failed' },
      queries: [
        {
          name: 'error-rate',
          query: 'q',
          success: { op: '<', threshold: 0.05, text: '< 0.05' },
          measurements: [
            { at: 0, outcome: 'pass', failed: false, values: [{ series: '', value: 0.01 }] },
            {
              at: 1,
              outcome: 'fail',
              failed: true,
              values: [{ series: '{code="500"}', value: 0.4 }]
            }
          ]
        },
        {
          name: 'latency',
          query: 'q',
          success: { op: '<=', threshold: 0.5, text: '<= 0.5' },
          measurements: [
            { at: 0, outcome: 'no-data', failed: false, values: [] },
            { at: 1, outcome: 'unreachable', failed: false, values: [], detail: 'ECONNREFUSED' }
          ]
        }
      ]
    }
    expect(renderGate(report, 'Metrics gate').split('\n')).toEqual([
      '#### Metrics gate: ❌ failed',
      '',
      '| Query | Condition | 0s | 1s |',
      '| --- | --- | --- | --- |',
      '| `error-rate` | `< 0.05` | ✅ 0.01 | ❌ {code="500"} 0.4 |',
      '| `latency` | `<= 0.5` | ∅ no data (passes) | ⚠️ unreachable |',
      '',
      'query error-rate failed (2s)'
    ])
  })
})

describe('the session of one slot', () => {
  const config = readConfig(
    (n) =>
      ({
        release: 'goatflow',
        chart: 'examples/charts/goatflow',
        strategy: 'blue-green',
        'slot-value': 'global.slot',
        set: 'backend.image.tag=0.6.6',
        'health-check-urls': 'https://{{slot}}.goatflow.example.com/ready',
        analysis:
          'prometheus: http://prom:9090\nqueries: [{name: errors, query: \'max(e{slot="{{slot}}",ns="{{namespace}}",r="{{release}}"})\', success: "< 1"}]'
      })[n] ?? ''
  )
  const s = {
    config,
    target: { release: 'goatflow', namespace: 'prod' },
    values: { files: [], set: config.set, setString: [], setJson: [] }
  } as unknown as Session

  it('deploys the slot release with the slot value set, its own URL and its own queries', () => {
    const g = slotSession(s, 'green', 'prod')
    expect(g.config.release).toBe('goatflow-green')
    expect(g.target.release).toBe('goatflow-green')
    expect(g.values.set).toEqual(['backend.image.tag=0.6.6', 'global.slot=green'])
    expect(g.config.healthChecks[0].url).toBe('https://green.goatflow.example.com/ready')
    expect(g.config.analysis?.queries[0].query).toBe('max(e{slot="green",ns="prod",r="goatflow"})')
    // The session it came from is unchanged.
    expect(s.config.healthChecks[0].url).toBe('https://{{slot}}.goatflow.example.com/ready')
  })
})
