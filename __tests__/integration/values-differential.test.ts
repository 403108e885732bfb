// The judge of src/values: for each case, real `helm template` (Helm 3 and Helm 4) renders the
// fixture chart __fixtures__/charts/values-dump, whose only template prints `toJson .Values`, and
// computeValues must produce exactly that. Numbers are compared by their JSON spelling, so int64
// and float64 precision count too.
//
// Other Helm releases are recorded, not run: with VALUES_RECORD=/path/to/helm[,/path/to/helm…]
// this file also runs every case under those binaries and writes their output to
// __fixtures__/values/recorded/differential.json, which the unit test values-recorded.test.ts
// checks computeValues against (CI has only the binaries in .tools/bin).

import { execFile } from 'node:child_process'
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { promisify } from 'node:util'
import { describe, expect, it } from '@jest/globals'
import { parse as parseYaml } from 'yaml'
import { computeValues, type ValuesResult } from '../../src/values/merge.js'
import { HELM_MAJORS, helmBinary, ROOT } from '../helpers/tools.js'
import { losslessJson, Num, spelled } from '../helpers/values.js'

const run = promisify(execFile)
const CHART = join(ROOT, '__fixtures__/charts/values-dump')
const FIXTURES = join(ROOT, '__fixtures__/values')
const helmHome = mkdtempSync(join(tmpdir(), 'values-differential-'))

interface Case {
  name: string
  files?: string[]
  set?: string[]
  setString?: string[]
  setJson?: string[]
  /**
   * How Helm 3 and Helm 4 (the releases in .tools/bin) compare: `same`; `nulls`, different only
   * in keys whose value is null; `different` (other values, or only one of them fails). When not
   * given: `nulls` if Helm renders, as values-dump has null defaults that Helm 4.2+ drops and
   * Helm 3 keeps, and `same` if it fails.
   */
  majors?: 'same' | 'nulls' | 'different'
}

