import { objectKey, podSpecOf, type RenderedObject } from './manifests.js'

export interface SafetyFinding {
  object: string
  source?: string
  message: string
}

interface ContainerLike {
  name?: string
  image?: string
  resources?: { requests?: Record<string, unknown>; limits?: Record<string, unknown> }
  readinessProbe?: unknown
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
    const pod = podSpecOf(o.object) as
      { containers?: ContainerLike[]; initContainers?: ContainerLike[] } | undefined
    if (!pod) continue
    const add = (message: string): void =>
      void findings.push({ object: key, source: o.source, message })
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
