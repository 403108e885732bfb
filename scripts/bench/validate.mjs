// mode: validate against `helm lint` with the same values, on the example chart and on the
// 130-object test chart; no cluster. Also process start → first helm call, from outside.
import {
  action,
  charts,
  figure,
  helm,
  helmPair,
  nodeThenHelmPair,
  majors,
  median,
  medianOf,
  row,
  runs
} from './lib.mjs'

export const needsCluster = false

const cases = [
  {
    name: 'example chart',
    chart: charts.example,
    values: [`${charts.example}/values-postgresql.yaml`],
    set: ['backend.autoscaling.enabled=true'],
    target: 2.0
  },
  { name: '130-object chart', chart: charts.big, values: [], set: [], target: 1.3 }
]

export async function benchValidate() {
  for (const c of cases)
    for (const major of majors) {
      const inputs = {
        mode: 'validate',
        release: 'bench',
        chart: c.chart,
        'values-files': c.values.join('\n'),
        set: c.set.join('\n')
      }
      const valueArgs = [
        ...c.values.flatMap((f) => ['--values', f]),
        ...c.set.flatMap((s) => ['--set', s])
      ]
      const lintArgs = ['lint', c.chart, ...valueArgs]
      const templateArgs = ['template', 'bench', c.chart, ...valueArgs]
      const ours = []
      const raw = []
      const pair = []
      const nodePair = []
      // Interleaved, so that a busy moment of the machine costs both sides alike.
      for (let i = 0; i < runs; i++) {
        const r = action(major, inputs)
        if (r.status !== 0) throw new Error(`validate failed on ${c.chart}:\n${r.stdout}`)
        ours.push(r)
        raw.push(helm(major, lintArgs))
        pair.push(await helmPair(major, lintArgs, templateArgs))
        nodePair.push(nodeThenHelmPair(major, lintArgs, templateArgs))
      }
      row(`Helm ${major}: validate ÷ helm lint, ${c.name}`, medianOf(ours), medianOf(raw), {
        target: c.target
      })
      // The floor: the two helm checks the action runs, side by side, with nothing around them.
      row(
        `Helm ${major}: helm lint ‖ helm template alone ÷ helm lint, ${c.name}`,
        medianOf(pair),
        medianOf(raw),
        { note: 'no action: the floor of the row above' }
      )
      row(
        `Helm ${major}: node start, then helm lint ‖ helm template ÷ helm lint, ${c.name}`,
        medianOf(nodePair),
        medianOf(raw),
        { note: 'a Node.js process that only starts the two: the floor of any action run by Node' }
      )
    }
  // The shim that notes the first helm call costs a shell start, so these runs are apart.
  for (const major of majors) {
    const first = []
    for (let i = 0; i < runs; i++)
      first.push(
        action(
          major,
          { mode: 'validate', release: 'bench', chart: charts.example },
          { firstCall: true }
        ).firstHelmMs
      )
    figure(`Helm ${major}: process start → first helm call (validate)`, median(first), {
      unit: 'ms',
      target: 200
    })
  }
}