const cases: Case[] = [
  // Chart defaults alone: subchart nesting, aliases, conditions, tags, import-values, globals.
  { name: 'chart defaults only' },

  // Values files.
  { name: 'one values file', files: ['override-base.yaml'] },
  {
    name: 'later files win, maps merge, lists replace',
    files: ['override-base.yaml', 'override-second.yaml']
  },
  {
    name: 'the same files the other way round',
    files: ['override-second.yaml', 'override-base.yaml']
  },
  { name: 'YAML 1.1 scalars as go-yaml v2 types them', files: ['yaml11-scalars.yaml'] },
  { name: 'non-string keys', files: ['keys.yaml'] },
  { name: 'anchors, aliases and merge keys', files: ['anchors.yaml'] },
  { name: 'user nulls delete chart defaults', files: ['nulls.yaml'], majors: 'same' },
  { name: 'multi-document file', files: ['multi-doc.yaml'], majors: 'different' },
  {
    name: 'documents merge before the file merges',
    files: ['override-base.yaml', 'multi-doc-merge.yaml'],
    majors: 'different'
  },
  {
    name: 'a document separator with content on its line',
    files: ['document-separator.yaml'],
    majors: 'different'
  },
  { name: 'top level is a list', files: ['top-list.yaml'] },
  { name: 'top level is a string', files: ['top-scalar.yaml'] },
  { name: 'top level is a number', files: ['top-number.yaml'] },
  { name: 'tab indentation', files: ['tabs.yaml'] },
  { name: 'unclosed quote', files: ['unclosed-quote.yaml'] },
  { name: 'duplicate keys: the last one wins', files: ['duplicate-keys.yaml'] },
  { name: '.inf is not JSON', files: ['inf.yaml'] },
  { name: 'a tag that does not fit its value', files: ['bad-tag.yaml'] },
  { name: 'empty file', files: ['empty.yaml'] },
  { name: 'comments only', files: ['comments-only.yaml'] },
  { name: 'subchart values, aliases enabled by condition, globals', files: ['subchart.yaml'] },
  { name: 'type clashes keep the user value', files: ['type-clash.yaml'] },
  { name: 'null for a subchart key', files: ['child-null.yaml'] },
  { name: 'nested lists and objects in lists', files: ['lists.yaml'] },
  { name: 'strings: unicode, escapes, block scalars', files: ['strings.yaml'] },
  { name: 'numbers: int64, uint64, float64 edges', files: ['numbers.yaml'] },
  { name: 'globals set for a subchart yield to the parent', files: ['globals.yaml'] },
  { name: 'user values win over imported ones', files: ['imports.yaml'] },
  { name: 'a byte order mark and CRLF line ends', files: ['bom-crlf.yaml'] },
  { name: 'values of disabled subcharts stay plain', files: ['disabled-subchart.yaml'] },
  { name: 'global: null', files: ['global-null.yaml'] },
  { name: 'keys with dots and brackets in a file', files: ['dotted-keys.yaml'] },
  {
    name: 'a list in a second document',
    files: ['second-doc-list.yaml'],
    majors: 'different'
  },
  { name: 'a %YAML directive', files: ['directive.yaml'], majors: 'different' },
  {
    name: 'a last line of 4096 bytes without a line end',
    files: ['last-line-4096.yaml']
  },

  // --set typing.
  {
    name: '--set integers, booleans, null',
    set: ['n1=5,n2=-5,n3=+5,n4=0,n5=-0,n6=true,n7=TRUE,n8=False,n9=null,n10=NULL']
  },
  {
    name: '--set keeps leading zeros, floats, hex as strings',
    set: ['a=007,b=-007,c=1e3,d=0x10,e=1.5,f=1_000,g=00,h=0.0']
  },
  {
    name: '--set int64 limits',
    set: ['max=9223372036854775807,over=9223372036854775808,min=-9223372036854775808']
  },
  { name: '--set empty value', set: ['empty='] },
  { name: '--set "true" quoted stays a string with quotes', set: ['q="true"'] },
  { name: '--set-string keeps everything a string', setString: ['a=true,b=1,c=null,d=007,e='] },

  // --set syntax.
  { name: '--set nested keys', set: ['a.b.c=deep,a.b.d=deeper', 'image.tag=2.0'] },
  { name: '--set escapes', set: ['a\\.b=dotted,c\\,d=comma,e=x\\,y,f=back\\\\slash'] },
  {
    name: '--set list syntax',
    set: ['list={a,b,c}', 'one={x}', 'none={}', 'typed={1,true,null,str}']
  },
  { name: '--set list index grows with nulls', set: ['list[2]=z', 'list[0]=a'] },
  { name: '--set index into a chart list replaces it', set: ['hosts[0].name=x.example.com'] },
  {
    name: '--set nested list indexes',
    set: ['matrix[1][2]=x', 'matrix[0][0].k=v', 'matrix[1][0]=y']
  },
  {
    name: '--set list of maps out of order',
    set: ['items[1].name=b,items[0].name=a,items[1].port=2']
  },
  {
    name: '--set null deletes a chart default',
    set: ['image.tag=null', 'nested.deeper=null', 'nullDefault=null']
  },
  {
    name: '--set null on a nested null default',
    set: ['nested.nullInside=null', 'child.settings.nullInside=null']
  },
  {
    name: '--set null where the chart has no such key',
    set: ['nested.userOnly=null', 'image.extra=null', 'child.nullInChild=null']
  },
  { name: '--set an empty key sets nothing', set: ['=x'] },
  { name: '--set a trailing dot sets nothing', set: ['a.'] },
  { name: '--set an index without value', set: ['a[0]'] },
  { name: '--set a truncated index', set: ['a[0'], majors: 'different' },
  { name: '--set a trailing comma', set: ['a=b,'] },
  { name: '--set an escaped comma inside a list', set: ['l={a\\,b,c}'] },
  { name: '--set a map into a null list item', set: ['a[1]=x', 'a[0].b=y'] },
  { name: '--set unicode keys and values', set: ['größe=groß,emoji=🐐'] },
  { name: '--set global as a string', set: ['global=str'] },
  { name: '--set a subchart global to null', set: ['child.global=null'] },
  {
    name: '--set exports do not change what is imported',
    set: ['packaged.exports.data.imported=user']
  },

  // --set errors.
  { name: '--set key without value', set: ['a'] },
  { name: '--set second key without value', set: ['a=b,c'] },
  { name: '--set invalid index', set: ['a[x]=1'] },
  { name: '--set negative index', set: ['a[-1]=1'] },
  { name: '--set index above the limit', set: ['a[65537]=1'] },
  { name: '--set unterminated list', set: ['a={x,y'] },
  { name: '--set a map inside a scalar', set: ['a=1', 'a.b=2'] },
  { name: '--set a map inside null', set: ['a=null,a.b=1'] },
  { name: '--set a list where a map is', set: ['a.b=1', 'a[0]=2'] },

  // --set-json.
  {
    name: '--set-json values',
    setJson: [
      'obj={"a":1,"b":[true,null,"s"]}',
      'arr=[1,2.5,"x"]',
      'str="x"',
      'num=12345678901234567890'
    ]
  },
  { name: '--set-json empty and null', setJson: ['empty=', 'nul=null', 'spaced=  '] },
  { name: '--set-json several pairs on one line', setJson: ['a=1,b={"c":[1]},c="x,y"'] },
  { name: '--set-json a value glued to the next key', setJson: ['a=1b=2'] },
  { name: '--set-json into a list index', setJson: ['hosts[1]={"name":"json.example.com"}'] },
  {
    name: '--set-json a whole object',
    setJson: ['{"replicaCount":9,"image":{"tag":"json"}}'],
    majors: 'different'
  },
  { name: '--set-json invalid JSON', setJson: ['a={"x":'] },
  { name: '--set-json a number with a leading zero', setJson: ['a=01'] },
  {
    name: '--set-json a null inside an object',
    setJson: ['image={"tag":null}', 'nested={"nullInside":null}']
  },
  { name: '--set-json list indexes', setJson: ['a[0]=1,a[1]=[2]', 'a[2]={"k":"v"}'] },
  {
    name: '--set-json replaces what files set',
    files: ['override-base.yaml'],
    setJson: ['child={"port":1}']
  },

  // Order and combinations.
  {
    name: '--set-json, then --set, then --set-string',
    set: ['replicaCount=1', 'tag=set'],
    setJson: ['replicaCount=2', 'tag="json"'],
    setString: ['tag=string']
  },
  {
    name: '--set after values files',
    files: ['override-base.yaml', 'override-second.yaml'],
    set: ['replicaCount=8', 'child.list[2]=c']
  },
  { name: '--set a tag disables a subchart', set: ['tags.extras=false'] },
  {
    name: '--set a condition enables an aliased subchart',
    set: ['optional.enabled=true', 'optional.port=1']
  },
  { name: '--set a subchart to null', set: ['child=null'] },
  { name: '--set a subchart to a string', set: ['child=str'] },
  {
    name: '--set globals reach every subchart',
    set: ['global.region=us', 'global.deep.a.x=9', 'child.global.region=lost']
  },
  { name: '--set-json globals', setJson: ['global={"labels":{"team":"json"},"extra":[1]}'] },
  {
    name: 'everything at once',
    files: ['override-base.yaml', 'subchart.yaml', 'nulls.yaml'],
    set: ['child.port=1', 'hosts[1].name=z'],
    setString: ['image.tag=3'],
    setJson: ['packaged={"settings":{"level":2}}'],
    majors: 'same'
  }
]

