#!/usr/bin/env node
// A release in a namespace it shares with 2,000 unrelated pods, beside the same release in an
// empty namespace: a healthy upgrade and a crash-loop rollback of examples/charts/goatflow, run
// by the bundled action. Per deploy it reports the wall time, the bytes the action read from the
// API server (counted by a TCP relay between the action and the API server, so helm, kubectl and
// the rollout reads are all counted the same way for any bundle), and how long after the pod
// status change that decides the rollout the action noticed it. Prints; asserts nothing.
//
//   node scripts/bench/big-namespace.mjs      (also run by `npm run bench`)
//   ACTION_DIST=/tmp/x/index.js   the bundle measured (default dist/index.js)
//   BASELINE_DIST=/tmp/y/index.js a second bundle measured first, shown as "before"
//   BENCH_NOISE_PODS=2000         unrelated pods (on extra fake nodes, 250 pods each)
//   BENCH_MAJORS=4                Helm majors (default 4)
//   BENCH_RUNS=1                  repetitions of each deploy (median reported)
import { spawn, spawnSync } from 'node:child_process'
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { createConnection, createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'

const root = join(dirname(fileURLToPath(import.meta.url)), '../..')
const bin = join(root, '.tools/bin')
const kubeconfig = join(root, '.tools/cluster/kubeconfig')
const chart = 'examples/charts/goatflow'
const NOISE_LABEL = 'bench.goatflow.dev/noise'
const PODS_PER_NODE = 250

export const needsCluster = true

const sh = (cmd, args, opts = {}) =>
  spawnSync(cmd, args, { encoding: 'utf8', cwd: root, maxBuffer: 256 << 20, ...opts })
const kubectl = (args, input) =>
  sh(join(bin, 'kubectl'), ['--kubeconfig', kubeconfig, ...args], input ? { input } : {})
const sleep = (ms) => new Promise((r) => setTimeout(r, ms))
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]

/**
 * A TCP relay in front of the API server that counts the bytes flowing back to the client. TLS
 * passes through untouched (the server certificate names 127.0.0.1, as the relay does).
 */
async function countingRelay(server) {
  const target = new URL(server)
  const counter = { bytes: 0 }
  const relay = createServer((client) => {
    const upstream = createConnection(Number(target.port), target.hostname)
    upstream.on('data', (d) => (counter.bytes += d.length))
    client.pipe(upstream).pipe(client)
    const end = () => {
      client.destroy()
      upstream.destroy()
    }
    client.on('error', end)
    upstream.on('error', end)
    client.on('close', end)
    upstream.on('close', end)
  })
  await new Promise((r) => relay.listen(0, '127.0.0.1', r))
  relay.unref()
  return { counter, url: `https://127.0.0.1:${relay.address().port}`, close: () => relay.close() }
}

/** Fake nodes only the noise tolerates, and Deployments of unrelated pods on them. */
function noiseObjects(ns, pods) {
  const nodes = Math.ceil(pods / (PODS_PER_NODE - 10))
  const objects = []
  for (let i = 0; i < nodes; i++)
    objects.push({
      apiVersion: 'v1',
      kind: 'Node',
      metadata: {
        name: `bench-noise-${i}`,
        annotations: { 'kwok.x-k8s.io/node': 'fake', 'node.alpha.kubernetes.io/ttl': '0' },
        labels: {
          'kubernetes.io/hostname': `bench-noise-${i}`,
          'kubernetes.io/os': 'linux',
          'kubernetes.io/arch': 'amd64',
          type: 'kwok',
          [NOISE_LABEL]: 'true'
        }
      },
      spec: { taints: [{ key: NOISE_LABEL, value: 'true', effect: 'NoSchedule' }] },
      status: {
        allocatable: { cpu: '64', memory: '512Gi', pods: String(PODS_PER_NODE) },
        capacity: { cpu: '64', memory: '512Gi', pods: String(PODS_PER_NODE) }
      }
    })
  const per = 250
  for (let i = 0; i * per < pods; i++)
    objects.push({
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: `noise-${i}`, namespace: ns },
      spec: {
        replicas: Math.min(per, pods - i * per),
        selector: { matchLabels: { app: `noise-${i}` } },
        template: {
          metadata: { labels: { app: `noise-${i}`, 'app.kubernetes.io/part-of': 'other-team' } },
          spec: {
            nodeSelector: { [NOISE_LABEL]: 'true' },
            tolerations: [{ key: NOISE_LABEL, operator: 'Exists', effect: 'NoSchedule' }],
            containers: [
              {
                name: 'app',
                image: 'registry.example.com/other-team/service:3.4.1',
                env: [{ name: 'MODE', value: 'serve' }],
                resources: { requests: { cpu: '10m', memory: '16Mi' } }
              }
            ]
          }
        }
      }
    })
  return { nodes, objects }
}

