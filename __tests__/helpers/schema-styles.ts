// Cases for the schema-style fixture charts (__fixtures__/charts/schema-*, written by
// test/charts/schemas/generate.mjs): each sets values on top of the chart defaults and lists the
// value paths Helm reports as breaking the schema ([] = accepted). The unit test checks
// validateValues against the list; the integration test checks the list against real Helm.

import { join } from 'node:path'
import { ROOT } from './tools.js'

export interface StyleCase {
  name: string
  chart: string
  set?: string[]
  setJson?: string[]
  /**
   * Value paths, as validateValues formats them, where Helm reports a violation ('' is the top
   * level; a missing required property is reported on the map that lacks it).
   */
  paths: string[]
}

const chart = (name: string): string => join(ROOT, '__fixtures__/charts', name)
const generated = chart('schema-generated-defs')
const idRelative = chart('schema-id-relative')
const anchors = chart('schema-2020-anchors')
const rootRef = chart('schema-no-draft-root-ref')

export const STYLE_CASES: StyleCase[] = [
  { name: 'generated $defs: the defaults', chart: generated, paths: [] },
  {
    name: 'generated $defs: a key the root $ref target does not allow',
    chart: generated,
    set: ['extra=1'],
    paths: ['extra']
  },
  {
    name: 'generated $defs: a $ref chain two definitions deep',
    chart: generated,
    set: ['controller.ports[0].size=-1', 'controller.probe.unknown=x'],
    paths: ['controller.ports[0].size', 'controller.probe.unknown']
  },
  {
    name: 'generated $defs: an enum in a referenced definition',
    chart: generated,
    set: ['image.pullPolicy=Sometimes'],
    paths: ['image.pullPolicy']
  },
  {
    name: 'generated $defs: a required property of the root $ref target',
    chart: generated,
    set: ['image=null'],
    paths: ['']
  },
  {
    name: 'generated $defs: the root siblings of $ref are ignored in draft-07',
    chart: generated,
    set: ['replicaCount=3'],
    paths: []
  },
  {
    name: 'generated $defs: a global the parent refuses',
    chart: generated,
    set: ['global.zone=a'],
    paths: ['global.zone']
  },
  {
    name: 'generated $defs: a global the subchart refuses',
    chart: generated,
    set: ['global.region=mars', 'worker.enabled=true'],
    paths: ['worker.global.region']
  },
  {
    name: 'generated $defs: a subchart $defs pattern',
    chart: generated,
    set: ['worker.enabled=true', 'worker.queue=Jobs'],
    paths: ['worker.queue']
  },
  { name: '$id-relative: the defaults', chart: idRelative, paths: [] },
  {
    name: '$id-relative: a ref into an embedded $id resource',
    chart: idRelative,
    set: ['service.port=0', 'metrics.port=70000'],
    paths: ['service.port', 'metrics.port']
  },
  {
    name: '$id-relative: a pointer into properties',
    chart: idRelative,
    set: ['service.targetPort=0'],
    paths: ['service.targetPort']
  },
  {
    name: '$id-relative: a draft-07 #name anchor',
    chart: idRelative,
    set: ['service.type=Internal'],
    paths: ['service.type']
  },
  {
    name: '$id-relative: definitions by pointer',
    chart: idRelative,
    set: ['metrics.path=metrics'],
    paths: ['metrics.path']
  },
  { name: '2020-12 anchors: the defaults', chart: anchors, paths: [] },
  {
    name: '2020-12 anchors: a $anchor ref',
    chart: anchors,
    set: ['name=Web_1'],
    paths: ['name']
  },
  {
    name: '2020-12 anchors: a $dynamicRef that recurses',
    chart: anchors,
    setJson: ['tree={"value":"root","children":[{"value":"a","children":[{"value":1}]}]}'],
    paths: ['tree.children[0].children[0].value']
  },
  {
    name: '2020-12 anchors: a pointer into definitions properties',
    chart: anchors,
    set: ['host=ab'],
    paths: ['host']
  },
  {
    name: '2020-12 anchors: unevaluatedProperties sees through allOf',
    chart: anchors,
    set: ['replicaCount=1', 'other=1'],
    paths: ['other']
  },
  {
    name: '2020-12 anchors: a format is an annotation',
    chart: anchors,
    set: ['ingress.host=not_a_hostname!'],
    paths: []
  },
  { name: 'no $schema root $ref: the defaults', chart: rootRef, paths: [] },
  {
    name: 'no $schema root $ref: its sibling required applies',
    chart: rootRef,
    set: ['mode=null'],
    paths: ['']
  },
  {
    name: 'no $schema root $ref: definitions from inside $defs',
    chart: rootRef,
    set: ['limits.memory=1Gi', 'limits.gpu=1'],
    paths: ['limits.memory', 'limits.gpu']
  }
]
