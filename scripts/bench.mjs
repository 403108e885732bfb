#!/usr/bin/env node
// npm run bench: timings and peak memory of the bundled action against raw helm, on the local
// cluster, side by side in one run. Not a test: it prints figures and ratios, it asserts nothing.
//
//   BENCH_MAJORS=3,4   Helm majors to measure (default both)
//   BENCH_TIMEOUT=60s  the timeout given to both the action and helm's own rollback
//   BENCH_RUNS=3       repetitions of the fast measurements (median reported)
import { spawnSync } from 'node:child_process'
import { existsSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

const root = join(dirname(fileURLToPath(import.meta.url)), '..')
const bin = join(root, '.tools/bin')
const kubeconfig = join(root, '.tools/cluster/kubeconfig')
const majors = (process.env.BENCH_MAJORS ?? '3,4').split(',').map(Number)
const timeout = process.env.BENCH_TIMEOUT ?? '60s'
const runs = Number(process.env.BENCH_RUNS ?? 3)
const chart = 'examples/charts/goatflow'

function sh(cmd, args, opts = {}) {
  return spawnSync(cmd, args, { encoding: 'utf8', cwd: root, ...opts })
}

/** Runs a command under GNU time: wall seconds and the peak RSS of the largest process. */
function measure(cmd, args, env) {
  const out = join(mkdtempSync(join(tmpdir(), 'bench-')), 'time')
  const t0 = process.hrtime.bigint()
  const r = sh('/usr/bin/time', ['-f', '%M', '-o', out, cmd, ...args], {
    env: { ...process.env, ...env }
  })
  const seconds = Number(process.hrtime.bigint() - t0) / 1e9
  const rssMb = Number(readFileSync(out, 'utf8').trim().split('\n').pop()) / 1024
  return { seconds, rssMb, status: r.status, stdout: r.stdout, stderr: r.stderr }
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]

function pathFor(major) {
  const dir = mkdtempSync(join(tmpdir(), `bench-h${major}-`))
  symlinkSync(join(bin, `helm${major}`), join(dir, 'helm'))
  return `${dir}:${bin}:${dirname(process.execPath)}:/usr/bin:/bin`
}

function action(major, inputs) {
  const dir = mkdtempSync(join(tmpdir(), 'bench-run-'))
  const env = {
    PATH: pathFor(major),
    RUNNER_TEMP: dir,
    GITHUB_OUTPUT: join(dir, 'out'),
    GITHUB_STATE: join(dir, 'state'),
    GITHUB_WORKSPACE: root
  }
  writeFileSync(env.GITHUB_OUTPUT, '')
  writeFileSync(env.GITHUB_STATE, '')
  for (const [k, v] of Object.entries(inputs)) env[`INPUT_${k.toUpperCase()}`] = v
  const m = measure(process.execPath, [join(root, 'dist/index.js')], env)
  return { ...m, outputs: readFileSync(env.GITHUB_OUTPUT, 'utf8') }
}

function helm(major, args) {
  return measure(join(bin, `helm${major}`), [...args, '--kubeconfig', kubeconfig])
}

function ensureCluster() {
  const ok =
    existsSync(kubeconfig) &&
    sh(join(bin, 'kubectl'), ['--kubeconfig', kubeconfig, 'get', '--raw', '/readyz']).status === 0
  if (ok) return false
  console.log('starting the local cluster (test/cluster/up.sh)…')
  if (sh('bash', ['test/cluster/up.sh'], { stdio: 'inherit' }).status !== 0)
    throw new Error('cluster did not start')
  return true
}

const rows = []
const row = (what, ours, raw) => {
  rows.push({ what, ours, raw })
  console.log(
    `${what.padEnd(58)} ours ${ours.seconds.toFixed(1).padStart(6)}s ${ours.rssMb.toFixed(0).padStart(4)} MB | helm ${raw.seconds.toFixed(1).padStart(6)}s ${raw.rssMb.toFixed(0).padStart(4)} MB | time ratio ${(ours.seconds / raw.seconds).toFixed(2)}`
  )
}
const medianOf = (list) => ({
  seconds: median(list.map((x) => x.seconds)),
  rssMb: median(list.map((x) => x.rssMb))
})

if (!existsSync(join(root, 'dist/index.js')))
  throw new Error('dist/index.js is missing: npm run package')

// Validation needs no cluster.
for (const major of majors) {
  const valuesArgs = [
    '--values',
    `${chart}/values-postgresql.yaml`,
    '--set',
    'backend.autoscaling.enabled=true'
  ]
  const ours = []
  const raw = []
  for (let i = 0; i < runs; i++) {
    ours.push(
      action(major, {
        mode: 'validate',
        release: 'goatflow',
        chart,
        'values-files': `${chart}/values-postgresql.yaml`,
        set: 'backend.autoscaling.enabled=true',
        summary: 'false'
      })
    )
    raw.push(measure(join(bin, `helm${major}`), ['lint', chart, ...valuesArgs]))
  }
  row(
    `Helm ${major}: mode validate vs helm lint (median of ${runs})`,
    medianOf(ours),
    medianOf(raw)
  )
}

const started = ensureCluster()
try {
  for (const major of majors) {
    const ns = `bench-h${major}-${Date.now().toString(36)}`
    sh(join(bin, 'kubectl'), ['--kubeconfig', kubeconfig, 'create', 'namespace', ns])
    const base = {
      mode: 'deploy',
      release: 'ours',
      namespace: ns,
      chart,
      timeout,
      kubeconfig: readFileSync(kubeconfig, 'utf8'),
      summary: 'false'
    }
    const rawUpgrade = (release, tag, extra = []) =>
      helm(major, [
        'upgrade',
        release,
        chart,
        '--install',
        '-n',
        ns,
        '--set',
        `backend.image.tag=${tag}`,
        '--timeout',
        timeout,
        ...extra
      ])
    const wait = major === 3 ? ['--wait'] : ['--wait=watcher']
    const rollbackFlags = major === 3 ? ['--atomic'] : ['--rollback-on-failure']
    action(major, { ...base, set: 'backend.image.tag=1.0.0' })
    rawUpgrade('raw', '1.0.0', wait)

    const ours = []
    const raw = []
    for (let i = 1; i <= runs; i++) {
      ours.push(action(major, { ...base, set: `backend.image.tag=1.0.${i}` }))
      raw.push(rawUpgrade('raw', `1.0.${i}`, wait))
    }
    if (ours.some((r) => r.status !== 0) || raw.some((r) => r.status !== 0))
      console.log('  (a healthy deploy failed; figures below are not comparable)')
    row(
      `Helm ${major}: healthy upgrade, action vs helm upgrade ${wait[0]} (median of ${runs})`,
      medianOf(ours),
      medianOf(raw)
    )

    for (const [what, tag] of [
      ['crash-looping image', 'e2e-crashloop'],
      ['unpullable image', 'e2e-imagepullbackoff']
    ]) {
      const o = action(major, { ...base, set: `backend.image.tag=${tag}` })
      const r = rawUpgrade('raw', tag, [...rollbackFlags, ...wait])
      if (!/status<<.*\nrolled-back\n/.test(o.outputs))
        console.log('  (the action did not end rolled back: see its log)')
      const last = JSON.parse(
        helm(major, ['history', 'raw', '-n', ns, '-o', 'json']).stdout || '[]'
      ).at(-1)
      if (!last || last.status !== 'deployed' || !/Rollback/.test(last.description))
        console.log('  (helm did not end on a deployed rollback)')
      row(`Helm ${major}: ${what} → healthy rolled-back release (timeout ${timeout})`, o, r)
    }
    sh(join(bin, 'kubectl'), [
      '--kubeconfig',
      kubeconfig,
      'delete',
      'namespace',
      ns,
      '--wait=false'
    ])
  }
} finally {
  if (started) sh('bash', ['test/cluster/down.sh'], { stdio: 'inherit' })
}

console.log('\nRatios (ours / helm; below 1 means the action is faster):')
for (const r of rows)
  console.log(`  ${(r.ours.seconds / r.raw.seconds).toFixed(2).padStart(6)}  ${r.what}`)
