import { execFileSync } from 'node:child_process'
import { createHash } from 'node:crypto'
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync } from 'node:fs'
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { helmBinary } from '../helpers/tools.js'

// A local mirror of get.helm.sh serving a real Helm archive and its published-style checksum.
const work = mkdtempSync(join(tmpdir(), 'helm-install-'))
process.env.RUNNER_TEMP = join(work, 'temp')
process.env.RUNNER_TOOL_CACHE = join(work, 'toolcache')
mkdirSync(process.env.RUNNER_TEMP)
mkdirSync(process.env.RUNNER_TOOL_CACHE)
const { installHelm } = await import('../../src/helm/install.js')

const version = execFileSync(helmBinary(3), ['version', '--template', '{{.Version}}'])
  .toString()
  .trim()
const name = `helm-${version}-linux-amd64.tar.gz`
const files = new Map<string, Buffer>()
let server: Server
let base = ''
const requests: string[] = []

beforeAll(async () => {
  const stage = join(work, 'stage')
  mkdirSync(join(stage, 'linux-amd64'), { recursive: true })
  copyFileSync(helmBinary(3), join(stage, 'linux-amd64/helm'))
  execFileSync('tar', ['-czf', join(work, name), '-C', stage, 'linux-amd64'])
  const archive = readFileSync(join(work, name))
  files.set(`/good/${name}`, archive)
  files.set(
    `/good/${name}.sha256sum`,
    Buffer.from(`${createHash('sha256').update(archive).digest('hex')}  ${name}\n`)
  )
  files.set(`/tampered/${name}`, Buffer.concat([archive, Buffer.from('x')]))
  files.set(`/tampered/${name}.sha256sum`, files.get(`/good/${name}.sha256sum`)!)
  server = createServer((req, res) => {
    requests.push(req.url ?? '')
    const body = files.get(req.url ?? '')
    res.writeHead(body ? 200 : 404).end(body)
  })
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r))
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
}, 60_000)

afterAll(() => new Promise<void>((r) => server.close(() => r())))

describe('installing a pinned Helm through the tool cache', () => {
  it('refuses an archive whose SHA-256 does not match and installs nothing', async () => {
    await expect(
      installHelm(version, `${base}/tampered`, () => undefined, 'linux', 'x64')
    ).rejects.toThrow(/failed its checksum/)
  })

  it('reports a version the mirror does not have', async () => {
    await expect(
      installHelm('v3.0.99', `${base}/good`, () => undefined, 'linux', 'x64')
    ).rejects.toThrow(/could not download .*helm-v3\.0\.99-linux-amd64\.tar\.gz/)
  })

  it('downloads, verifies and caches the binary, then reuses the cache', async () => {
    const log: string[] = []
    const binary = await installHelm(version, `${base}/good`, (l) => log.push(l), 'linux', 'x64')
    expect(execFileSync(binary, ['version', '--template', '{{.Version}}']).toString()).toBe(version)
    expect(log.join('\n')).toMatch(/verified/)
    const before = requests.length
    const again = await installHelm(version, `${base}/good`, (l) => log.push(l), 'linux', 'x64')
    expect(again).toBe(binary)
    expect(requests.length).toBe(before)
  })
})
