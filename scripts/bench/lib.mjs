// What every bench module shares: running the bundled action as a runner would and raw helm,
// each under GNU time (wall seconds, peak RSS), and the rows of the final table.
import { spawn, spawnSync } from 'node:child_process'
import {
  chmodSync,
  existsSync,
  mkdtempSync,
  readFileSync,
  symlinkSync,
  writeFileSync
} from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

export const root = join(dirname(fileURLToPath(import.meta.url)), '../..')
export const bin = join(root, '.tools/bin')
export const kubeconfig = join(root, '.tools/cluster/kubeconfig')
export const majors = (process.env.BENCH_MAJORS ?? '3,4').split(',').map(Number)
export const runs = Number(process.env.BENCH_RUNS ?? 3)
export const timeout = process.env.BENCH_TIMEOUT ?? '60s'
/** The bundle measured: dist/ unless ACTION_DIST names another (as in the tests). */
export const bundle = process.env.ACTION_DIST ?? join(root, 'dist/index.js')
export const charts = { example: 'examples/charts/goatflow', big: 'test/charts/big' }

export function sh(cmd, args, opts = {}) {
  return spawnSync(cmd, args, { encoding: 'utf8', cwd: root, maxBuffer: 64 << 20, ...opts })
}

/** Runs a command under GNU time: wall seconds and the peak RSS of the largest process. */
export function measure(cmd, args, env) {
  const out = join(mkdtempSync(join(tmpdir(), 'bench-')), 'time')
  const t0 = process.hrtime.bigint()
  const r = sh('/usr/bin/time', ['-f', '%M', '-o', out, cmd, ...args], {
    env: { ...process.env, ...env }
  })
  const seconds = Number(process.hrtime.bigint() - t0) / 1e9
  const rssMb = Number(readFileSync(out, 'utf8').trim().split('\n').pop()) / 1024
  return { seconds, rssMb, status: r.status, stdout: r.stdout, stderr: r.stderr }
}

export const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]

export const medianOf = (list) => ({
  seconds: median(list.map((x) => x.seconds)),
  rssMb: median(list.map((x) => x.rssMb)),
  ...(list[0]?.firstHelmMs !== undefined && {
    firstHelmMs: median(list.map((x) => x.firstHelmMs))
  })
})

/**
 * A PATH whose `helm` is the given major. With `firstCall`, `helm` is a small script that writes
 * the time of its first start to that file before it becomes helm: process start → first helm
 * call is measured from outside the action, as a user would see it.
 */
export function pathFor(major, firstCall) {
  const dir = mkdtempSync(join(tmpdir(), `bench-h${major}-`))
  const helm = join(bin, `helm${major}`)
  if (firstCall) {
    writeFileSync(
      join(dir, 'helm'),
      `#!/bin/sh\n[ -e '${firstCall}' ] || date +%s%N > '${firstCall}'\nexec '${helm}' "$@"\n`
    )
    chmodSync(join(dir, 'helm'), 0o755)
  } else symlinkSync(helm, join(dir, 'helm'))
  return `${dir}:${bin}:${dirname(process.execPath)}:/usr/bin:/bin`
}

/** Runs the bundle as a runner does: INPUT_* variables and the GITHUB_* command files. */
export function action(major, inputs, { firstCall = false } = {}) {
  const dir = mkdtempSync(join(tmpdir(), 'bench-run-'))
  const first = firstCall ? join(dir, 'first-helm') : undefined
  const env = {
    PATH: pathFor(major, first),
    HOME: dir,
    RUNNER_TEMP: dir,
    GITHUB_OUTPUT: join(dir, 'out'),
    GITHUB_STATE: join(dir, 'state'),
    GITHUB_STEP_SUMMARY: join(dir, 'summary.md'),
    GITHUB_WORKSPACE: root
  }
  for (const f of [env.GITHUB_OUTPUT, env.GITHUB_STATE, env.GITHUB_STEP_SUMMARY])
    writeFileSync(f, '')
  for (const [k, v] of Object.entries(inputs)) env[`INPUT_${k.toUpperCase()}`] = v
  const wallStart = Date.now()
  const m = measure(process.execPath, [bundle], env)
  const result = { ...m, outputs: readFileSync(env.GITHUB_OUTPUT, 'utf8') }
  if (first && existsSync(first))
    result.firstHelmMs = Number(BigInt(readFileSync(first, 'utf8').trim()) / 1000000n) - wallStart
  return result
}

