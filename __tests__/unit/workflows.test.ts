import { spawnSync } from 'node:child_process'
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { delimiter, join, relative, resolve } from 'node:path'
import { describe, expect, it } from '@jest/globals'
import {
  isMap,
  isScalar,
  isSeq,
  LineCounter,
  parse,
  parseDocument,
  type Node,
  type YAMLMap
} from 'yaml'
import { ROOT, TOOLS_BIN } from '../helpers/tools.js'

/**
 * Every workflow this repository ships (its own, the reusable ones and the consumer examples) is
 * linted offline twice: by rhysd/actionlint, built from the Go module proxy at the version pinned
 * in test/tools/go.mod, and by the repository rules below (least permissions, concurrency, actions
 * pinned by SHA with a version comment, no expression inside `run:`, and every input given to this
 * action or its reusable workflows declared by them). The planted mistakes in
 * __fixtures__/workflows prove that each check can fail.
 */

interface Finding {
  file: string
  line: number
  rule: string
  message: string
}

const ACTIONLINT = process.env.ACTIONLINT_BIN || join(TOOLS_BIN, 'actionlint')
const BUILD_ACTIONLINT = 'bash scripts/build-actionlint.sh'
const FIXTURES = join(ROOT, '__fixtures__/workflows')
const OWN_ACTION = 'goatflow/deploy-action'

const yamlFiles = (dir: string): string[] =>
  readdirSync(join(ROOT, dir))
    .filter((f) => /\.ya?ml$/.test(f))
    .sort()
    .map((f) => join(ROOT, dir, f))

const REPOSITORY_WORKFLOWS = yamlFiles('.github/workflows')
const EXAMPLES = yamlFiles('examples/workflows')
const ALL = [...REPOSITORY_WORKFLOWS, ...EXAMPLES]
const fixture = (name: string): string => join(FIXTURES, name)
const rel = (file: string): string => relative(ROOT, file)

const action = parse(readFileSync(join(ROOT, 'action.yml'), 'utf8')) as {
  inputs: Record<string, { required?: boolean }>
}

// ---------------------------------------------------------------------------------- actionlint

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

// ---------------------------------------------------------------------------- repository rules

const SHA_PIN = /^[\w.-]+\/[\w.-]+(\/[^@]+)?@[0-9a-f]{40}$/
const VERSION_COMMENT = /#\s*v\d+\.\d+\.\d+\b/
const OWN_WORKFLOW = /^goatflow\/deploy-action\/\.github\/workflows\/([\w.-]+\.ya?ml)@v\d+$/
const LOCAL_WORKFLOW = /^\.\/\.github\/workflows\/([\w.-]+\.ya?ml)$/

interface ReusableInterface {
  inputs: Record<string, { required?: boolean }>
  secrets: Record<string, { required?: boolean }>
}

function reusableInterface(name: string): ReusableInterface | undefined {
  const path = join(ROOT, '.github/workflows', name)
  if (!existsSync(path)) return undefined
  const wf = parse(readFileSync(path, 'utf8')) as {
    on?: { workflow_call?: Partial<ReusableInterface> }
  }
  const call = wf.on?.workflow_call
  if (!call) return undefined
  return { inputs: call.inputs ?? {}, secrets: call.secrets ?? {} }
}

const mapKeys = (node: unknown): string[] =>
  isMap(node) ? node.items.map((p) => String(isScalar(p.key) ? p.key.value : p.key)) : []

