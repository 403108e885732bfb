// The action against raw Helm on charts in the styles of popular public charts
// (test/charts/corpus: subcharts with conditions, tags and aliases, a library chart, globals,
// import-values, a CRD in crds/, hooks, a test, lookup). For each case the values check agrees
// with `helm template` (accepts what Helm renders, refuses what Helm refuses), and the manifests
// the action renders (readConfig -> openSession -> render) are byte for byte those of
// `helm template` with the same inputs.

import { execFile } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { join, relative } from 'node:path'
import { promisify } from 'node:util'
import { afterAll, describe, expect, it } from '@jest/globals'
import { parse } from 'yaml'
import { createProcessRunner } from '../../src/exec/runner.js'
import { readConfig } from '../../src/inputs/inputs.js'
import { openSession, type Session } from '../../src/session.js'
import { render } from '../../src/validate.js'
import { checkValues } from '../../src/values-check.js'
import { HELM_MAJORS, ROOT, helmBinary } from '../helpers/tools.js'

const run = promisify(execFile)
const CORPUS = join(ROOT, 'test/charts/corpus')
const actionYml = parse(readFileSync(join(ROOT, 'action.yml'), 'utf8')) as {
  inputs: Record<string, { default?: string }>
}

export interface CorpusCase {
  name: string
  chart: string
  values?: string
  set?: string[]
  setJson?: string[]
}

const platform = 'platform'
const cases: CorpusCase[] = [
  { name: 'defaults', chart: platform },
  {
    name: 'an aliased subchart enabled by a condition list',
    chart: platform,
    set: ['api-canary.enabled=true', 'api-canary.replicas=2']
  },
  { name: 'a subchart disabled by its tag', chart: platform, set: ['tags.cache=false'] },
  {
    name: 'a condition turns a subchart and its alias off',
    chart: platform,
    set: ['api.enabled=false', 'api-canary.enabled=true']
  },
  {
    name: 'globals and import-values overridden by the user',
    chart: platform,
    values:
      'global:\n  imageRegistry: mirror.example.com\n  labels:\n    team: web\n    tier: front\ncacheConnection:\n  url: redis://elsewhere:6379\n',
    setJson: ['image={"repository":"platform/web2","tag":"9.9.9"}']
  },
  { name: 'hooks off', chart: platform, set: ['hooks.migrate=false'] },
  { name: 'a subchart schema refuses a value', chart: platform, set: ['api.replicas=-1'] },
  {
    name: 'an aliased subchart is checked against its schema too',
    chart: platform,
    set: ['api-canary.enabled=true', 'api-canary.track=beta']
  }
]

const runnerInputs =
  (given: Record<string, string>) =>
  (name: string): string => {
    if (name in given) return given[name]
    const dflt = actionYml.inputs[name]?.default ?? ''
    return dflt.includes('${{') ? '' : dflt
  }

const sessions: Session[] = []
afterAll(() => sessions.forEach((s) => s.temp.removeAll()))

function inputsOf(c: CorpusCase): Record<string, string> {
  const inputs: Record<string, string> = {
    mode: 'validate',
    release: 'corpus',
    namespace: 'corpus-ns',
    chart: relative(ROOT, join(CORPUS, c.chart))
  }
  if (c.values) inputs.values = c.values
  if (c.set) inputs.set = c.set.join('\n')
  if (c.setJson) inputs['set-json'] = c.setJson.join('\n')
  return inputs
}

async function helmTemplate(
  binary: string,
  c: CorpusCase,
  valuesFile?: string
): Promise<{ ok: boolean; manifest: string }> {
  const args = ['template', 'corpus', join(CORPUS, c.chart), '--namespace', 'corpus-ns']
  if (valuesFile) args.push('--values', valuesFile)
  for (const s of c.setJson ?? []) args.push('--set-json', s)
  for (const s of c.set ?? []) args.push('--set', s)
  try {
    const r = await run(binary, args, { maxBuffer: 16 << 20 })
    return { ok: true, manifest: r.stdout }
  } catch {
    return { ok: false, manifest: '' }
  }
}

describe.each(HELM_MAJORS)('the action and helm %i template agree', (major) => {
  it.each(cases.map((c) => [c.name, c] as const))('%s', async (_name, c) => {
    const process = { cwd: globalThis.process.cwd() }
    globalThis.process.chdir(ROOT)
    try {
      const config = readConfig(runnerInputs(inputsOf(c)))
      const session = await openSession(config, {
        runner: createProcessRunner(() => undefined),
        log: () => undefined,
        mask: () => undefined,
        helmBinary: async () => helmBinary(major)
      })
      sessions.push(session)
      const helm = await helmTemplate(helmBinary(major), c, session.inlineValuesFile)
      const checked = await checkValues(session)
      expect(checked.checked).toBe(true)
      const errors = checked.annotations.filter((a) => a.level === 'error')
      // Helm refuses exactly what the values check refuses.
      expect(errors.length === 0).toBe(helm.ok)
      if (!helm.ok) return
      const rendered = await render(session)
      expect(rendered.manifest).toBe(helm.manifest)
      expect(rendered.objects.length).toBeGreaterThan(3)
    } finally {
      globalThis.process.chdir(process.cwd)
    }
  })
})
