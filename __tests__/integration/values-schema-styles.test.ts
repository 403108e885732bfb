// The schema-style cases (__tests__/helpers/schema-styles.ts) against real Helm: `helm template`
// must accept exactly the cases without violations, and report its violations at exactly the
// value paths the cases list (and validateValues reports, see the unit test of the same name).

import { execFile } from 'node:child_process'
import { basename } from 'node:path'
import { promisify } from 'node:util'
import { describe, expect, it } from '@jest/globals'
import { formatPath, type PathSegment } from '../../src/values/path.js'
import { STYLE_CASES, type StyleCase } from '../helpers/schema-styles.js'
import { HELM_MAJORS, helmBinary } from '../helpers/tools.js'

const run = promisify(execFile)

async function helmErrors(binary: string, c: StyleCase): Promise<string | undefined> {
  const args = ['template', 'release', c.chart, '--kube-version=1.35.0']
  for (const s of c.setJson ?? []) args.push(`--set-json=${s}`)
  for (const s of c.set ?? []) args.push(`--set=${s}`)
  try {
    await run(binary, args, { maxBuffer: 16 << 20 })
    return undefined
  } catch (e) {
    return (e as { stderr: string }).stderr
  }
}

const quoted = (text: string): string[] => [...text.matchAll(/'([^']*)'/g)].map((m) => m[1])

/**
 * The value paths of jsonschema v6's error tree as Helm prints it: a `<chart>:` line, then
 * `- at '<pointer>': <message>` lines, causes indented below their parent (only leaves count).
 * Additional properties are reported on the map, missing ones too; the first become paths of the
 * extra keys.
 */
function helmPaths(stderr: string, rootChart: string): string[] {
  const paths = new Set<string>()
  const lines = stderr.split('\n')
  let chart: PathSegment[] = []
  lines.forEach((line, i) => {
    const header = /^([A-Za-z0-9_.-]+):$/.exec(line)
    if (header) {
      chart = header[1] === rootChart ? [] : [header[1]]
      return
    }
    const m = /^(\s*)- at '([^']*)': (.*)$/.exec(line)
    if (!m) return
    const next = /^(\s*)- at /.exec(lines[i + 1] ?? '')
    if (next && next[1].length > m[1].length) return
    const at: PathSegment[] = [
      ...chart,
      ...(m[2] === ''
        ? []
        : m[2]
            .slice(1)
            .split('/')
            .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'))
            .map((s) => (/^\d+$/.test(s) ? Number(s) : s)))
    ]
    if (/^additional properties/.test(m[3]))
      for (const key of quoted(m[3].replace(/ not allowed.*$/, '')))
        paths.add(formatPath([...at, key]))
    else paths.add(formatPath(at))
  })
  return [...paths].sort()
}

describe.each(HELM_MAJORS)('schemas in the styles real charts use, by helm %i', (major) => {
  it.each(STYLE_CASES.map((c) => [c.name, c] as const))('%s', async (_name, c) => {
    const stderr = await helmErrors(helmBinary(major), c)
    if (c.paths.length === 0) expect(stderr).toBeUndefined()
    else {
      expect(stderr).toMatch(/values don't meet the specifications of the schema/)
      expect(helmPaths(stderr ?? '', basename(c.chart))).toEqual([...c.paths].sort())
    }
  })
})
