// On the local cluster: a healthy upgrade against raw `helm upgrade --install --wait`, a plan of
// the 130-object chart against `helm upgrade --install --dry-run=server` (what raw helm offers
// to preview a change), and a crash-looping or missing image tag until the release is healthy
// again, against helm's own rollback with the same timeout. Also process start → first helm call
// in deploy mode, from outside.
import { readFileSync } from 'node:fs'
import {
  action,
  charts,
  figure,
  freshNamespace,
  helm,
  kubeconfig,
  kubectl,
  majors,
  median,
  medianOf,
  row,
  runs,
  timeout
} from './lib.mjs'

export const needsCluster = true

const wait = (major) => (major === 3 ? ['--wait'] : ['--wait=watcher'])
const rollbackFlags = (major) => (major === 3 ? ['--atomic'] : ['--rollback-on-failure'])

export async function benchDeploy() {
  for (const major of majors) {
    const ns = freshNamespace(`bench-h${major}`)
    const chart = charts.example
    const base = {
      mode: 'deploy',
      release: 'ours',
      namespace: ns,
      chart,
      timeout,
      kubeconfig: readFileSync(kubeconfig, 'utf8'),
      summary: 'false'
    }
    const rawUpgrade = (tag, extra = []) =>
      helm(
        major,
        [
          'upgrade',
          'raw',
          chart,
          '--install',
          '-n',
          ns,
          '--set',
          `backend.image.tag=${tag}`,
          '--timeout',
          timeout,
          ...extra
        ],
        { cluster: true }
      )
    action(major, { ...base, set: 'backend.image.tag=1.0.0' })
    rawUpgrade('1.0.0', wait(major))

    const ours = []
    const raw = []
    for (let i = 1; i <= runs; i++) {
      ours.push(action(major, { ...base, set: `backend.image.tag=1.0.${i}` }))
      raw.push(rawUpgrade(`1.0.${i}`, wait(major)))
    }
    const failed = ours.some((r) => r.status !== 0) || raw.some((r) => r.status !== 0)
    row(
      `Helm ${major}: healthy upgrade ÷ helm upgrade --install ${wait(major)[0]}`,
      medianOf(ours),
      medianOf(raw),
      { target: 1.15, note: failed ? 'a healthy deploy failed: not comparable' : undefined }
    )
    // Apart from the rows above: the shim that notes the first helm call costs a shell start.
    const first = []
    for (let i = 1; i <= runs; i++)
      first.push(
        action(major, { ...base, set: `backend.image.tag=1.1.${i}` }, { firstCall: true })
          .firstHelmMs
      )
    figure(`Helm ${major}: process start → first helm call (deploy)`, median(first), {
      unit: 'ms'
    })

    for (const [what, tag] of [
      ['crash-looping image', 'e2e-crashloop'],
      ['missing image tag', 'e2e-imagenotfound']
    ]) {
      const o = action(major, { ...base, set: `backend.image.tag=${tag}` })
      const r = rawUpgrade(tag, [...rollbackFlags(major), ...wait(major)])
      const ok = /status<<.*\nrolled-back\n/.test(o.outputs)
      row(`Helm ${major}: ${what} → healthy again (timeout ${timeout})`, o, r, {
        note: ok ? undefined : 'the action did not end rolled back'
      })
    }
    kubectl(['delete', 'namespace', ns, '--wait=false'])
  }

  for (const major of majors) await benchPlan(major)
}

/** Plan of a change to the 130-object chart, installed first by raw helm. */
async function benchPlan(major) {
  const ns = freshNamespace(`bench-plan-h${major}`)
  const release = `plan${major}`
  const installed = helm(
    major,
    ['upgrade', release, charts.big, '--install', '-n', ns, '--timeout', timeout],
    { cluster: true }
  )
  if (installed.status !== 0) throw new Error(`installing ${charts.big}: ${installed.stderr}`)
  const change = 'orders.components.api.image.tag=2.4.2'
  const ours = []
  const raw = []
  for (let i = 0; i < runs; i++) {
    const r = action(major, {
      mode: 'plan',
      release,
      namespace: ns,
      chart: charts.big,
      set: change,
      kubeconfig: readFileSync(kubeconfig, 'utf8'),
      summary: 'false'
    })
    if (r.status !== 0) throw new Error(`plan failed:\n${r.stdout}`)
    ours.push(r)
    raw.push(
      helm(
        major,
        [
          'upgrade',
          release,
          charts.big,
          '--install',
          '-n',
          ns,
          '--set',
          change,
          '--dry-run=server'
        ],
        { cluster: true }
      )
    )
  }
  row(
    `Helm ${major}: plan ÷ helm upgrade --dry-run=server, 130-object chart`,
    medianOf(ours),
    medianOf(raw)
  )
  // The chart owns a cluster-wide CRD: the next major's release must not find it taken.
  helm(major, ['uninstall', release, '-n', ns, '--wait'], { cluster: true })
  kubectl(['delete', 'namespace', ns, '--wait=false'])
}