async function makeNoise(ns, pods) {
  const { nodes, objects } = noiseObjects(ns, pods)
  const r = kubectl(
    ['apply', '-f', '-'],
    JSON.stringify({ apiVersion: 'v1', kind: 'List', items: objects })
  )
  if (r.status !== 0) throw new Error(`creating the unrelated pods failed: ${r.stderr}`)
  const started = Date.now()
  for (;;) {
    const ready = kubectl([
      'get',
      'deployments',
      '-n',
      ns,
      '-o',
      'jsonpath={.items[*].status.availableReplicas}'
    ])
      .stdout.split(/\s+/)
      .filter(Boolean)
      .reduce((n, x) => n + Number(x), 0)
    if (ready >= pods) break
    if (Date.now() - started > 600_000)
      throw new Error(`only ${ready}/${pods} unrelated pods came up`)
    await sleep(3000)
  }
  return nodes
}

/** Pod and Deployment changes of one release, with the time this process saw each. */
function followRelease(ns, release) {
  const seen = []
  const procs = ['pods', 'deployments'].map((resource) => {
    const path = `/${resource === 'pods' ? 'api/v1' : 'apis/apps/v1'}/namespaces/${ns}/${resource}?watch=1&labelSelector=app.kubernetes.io%2Finstance%3D${release}`
    const p = spawn(join(bin, 'kubectl'), ['--kubeconfig', kubeconfig, 'get', '--raw', path])
    let buf = ''
    p.stdout.on('data', (d) => {
      const at = Date.now()
      buf += d.toString('utf8')
      let i
      while ((i = buf.indexOf('\n')) >= 0) {
        const line = buf.slice(0, i)
        buf = buf.slice(i + 1)
        if (line.trim()) seen.push({ at, event: JSON.parse(line) })
      }
    })
    return p
  })
  return { seen, stop: () => procs.forEach((p) => p.kill()) }
}

/** Runs the bundle as a runner does; every stdout line stamped with the time it arrived. */
function runAction(bundle, major, inputs) {
  const dir = mkdtempSync(join(tmpdir(), 'bench-big-'))
  const helmDir = mkdtempSync(join(tmpdir(), `bench-big-h${major}-`))
  sh('ln', ['-s', join(bin, `helm${major}`), join(helmDir, 'helm')])
  const env = {
    PATH: `${helmDir}:${bin}:${dirname(process.execPath)}:/usr/bin:/bin`,
    HOME: dir,
    RUNNER_TEMP: dir,
    GITHUB_OUTPUT: join(dir, 'out'),
    GITHUB_STATE: join(dir, 'state'),
    GITHUB_STEP_SUMMARY: join(dir, 'summary.md'),
    GITHUB_WORKSPACE: root,
    RUNNER_DEBUG: '1'
  }
  for (const f of [env.GITHUB_OUTPUT, env.GITHUB_STATE, env.GITHUB_STEP_SUMMARY])
    writeFileSync(f, '')
  for (const [k, v] of Object.entries(inputs)) env[`INPUT_${k.toUpperCase()}`] = v
  return new Promise((resolve) => {
    const started = Date.now()
    const lines = []
    const p = spawn(process.execPath, [bundle], { cwd: root, env })
    let buf = ''
    p.stdout.on('data', (d) => {
      const at = Date.now()
      buf += d.toString('utf8')
      let i
      while ((i = buf.indexOf('\n')) >= 0) {
        lines.push({ at, text: buf.slice(0, i) })
        buf = buf.slice(i + 1)
      }
    })
    p.stderr.on('data', () => undefined)
    p.on('close', (code) =>
      resolve({
        code,
        seconds: (Date.now() - started) / 1000,
        lines,
        outputs: readFileSync(env.GITHUB_OUTPUT, 'utf8')
      })
    )
  })
}