export function helm(major, args, { cluster = false } = {}) {
  return measure(join(bin, `helm${major}`), [
    ...args,
    ...(cluster ? ['--kubeconfig', kubeconfig] : [])
  ])
}

/**
 * Two helm commands started together, as the action starts `helm lint` and `helm template`: the
 * wall time until both have exited, and the larger peak RSS. What the two checks cost without the
 * action around them.
 */
export async function helmPair(major, first, second) {
  const binary = join(bin, `helm${major}`)
  const t0 = process.hrtime.bigint()
  const results = await Promise.all(
    [first, second].map(
      (args) =>
        new Promise((resolve) => {
          const out = join(mkdtempSync(join(tmpdir(), 'bench-')), 'time')
          const child = spawn('/usr/bin/time', ['-f', '%M', '-o', out, binary, ...args], {
            cwd: root,
            stdio: 'ignore'
          })
          child.on('exit', (status) =>
            resolve({
              status,
              rssMb: Number(readFileSync(out, 'utf8').trim().split('\n').pop()) / 1024
            })
          )
        })
    )
  )
  const seconds = Number(process.hrtime.bigint() - t0) / 1e9
  return {
    seconds,
    rssMb: Math.max(...results.map((r) => r.rssMb)),
    status: results.every((r) => r.status === 0) ? 0 : 1
  }
}

/**
 * A Node.js process that starts the two commands together and waits for both, as the action's
 * first step does: the least any action run by Node can take for them (Node's own start, then
 * the two helm processes), measured as the action is, under GNU time.
 */
export function nodeThenHelmPair(major, first, second) {
  const script = `const { spawn } = require('node:child_process')
const [binary, a, b] = process.argv.slice(1)
for (const args of [a, b]) spawn(binary, JSON.parse(args), { stdio: 'ignore' })`
  return measure(process.execPath, [
    '-e',
    script,
    join(bin, `helm${major}`),
    JSON.stringify(first),
    JSON.stringify(second)
  ])
}

export function kubectl(args) {
  return sh(join(bin, 'kubectl'), ['--kubeconfig', kubeconfig, ...args])
}

export function freshNamespace(prefix) {
  const ns = `${prefix}-${Date.now().toString(36)}`
  kubectl(['create', 'namespace', ns])
  return ns
}

/**
 * The table every module adds to: one row per figure, the action beside raw helm.
 * `target` is the issue's bound on the time ratio, where there is one.
 */
export const rows = []

export function row(what, ours, raw, { target, rssTarget = 1.5, note } = {}) {
  const r = { what, ours, raw, target, rssTarget, note }
  rows.push(r)
  const ratio = ours.seconds / raw.seconds
  console.log(
    `${what.padEnd(64)} ours ${ours.seconds.toFixed(2).padStart(6)}s ${ours.rssMb.toFixed(0).padStart(4)} MB | helm ${raw.seconds.toFixed(2).padStart(6)}s ${raw.rssMb.toFixed(0).padStart(4)} MB | time ${ratio.toFixed(2)}${target ? ` (≤ ${target})` : ''} | RSS ${(ours.rssMb / raw.rssMb).toFixed(2)}${ours.firstHelmMs !== undefined ? ` | first helm call ${ours.firstHelmMs.toFixed(0)} ms` : ''}${note ? ` | ${note}` : ''}`
  )
  return r
}

/** Figures that stand alone (no raw-helm side), such as the time to the first helm call. */
export const figures = []

export function figure(what, value, { unit, target } = {}) {
  figures.push({ what, value, unit, target })
  console.log(
    `${what.padEnd(64)} ${value.toFixed(0)} ${unit}${target !== undefined ? ` (≤ ${target} ${unit})` : ''}`
  )
}
