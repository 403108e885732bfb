import { spawnSync } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { describe, expect, it } from '@jest/globals'
import { parse } from 'yaml'
import { readConfig } from '../../src/inputs/inputs.js'
import { outputValues } from '../../src/report/outputs.js'
import { ROOT, EXAMPLE_CHART } from '../helpers/tools.js'

const action = parse(readFileSync(`${ROOT}/action.yml`, 'utf8')) as {
  inputs: Record<string, { description: string; default?: string; required?: boolean }>
  outputs: Record<string, { description: string }>
  runs: { using: string; main: string; post: string }
}

describe('action.yml', () => {
  it('runs the bundle on node24 for both the main and the post step', () => {
    expect(action.runs).toEqual({ using: 'node24', main: 'dist/index.js', post: 'dist/index.js' })
  })

  it('declares exactly the inputs the config parser reads', () => {
    const read = new Set<string>()
    readConfig((name) => {
      read.add(name)
      return ({ release: 'goatflow', chart: EXAMPLE_CHART } as Record<string, string>)[name] ?? ''
    })
    expect([...read].sort()).toEqual(Object.keys(action.inputs).sort())
  })

  it('gives every boolean input a default and every input a description', () => {
    for (const [name, input] of Object.entries(action.inputs)) {
      expect(input.description.length).toBeGreaterThan(20)
      if (!input.required) expect(typeof input.default).toBe('string')
      if (['true', 'false'].includes(input.default ?? '')) expect(name).toMatch(/^[a-z-]+$/)
    }
  })

  it('declares exactly the outputs the action sets', () => {
    const set = Object.keys(
      outputValues({
        status: 'validated',
        rolledBack: false,
        changed: false,
        durationSeconds: 1,
        images: []
      })
    )
    expect(set.sort()).toEqual(Object.keys(action.outputs).sort())
  })

  it('is documented in README.md by the generated tables', () => {
    const r = spawnSync(process.execPath, ['scripts/inputs-doc.mjs', '--check'], {
      cwd: ROOT,
      encoding: 'utf8'
    })
    expect(r.stderr).toBe('')
    expect(r.status).toBe(0)
  })
})
