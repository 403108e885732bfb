// Keys whose values are treated as credentials wherever values are shown (logs, diffs, comments).
const SECRET_KEY =
  /(pass(word|wd|phrase)?|secret|token|api[-_]?key|private[-_]?key|credential|auth|dsn|connection[-_]?string|access[-_]?key|client[-_]?key|cert(ificate)?[-_]?data|key[-_]?data)$/i

export const MASK = '***'

export function looksSecret(key: string): boolean {
  const last =
    key
      .split(/[.[\]]/)
      .filter(Boolean)
      .pop() ?? key
  return SECRET_KEY.test(last)
}

const SET_FLAGS = new Set(['--set', '--set-string', '--set-json', '--set-file', '--set-literal'])

/** One `key=value[,key=value]` item of a `--set` flag with credential-looking values masked. */
export function redactSetItem(item: string): string {
  // Split on commas that Helm treats as separators (not escaped with a backslash).
  return item
    .split(/(?<!\\),/)
    .map((pair) => {
      const eq = pair.indexOf('=')
      if (eq < 0) return pair
      return looksSecret(pair.slice(0, eq)) ? `${pair.slice(0, eq)}=${MASK}` : pair
    })
    .join(',')
}

/** The command as shown in the log: arguments quoted where needed, credentials masked. */
export function displayCommand(file: string, args: readonly string[]): string {
  const shown: string[] = []
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]
    const prev = args[i - 1]
    if (prev && SET_FLAGS.has(prev)) shown.push(redactSetItem(arg))
    else if (prev === '--password' || prev === '--username') shown.push(MASK)
    else if (/^--(set|set-string|set-json)=/.test(arg)) {
      const eq = arg.indexOf('=')
      shown.push(`${arg.slice(0, eq + 1)}${redactSetItem(arg.slice(eq + 1))}`)
    } else if (/^--password=/.test(arg)) shown.push(`--password=${MASK}`)
    else shown.push(arg)
  }
  return [file.split('/').pop() ?? file, ...shown].map(quote).join(' ')
}

function quote(arg: string): string {
  return /^[\w@%+=:,./-]+$/.test(arg) ? arg : `'${arg.replace(/'/g, `'\\''`)}'`
}
