import type { CommandResult } from '../exec/runner.js'
import { startHelmChecks } from '../render/render.js'
import type { Session } from '../run/session.js'
import { chartFile, type Annotation } from './annotation.js'

/**
 * `helm lint` with the run's values, as annotations: `[ERROR] templates/x.yaml: …` points at
 * that file of the chart. Lint errors fail the run; warnings are reported.
 */
export async function lint(s: Session): Promise<Annotation[]> {
  return lintAnnotations(s, await startHelmChecks(s).lint)
}

export function lintAnnotations(s: Pick<Session, 'config'>, r: CommandResult): Annotation[] {
  const lines = `${r.stdout}\n${r.stderr}`.split('\n').map((l) => l.trim())
  const found: Annotation[] = []
  for (const l of lines) {
    const m = /^\[(ERROR|WARNING)\] (?:([^:\s]+): )?(.*)$/.exec(l)
    if (!m) continue
    const file =
      m[2] && s.config.chart.kind === 'local' && !s.config.chart.packaged
        ? chartFile(s.config.chart.path, m[2])
        : undefined
    const line = /line (\d+)/.exec(m[3])?.[1]
    found.push({
      level: m[1] === 'ERROR' ? 'error' : 'warning',
      message: `helm lint: ${m[2] ? `${m[2]}: ` : ''}${m[3]}`,
      file,
      line: line ? Number(line) : undefined
    })
  }
  if (r.exitCode !== 0 && !found.some((f) => f.level === 'error'))
    found.push({
      level: 'error',
      message: `helm lint failed: ${(lines.find((l) => l.startsWith('Error:')) ?? lines.join(' ')).slice(0, 500)}`
    })
  return found
}
