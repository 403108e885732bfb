import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from '@jest/globals'
import { computeValues, formatProblem, type ValuesInput } from '../../src/values/merge.js'
import type { Origin } from '../../src/values/origins.js'
import type { PathSegment } from '../../src/values/path.js'
import { ROOT } from '../helpers/tools.js'
import { computeOk, valuesFixture } from '../helpers/values.js'

const CHART = join(ROOT, '__fixtures__/charts/values-dump')
const CHART_VALUES = join(CHART, 'values.yaml')
const CHILD_VALUES = join(CHART, 'charts/child/values.yaml')
const PACKAGED_VALUES = join(CHART, 'charts/packaged-0.2.1.tgz/values.yaml')
const fixture = valuesFixture
const compute = (input: Partial<ValuesInput>) => computeOk(CHART, input)

describe('Helm order: files in order, then --set-json, --set, --set-string', () => {
  it.each<[string, Partial<ValuesInput>, unknown]>([
    ['chart default', {}, 1],
    ['first file', { files: [fixture('override-base.yaml')] }, 3],
    [
      'later file wins',
      { files: [fixture('override-base.yaml'), fixture('override-second.yaml')] },
      5
    ],
    [
      '--set-json after files',
      { files: [fixture('override-second.yaml')], setJson: ['replicaCount=6'] },
      6
    ],
    ['--set after --set-json', { setJson: ['replicaCount=6'], set: ['replicaCount=7'] }, 7],
    ['--set-string last', { set: ['replicaCount=7'], setString: ['replicaCount=8'] }, '8'],
    ['later --set wins', { set: ['replicaCount=7', 'replicaCount=9'] }, 9]
  ])('%s', (_name, input, replicaCount) => {
    expect(compute(input).values.replicaCount).toEqual(replicaCount)
  })

  it('merges maps, replaces lists and keeps chart defaults underneath', () => {
    const { values } = compute({
      files: [fixture('override-base.yaml'), fixture('override-second.yaml')]
    })
    expect(values.image).toEqual({
      repository: 'ghcr.io/goatflow/app',
      tag: '2.0',
      pullPolicy: 'Always'
    })
    expect(values.hosts).toEqual([{ name: 'only.example.com', paths: ['/only'] }])
    expect(values.child).toMatchObject({ port: 9090, list: ['b', 'c'], fromParent: 'parent' })
  })

  it('nests subchart values under the subchart name and alias, with globals copied down', () => {
    const { values } = compute({ set: ['optional.enabled=true', 'global.region=us'] })
    expect(values.child).toMatchObject({ port: 8080, global: { region: 'us', childOnly: true } })
    expect(values.optional).toMatchObject({ enabled: true, port: 8080, global: { region: 'us' } })
    expect(values.child).toHaveProperty(['grandchild', 'global', 'region'], 'us')
  })

  it('leaves out a subchart its condition disables', () => {
    expect(compute({}).values.optional).toEqual({ enabled: false })
  })

  it('deletes a chart default set to null by the user', () => {
    const { values } = compute({ set: ['image.tag=null', 'nested.deeper=null'] })
    expect(values.image).not.toHaveProperty('tag')
    expect(values.nested).not.toHaveProperty('deeper')
  })
})

