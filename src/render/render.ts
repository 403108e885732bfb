// helm template and helm lint read the same chart and values and need no cluster: both start
// at once, once per session, and the values are checked while they run.
import * as helmArgs from '../helm/args.js'
import { HelmError } from '../helm/helm.js'
import type { CommandResult, CommandRunner } from '../exec/runner.js'
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

/** What the two commands are run with; a session's are the same as those it was opened with. */
type CheckInputs = Pick<Session, 'config' | 'target' | 'chart' | 'values'>

function checkArgs(s: CheckInputs): { lint: string[]; template: string[] } {
  return {
    lint: helmArgs.lintArgs(s.chart, s.values, {
      namespace: s.config.namespace,
      kubeVersion: s.config.kubeVersion
    }),
    template: helmArgs.templateArgs(s.target, s.chart, s.values, {
      kubeVersion: s.config.kubeVersion
    })
  }
}

// A check or render may never be awaited (the values failed first): that must not be an unhandled
// rejection. Whoever awaits it still sees the error.
function quiet<T>(p: Promise<T>): Promise<T> {
  p.catch(() => undefined)
  return p
}

/** Commands started before the session existed, by binary and exact argument list. */
const early = new Map<string, Promise<CommandResult>>()
const keyOf = (binary: string, args: readonly string[]): string => JSON.stringify([binary, args])

/**
 * Starts `helm lint` and `helm template` while helm is still asked for its version: neither
 * depends on it. The session's checks take them over when their command lines are exactly the
 * same (startHelmChecks); a session rendering something else (another release name, other
 * values) starts its own.
 */
export function startHelmChecksEarly(
  runner: CommandRunner,
  binary: string,
  inputs: CheckInputs
): void {
  const args = checkArgs(inputs)
  for (const command of [args.lint, args.template])
    early.set(keyOf(binary, command), quiet(runner.run(binary, command)))
}

function takeEarly(binary: string, args: readonly string[]): Promise<CommandResult> | undefined {
  const key = keyOf(binary, args)
  const p = early.get(key)
  early.delete(key)
  return p
}

/** Starts `helm lint` and `helm template` side by side, once per session. */
export function startHelmChecks(s: Session): HelmChecks {
  let h = started.get(s)
  if (!h) {
    const args = checkArgs(s)
    h = {
      lint: takeEarly(s.helm.binary, args.lint) ?? quiet(s.helm.runAllowingFailure(args.lint)),
      template:
        takeEarly(s.helm.binary, args.template) ?? quiet(s.helm.runAllowingFailure(args.template))
    }
    started.set(s, h)
  }
  return h
}

const renders = new WeakMap<Session, Promise<Rendered>>()

/**
 * Renders the chart offline with exactly the values the deploy would use; once per session. Its
 * output is parsed as soon as helm template exits, which is usually while helm lint still runs.
 */
export function render(s: Session): Promise<Rendered> {
  let rendered = renders.get(s)
  if (!rendered) {
    rendered = startHelmChecks(s).template.then((r) => {
      if (r.exitCode !== 0)
        throw new UserError(
          `helm template could not render ${s.chart.ref}:\n${new HelmError('template', r).message}`
        )
      const objects = parseManifests(r.stdout)
      return { manifest: r.stdout, objects, images: imagesOf(objects) }
    })
    renders.set(s, quiet(rendered))
  }
  return rendered
}
