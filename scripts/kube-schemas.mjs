#!/usr/bin/env node
// Regenerates schemas/kubernetes/<minor>.json: the OpenAPI v2 definitions the project's own
// kube-apiserver serves when it emulates each Kubernetes minor (test/cluster/openapi.sh), with
// descriptions and patch hints removed. The action checks rendered manifests against them offline.
//   node scripts/kube-schemas.mjs 1.32 1.33 1.34 1.35
import { spawnSync } from 'node:child_process'
import { mkdirSync, writeFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

const root = join(dirname(fileURLToPath(import.meta.url)), '..')
const versions = process.argv.slice(2)
if (versions.length === 0)
  throw new Error('usage: kube-schemas.mjs <minor>... (e.g. 1.33 1.34 1.35)')
const DROP = new Set([
  'description',
  'x-kubernetes-list-map-keys',
  'x-kubernetes-list-type',
  'x-kubernetes-map-type',
  'x-kubernetes-unions'
])

// Keys are dropped in schema positions only: under `properties` they are field names, and a
// field may well be called `description` (PriorityClass has one).
function strip(o) {
  if (Array.isArray(o)) return o.map(strip)
  if (!o || typeof o !== 'object') return o
  return Object.fromEntries(
    Object.entries(o)
      .filter(([k]) => !DROP.has(k) && !k.startsWith('x-kubernetes-patch'))
      .map(([k, v]) => [k, k === 'properties' ? fields(v) : strip(v)])
  )
}

function fields(properties) {
  return Object.fromEntries(Object.entries(properties).map(([name, v]) => [name, strip(v)]))
}

mkdirSync(join(root, 'schemas/kubernetes'), { recursive: true })
for (const v of versions) {
  const r = spawnSync('bash', [join(root, 'test/cluster/openapi.sh'), v], {
    encoding: 'utf8',
    maxBuffer: 64 << 20
  })
  if (r.status !== 0) throw new Error(`openapi.sh ${v} failed:\n${r.stderr}`)
  const doc = JSON.parse(r.stdout)
  const out = {
    kubernetes: v,
    source: `kube-apiserver ${doc.info?.version ?? ''} --emulated-version=kube=${v}, /openapi/v2`,
    definitions: strip(doc.definitions)
  }
  writeFileSync(join(root, `schemas/kubernetes/${v}.json`), `${JSON.stringify(out)}\n`)
  console.log(`schemas/kubernetes/${v}.json: ${Object.keys(out.definitions).length} definitions`)
}
