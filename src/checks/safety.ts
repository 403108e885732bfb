import { objectKey, podSpecOf, type RenderedObject } from '../render/manifests.js'

export interface SafetyFinding {
  object: string
  source?: string
  message: string
  /** Found on a `helm test` hook, which runs only when tests are run and never serves traffic. */
  testHook?: boolean
}

/**
 * Deploy-safety checks on rendered objects: what makes rollouts unsafe or unverifiable
 * although Kubernetes accepts it. Findings are warnings unless the `strict` input says otherwise.
 */
export function safetyFindings(objects: readonly RenderedObject[]): SafetyFinding[] {
  const findings: SafetyFinding[] = []
  const seen = new Map<string, number>()
  for (const o of objects) {
    const key = objectKey(o)
    seen.set(key, (seen.get(key) ?? 0) + 1)
    const pod = podSpecOf(o.object)
    if (!pod) continue
    const testHook = isTestHook(o)
    const add = (message: string): void =>
      void findings.push({ object: key, source: o.source, message, ...(testHook && { testHook }) })
    for (const c of [...(pod.initContainers ?? []), ...(pod.containers ?? [])]) {
      const image = c.image ?? ''
      const tag = image.includes('@') ? 'digest' : /:([^/:]+)$/.exec(image)?.[1]
      if (!tag)
        add(
          `container ${c.name}: image "${image}" has no tag; pin a version so rollbacks restore the same code`
        )
      else if (tag === 'latest')
        add(
          `container ${c.name}: image "${image}" uses the latest tag; pin a version so rollbacks restore the same code`
        )
      if (!c.resources?.requests)
        add(`container ${c.name}: no resource requests; the scheduler cannot place it reliably`)
      if (!c.resources?.limits) add(`container ${c.name}: no resource limits`)
    }
    if (['Deployment', 'StatefulSet', 'DaemonSet'].includes(o.kind))
      for (const c of pod.containers ?? [])
        if (!c.readinessProbe)
          add(
            `container ${c.name}: no readiness probe; a broken version would count as ready at once`
          )
  }
  for (const [key, n] of seen)
    if (n > 1)
      findings.push({
        object: key,
        message: `rendered ${n} times; the later copies overwrite the earlier ones`
      })
  return findings
}

/** `helm.sh/hook: test` (or Helm 2's `test-success`), alone or among other hook events. */
export function isTestHook(o: RenderedObject): boolean {
  const hooks = o.object.metadata?.annotations?.['helm.sh/hook'] ?? ''
  return hooks.split(',').some((h) => ['test', 'test-success'].includes(h.trim()))
}

/**
 * The findings as reported: those on `helm test` hooks folded into one, so that a chart with a
 * test pod per service does not bury the findings that matter (GitHub shows only the first ten
 * warnings of a step as annotations). Nothing is dropped: the one finding names every object.
 */
export function groupSafetyFindings(findings: readonly SafetyFinding[]): SafetyFinding[] {
  const tests = findings.filter((f) => f.testHook)
  const rest = findings.filter((f) => !f.testHook)
  if (tests.length <= 1) return [...rest, ...tests]
  const objects = [...new Set(tests.map((f) => f.object))]
  const kinds = new Map<string, number>()
  for (const f of tests) {
    const what = f.message.replace(/^container [^:]*: /, '').split(';')[0]
    kinds.set(what, (kinds.get(what) ?? 0) + 1)
  }
  const shown = objects.slice(0, 5).join(', ')
  return [
    ...rest,
    {
      object: `${objects.length} helm test hook(s)`,
      message: `${[...kinds].map(([what, n]) => `${what} (${n})`).join(', ')}: ${shown}${objects.length > 5 ? ` and ${objects.length - 5} more` : ''}`,
      testHook: true
    }
  ]
}
