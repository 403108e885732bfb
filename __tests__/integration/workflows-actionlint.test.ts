import { spawnSync } from 'node:child_process'
import { existsSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { delimiter, join, resolve } from 'node:path'
import { describe, expect, it } from '@jest/globals'
import { ROOT, TOOLS_BIN } from '../helpers/tools.js'
import {
  ALL,
  fixture,
  lineWith,
  readmeWorkflows,
  rel,
  show,
  type Finding
} from '../helpers/workflows.js'

/**
 * Every workflow this repository ships, the README quick start and the planted mistakes in
 * __fixtures__/workflows, linted offline by rhysd/actionlint, built from the Go module proxy at the
 * version pinned in test/tools/go.mod (`npm run tools:actionlint`). The repository's own rules
 * for the same files run in the unit tier (__tests__/unit/workflows.test.ts).
 */

const ACTIONLINT = process.env.ACTIONLINT_BIN || join(TOOLS_BIN, 'actionlint')
const BUILD_ACTIONLINT = 'bash scripts/build-actionlint.sh'

function which(name: string): string | undefined {
  for (const dir of (process.env.PATH ?? '').split(delimiter)) {
    if (dir && existsSync(join(dir, name))) return join(dir, name)
  }
  return undefined
}

/** shellcheck is used when installed (GitHub's Ubuntu runners have it); its version is shown. */
const SHELLCHECK = which('shellcheck')

function actionlintBinary(path = ACTIONLINT): string {
  if (!existsSync(path))
    throw new Error(
      `actionlint not found at ${path}.\n` +
        `Build it (Go >= 1.26, version pinned in test/tools/go.mod, about 15 s):\n\n    ${BUILD_ACTIONLINT}\n\n` +
        'or point ACTIONLINT_BIN at an actionlint binary. The workflow lint never skips.'
    )
  return path
}

function actionlintVersion(): string {
  const r = spawnSync(actionlintBinary(), ['-version'], { encoding: 'utf8' })
  return r.stdout.split('\n')[0].trim()
}

interface ActionlintError {
  message: string
  filepath: string
  line: number
  column: number
  kind: string
}

function actionlint(files: readonly string[]): Finding[] {
  // Run from the repository root so `uses: ./` resolves to this action's action.yml.
  const r = spawnSync(
    actionlintBinary(),
    ['-format', '{{json .}}', `-shellcheck=${SHELLCHECK ?? ''}`, '-pyflakes=', ...files],
    { cwd: ROOT, encoding: 'utf8' }
  )
  // 0: clean, 1: problems found; anything else is a failure of actionlint itself.
  if (r.status !== 0 && r.status !== 1)
    throw new Error(`actionlint failed (exit ${r.status}): ${r.stderr || r.error?.message}`)
  const errors = (JSON.parse(r.stdout.trim() || '[]') ?? []) as ActionlintError[]
  return errors.map((e) => ({
    file: rel(resolve(ROOT, e.filepath)),
    line: e.line,
    rule: `actionlint:${e.kind}`,
    message: e.message
  }))
}

describe('actionlint', () => {
  it(`passes every workflow this repository ships (test/tools/go.mod, ${SHELLCHECK ? 'with' : 'without'} shellcheck)`, () => {
    expect(actionlintVersion()).toMatch(/^v?\d+\.\d+\.\d+/)
    expect(show(actionlint(ALL))).toEqual([])
  })

  it('passes the README quick start', () => {
    const snippets = readmeWorkflows()
    expect(snippets.length).toBeGreaterThanOrEqual(1)
    expect(show(actionlint(snippets))).toEqual([])
  })

  it('reports an input the local action (./) does not declare, reading its action.yml', () => {
    const file = fixture('unknown-input.yml')
    // actionlint reads action.yml for the local action (it cannot for a remote one).
    expect(actionlint([file])).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          line: lineWith(file, 'chart-path:'),
          message: expect.stringMatching(/input "chart-path" is not defined/)
        })
      ])
    )
  })

  it('reports an untrusted value spliced into run: and expressions that do not parse', () => {
    const file = fixture('bad-expression.yml')
    expect(actionlint([file])).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          file: rel(file),
          rule: 'actionlint:expression',
          line: lineWith(file, 'pull_request.title'),
          message: expect.stringMatching(/potentially untrusted/)
        }),
        expect.objectContaining({
          rule: 'actionlint:expression',
          line: lineWith(file, 'github.ref_name =='),
          message: expect.stringMatching(/unexpected end of input/)
        }),
        expect.objectContaining({
          rule: 'actionlint:expression',
          line: lineWith(file, "if: ${{ github.event_name == 'push' }"),
          message: expect.stringMatching(/unexpected character/)
        })
      ])
    )
  })

  it('fails loudly, with the command to build it, when the binary is missing', () => {
    expect(() => actionlintBinary(join(tmpdir(), 'no-such-dir/actionlint'))).toThrow(
      /actionlint not found at .*no-such-dir\/actionlint\.[\s\S]*bash scripts\/build-actionlint\.sh[\s\S]*never skips/
    )
  })
})
