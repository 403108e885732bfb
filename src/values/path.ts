// A values path in `--set` key syntax: `backend.replicaCount`, `ingress.hosts[0].host`. A key that
// holds `.`, `[` or `\` is escaped with a backslash, as `--set` itself reads it (`a\.b`).

export type PathSegment = string | number

export function formatPath(segments: readonly PathSegment[]): string {
  let out = ''
  for (const s of segments) {
    if (typeof s === 'number') out += `[${s}]`
    else {
      const key = s.replace(/[\\.[\]]/g, (c) => `\\${c}`)
      out += out === '' ? key : `.${key}`
    }
  }
  return out
}
