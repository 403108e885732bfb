// Just enough of tar.gz for packaged subcharts (charts/*.tgz): regular files with their names,
// ustar prefixes, PAX `path` records and GNU long names, as Go's archive/tar writes them.

import { gunzipSync } from 'node:zlib'

export interface ArchiveFile {
  name: string
  data: Buffer
}

const BLOCK = 512

function field(header: Buffer, start: number, length: number): string {
  const raw = header.subarray(start, start + length)
  const end = raw.indexOf(0)
  return raw.subarray(0, end < 0 ? length : end).toString('utf8')
}

function octal(header: Buffer, start: number, length: number): number {
  // GNU base-256 for sizes of 8 GiB and more: a chart never has one.
  const text = field(header, start, length).trim()
  return text === '' ? 0 : parseInt(text, 8)
}

function paxPath(data: Buffer): string | undefined {
  let pos = 0
  let path: string | undefined
  while (pos < data.length) {
    const space = data.indexOf(0x20, pos)
    if (space < 0) break
    const length = parseInt(data.subarray(pos, space).toString('utf8'), 10)
    if (!(length > 0)) break
    const record = data.subarray(space + 1, pos + length - 1).toString('utf8')
    const eq = record.indexOf('=')
    if (record.slice(0, eq) === 'path') path = record.slice(eq + 1)
    pos += length
  }
  return path
}

/** The regular files of a .tgz; throws when it is not a gzip-compressed tar. */
export function readTarGz(data: Buffer): ArchiveFile[] {
  const tar = gunzipSync(data)
  const files: ArchiveFile[] = []
  let longName: string | undefined
  for (let pos = 0; pos + BLOCK <= tar.length;) {
    const header = tar.subarray(pos, pos + BLOCK)
    if (header.every((b) => b === 0)) break
    const size = octal(header, 124, 12)
    const type = String.fromCharCode(header[156] || 0x30)
    const body = tar.subarray(pos + BLOCK, pos + BLOCK + size)
    pos += BLOCK + Math.ceil(size / BLOCK) * BLOCK
    if (type === 'x') longName = paxPath(body) ?? longName
    else if (type === 'L') longName = body.toString('utf8').replace(/\0+$/, '')
    else if (type === 'g') continue
    else {
      const prefix = field(header, 345, 155)
      const short = field(header, 0, 100)
      const name = longName ?? (prefix ? `${prefix}/${short}` : short)
      longName = undefined
      if (type === '0' || type === '7') files.push({ name, data: Buffer.from(body) })
    }
  }
  return files
}