type HelmOutcome = { ok: true; values: unknown; json: string } | { ok: false; error: string }

async function helmTemplate(major: 3 | 4 | string, c: Case): Promise<HelmOutcome> {
  const args = ['template', 'values-dump', CHART]
  for (const f of c.files ?? []) args.push('-f', join(FIXTURES, f))
  for (const s of c.setJson ?? []) args.push(`--set-json=${s}`)
  for (const s of c.set ?? []) args.push(`--set=${s}`)
  for (const s of c.setString ?? []) args.push(`--set-string=${s}`)
  const env = {
    ...process.env,
    HELM_CACHE_HOME: join(helmHome, 'cache'),
    HELM_CONFIG_HOME: join(helmHome, 'config'),
    HELM_DATA_HOME: join(helmHome, 'data')
  }
  const binary = typeof major === 'string' ? major : helmBinary(major)
  try {
    const { stdout } = await run(binary, args, { env, maxBuffer: 16 << 20 })
    const doc = parseYaml(stdout) as { data: { 'values.json': string } }
    const json = Buffer.from(doc.data['values.json'], 'base64').toString('utf8')
    return { ok: true, values: losslessJson(json), json }
  } catch (e) {
    return { ok: false, error: (e as { stderr?: string }).stderr?.trim() || String(e) }
  }
}

const versions = new Map<3 | 4, Promise<string>>()

/** The release of the binary the test runs (`v4.3.1`): computeValues follows its rules. */
function helmVersion(major: 3 | 4): Promise<string> {
  let v = versions.get(major)
  if (!v) {
    v = run(helmBinary(major), ['version', '--template', '{{.Version}}']).then((r) =>
      r.stdout.trim()
    )
    versions.set(major, v)
  }
  return v
}

function ours(version: string, c: Case): ValuesResult {
  return computeValues({
    chartDir: CHART,
    files: (c.files ?? []).map((f) => ({
      path: f,
      text: readFileSync(join(FIXTURES, f), 'utf8')
    })),
    set: c.set ?? [],
    setString: c.setString ?? [],
    setJson: c.setJson ?? [],
    helmVersion: version
  })
}

const outcomes = new Map<string, HelmOutcome>()

describe.each(HELM_MAJORS)('computeValues matches helm %i template', (major) => {
  it.each(cases.map((c) => [c.name, c] as const))('%s', async (_name, c) => {
    const helm = await helmTemplate(major, c)
    outcomes.set(`${major}:${c.name}`, helm)
    const result = ours(await helmVersion(major), c)
    if (!helm.ok) {
      expect(result.ok ? 'computed values' : 'problems').toBe('problems')
      if (!result.ok) {
        // Each problem names the file or the flag item it is about (or, for a clash found while
        // merging with the chart, the values key in its message).
        const items = [...(c.set ?? []), ...(c.setString ?? []), ...(c.setJson ?? [])]
        for (const p of result.problems) {
          expect(p.severity).toBe('error')
          if (p.file !== undefined) expect(c.files).toContain(p.file)
          else if (p.item !== undefined) expect(items).toContain(p.item)
          else expect(p.message).toMatch(/\S/)
        }
      }
      return
    }
    if (!result.ok)
      throw new Error(
        `helm ${major} rendered, computeValues failed: ${JSON.stringify(result.problems)}`
      )
    expect(spelled(result.values)).toEqual(helm.values)
  })
})