describe('origins', () => {
  const computed = compute({
    files: [fixture('override-base.yaml'), fixture('override-second.yaml')],
    set: ['child.list[2]=c', 'ingress.hosts[0].host=x.example.com'],
    setJson: ['nested={"keep":"json"}']
  })
  const file = (path: string, line: number, column: number): Origin => ({
    file: path,
    line,
    column
  })
  const chart = (name: string, path: string, line: number, column: number): Origin => ({
    chart: name,
    file: path,
    line,
    column
  })

  it.each<[PathSegment[], Origin]>([
    [['replicaCount'], file('override-second.yaml', 2, 1)],
    [['image', 'tag'], file('override-base.yaml', 4, 3)],
    [['image', 'pullPolicy'], file('override-second.yaml', 4, 3)],
    [['hosts', 0, 'name'], file('override-base.yaml', 6, 5)],
    [['hosts', 0, 'paths', 0], file('override-base.yaml', 7, 13)],
    [['child', 'port'], file('override-base.yaml', 9, 3)],
    [['child', 'list', 0], file('override-second.yaml', 10, 10)],
    [['child', 'list', 2], { flag: 'set', item: 'child.list[2]=c' }],
    [['ingress', 'hosts', 0, 'host'], { flag: 'set', item: 'ingress.hosts[0].host=x.example.com' }],
    [['nested', 'keep'], { flag: 'set-json', item: 'nested={"keep":"json"}' }],
    // Chart defaults: the chart's values.yaml, a subchart's, a packaged subchart's.
    [['image', 'repository'], chart('values-dump', CHART_VALUES, 4, 3)],
    [['nested', 'deeper', 'level'], chart('values-dump', CHART_VALUES, 22, 5)],
    [['child', 'fromParent'], chart('values-dump', CHART_VALUES, 24, 3)],
    [['child', 'settings', 'mode'], chart('child', CHILD_VALUES, 6, 3)],
    [['packaged', 'settings', 'level'], chart('packaged', PACKAGED_VALUES, 8, 3)],
    // A subchart's global is the top-level global wherever that was set.
    [['child', 'global', 'region'], file('override-base.yaml', 12, 3)],
    [['child', 'global', 'childOnly'], chart('child', CHILD_VALUES, 9, 3)],
    [
      ['child', 'grandchild', 'global', 'labels', 'team'],
      chart('values-dump', CHART_VALUES, 32, 5)
    ],
    // Nearest recorded ancestor.
    [['hosts', 0, 'paths', 5], file('override-base.yaml', 7, 5)],
    [['child', 'list', 2, 'deeper'], { flag: 'set', item: 'child.list[2]=c' }]
  ])('%j comes from %j', (path, origin) => {
    expect(computed.index.locate(path)).toEqual(origin)
  })

  it('lists what the user set by path, and drops what a later source replaced', () => {
    expect(computed.origins.get('hosts[0].paths[0]')).toEqual(file('override-base.yaml', 7, 13))
    expect(computed.origins.get('nested.deeper.added')).toBeUndefined()
    expect(computed.origins.has('image.repository')).toBe(false)
    expect(computed.defaults.get('image.repository')).toEqual(
      chart('values-dump', CHART_VALUES, 4, 3)
    )
  })

  it('a user list replaces the chart list, and its items are all the user’s', () => {
    const r = compute({ set: ['hosts[0].name=x'] })
    expect(r.values.hosts).toEqual([{ name: 'x' }])
    expect(r.index.locate(['hosts', 0, 'paths'])).toEqual({ flag: 'set', item: 'hosts[0].name=x' })
  })
})

