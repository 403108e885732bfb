import { afterEach, describe, expect, it } from '@jest/globals'
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { chartFile, workspacePath } from '../../src/checks/annotation.js'

const workspace = mkdtempSync(join(tmpdir(), 'workspace-'))
mkdirSync(join(workspace, 'charts/web/templates'), { recursive: true })
writeFileSync(join(workspace, 'charts/web/templates/deployment.yaml'), 'kind: Deployment\n')
const saved = process.env.GITHUB_WORKSPACE
afterEach(() => {
  if (saved === undefined) delete process.env.GITHUB_WORKSPACE
  else process.env.GITHUB_WORKSPACE = saved
})

describe('annotation paths', () => {
  it.each([
    [join(workspace, 'values/prod.yaml'), 'values/prod.yaml'],
    [join(workspace, 'charts/web/values.yaml'), 'charts/web/values.yaml'],
    [workspace, workspace]
  ])('places %s at %s in the workspace', (path, expected) => {
    process.env.GITHUB_WORKSPACE = workspace
    expect(workspacePath(path)).toBe(expected)
  })

  it.each([
    ['templates/deployment.yaml', 'charts/web/templates/deployment.yaml'],
    ['templates/missing.yaml', undefined]
  ])('finds chart file %s at %s, only when it exists', (file, expected) => {
    process.env.GITHUB_WORKSPACE = workspace
    expect(chartFile(join(workspace, 'charts/web'), file)).toBe(expected)
  })
})
