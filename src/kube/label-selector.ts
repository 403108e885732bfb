import type { LabelSelector } from './types.js'
import { UserError } from '../errors/result.js'

/**
 * The `labelSelector` query parameter that selects what a workload's spec.selector selects, in the
 * API server's selector grammar (k8s.io/apimachinery/pkg/labels). Written out here because the
 * conversion is Kubernetes-exact: metav1.LabelSelectorAsSelector maps a missing selector to
 * "nothing" and an empty one to "everything", and only the four label operators exist.
 *
 * Returns undefined for a selector that selects nothing (no query should be made), '' for one that
 * selects everything. Requirements are sorted so that equal selectors give equal strings (one
 * stream serves every workload with the same selector).
 */
export function selectorQuery(selector: LabelSelector | undefined): string | undefined {
  if (!selector) return undefined
  const parts: string[] = []
  for (const [key, value] of Object.entries(selector.matchLabels ?? {}))
    parts.push(`${key}=${value}`)
  for (const e of selector.matchExpressions ?? []) {
    const values = [...(e.values ?? [])].sort()
    switch (e.operator) {
      case 'In':
      case 'NotIn':
        // The API server rejects a set requirement without values; so would the workload's own validation.
        if (values.length === 0)
          throw new UserError(`label selector ${e.key} ${e.operator} has no values`)
        parts.push(`${e.key} ${e.operator === 'In' ? 'in' : 'notin'} (${values.join(',')})`)
        break
      case 'Exists':
        parts.push(e.key)
        break
      case 'DoesNotExist':
        parts.push(`!${e.key}`)
        break
      default:
        throw new UserError(
          `label selector operator ${JSON.stringify(e.operator)} on ${e.key} is not one of In, NotIn, Exists, DoesNotExist`
        )
    }
  }
  return [...new Set(parts)].sort().join(',')
}
