import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from '@jest/globals'
import { parse } from 'yaml'
import { ROOT } from '../helpers/tools.js'
import {
  ALL,
  EXAMPLES,
  REPOSITORY_WORKFLOWS,
  fixture,
  lineWith,
  readmeWorkflows,
  rel,
  repositoryRules,
  reusableInterface,
  show
} from '../helpers/workflows.js'

/**
 * Every workflow this repository ships (its own, the reusable ones and the consumer examples)
 * follows the repository rules of __tests__/helpers/workflows.ts. The planted mistakes in
 * __fixtures__/workflows prove that each rule can fail. rhysd/actionlint lints the same files in
 * the integration tier (it is built from Go).
 */

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

  it.each(ALL.map(rel))('%s follows the repository rules', (file) => {
    expect(show(repositoryRules(join(ROOT, file)))).toEqual([])
  })

  it('include the README quick start, which follows the repository rules too', () => {
    const snippets = readmeWorkflows()
    expect(snippets.length).toBeGreaterThanOrEqual(1)
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
  })

  it('an input the reusable deploy workflow does not declare, and a missing required one', () => {
    const file = fixture('unknown-workflow-input.yml')
    const declared = Object.keys(reusableInterface('deploy.yml')!.inputs).join(', ')
    expect(show(repositoryRules(file))).toEqual([
      `${rel(file)}:${lineWith(file, 'environmnet:')} [input] input "environmnet" is not declared by goatflow/deploy-action/.github/workflows/deploy.yml@v1 (declared: ${declared})`,
      `${rel(file)}:${lineWith(file, 'deploy.yml@v1')} [input] goatflow/deploy-action/.github/workflows/deploy.yml@v1 requires input "environment"`
    ])
  })

  it('an untrusted value spliced into run:', () => {
    const file = fixture('bad-expression.yml')
    expect(repositoryRules(file)).toEqual([
      expect.objectContaining({
        rule: 'run-expression',
        line: lineWith(file, 'pull_request.title'),
        message: expect.stringContaining('${{ github.event.pull_request.title }}')
      })
    ])
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
})
