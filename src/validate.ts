import * as a from './helm/args.js'
import { HelmError } from './helm/helm.js'
import { imagesOf, objectKey, parseManifests, type RenderedObject } from './render/manifests.js'
import { UserError } from './result.js'
import type { Session } from './session.js'

export interface Rendered {
  manifest: string
  objects: RenderedObject[]
  images: string[]
}

/** `helm lint` with the run's values; lint errors fail the run, warnings are reported. */
export async function lint(s: Session): Promise<string[]> {
  const r = await s.helm.try(
    a.lintArgs(s.chart, s.values, {
      namespace: s.config.namespace,
      kubeVersion: s.config.kubeVersion
    })
  )
  const out = `${r.stdout}\n${r.stderr}`
  const warnings = out.split('\n').filter((l) => /^\[WARNING\]/.test(l.trim()))
  if (r.exitCode !== 0) {
    const errors = out.split('\n').filter((l) => /\[ERROR\]|^Error:/.test(l.trim()))
    throw new UserError(
      `helm lint found problems in ${s.chart.ref}:\n${(errors.length ? errors : [out.trim()]).join('\n')}`
    )
  }
  return warnings.map((w) => w.trim())
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
