import {
  chmodSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync
} from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from '@jest/globals'
import type { CommandRunner } from '../../src/exec/runner.js'
import { Helm } from '../../src/helm/helm.js'
import { defaultCacheFile, fileVersionCache, resolveBinary } from '../../src/helm/version-cache.js'

/** A folder with an executable `helm` file (never run: the runner below answers for it). */
function machine() {
  const dir = mkdtempSync(join(tmpdir(), 'version-cache-'))
  const bin = join(dir, 'bin')
  mkdirSync(bin)
  const helm = join(bin, 'helm')
  writeFileSync(helm, '#!/bin/sh\n')
  chmodSync(helm, 0o755)
  const env = { PATH: `${join(dir, 'empty')}:${bin}` }
  return { dir, bin, helm, env, file: join(dir, 'cache', 'helm-version.json') }
}

/** Answers `helm version` with the given text and counts the times it was asked. */
function versionRunner(answer: string) {
  const asked: string[] = []
  const runner: CommandRunner = {
    run: async (file, args) => {
      asked.push([file, ...args].join(' '))
      return { exitCode: 0, stdout: answer, stderr: '' }
    },
    start: () => {
      throw new Error('not used')
    }
  }
  return { runner, asked }
}

describe('the helm version cache', () => {
  it('asks a binary once: a later run takes the answer it remembered', async () => {
    const m = machine()
    const cache = fileVersionCache(m.file, m.env)
    const first = versionRunner('v3.22.0')
    expect((await Helm.detect(first.runner, 'helm', cache)).version).toBe('v3.22.0')
    const second = versionRunner('v3.22.0')
    const helm = await Helm.detect(second.runner, 'helm', cache)
    expect([first.asked.length, second.asked.length]).toEqual([1, 0])
    expect([helm.version, helm.major]).toEqual(['v3.22.0', 3])
  })

  it('asks again once the binary was replaced or rewritten in place', async () => {
    const m = machine()
    const cache = fileVersionCache(m.file, m.env)
    await Helm.detect(versionRunner('v3.22.0').runner, 'helm', cache)
    writeFileSync(m.helm, '#!/bin/sh\n# helm 4\n')
    const after = versionRunner('v4.3.1')
    expect((await Helm.detect(after.runner, 'helm', cache)).major).toBe(4)
    expect(after.asked).toHaveLength(1)
  })

  it('keeps answers apart per binary: another helm on PATH is asked', async () => {
    const m = machine()
    const cache = fileVersionCache(m.file, m.env)
    await Helm.detect(versionRunner('v3.22.0').runner, 'helm', cache)
    const other = join(m.dir, 'helm4')
    writeFileSync(other, '#!/bin/sh\n')
    chmodSync(other, 0o755)
    const asked = versionRunner('v4.3.1')
    expect((await Helm.detect(asked.runner, other, cache)).version).toBe('v4.3.1')
    expect(asked.asked).toEqual([`${other} version --template {{.Version}}`])
  })

  it('knows a binary by the file a symlink points to: a fresh link to the same helm is not asked', async () => {
    const m = machine()
    const cache = fileVersionCache(m.file, m.env)
    await Helm.detect(versionRunner('v4.3.1').runner, 'helm', cache)
    const linked = join(m.dir, 'linked')
    mkdirSync(linked)
    symlinkSync(m.helm, join(linked, 'helm'))
    const again = versionRunner('v4.3.1')
    await Helm.detect(again.runner, 'helm', fileVersionCache(m.file, { PATH: linked }))
    expect(again.asked).toHaveLength(0)
  })

  it.each([
    ['a cache file that is not JSON', (file: string) => writeFileSync(file, '{not json')],
    ['a cache file that is a list', (file: string) => writeFileSync(file, '[1]')],
    [
      'a remembered answer that is no Helm 3 or 4',
      (file: string, id: string) => writeFileSync(file, JSON.stringify({ [id]: 'v2.17.0' }))
    ]
  ])('asks helm when it finds %s, and remembers the answer', async (_what, spoil) => {
    const m = machine()
    const cache = fileVersionCache(m.file, m.env)
    await Helm.detect(versionRunner('v3.22.0').runner, 'helm', cache)
    const id = Object.keys(JSON.parse(readFileSync(m.file, 'utf8')) as object)[0]
    spoil(m.file, id)
    const again = versionRunner('v3.22.0')
    expect((await Helm.detect(again.runner, 'helm', cache)).version).toBe('v3.22.0')
    expect(again.asked).toHaveLength(1)
    expect(cache.get('helm')).toBe('v3.22.0')
  })

  it("trusts no answers in another user's file (a shared temp folder)", async () => {
    const m = machine()
    await Helm.detect(versionRunner('v3.22.0').runner, 'helm', fileVersionCache(m.file, m.env))
    const owner = statSync(m.file).uid
    const asked = versionRunner('v4.3.1')
    const other = fileVersionCache(m.file, m.env, owner + 1)
    expect((await Helm.detect(asked.runner, 'helm', other)).version).toBe('v4.3.1')
    expect(asked.asked).toHaveLength(1)
  })

  it('never remembers an answer helm did not give: a failed `helm version` throws as before', async () => {
    const m = machine()
    const cache = fileVersionCache(m.file, m.env)
    const failing: CommandRunner = {
      run: async () => ({ exitCode: 1, stdout: '', stderr: 'Error: boom' }),
      start: () => {
        throw new Error('not used')
      }
    }
    await expect(Helm.detect(failing, 'helm', cache)).rejects.toThrow(/helm version failed/)
    expect(cache.get('helm')).toBeUndefined()
  })

  it('works without a cache it can write: helm is asked every time', async () => {
    const m = machine()
    writeFileSync(join(m.dir, 'file'), '')
    // The cache's folder would have to be made inside a file.
    const cache = fileVersionCache(join(m.dir, 'file', 'helm-version.json'), m.env)
    for (let i = 0; i < 2; i++) {
      const r = versionRunner('v4.3.1')
      expect((await Helm.detect(r.runner, 'helm', cache)).version).toBe('v4.3.1')
      expect(r.asked).toHaveLength(1)
    }
  })

  it('forgets binaries that are gone, and keeps at most 32 answers, the newest', async () => {
    const m = machine()
    const cache = fileVersionCache(m.file, m.env)
    const gone = join(m.dir, 'gone')
    writeFileSync(gone, '')
    chmodSync(gone, 0o755)
    await Helm.detect(versionRunner('v3.22.0').runner, gone, cache)
    rmSync(gone)
    for (let i = 0; i < 40; i++) {
      const b = join(m.dir, `helm-${i}`)
      writeFileSync(b, '')
      chmodSync(b, 0o755)
      await Helm.detect(versionRunner('v4.3.1').runner, b, cache)
    }
    const ids = Object.keys(JSON.parse(readFileSync(m.file, 'utf8')) as object)
    expect(ids).toHaveLength(32)
    expect(ids.some((id) => id.startsWith(`${gone}:`))).toBe(false)
    expect(ids.at(-1)?.startsWith(join(m.dir, 'helm-39:'))).toBe(true)
    expect(ids[0].startsWith(join(m.dir, 'helm-8:'))).toBe(true)
  })

  it('finds a bare name on PATH as the system does, and a path as given', () => {
    const m = machine()
    expect(resolveBinary('helm', m.env)).toBe(m.helm)
    expect(resolveBinary(m.helm, {})).toBe(m.helm)
    expect(() => resolveBinary('kubectl-nowhere', m.env)).toThrow(/not on PATH/)
    // Earlier on PATH: a helm that cannot run and a folder called helm are passed over.
    const early = mkdtempSync(join(tmpdir(), 'path-early-'))
    writeFileSync(join(early, 'helm'), '')
    const folder = mkdtempSync(join(tmpdir(), 'path-folder-'))
    mkdirSync(join(folder, 'helm'))
    expect(resolveBinary('helm', { PATH: [early, folder, m.env.PATH].join(':') })).toBe(m.helm)
  })

  it("lives in the runner's tool cache, else in the temp folder", () => {
    expect(defaultCacheFile({ RUNNER_TOOL_CACHE: '/opt/hostedtoolcache' })).toBe(
      '/opt/hostedtoolcache/goatflow-deploy-action/helm-version.json'
    )
    expect(defaultCacheFile({})).toBe(join(tmpdir(), 'goatflow-deploy-action/helm-version.json'))
  })
})