/** Lints one workflow file with the repository's own rules. */
function repositoryRules(file: string, text = readFileSync(file, 'utf8')): Finding[] {
  const findings: Finding[] = []
  const lc = new LineCounter()
  const doc = parseDocument(text, { lineCounter: lc })
  const sourceLines = text.split('\n')
  const lineOf = (node: unknown): number => {
    const range = (node as Node | undefined)?.range
    return range ? lc.linePos(range[0]).line : 1
  }
  const report = (node: unknown, rule: string, message: string): void => {
    findings.push({ file: rel(file), line: lineOf(node), rule, message })
  }
  if (doc.errors.length > 0) {
    for (const e of doc.errors)
      findings.push({
        file: rel(file),
        line: e.linePos?.[0].line ?? 1,
        rule: 'yaml',
        message: e.message
      })
    return findings
  }
  const root = doc.contents
  if (!isMap(root)) {
    report(root, 'yaml', 'a workflow is a YAML mapping')
    return findings
  }
  const jobs = root.get('jobs', true)
  const jobEntries = isMap(jobs)
    ? jobs.items.map((p) => ({
        id: String((p.key as { value: unknown }).value),
        node: p.value as YAMLMap,
        key: p.key
      }))
    : []

  // Least privilege: the workflow sets read-only (or no) defaults, jobs grant what they need.
  const topPermissions = root.get('permissions', true)
  if (topPermissions === undefined) {
    for (const job of jobEntries)
      if (!isMap(job.node) || !job.node.has('permissions'))
        report(
          job.key,
          'permissions',
          `job "${job.id}" has no permissions and the workflow sets none`
        )
  } else {
    const granted = (topPermissions as Node).toJSON() as unknown
    // `{}` or `contents: read`; read-all, write-all and any write scope belong on a job.
    const ok =
      typeof granted === 'object' &&
      granted !== null &&
      Object.entries(granted).every(([k, v]) => k === 'contents' && v === 'read')
    if (!ok)
      report(
        topPermissions,
        'permissions',
        `workflow permissions ${JSON.stringify(granted)}: use {} or contents: read at the top and grant more per job`
      )
  }

  // Runs of one workflow (or of each job) are serialised or superseded, never racing.
  if (!root.has('concurrency'))
    for (const job of jobEntries)
      if (!isMap(job.node) || !job.node.has('concurrency'))
        report(
          job.key,
          'concurrency',
          `job "${job.id}" has no concurrency group and the workflow sets none`
        )

  const checkUses = (node: unknown, where: string): string | undefined => {
    if (!isScalar(node) || typeof node.value !== 'string') return undefined
    const uses = node.value.trim()
    if (uses.startsWith('./')) return uses
    if (uses.startsWith('docker://')) {
      if (!/@sha256:[0-9a-f]{64}$/.test(uses))
        report(
          node,
          'pin',
          `${where} "${uses}": pin the image by digest (docker://image@sha256:...)`
        )
      return uses
    }
    if (
      uses === OWN_ACTION ||
      uses.startsWith(`${OWN_ACTION}@`) ||
      uses.startsWith(`${OWN_ACTION}/`)
    ) {
      // Our own action and workflows follow the major tag users pin.
      if (!/@v\d+$/.test(uses))
        report(node, 'pin', `${where} "${uses}": use ${OWN_ACTION} at its major tag (@v1)`)
      return uses
    }
    if (!SHA_PIN.test(uses)) {
      report(node, 'pin', `${where} "${uses}": pin third-party actions by a full 40-hex commit SHA`)
    } else if (!VERSION_COMMENT.test(sourceLines[lineOf(node) - 1] ?? '')) {
      report(node, 'pin', `${where} "${uses}": add the version the SHA is, as a comment (# vX.Y.Z)`)
    }
    return uses
  }

  const checkWith = (
    node: YAMLMap,
    target: string,
    declared: Record<string, { required?: boolean }>,
    key: 'with' | 'secrets' = 'with'
  ): void => {
    const given = node.get(key, true)
    if (given !== undefined && isScalar(given) && given.value === 'inherit') return
    const names = mapKeys(given)
    if (isMap(given))
      for (const pair of given.items) {
        const name = String((pair.key as { value: unknown }).value)
        if (!(name in declared))
          report(
            pair.key,
            key === 'with' ? 'input' : 'secret',
            `${key === 'with' ? 'input' : 'secret'} "${name}" is not declared by ${target} (declared: ${Object.keys(declared).join(', ')})`
          )
      }
    for (const [name, spec] of Object.entries(declared))
      if (spec.required && !names.includes(name))
        report(
          node,
          key === 'with' ? 'input' : 'secret',
          `${target} requires ${key === 'with' ? 'input' : 'secret'} "${name}"`
        )
  }

  for (const job of jobEntries) {
    if (!isMap(job.node)) continue
    // A job calling a reusable workflow.
    const jobUses = checkUses(job.node.get('uses', true), `job "${job.id}" uses`)
    if (jobUses) {
      const name = OWN_WORKFLOW.exec(jobUses)?.[1] ?? LOCAL_WORKFLOW.exec(jobUses)?.[1]
      if (name) {
        const iface = reusableInterface(name)
        if (!iface)
          report(
            job.node.get('uses', true),
            'input',
            `${jobUses}: .github/workflows/${name} is not a reusable workflow of this repository`
          )
        else {
          checkWith(job.node, jobUses, iface.inputs)
          checkWith(job.node, jobUses, iface.secrets, 'secrets')
        }
      }
    }
    const steps = job.node.get('steps', true)
    if (!isSeq(steps)) continue
    steps.items.forEach((step, i) => {
      if (!isMap(step)) return
      const where = `job "${job.id}" step ${i + 1}`
      const uses = checkUses(step.get('uses', true), `${where} uses`)
      if (uses === './' || uses === '.' || uses?.startsWith(`${OWN_ACTION}@`))
        checkWith(step, uses, action.inputs)
      const run = step.get('run', true)
      if (isScalar(run) && typeof run.value === 'string' && run.value.includes('${{')) {
        const expr = /\$\{\{[^}]*\}\}/.exec(run.value)?.[0] ?? '${{'
        report(
          run,
          'run-expression',
          `${where}: ${expr} inside run: is spliced into the script; pass it through env:`
        )
      }
    })
  }
  return findings
}

