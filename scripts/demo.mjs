#!/usr/bin/env node
// The README's main-job command. Runs the bundled action (dist/index.js) exactly as a runner
// would (INPUT_* variables; GITHUB_OUTPUT, GITHUB_STEP_SUMMARY and GITHUB_STATE files; the post
// step with STATE_* afterwards) on the example chart:
//   1. mode: validate — values, lint and render, no cluster
//   2. mode: deploy to the local control plane (started here if it is not up)
//   3. mode: deploy of a crash-looping image — the automatic rollback
// and prints each run's outputs and job summary.
import { spawnSync } from 'node:child_process'
import { existsSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

const root = join(dirname(fileURLToPath(import.meta.url)), '..')
const bin = join(root, '.tools/bin')
const kubeconfig = join(root, '.tools/cluster/kubeconfig')
const major = process.env.DEMO_HELM ?? '4'

for (const need of [join(root, 'dist/index.js'), join(bin, `helm${major}`), join(bin, 'kubectl')])
  if (!existsSync(need))
    throw new Error(`${need} is missing: run npm ci && npm run tools && npm run package first`)

const helmDir = mkdtempSync(join(tmpdir(), 'demo-helm-'))
symlinkSync(join(bin, `helm${major}`), join(helmDir, 'helm'))
const PATH = `${helmDir}:${bin}:${dirname(process.execPath)}:${process.env.PATH}`

const parse = (text) =>
  Object.fromEntries(
    [...text.matchAll(/^([^\n<]+)<<(\S+)\n([\s\S]*?)\n\2$/gm)].map((m) => [m[1], m[3]])
  )

function runAction(inputs, title) {
  const dir = mkdtempSync(join(tmpdir(), 'demo-run-'))
  const files = {
    GITHUB_OUTPUT: join(dir, 'output'),
    GITHUB_STEP_SUMMARY: join(dir, 'summary.md'),
    GITHUB_STATE: join(dir, 'state')
  }
  for (const f of Object.values(files)) writeFileSync(f, '')
  const env = { ...process.env, PATH, RUNNER_TEMP: dir, GITHUB_WORKSPACE: root, ...files }
  for (const [k, v] of Object.entries(inputs)) env[`INPUT_${k.toUpperCase()}`] = v
  console.log(`\n=== ${title}\n`)
  const main = spawnSync(process.execPath, [join(root, 'dist/index.js')], {
    env,
    cwd: root,
    stdio: 'inherit'
  })
  // The post step, as the runner runs it: same files, STATE_* from the main step.
  const postEnv = { ...process.env, PATH, RUNNER_TEMP: dir, GITHUB_WORKSPACE: root }
  for (const [k, v] of Object.entries(parse(readFileSync(files.GITHUB_STATE, 'utf8'))))
    postEnv[`STATE_${k}`] = v
  spawnSync(process.execPath, [join(root, 'dist/index.js')], {
    env: postEnv,
    cwd: root,
    stdio: 'inherit'
  })
  console.log(`\n--- outputs (exit code ${main.status})`)
  for (const [k, v] of Object.entries(parse(readFileSync(files.GITHUB_OUTPUT, 'utf8'))))
    console.log(`${k}=${v}`)
  const summary = readFileSync(files.GITHUB_STEP_SUMMARY, 'utf8').trim()
  if (summary) console.log(`\n--- job summary\n${summary}`)
  return main.status
}

const kubectl = (...args) =>
  spawnSync(join(bin, 'kubectl'), ['--kubeconfig', kubeconfig, ...args], { encoding: 'utf8' })
const validated = runAction(
  {
    mode: 'validate',
    release: 'goatflow',
    chart: 'examples/charts/goatflow',
    'values-files': 'examples/charts/goatflow/values-postgresql.yaml',
    set: 'backend.autoscaling.enabled=true\nbackend.autoscaling.minReplicas=3'
  },
  'mode: validate — the example chart with the PostgreSQL overlay and autoscaling'
)

let started = false
if (!(existsSync(kubeconfig) && kubectl('get', '--raw', '/readyz').status === 0)) {
  console.log('\n=== starting the local control plane (test/cluster/up.sh)')
  if (spawnSync('bash', [join(root, 'test/cluster/up.sh')], { stdio: 'inherit' }).status !== 0)
    process.exit(1)
  started = true
}
let deployed, rolledBack
try {
  const namespace = `demo-${Date.now().toString(36)}`
  kubectl('create', 'namespace', namespace)
  const base = {
    mode: 'deploy',
    release: 'goatflow',
    namespace,
    chart: 'examples/charts/goatflow',
    kubeconfig: readFileSync(kubeconfig, 'utf8'),
    timeout: '3m'
  }
  deployed = runAction(
    { ...base, set: 'backend.image.tag=0.6.5' },
    `mode: deploy — goatflow 0.6.5 to namespace ${namespace} (Helm ${major})`
  )
  rolledBack = runAction(
    { ...base, set: 'backend.image.tag=e2e-crashloop' },
    'mode: deploy — a crash-looping image, rolled back automatically'
  )
  console.log('\n--- helm history')
  spawnSync(
    join(bin, `helm${major}`),
    ['history', 'goatflow', '-n', namespace, '--kubeconfig', kubeconfig],
    { stdio: 'inherit' }
  )
} finally {
  if (started) spawnSync('bash', [join(root, 'test/cluster/down.sh')], { stdio: 'inherit' })
}
const ok = validated === 0 && deployed === 0 && rolledBack === 1
console.log(
  `\nDemo ${ok ? 'finished as expected' : 'did NOT behave as expected'}: validate ${validated}, deploy ${deployed}, broken deploy ${rolledBack} (1 = failed and rolled back).`
)
process.exit(ok ? 0 : 1)