/** The values without the map keys whose value is null. */
function withoutNulls(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(withoutNulls)
  if (v === null || typeof v !== 'object' || v instanceof Num) return v
  return Object.fromEntries(
    Object.entries(v)
      .filter(([, x]) => x !== null)
      .map(([k, x]) => [k, withoutNulls(x)])
  )
}

describe('Helm 3 and Helm 4', () => {
  it('has more than 55 differential cases', () => {
    expect(cases.length).toBeGreaterThanOrEqual(55)
  })

  it.each(cases.map((c) => [c.name, c] as const))(
    'agree or differ as documented: %s',
    async (_name, c) => {
      const h3 = outcomes.get(`3:${c.name}`) ?? (await helmTemplate(3, c))
      const h4 = outcomes.get(`4:${c.name}`) ?? (await helmTemplate(4, c))
      const alike = (strip: (v: unknown) => unknown) =>
        h3.ok === h4.ok &&
        (!h3.ok || (h4.ok && JSON.stringify(strip(h3.values)) === JSON.stringify(strip(h4.values))))
      const found = alike((v) => v) ? 'same' : alike(withoutNulls) ? 'nulls' : 'different'
      expect(found).toBe(c.majors ?? (h3.ok ? 'nulls' : 'same'))
    }
  )
})

// ---- recording other releases (VALUES_RECORD) --------------------------------------------------

const RECORDED = join(FIXTURES, 'recorded/differential.json')

interface Recording {
  about: string
  cases: Record<string, Omit<Case, 'name' | 'majors'>>
  /** Helm's `toJson .Values`, each distinct output once. */
  outputs: string[]
  /** Release → case → index in outputs, or the first line of Helm's error. */
  releases: Record<string, Record<string, number | { error: string }>>
}

const recordBinaries = (process.env.VALUES_RECORD ?? '').split(',').filter((b) => b !== '')
if (recordBinaries.length > 0)
  describe('recording releases for values-recorded.test.ts', () => {
    it.each(recordBinaries)(
      'records %s',
      async (binary) => {
        const version = (await run(binary, ['version', '--template', '{{.Version}}'])).stdout.trim()
        const old: Recording | undefined = existsSync(RECORDED)
          ? (JSON.parse(readFileSync(RECORDED, 'utf8')) as Recording)
          : undefined
        const texts = new Map<string, Record<string, string | { error: string }>>()
        for (const [release, outcomes] of Object.entries(old?.releases ?? {}))
          texts.set(
            release,
            Object.fromEntries(
              Object.entries(outcomes).map(([name, o]) => [
                name,
                typeof o === 'number' ? (old as Recording).outputs[o] : o
              ])
            )
          )
        const mine: Record<string, string | { error: string }> = {}
        for (const c of cases) {
          const h = await helmTemplate(binary, c)
          mine[c.name] = h.ok
            ? h.json
            : { error: (h.error.split('\n')[0] ?? '').split(ROOT).join('.') }
        }
        texts.set(version, mine)
        const outputs: string[] = []
        const index = new Map<string, number>()
        const releases: Recording['releases'] = {}
        const byVersion = [...texts.keys()].sort((a, b) =>
          a.localeCompare(b, 'en', { numeric: true })
        )
        for (const release of byVersion) {
          releases[release] = {}
          for (const [name, o] of Object.entries(texts.get(release) ?? {})) {
            if (typeof o !== 'string') {
              releases[release][name] = o
              continue
            }
            if (!index.has(o)) {
              index.set(o, outputs.length)
              outputs.push(o)
            }
            releases[release][name] = index.get(o) as number
          }
        }
        const recording: Recording = {
          about:
            'helm template of __fixtures__/charts/values-dump under Helm releases CI has no binary of; written by VALUES_RECORD=<helm,...> npm run test:integration -- --testPathPatterns values-differential',
          cases: {
            ...old?.cases,
            ...Object.fromEntries(cases.map(({ name, majors: _, ...input }) => [name, input]))
          },
          outputs,
          releases
        }
        mkdirSync(dirname(RECORDED), { recursive: true })
        writeFileSync(RECORDED, `${JSON.stringify(recording, null, 1)}\n`)
        expect(Object.keys(mine)).toHaveLength(cases.length)
      },
      600_000
    )
  })
