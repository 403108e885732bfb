// helm template and helm lint read the same chart and values and need no cluster: both start
// at once, once per session, and the values are checked while they run.
import * as a from '../helm/args.js'
import { HelmError } from '../helm/helm.js'
import type { CommandResult } from '../exec/runner.js'
import { UserError } from '../errors/result.js'
import type { Session } from '../run/session.js'
import { imagesOf, parseManifests, type RenderedObject } from './manifests.js'

export interface Rendered {
  manifest: string
  objects: RenderedObject[]
  images: string[]
}

export interface HelmChecks {
  lint: Promise<CommandResult>
  template: Promise<CommandResult>
}

const started = new WeakMap<Session, HelmChecks>()

/** Starts `helm lint` and `helm template` side by side, once per session. */
export function startHelmChecks(s: Session): HelmChecks {
  let h = started.get(s)
  if (!h) {
    h = {
      lint: s.helm.try(
        a.lintArgs(s.chart, s.values, {
          namespace: s.config.namespace,
          kubeVersion: s.config.kubeVersion
        })
      ),
      template: s.helm.try(
        a.templateArgs(s.target, s.chart, s.values, { kubeVersion: s.config.kubeVersion })
      )
    }
    // Either may never be awaited (the values failed first): that must not be an unhandled
    // rejection. Whoever awaits it still sees the error.
    h.lint.catch(() => undefined)
    h.template.catch(() => undefined)
    started.set(s, h)
  }
  return h
}

/** Renders the chart offline with exactly the values the deploy would use. */
export async function render(s: Session): Promise<Rendered> {
  const r = await startHelmChecks(s).template
  if (r.exitCode !== 0)
    throw new UserError(
      `helm template could not render ${s.chart.ref}:\n${new HelmError('template', r).message}`
    )
  const objects = parseManifests(r.stdout)
  return { manifest: r.stdout, objects, images: imagesOf(objects) }
}