// ------------------------------------------------------------------------------- the README

/** Complete workflows shown in the README's workflows section (those with `jobs:`). */
function readmeWorkflows(): string[] {
  const readme = readFileSync(join(ROOT, 'README.md'), 'utf8')
  const section = /<!-- workflows:start -->([\s\S]*?)<!-- workflows:end -->/.exec(readme)?.[1] ?? ''
  const dir = mkdtempSync(join(tmpdir(), 'readme-workflows-'))
  return [...section.matchAll(/```ya?ml\n([\s\S]*?)```/g)]
    .map((m) => m[1])
    .filter((block) => /^jobs:/m.test(block) && /^on:/m.test(block))
    .map((block, i) => {
      const path = join(dir, `readme-${i + 1}.yml`)
      writeFileSync(path, block)
      return path
    })
}

const show = (findings: Finding[]): string[] =>
  findings.map((f) => `${f.file}:${f.line} [${f.rule}] ${f.message}`)

// ---------------------------------------------------------------------------------------- tests

describe('the workflows this repository ships', () => {
  it('include CI, check-dist, release, both reusable workflows and the consumer examples', () => {
    expect(REPOSITORY_WORKFLOWS.map(rel)).toEqual(
      expect.arrayContaining([
        '.github/workflows/ci.yml',
        '.github/workflows/check-dist.yml',
        '.github/workflows/release.yml',
        '.github/workflows/build-image.yml',
        '.github/workflows/deploy.yml'
      ])
    )
    expect(EXAMPLES.length).toBeGreaterThanOrEqual(6)
  })

  it(`pass actionlint (test/tools/go.mod, ${SHELLCHECK ? 'with' : 'without'} shellcheck) with no findings`, () => {
    expect(actionlintVersion()).toMatch(/^v?\d+\.\d+\.\d+/)
    expect(show(actionlint(ALL))).toEqual([])
  })

  it.each(ALL.map(rel))('%s follows the repository rules', (file) => {
    expect(show(repositoryRules(join(ROOT, file)))).toEqual([])
  })

  it('include the README quick start, which passes both linters too', () => {
    const snippets = readmeWorkflows()
    expect(snippets.length).toBeGreaterThanOrEqual(1)
    expect(show(actionlint(snippets))).toEqual([])
    for (const s of snippets) expect(show(repositoryRules(s))).toEqual([])
  })

  it('are reusable where they say so: build-image and deploy declare inputs and outputs', () => {
    for (const name of ['build-image.yml', 'deploy.yml']) {
      const wf = parse(readFileSync(join(ROOT, '.github/workflows', name), 'utf8')) as {
        on: { workflow_call: { inputs: object; outputs: Record<string, { description: string }> } }
      }
      expect(Object.keys(wf.on.workflow_call.inputs).length).toBeGreaterThan(3)
      for (const o of Object.values(wf.on.workflow_call.outputs)) expect(o.description).toBeTruthy()
    }
  })
})

