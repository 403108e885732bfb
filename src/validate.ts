import { existsSync } from 'node:fs'
import { join, relative } from 'node:path'
import * as a from './helm/args.js'
import { HelmError } from './helm/helm.js'
import { imagesOf, objectKey, parseManifests, type RenderedObject } from './render/manifests.js'
import { UserError } from './result.js'
import type { Session } from './session.js'
import type { Annotation } from './values-check.js'

export interface Rendered {
  manifest: string
  objects: RenderedObject[]
  images: string[]
}

/**
 * `helm lint` with the run's values, as annotations: `[ERROR] templates/x.yaml: …` points at
 * that file of the chart. Lint errors fail the run; warnings are reported.
 */
export async function lint(s: Session): Promise<Annotation[]> {
  const r = await s.helm.try(
    a.lintArgs(s.chart, s.values, {
      namespace: s.config.namespace,
      kubeVersion: s.config.kubeVersion
    })
  )
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

function chartFile(chartPath: string, file: string): string | undefined {
  const path = join(chartPath, file)
  if (!existsSync(path)) return undefined
  return relative(process.env.GITHUB_WORKSPACE || process.cwd(), path)
}

/** Renders the chart offline with exactly the values the deploy would use. */
export async function render(s: Session): Promise<Rendered> {
  const r = await s.helm.try(
    a.templateArgs(s.target, s.chart, s.values, { kubeVersion: s.config.kubeVersion })
  )
  if (r.exitCode !== 0)
    throw new UserError(
      `helm template could not render ${s.chart.ref}:\n${new HelmError('template', r).message}`
    )
  const objects = parseManifests(r.stdout)
  return { manifest: r.stdout, objects, images: imagesOf(objects) }
}

/** The plan as printed in the log: every object the release would hold, grouped by kind. */
export function describeObjects(objects: readonly RenderedObject[]): string[] {
  const byKind = new Map<string, string[]>()
  for (const o of objects)
    byKind.set(o.kind, [...(byKind.get(o.kind) ?? []), objectKey(o).slice(o.kind.length + 1)])
  return [...byKind.entries()]
    .sort(([x], [y]) => x.localeCompare(y))
    .map(([kind, names]) => `${kind}: ${names.join(', ')}`)
}
