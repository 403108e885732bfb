import { describe, expect, it, jest } from '@jest/globals'
import type { CommandRunner } from '../../src/exec/runner.js'

const setFailed = jest.fn<(m: string) => void>()
const setOutput = jest.fn<(k: string, v: string) => void>()
const saveState = jest.fn()
const real = await import('@actions/core')
jest.unstable_mockModule('@actions/core', () => ({
  ...real,
  setFailed,
  setOutput,
  saveState,
  info: jest.fn(),
  setSecret: jest.fn()
}))
const { run } = await import('../../src/main.js')

const countingRunner = () => {
  const calls: string[][] = []
  const run: CommandRunner['run'] = async (file, args) => {
    calls.push([file, ...args])
    return { exitCode: 1, stdout: '', stderr: 'not expected' }
  }
  const runner: CommandRunner = {
    run,
    start: (file, args) => {
      const done = run(file, args)
      return { done, exited: () => true, signal: () => undefined }
    }
  }
  return { runner, calls }
}

describe('run()', () => {
  it('fails on bad input without starting any process', async () => {
    const { runner, calls } = countingRunner()
    await run({
      read: (n) => ({ release: 'Bad_Name', chart: 'examples/charts/goatflow' })[n] ?? '',
      runner
    })
    expect(calls).toEqual([])
    expect(setFailed).toHaveBeenCalledWith(expect.stringContaining('Input "release" "Bad_Name"'))
    expect(setOutput).toHaveBeenCalledWith('status', 'failed')
  })

  it('tunes the process for the mode before the first helm call', async () => {
    const { runner, calls } = countingRunner()
    const tuned: Array<[string, number]> = []
    await run({
      read: (n) => ({ release: 'ok', chart: 'examples/charts/goatflow', mode: 'plan' })[n] ?? '',
      runner,
      tuneForMode: (config) => tuned.push([config.mode, calls.length])
    })
    expect(tuned).toEqual([['plan', 0]])
    expect(calls.length).toBeGreaterThan(0)
  })

  it("fails with helm's own words when helm cannot report its version", async () => {
    const { runner, calls } = countingRunner()
    await run({
      read: (n) =>
        ({ release: 'ok', chart: 'examples/charts/goatflow', mode: 'validate' })[n] ?? '',
      runner
    })
    // helm lint and helm template start beside the version question (neither needs it); nothing
    // else runs once the version is refused.
    expect(calls[0]).toEqual(['helm', 'version', '--template', '{{.Version}}'])
    expect(
      calls
        .slice(1)
        .map((c) => c[1])
        .sort()
    ).toEqual(['lint', 'template'])
    expect(setFailed).toHaveBeenCalledWith(expect.stringContaining('not expected'))
  })
})