describe('planted mistakes in __fixtures__/workflows are reported', () => {
  const lineWith = (file: string, marker: string): number =>
    readFileSync(file, 'utf8')
      .split('\n')
      .findIndex((l) => l.includes(marker)) + 1

  it('an input the action does not declare, given to goatflow/deploy-action@v1 and to ./', () => {
    const file = fixture('unknown-input.yml')
    expect(repositoryRules(file)).toEqual([
      expect.objectContaining({
        rule: 'input',
        line: lineWith(file, 'dry-run:'),
        message: expect.stringMatching(
          /^input "dry-run" is not declared by goatflow\/deploy-action@v1/
        )
      }),
      expect.objectContaining({
        rule: 'input',
        line: lineWith(file, 'chart-path:'),
        message: expect.stringMatching(/^input "chart-path" is not declared by \.\//)
      })
      // chart is optional in action.yml (rollback and remove need none): the parser requires it
      // for deploy, plan and validate.
    ])
    // actionlint reads action.yml for the local action as well (it cannot for a remote one).
    expect(actionlint([file])).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          line: lineWith(file, 'chart-path:'),
          message: expect.stringMatching(/input "chart-path" is not defined/)
        })
      ])
    )
  })

  it('an input the reusable deploy workflow does not declare, and a missing required one', () => {
    const file = fixture('unknown-workflow-input.yml')
    const declared = Object.keys(reusableInterface('deploy.yml')!.inputs).join(', ')
    expect(show(repositoryRules(file))).toEqual([
      `${rel(file)}:${lineWith(file, 'environmnet:')} [input] input "environmnet" is not declared by goatflow/deploy-action/.github/workflows/deploy.yml@v1 (declared: ${declared})`,
      `${rel(file)}:${lineWith(file, 'deploy.yml@v1')} [input] goatflow/deploy-action/.github/workflows/deploy.yml@v1 requires input "environment"`
    ])
  })

  it('an untrusted value spliced into run: and an expression that does not parse', () => {
    const file = fixture('bad-expression.yml')
    expect(repositoryRules(file)).toEqual([
      expect.objectContaining({
        rule: 'run-expression',
        line: lineWith(file, 'pull_request.title'),
        message: expect.stringContaining('${{ github.event.pull_request.title }}')
      })
    ])
    const lint = actionlint([file])
    expect(lint).toEqual(
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

  it('third-party actions pinned by tag, or by SHA without the version comment', () => {
    const file = fixture('unpinned-action.yml')
    expect(show(repositoryRules(file))).toEqual([
      `${rel(file)}:${lineWith(file, 'actions/setup-node@v5')} [pin] job "build" step 2 uses "actions/setup-node@v5": pin third-party actions by a full 40-hex commit SHA`,
      `${rel(file)}:${lineWith(file, 'docker/setup-qemu-action@')} [pin] job "build" step 3 uses "docker/setup-qemu-action@06116385d9baf250c9f4dcb4858b16962ea869c3": add the version the SHA is, as a comment (# vX.Y.Z)`,
      `${rel(file)}:${lineWith(file, 'goatflow/deploy-action@main')} [pin] job "build" step 4 uses "goatflow/deploy-action@main": use goatflow/deploy-action at its major tag (@v1)`
    ])
  })

  it('workflows without permissions or concurrency, and broad top-level permissions', () => {
    const none = fixture('no-permissions.yml')
    expect(repositoryRules(none).map((f) => f.rule)).toEqual(['permissions', 'concurrency'])
    const broad = fixture('broad-permissions.yml')
    expect(show(repositoryRules(broad))).toEqual([
      `${rel(broad)}:${lineWith(broad, 'contents: write')} [permissions] workflow permissions {"contents":"write","pull-requests":"write"}: use {} or contents: read at the top and grant more per job`
    ])
  })

  it('fails loudly, with the command to build it, when actionlint is missing', () => {
    expect(() => actionlintBinary(join(tmpdir(), 'no-such-dir/actionlint'))).toThrow(
      /actionlint not found at .*no-such-dir\/actionlint\.[\s\S]*bash scripts\/build-actionlint\.sh[\s\S]*never skips/
    )
  })
})
