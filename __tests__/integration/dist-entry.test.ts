import { spawnSync } from 'node:child_process'
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { describe, expect, it } from '@jest/globals'
import { ACTION_BUNDLE } from '../helpers/action.js'
import { EXAMPLE_CHART, ROOT, helmBinary } from '../helpers/tools.js'

/** Runs the bundle under test the way the runner does: INPUT_* env, GITHUB_OUTPUT file. */
function runDist(inputs: Record<string, string>, path: string) {
  const dir = mkdtempSync(join(tmpdir(), 'dist-run-'))
  const output = join(dir, 'output')
  const state = join(dir, 'state')
  writeFileSync(output, '')
  writeFileSync(state, '')
  const env: Record<string, string> = {
    PATH: path,
    HOME: dir,
    RUNNER_TEMP: dir,
    GITHUB_OUTPUT: output,
    GITHUB_STATE: state,
    GITHUB_WORKSPACE: ROOT
  }
  for (const [k, v] of Object.entries(inputs)) env[`INPUT_${k.toUpperCase()}`] = v
  const r = spawnSync(process.execPath, [ACTION_BUNDLE], {
    env,
    cwd: ROOT,
    encoding: 'utf8'
  })
  return { ...r, outputs: readFileSync(output, 'utf8'), state: readFileSync(state, 'utf8') }
}

const nodeDir = dirname(process.execPath)

describe('the bundled action (dist/index.js)', () => {
  it('refuses a bad release name before starting helm, naming the input', () => {
    // No helm on PATH: had the action tried to start it, the error would say helm was not found.
    const r = runDist(
      { release: 'Bad_Name', chart: EXAMPLE_CHART, mode: 'validate' },
      `${nodeDir}:/usr/bin:/bin`
    )
    expect(r.status).toBe(1)
    expect(r.stdout).toMatch(/::error::.*Input "release" "Bad_Name"/)
    expect(r.stdout).not.toMatch(/helm was not found|\$ helm/)
    expect(r.outputs).toMatch(/status<<.*\nfailed/)
  })

  it.each([3, 4] as const)('validates and renders the example chart with real Helm %i', (major) => {
    const bin = mkdtempSync(join(tmpdir(), 'helm-bin-'))
    spawnSync('ln', ['-s', helmBinary(major), join(bin, 'helm')])
    const r = runDist(
      {
        release: 'goatflow',
        chart: 'examples/charts/goatflow',
        mode: 'validate',
        'values-files': 'examples/charts/goatflow/values-postgresql.yaml',
        set: 'backend.autoscaling.enabled=true'
      },
      `${bin}:${nodeDir}:/usr/bin:/bin`
    )
    expect(r.stderr).toBe('')
    expect(r.status).toBe(0)
    expect(r.stdout).toContain(`(Helm ${major} dialect)`)
    expect(r.stdout).toContain('HorizontalPodAutoscaler: goatflow-backend')
    expect(r.outputs).toMatch(/status<<.*\nvalidated/)
    expect(r.outputs).toContain('postgres:16')
  })
})
