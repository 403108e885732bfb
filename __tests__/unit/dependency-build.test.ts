import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from '@jest/globals'
import { needsDependencyBuild } from '../../src/run/session.js'

/** A chart folder with the given dependency version and files in charts/. */
function chart(version: string, vendored: string[]): string {
  const dir = mkdtempSync(join(tmpdir(), 'dep-build-'))
  writeFileSync(
    join(dir, 'Chart.yaml'),
    `apiVersion: v2\nname: shop\nversion: 1.0.0\ndependencies:\n  - name: metrics\n    version: "${version}"\n    repository: https://charts.example.com\n`
  )
  mkdirSync(join(dir, 'charts'))
  for (const f of vendored)
    if (f.endsWith('.tgz')) writeFileSync(join(dir, 'charts', f), '')
    else mkdirSync(join(dir, 'charts', f))
  return dir
}

describe('whether a local chart needs helm dependency build', () => {
  it.each([
    ['0.4.0', ['metrics-0.4.0.tgz'], false],
    ['0.4.x', ['metrics-0.4.2.tgz'], false],
    ['~0.4.0', ['metrics-0.4.7.tgz'], false],
    ['>=0.4.0 <0.5.0', ['metrics-0.5.0.tgz'], true],
    ['0.4.x', ['metrics-0.5.0.tgz'], true],
    ['0.4.0', ['metrics'], false],
    ['0.4.0', [], true],
    ['0.4.0', ['metrics-exporter-0.4.0.tgz'], true]
  ])('dependency %s with charts/ %j: %s', (version, vendored, needed) => {
    expect(needsDependencyBuild(chart(version, vendored))).toBe(needed)
  })
})
