import { createHash } from 'node:crypto'
import { createReadStream } from 'node:fs'
import { chmod, readFile } from 'node:fs/promises'
import { join } from 'node:path'
import * as tc from '@actions/tool-cache'
import { ExternalError, UserError } from '../errors/result.js'

const ARCH: Record<string, string> = {
  x64: 'amd64',
  arm64: 'arm64',
  arm: 'arm',
  ppc64: 'ppc64le',
  s390x: 's390x'
}
const OS: Record<string, string> = { linux: 'linux', darwin: 'darwin', win32: 'windows' }

export function helmArchiveName(version: string, platform: string, arch: string): string {
  const os = OS[platform]
  const cpu = ARCH[arch]
  if (!os || !cpu)
    throw new UserError(`Input "helm-version": no Helm build for ${platform}/${arch}.`)
  return `helm-${version}-${os}-${cpu}.${os === 'windows' ? 'zip' : 'tar.gz'}`
}

/** The first field of a `.sha256sum` file (`<hex>  <file name>`), or the file itself when bare. */
export function parseChecksumFile(text: string): string {
  const hex = text.trim().split(/\s+/)[0]?.toLowerCase() ?? ''
  if (!/^[0-9a-f]{64}$/.test(hex))
    throw new ExternalError('the checksum file holds no SHA-256 digest')
  return hex
}

async function sha256(file: string): Promise<string> {
  const hash = createHash('sha256')
  for await (const chunk of createReadStream(file)) hash.update(chunk as Buffer)
  return hash.digest('hex')
}

/**
 * Installs an exact Helm version into the runner's tool cache and returns the binary's path.
 * The archive is refused unless its SHA-256 matches the checksum file published beside it.
 */
export async function installHelm(
  version: string,
  baseUrl: string,
  log: (line: string) => void,
  platform: string = process.platform,
  arch: string = process.arch
): Promise<string> {
  const exe = platform === 'win32' ? 'helm.exe' : 'helm'
  const cached = tc.find('helm', version.replace(/^v/, ''), arch)
  if (cached) {
    log(`Using Helm ${version} from the tool cache`)
    return join(cached, exe)
  }
  const name = helmArchiveName(version, platform, arch)
  const url = `${baseUrl}/${name}`
  log(`Downloading Helm ${version} from ${url}`)
  let archive: string
  let sumFile: string
  try {
    archive = await tc.downloadTool(url)
    sumFile = await tc.downloadTool(`${url}.sha256sum`)
  } catch (e) {
    throw new UserError(
      `Input "helm-version" "${version}": could not download ${url} (${(e as Error).message}). Check that the version exists, or set helm-download-url to a reachable mirror.`
    )
  }
  const expected = parseChecksumFile(await readFile(sumFile, 'utf8'))
  const actual = await sha256(archive)
  if (actual !== expected)
    throw new UserError(
      `Helm archive ${name} failed its checksum: expected SHA-256 ${expected}, got ${actual}. Nothing was installed; check helm-download-url.`
    )
  // An archive that does not unpack is a download problem, not a bug of the action.
  const dir = await (name.endsWith('.zip') ? tc.extractZip(archive) : tc.extractTar(archive)).catch(
    (e: unknown) => {
      throw new ExternalError(e instanceof Error ? e.message : String(e), { cause: e })
    }
  )
  const folder = join(dir, `${OS[platform]}-${ARCH[arch]}`)
  const cachedDir = await tc.cacheDir(folder, 'helm', version.replace(/^v/, ''), arch)
  const binary = join(cachedDir, exe)
  await chmod(binary, 0o755)
  log(`Installed Helm ${version} (SHA-256 ${actual.slice(0, 12)}… verified)`)
  return binary
}
