import { describe, expect, it } from '@jest/globals'
import { readConfig } from '../../src/inputs/inputs.js'
import type { ChartProbe } from '../../src/inputs/parse.js'
import { masksFor } from '../../src/run/session.js'

const fs: ChartProbe = {
  isDirectory: (p) => p === 'charts/app',
  isFile: (p) => p === 'charts/app/Chart.yaml'
}
const config = (inputs: Record<string, string>) =>
  readConfig((n) => ({ release: 'goatflow', chart: 'charts/app', ...inputs })[n] ?? '', fs)
const problems = (inputs: Record<string, string>): string => {
  try {
    config(inputs)
  } catch (e) {
    return (e as Error).message
  }
  throw new Error('no problem reported')
}
const GATE = 'prometheus: http://prom:9090\nqueries: [{name: errors, query: up, success: "< 1"}]'

describe('blue-green and metrics gate inputs', () => {
  it('defaults to the rolling strategy, slot label and value "slot", automatic promotion, no gate', () => {
    expect(config({})).toMatchObject({
      strategy: 'rolling',
      blueGreen: { service: undefined, slotLabel: 'slot', slotValue: 'slot', promotion: 'auto' },
      analysis: undefined
    })
  })

  it('reads a blue-green deploy with a slot URL and a gate', () => {
    const c = config({
      strategy: 'blue-green',
      service: 'goatflow-web',
      'slot-label': 'goatflow.dev/slot',
      'slot-value': 'global.slot',
      promotion: 'manual',
      'health-check-urls': 'https://{{ slot }}.goatflow.example.com/ready 200',
      analysis: GATE
    })
    expect(c.blueGreen).toEqual({
      service: 'goatflow-web',
      slotLabel: 'goatflow.dev/slot',
      slotValue: 'global.slot',
      promotion: 'manual'
    })
    expect(c.healthChecks).toEqual([
      { url: 'https://{{slot}}.goatflow.example.com/ready', expectedStatus: 200 }
    ])
    expect(c.analysis?.queries.map((q) => q.name)).toEqual(['errors'])
  })

  it.each(['promote', 'reject'])('mode %s needs no chart', (mode) => {
    expect(config({ mode, chart: '' }).mode).toBe(mode)
  })

  it('reports every problem of the new inputs at once, with the gate problems named', () => {
    const message = problems({
      strategy: 'canary',
      service: 'Goat_Flow',
      'slot-label': '-bad',
      'slot-value': 'a..b',
      promotion: 'later',
      analysis: 'prometheus: nope\nqueries: []',
      'analysis-token': 'abc'
    })
    expect(message.split('\n')).toEqual([
      '7 invalid inputs, nothing was deployed:',
      '- Input "strategy" "canary": expected rolling or blue-green.',
      '- Input "promotion" "later": expected auto or manual.',
      '- Input "service" "Goat_Flow": must be a Service name: lowercase letters, digits and "-", starting with a letter, at most 63 characters.',
      '- Input "slot-label" "-bad": expected a label key such as slot or goatflow.dev/slot.',
      '- Input "slot-value" "a..b": expected a values key such as slot or global.slot.',
      '- Input "analysis": field "prometheus" "nope" is not a URL; expected http or https://host/path.',
      '- Input "analysis": field "queries" is required: a list of {name, query, success}, for example - {name: error-rate, query: "...", success: "< 0.05"}.'
    ])
  })

  it.each([
    [{ promotion: 'manual' }, 'Input "promotion": manual applies to strategy: blue-green'],
    [
      { service: 'web' },
      'Input "service" "web": the stable Service is switched by strategy: blue-green only'
    ],
    [
      { 'health-check-urls': 'https://{{slot}}.example.com/health' },
      'Input "health-check-urls" "https://{{slot}}.example.com/health": {{slot}}, {{release}} and {{namespace}} are filled in for strategy: blue-green only'
    ],
    [
      { mode: 'rollback', strategy: 'blue-green' },
      'Input "mode": rollback restores a revision of a rolling release; for strategy: blue-green use mode reject'
    ],
    [
      { analysis: GATE, 'analysis-basic-auth': 'nocolon' },
      'Input analysis-basic-auth: expected user:password (the value is not shown).'
    ]
  ])('refuses %j', (inputs, message) => {
    expect(problems(inputs)).toContain(message)
  })

  it('masks the metrics credentials before anything is logged', () => {
    const c = config({ analysis: GATE, 'analysis-token': 'prom-token-123' })
    expect(masksFor(c)).toContain('prom-token-123')
  })
})
