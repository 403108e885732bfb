#!/usr/bin/env node
// npm run bench: timings and peak memory of the bundled action beside raw helm, in one run; a
// table of every figure and its target at the end. Not a test: it prints, it asserts nothing.
//
// Each scenario is a module in scripts/bench/ that exports one or more `bench*` functions
// (called with a print function) and, when it needs no cluster, `needsCluster = false`.
// validate.mjs and deploy.mjs run first, then the others in name order; scripts/bench/lib.mjs
// holds the shared helpers and the table (`row`, `figure`).
//
//   BENCH_ONLY=validate,deploy   modules to run (default all)
//   BENCH_MAJORS=3,4             Helm majors to measure (default both)
//   BENCH_TIMEOUT=60s            the timeout given to both the action and helm's own rollback
//   BENCH_RUNS=3                 repetitions (median reported)
//   ACTION_DIST=/tmp/x/index.js  the bundle to measure (default dist/index.js)
import { existsSync, readdirSync } from 'node:fs'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { bundle, figures, kubeconfig, kubectl, root, rows, sh } from './bench/lib.mjs'

const FIRST = ['validate.mjs', 'deploy.mjs']
const dir = join(root, 'scripts/bench')
const only = process.env.BENCH_ONLY?.split(',').map((n) => `${n.trim()}.mjs`)
const files = readdirSync(dir)
  .filter((f) => f.endsWith('.mjs') && f !== 'lib.mjs' && (!only || only.includes(f)))
  .sort((a, b) => rank(a) - rank(b) || a.localeCompare(b))

function rank(f) {
  const i = FIRST.indexOf(f)
  return i < 0 ? FIRST.length : i
}

if (!existsSync(bundle)) throw new Error(`${bundle} is missing: npm run package`)

let startedCluster = false
function ensureCluster() {
  const up = existsSync(kubeconfig) && kubectl(['get', '--raw', '/readyz']).status === 0
  if (up) return
  console.log('starting the local cluster (test/cluster/up.sh)…')
  if (sh('bash', ['test/cluster/up.sh'], { stdio: 'inherit' }).status !== 0)
    throw new Error('cluster did not start')
  startedCluster = true
}

try {
  for (const f of files) {
    const mod = await import(pathToFileURL(join(dir, f)).href)
    if (mod.needsCluster !== false) ensureCluster()
    for (const [name, fn] of Object.entries(mod))
      if (name.startsWith('bench') && typeof fn === 'function') {
        console.log(`\n== ${f.replace(/\.mjs$/, '')}: ${name}`)
        await fn(console.log)
      }
  }
} finally {
  if (startedCluster) sh('bash', ['test/cluster/down.sh'], { stdio: 'inherit' })
}

const fmt = (x, digits = 2) => (x === undefined ? '' : x.toFixed(digits))
const verdict = (value, target) => (target === undefined ? '' : value <= target ? '✓' : '✗')
console.log(`\nFigures (ours ÷ raw helm; below 1 the action is faster). Bundle: ${bundle}\n`)
console.log(
  '| figure | ours | helm | time ratio | target | RSS ours/helm (MB) | RSS ratio (≤ 1.5) |\n| --- | --- | --- | --- | --- | --- | --- |'
)
for (const r of rows) {
  const t = r.ours.seconds / r.raw.seconds
  const m = r.ours.rssMb / r.raw.rssMb
  console.log(
    `| ${r.what}${r.note ? ` (${r.note})` : ''} | ${fmt(r.ours.seconds)} s | ${fmt(r.raw.seconds)} s | ${fmt(t)} | ${r.target ? `≤ ${r.target} ${verdict(t, r.target)}` : ''} | ${fmt(r.ours.rssMb, 0)} / ${fmt(r.raw.rssMb, 0)} | ${fmt(m)} ${verdict(m, r.rssTarget)} |`
  )
}
for (const f of figures)
  console.log(
    `| ${f.what} | ${fmt(f.value, 0)} ${f.unit} | | | ${f.target !== undefined ? `≤ ${f.target} ${f.unit} ${verdict(f.value, f.target)}` : ''} | | |`
  )
