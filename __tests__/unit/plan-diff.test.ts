import { readFileSync } from 'node:fs'
import { describe, expect, it } from '@jest/globals'
import { diffManifests } from '../../src/plan/diff.js'
import { parseManifests } from '../../src/render/manifests.js'

const rendered = readFileSync(
  new URL('../../__fixtures__/goatflow-rendered.yaml', import.meta.url),
  'utf8'
)
const live = parseManifests(rendered)

const secret = (data: Record<string, string>) =>
  parseManifests(
    `apiVersion: v1\nkind: Secret\nmetadata: {name: db}\ndata:\n${Object.entries(data)
      .map(([k, v]) => `  ${k}: ${v}`)
      .join('\n')}\n`
  )

describe('plan diff', () => {
  it('finds nothing to change between identical renders', () => {
    const d = diffManifests(live, parseManifests(rendered), 'prod')
    expect(d.changed).toBe(false)
    expect(d.counts.unchanged).toBe(live.length)
    expect(d.changes.every((c) => c.diff === '')).toBe(true)
  })

  it('reports added, changed and removed objects with a unified diff each', () => {
    const next = parseManifests(
      rendered.replace(
        'image: "ghcr.io/goatflow/goatflow:0.6.5"',
        'image: "ghcr.io/goatflow/goatflow:0.6.6"'
      )
    ).filter((o) => o.kind !== 'StatefulSet')
    next.push(
      ...parseManifests(
        'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: extra}\ndata: {a: "1"}\n'
      )
    )
    const d = diffManifests(live, next, 'prod')
    expect(d.counts).toMatchObject({ added: 1, changed: 1, removed: 1 })
    const changed = d.changes.find((c) => c.change === 'changed')!
    expect(changed.key).toBe('Deployment/prod/goatflow-backend')
    expect(changed.diff).toContain('-          image: ghcr.io/goatflow/goatflow:0.6.5')
    expect(changed.diff).toContain('+          image: ghcr.io/goatflow/goatflow:0.6.6')
    expect(d.changes[0]).toMatchObject({ change: 'added', key: 'ConfigMap/prod/extra' })
  })

  it('shows a changed Secret without any of its values', () => {
    const d = diffManifests(
      secret({ username: 'Z29hdGZsb3c=', password: 'b2xkLXBhc3N3b3Jk' }),
      secret({ username: 'Z29hdGZsb3c=', password: 'bmV3LXBhc3N3b3Jk', token: 'c2VjcmV0LXRva2Vu' }),
      'prod'
    )
    expect(d.changed).toBe(true)
    const text = d.changes[0].diff
    expect(text).toContain('password: "*** (changed)"')
    expect(text).toContain('token: "*** (added)"')
    expect(text).toContain('username: "***"')
    for (const v of ['Z29hdGZsb3c=', 'b2xkLXBhc3N3b3Jk', 'bmV3LXBhc3N3b3Jk', 'c2VjcmV0LXRva2Vu'])
      expect(text).not.toContain(v)
  })

  it('masks credential-looking env values and ConfigMap keys but not ordinary ones', () => {
    const obj = (pw: string) =>
      parseManifests(`apiVersion: apps/v1
kind: Deployment
metadata: {name: app}
spec:
  template:
    spec:
      containers:
      - name: app
        env:
        - {name: DB_PASSWORD, value: ${pw}}
        - {name: LOG_LEVEL, value: debug}
---
apiVersion: v1
kind: ConfigMap
metadata: {name: cfg}
data: {API_TOKEN: ${pw}, MODE: fast}
`)
    const d = diffManifests(obj('hunter2'), obj('hunter3'), 'ns')
    const all = d.changes.map((c) => c.diff).join('\n')
    expect(all).not.toMatch(/hunter/)
    expect(all).toContain('*** (changed)')
    expect(d.counts.changed).toBe(2)
  })
})
