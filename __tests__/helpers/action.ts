import { spawn } from 'node:child_process'
import { mkdtempSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { ROOT, TOOLS_BIN, helmBinary } from './tools.js'

/**
 * The bundle the tests run: the bundle of `src/` the tier's global setup made for this run
 * (__tests__/helpers/action-bundle.mjs), or the one ACTION_DIST named before the run.
 */
export const ACTION_BUNDLE = bundleUnderTest()

function bundleUnderTest(): string {
  const path = process.env.ACTION_DIST
  // Never fall back to the committed dist/: it may be older than src/.
  if (!path)
    throw new Error(
      'ACTION_DIST is not set: run this test in the integration or e2e tier (their global setup ' +
        'bundles src/), or set ACTION_DIST to a bundle of src/ made for it'
    )
  return path
}

/** Parses the `name<<delimiter` file format of GITHUB_OUTPUT and GITHUB_STATE. */
export function parseCommandFile(text: string): Record<string, string> {
  const out: Record<string, string> = {}
  const re = /^([^\n<=]+)<<(\S+)\n([\s\S]*?)\n\2$/gm
  for (const m of text.matchAll(re)) out[m[1]] = m[3]
  return out
}

export interface ActionRun {
  exitCode: number
  stdout: string
  stderr: string
  outputs: Record<string, string>
  state: Record<string, string>
  summary: string
  startedAt: number
  endedAt: number
  dir: string
}

/** A PATH whose `helm` is the given major and whose kubectl is the project's. */
export function toolPath(major: 3 | 4): string {
  const dir = mkdtempSync(join(tmpdir(), `helm${major}-path-`))
  symlinkSync(helmBinary(major), join(dir, 'helm'))
  return `${dir}:${TOOLS_BIN}:${dirname(process.execPath)}:/usr/bin:/bin`
}

/**
 * Runs the bundle under test as the runner does: INPUT_* variables, GITHUB_OUTPUT, GITHUB_STATE and
 * GITHUB_STEP_SUMMARY files. With `state`, it runs the post step (STATE_* variables).
 */
export interface RunnerFiles {
  dir: string
  env: Record<string, string>
  files: { GITHUB_OUTPUT: string; GITHUB_STATE: string; GITHUB_STEP_SUMMARY: string }
}

/** The environment and command files a runner gives a step. */
export function runnerEnv(
  inputs: Record<string, string>,
  opts: { path: string; env?: Record<string, string>; state?: Record<string, string>; dir?: string }
): RunnerFiles {
  const dir = opts.dir ?? mkdtempSync(join(tmpdir(), 'action-run-'))
  const files = {
    GITHUB_OUTPUT: join(dir, 'output'),
    GITHUB_STATE: join(dir, 'state'),
    GITHUB_STEP_SUMMARY: join(dir, 'summary.md')
  }
  for (const f of Object.values(files)) writeFileSync(f, '')
  const env: Record<string, string> = {
    PATH: opts.path,
    HOME: dir,
    RUNNER_TEMP: dir,
    GITHUB_WORKSPACE: ROOT,
    ...files,
    ...opts.env
  }
  for (const [k, v] of Object.entries(inputs)) env[`INPUT_${k.toUpperCase()}`] = v
  for (const [k, v] of Object.entries(opts.state ?? {})) env[`STATE_${k}`] = v
  return { dir, env, files }
}

export function runAction(
  inputs: Record<string, string>,
  opts: { path: string; env?: Record<string, string>; state?: Record<string, string>; dir?: string }
): Promise<ActionRun> {
  const { dir, env, files } = runnerEnv(inputs, opts)
  const startedAt = Date.now()
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [ACTION_BUNDLE], { env, cwd: ROOT })
    let stdout = ''
    let stderr = ''
    child.stdout.on('data', (d) => (stdout += d))
    child.stderr.on('data', (d) => (stderr += d))
    child.on('error', reject)
    child.on('close', (code) => {
      resolve({
        exitCode: code ?? 1,
        stdout,
        stderr,
        outputs: parseCommandFile(readFileSync(files.GITHUB_OUTPUT, 'utf8')),
        state: parseCommandFile(readFileSync(files.GITHUB_STATE, 'utf8')),
        summary: readFileSync(files.GITHUB_STEP_SUMMARY, 'utf8'),
        startedAt,
        endedAt: Date.now(),
        dir
      })
    })
  })
}
