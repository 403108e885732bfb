import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, relative } from 'node:path'
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
import { ROOT } from './tools.js'

/**
 * The workflows this repository ships (its own, the reusable ones and the consumer examples) and
 * the repository's own rules for them: least permissions, concurrency, actions pinned by SHA with
 * a version comment, no expression inside `run:`, and every input given to this action or its
 * reusable workflows declared by them. The unit tier applies the rules
 * (__tests__/unit/workflows.test.ts); the integration tier runs rhysd/actionlint, built from Go,
 * on the same files (__tests__/integration/workflows-actionlint.test.ts).
 */

export interface Finding {
  file: string
  line: number
  rule: string
  message: string
}

const FIXTURES = join(ROOT, '__fixtures__/workflows')
const OWN_ACTION = 'goatflow/deploy-action'

const yamlFiles = (dir: string): string[] =>
  readdirSync(join(ROOT, dir))
    .filter((f) => /\.ya?ml$/.test(f))
    .sort()
    .map((f) => join(ROOT, dir, f))

export const REPOSITORY_WORKFLOWS = yamlFiles('.github/workflows')
export const EXAMPLES = yamlFiles('examples/workflows')
export const ALL = [...REPOSITORY_WORKFLOWS, ...EXAMPLES]
export const fixture = (name: string): string => join(FIXTURES, name)
export const rel = (file: string): string => relative(ROOT, file)

const action = parse(readFileSync(join(ROOT, 'action.yml'), 'utf8')) as {
  inputs: Record<string, { required?: boolean }>
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

export function reusableInterface(name: string): ReusableInterface | undefined {
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
export function repositoryRules(file: string, text = readFileSync(file, 'utf8')): Finding[] {
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
export function readmeWorkflows(): string[] {
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

export const show = (findings: Finding[]): string[] =>
  findings.map((f) => `${f.file}:${f.line} [${f.rule}] ${f.message}`)

/** The line of `file` that first contains `marker` (1-based; 0 when none does). */
export const lineWith = (file: string, marker: string): number =>
  readFileSync(file, 'utf8')
    .split('\n')
    .findIndex((l) => l.includes(marker)) + 1