describe('problems', () => {
  it.each<[string, Partial<ValuesInput>, Record<string, unknown>]>([
    [
      'tab indentation',
      { files: [fixture('tabs.yaml')] },
      { file: 'tabs.yaml', line: 2, message: expect.stringContaining('Tabs') }
    ],
    [
      'unclosed quote',
      { files: [fixture('unclosed-quote.yaml')] },
      { file: 'unclosed-quote.yaml', line: 2, message: expect.stringContaining('never closed') }
    ],
    [
      'a list at the top',
      { files: [fixture('top-list.yaml')] },
      {
        file: 'top-list.yaml',
        line: 1,
        message: expect.stringContaining('cannot unmarshal array into Go value of type map')
      }
    ],
    [
      'a string at the top',
      { files: [fixture('top-scalar.yaml')] },
      { file: 'top-scalar.yaml', message: expect.stringContaining('cannot unmarshal string') }
    ],
    ['.inf', { files: [fixture('inf.yaml')] }, { file: 'inf.yaml', line: 1, column: 8 }],
    [
      '--set without value',
      { set: ['backend.replicaCount'] },
      { flag: 'set', item: 'backend.replicaCount', message: 'key "replicaCount" has no value' }
    ],
    [
      '--set bad index',
      { set: ['a[x]=1'] },
      {
        flag: 'set',
        item: 'a[x]=1',
        message: expect.stringContaining('key "a[x]" has an invalid list index')
      }
    ],
    ['--set-json bad JSON', { setJson: ['a={'] }, { flag: 'set-json', item: 'a={' }],
    [
      '--set-json bad whole object (Helm 4)',
      { setJson: ['{"a":'] },
      { flag: 'set-json', message: expect.stringContaining('not a valid JSON object') }
    ],
    [
      '--set-json a whole object under Helm 3',
      { setJson: ['{"a":1}'], helmMajor: 3 },
      { flag: 'set-json', message: expect.stringContaining('a whole JSON object needs Helm 4') }
    ],
    [
      'a subchart key that is not a map',
      { set: ['child=str'] },
      {
        message: expect.stringContaining(
          'holds the values of subchart child and must be a map, but it is string "str"'
        )
      }
    ],
    [
      'a chart that is not there',
      { chartDir: join(ROOT, '__fixtures__/charts/nope') },
      { message: expect.stringContaining('does not exist') }
    ]
  ])('%s', (_name, input, problem) => {
    const r = computeValues({
      chartDir: CHART,
      files: [],
      set: [],
      setString: [],
      setJson: [],
      ...input
    })
    expect(r.ok).toBe(false)
    if (!r.ok)
      expect(r.problems).toEqual([expect.objectContaining({ severity: 'error', ...problem })])
  })

  it('collects the problems of every file and flag at once', () => {
    const r = computeValues({
      chartDir: CHART,
      files: [fixture('tabs.yaml'), fixture('top-list.yaml')],
      set: ['a'],
      setString: [],
      setJson: ['b={']
    })
    expect(r.ok ? [] : r.problems.map((p) => p.file ?? p.item)).toEqual([
      'tabs.yaml',
      'top-list.yaml',
      'b={',
      'a'
    ])
  })

  it('refuses a Chart.yaml dependency missing from charts/', () => {
    const dir = mkdtempSync(join(tmpdir(), 'values-merge-'))
    writeFileSync(
      join(dir, 'Chart.yaml'),
      'apiVersion: v2\nname: app\nversion: 1.0.0\ndependencies:\n  - name: db\n    version: 1.x\n'
    )
    mkdirSync(join(dir, 'charts'))
    const r = computeValues({ chartDir: dir, files: [], set: [], setString: [], setJson: [] })
    expect(r.ok ? '' : r.problems[0].message).toMatch(
      /lists db as a dependency, but charts\/ has no such chart/
    )
  })

  it('warns about duplicate keys and files Helm 3 reads only in part, without failing', () => {
    const r = compute({
      files: [fixture('duplicate-keys.yaml'), fixture('multi-doc.yaml')],
      helmMajor: 3
    })
    expect(r.values.replicaCount).toBe(7)
    expect(r.warnings.map(formatProblem)).toEqual([
      'duplicate-keys.yaml:4:3: duplicate key "tag" (first on line 3); Helm silently keeps the last one',
      'duplicate-keys.yaml:5:1: duplicate key "replicaCount" (first on line 1); Helm silently keeps the last one',
      'multi-doc.yaml:4:1: 2 YAML documents: Helm 3 reads only the first one (Helm 4 merges them all)'
    ])
  })

  it('passes on what Helm logs when a user scalar meets a chart map inside a map', () => {
    expect(compute({ files: [fixture('type-clash.yaml')] }).notes).toEqual(
      expect.arrayContaining([
        expect.stringContaining(
          'cannot overwrite table with non table for values-dump.global.labels'
        )
      ])
    )
  })
})
