#!/usr/bin/env node
// Runs the bundled action (dist/index.js) exactly as a runner would, on the example chart:
// INPUT_* variables, GITHUB_OUTPUT, GITHUB_STEP_SUMMARY and GITHUB_STATE files, then prints them.
import { spawnSync } from 'node:child_process'
import { existsSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

const root = join(dirname(fileURLToPath(import.meta.url)), '..')

function helmDir() {
  // Prefer the Helm the project builds (npm run tools); fall back to the helm on PATH.
  for (const name of ['helm4', 'helm3']) {
    const p = join(root, '.tools/bin', name)
    if (existsSync(p)) {
      const dir = mkdtempSync(join(tmpdir(), 'demo-helm-'))
      symlinkSync(p, join(dir, 'helm'))
      return dir
    }
  }
  return undefined
}

export function runAction(inputs, title) {
  const dir = mkdtempSync(join(tmpdir(), 'demo-run-'))
  const files = {
    GITHUB_OUTPUT: 'output',
    GITHUB_STEP_SUMMARY: 'summary.md',
    GITHUB_STATE: 'state'
  }
  const env = { ...process.env, RUNNER_TEMP: dir, GITHUB_WORKSPACE: root }
  for (const [k, f] of Object.entries(files)) writeFileSync((env[k] = join(dir, f)), '')
  const helm = helmDir()
  if (helm) env.PATH = `${helm}:${env.PATH}`
  for (const [k, v] of Object.entries(inputs)) env[`INPUT_${k.toUpperCase()}`] = v
  console.log(`\n=== ${title}`)
  const r = spawnSync(process.execPath, [join(root, 'dist/index.js')], {
    env,
    cwd: root,
    stdio: 'inherit'
  })
  const outputs = readFileSync(env.GITHUB_OUTPUT, 'utf8').replace(
    /<<ghadelimiter_[\w-]+\n([\s\S]*?)\nghadelimiter_[\w-]+/g,
    '=$1'
  )
  console.log(`\n--- outputs (exit ${r.status})\n${outputs.trim()}`)
  const summary = readFileSync(env.GITHUB_STEP_SUMMARY, 'utf8').trim()
  if (summary) console.log(`\n--- step summary\n${summary}`)
  return r.status ?? 1
}

const status = runAction(
  {
    mode: 'validate',
    release: 'goatflow',
    chart: 'examples/charts/goatflow',
    'values-files': 'examples/charts/goatflow/values-postgresql.yaml',
    set: 'backend.autoscaling.enabled=true\nbackend.autoscaling.minReplicas=3'
  },
  'validate and render the example chart (mode: validate)'
)
process.exit(status)