const complete = (d) =>
  (d.status?.observedGeneration ?? 0) >= (d.metadata.generation ?? 0) &&
  (d.status?.updatedReplicas ?? 0) === (d.spec.replicas ?? 1) &&
  (d.status?.replicas ?? 0) === (d.spec.replicas ?? 1) &&
  (d.status?.availableReplicas ?? 0) === (d.spec.replicas ?? 1)

/**
 * How long after the change that decided the rollout the action said so: for a healthy upgrade,
 * from the moment every Deployment of the release was complete to the action's last "Rollout:"
 * line; for a crash loop, from the pod status that showed the restart the verdict names to the
 * line naming it.
 */
function noticeMs(kind, run, seen, since) {
  if (kind === 'healthy') {
    const done = [...run.lines]
      .reverse()
      .find((l) => /^Rollout: /.test(l.text) && !/\(/.test(l.text))
    if (!done) return undefined
    const latest = new Map()
    let at
    for (const { at: t, event } of seen) {
      if (t < since || event.object.kind !== 'Deployment') continue
      latest.set(event.object.metadata.name, event.object)
      if (at === undefined && [...latest.values()].every(complete)) at = t
      if (at !== undefined && ![...latest.values()].every(complete)) at = undefined
    }
    return at === undefined ? undefined : done.at - at
  }
  const verdict = run.lines.find((l) => /rule crash-loop/.test(l.text))
  const m = verdict?.text.match(/pod (\S+?),.*?(\d+) restart\(s\)/)
  if (!m) return undefined
  const [, pod, restarts] = m
  const change = seen.find(
    ({ at, event }) =>
      at >= since &&
      event.object.kind === 'Pod' &&
      event.object.metadata.name === pod &&
      (event.object.status?.containerStatuses ?? []).some((c) => c.restartCount >= Number(restarts))
  )
  return change ? verdict.at - change.at : undefined
}

async function deployCase(bundle, major, ns, release, relay, kind, tag) {
  const seenFrom = Date.now()
  const follow = followRelease(ns, release)
  await sleep(300)
  const base = {
    mode: 'deploy',
    release,
    namespace: ns,
    chart,
    timeout: '90s',
    summary: 'false',
    kubeconfig: relay.kubeconfig,
    set: `backend.image.tag=${tag}`
  }
  relay.counter.bytes = 0
  const run = await runAction(bundle, major, base)
  const bytes = relay.counter.bytes
  await sleep(200)
  follow.stop()
  const status = run.outputs.match(/^status<<(\S+)\n(.*)\n/m)?.[2]
  const rolledBack = run.outputs.match(/^rolled-back<<(\S+)\n(.*)\n/m)?.[2]
  const expected = kind === 'healthy' ? status === 'deployed' : rolledBack === 'true'
  const readerBytes = run.lines
    .map((l) => l.text.match(/release watch: read (\d+) bytes/))
    .find(Boolean)?.[1]
  return {
    seconds: run.seconds,
    bytes,
    readerBytes: readerBytes ? Number(readerBytes) : undefined,
    noticeMs: noticeMs(kind, run, follow.seen, seenFrom),
    ok: expected,
    status: `${status ?? '?'}${rolledBack === 'true' ? ' (rolled back)' : ''}`
  }
}

async function measureBundle(label, bundle, major, namespaces, relay, runs, print) {
  const results = {}
  for (const [where, ns] of Object.entries(namespaces)) {
    const release = `gf-${label}-h${major}`
    // The release exists before the measured deploys, as in a real upgrade.
    const first = await deployCase(bundle, major, ns, release, relay, 'healthy', '1.0.0')
    if (!first.ok) print(`  ${label} ${where}: the first install ended ${first.status}`)
    for (const [kind, tagOf] of [
      ['healthy', (i) => `1.1.${i}`],
      ['rollback', () => 'e2e-crashloop']
    ]) {
      const list = []
      for (let i = 0; i < runs; i++)
        list.push(await deployCase(bundle, major, ns, release, relay, kind, tagOf(i)))
      const pick = (k) => {
        const xs = list.map((x) => x[k]).filter((x) => x !== undefined)
        return xs.length ? median(xs) : undefined
      }
      results[`${kind}/${where}`] = {
        seconds: pick('seconds'),
        bytes: pick('bytes'),
        readerBytes: pick('readerBytes'),
        noticeMs: pick('noticeMs'),
        ok: list.every((x) => x.ok),
        status: list.map((x) => x.status).join(', ')
      }
      const r = results[`${kind}/${where}`]
      print(
        `  ${label.padEnd(6)} Helm ${major} ${kind.padEnd(8)} ${where.padEnd(5)} ${r.seconds.toFixed(2).padStart(6)} s  ${mb(r.bytes).padStart(8)} read${r.readerBytes !== undefined ? ` (rollout reads ${mb(r.readerBytes)})` : ''}  noticed ${r.noticeMs === undefined ? 'n/a' : `${r.noticeMs} ms`} after the change  ${r.ok ? '' : `UNEXPECTED: ${r.status}`}`
      )
    }
  }
  return results
}

const mb = (b) => (b === undefined ? 'n/a' : `${(b / 1e6).toFixed(2)} MB`)

export async function benchBigNamespace(print = console.log) {
  const bundle = process.env.ACTION_DIST ?? join(root, 'dist/index.js')
  const baseline = process.env.BASELINE_DIST
  const pods = Number(process.env.BENCH_NOISE_PODS ?? 2000)
  const runs = Number(process.env.BENCH_RUNS ?? 1)
  const majors = (process.env.BENCH_MAJORS ?? '4').split(',').map(Number)
  const stamp = Date.now().toString(36)
  const namespaces = { empty: `bench-empty-${stamp}`, big: `bench-big-${stamp}` }
  for (const ns of Object.values(namespaces)) kubectl(['create', 'namespace', ns])
  const cfg = readFileSync(kubeconfig, 'utf8')
  const server = cfg.match(/server: (\S+)/)[1]
  const relay = await countingRelay(server)
  relay.kubeconfig = cfg.replace(server, relay.url)
  let nodes = 0
  const cleanup = () => {
    for (const ns of Object.values(namespaces)) kubectl(['delete', 'namespace', ns, '--wait=false'])
    for (let i = 0; i < Math.max(nodes, Math.ceil(pods / (PODS_PER_NODE - 10))); i++)
      kubectl(['delete', 'node', `bench-noise-${i}`, '--wait=false', '--ignore-not-found'])
    relay.close()
  }
  process.once('SIGINT', () => {
    cleanup()
    process.exit(130)
  })
  try {
    print(`creating ${pods} unrelated pods in ${namespaces.big}…`)
    const t0 = Date.now()
    nodes = await makeNoise(namespaces.big, pods)
    print(`  ${pods} pods on ${nodes} extra nodes in ${((Date.now() - t0) / 1000).toFixed(0)} s`)
    const table = []
    for (const major of majors)
      for (const [label, b] of [...(baseline ? [['before', baseline]] : []), ['after', bundle]]) {
        print(`${label}: ${b}`)
        const r = await measureBundle(label, b, major, namespaces, relay, runs, print)
        table.push({ label, major, r })
      }
    print('\nbig namespace (2,000 unrelated pods) ÷ empty namespace; target ≤ 1.2 for both')
    for (const { label, major, r } of table)
      for (const kind of ['healthy', 'rollback']) {
        const ratio = r[`${kind}/big`].seconds / r[`${kind}/empty`].seconds
        print(
          `  ${label.padEnd(6)} Helm ${major} ${kind.padEnd(8)} ${ratio.toFixed(2)} ${ratio <= 1.2 ? '✓' : '✗'}   bytes per deploy ${mb(r[`${kind}/empty`].bytes)} empty, ${mb(r[`${kind}/big`].bytes)} big   noticed after ${r[`${kind}/empty`].noticeMs ?? 'n/a'} / ${r[`${kind}/big`].noticeMs ?? 'n/a'} ms`
        )
      }
  } finally {
    cleanup()
  }
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) await benchBigNamespace()
