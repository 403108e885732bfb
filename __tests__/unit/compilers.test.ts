import { spawnSync } from 'node:child_process'
import { describe, expect, it } from '@jest/globals'
import type { Mode } from '../../src/inputs/config.js'
import { OPTIMIZING_COMPILERS_OFF, runsBriefly } from '../../src/run/compilers.js'

// Node.js warns that V8 flags set after start "may simply do nothing". This checks, on the
// Node.js running the tests, that the flags the action sets at start keep a hot function from
// being optimized, and that the same function is optimized without them (so the check can fail).
// In a child process: the flags are process-wide, and this test's process runs other tests.

/** V8's %GetOptimizationStatus bit for "optimized code" (src/runtime/runtime.h). */
const OPTIMIZED = 16

function statusOfHotFunction(flags: readonly string[]): number {
  const script = `
    const v8 = require('node:v8')
    for (const f of ${JSON.stringify(flags)}) v8.setFlagsFromString(f)
    function hot(xs) { let s = 0; for (let i = 0; i < xs.length; i++) s += xs[i] * 2; return s }
    const xs = Array.from({ length: 1000 }, (_, i) => i)
    let total = 0
    for (let k = 0; k < 20000; k++) total += hot(xs)
    console.log(%GetOptimizationStatus(hot))`
  const r = spawnSync(process.execPath, ['--allow-natives-syntax', '-e', script], {
    encoding: 'utf8'
  })
  expect(r.stderr).toBe('')
  return Number(r.stdout.trim())
}

describe('the optimizing compilers, turned off after start', () => {
  it('a hot function is optimized when nothing is set', () => {
    expect(statusOfHotFunction([]) & OPTIMIZED).toBe(OPTIMIZED)
  })

  it('and stays unoptimized with the flags the action sets at start', () => {
    expect(statusOfHotFunction(OPTIMIZING_COMPILERS_OFF) & OPTIMIZED).toBe(0)
  })
})

describe('which modes run without them', () => {
  it.each<[Mode, boolean]>([
    ['validate', true],
    ['plan', true],
    ['deploy', false],
    ['rollback', false],
    ['remove', false],
    ['promote', false],
    ['reject', false]
  ])('%s: %s', (mode, off) => {
    expect(runsBriefly(mode)).toBe(off)
  })
})
