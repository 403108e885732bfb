import { createTwoFilesPatch } from 'diff'
import { stringify } from 'yaml'
import { objectKey, type RenderedObject } from '../render/manifests.js'
import { maskObject } from './mask.js'

export type ChangeKind = 'added' | 'changed' | 'removed' | 'unchanged'

export interface ObjectChange {
  key: string
  kind: string
  name: string
  change: ChangeKind
  /** Unified diff of the masked YAML (empty when unchanged). */
  diff: string
}

export interface PlanDiff {
  changes: ObjectChange[]
  counts: Record<ChangeKind, number>
  changed: boolean
}

const yamlOf = (
  o: RenderedObject | undefined,
  masked: RenderedObject['object'] | undefined
): string => (o && masked ? stringify(masked, { sortMapEntries: true, lineWidth: 0 }) : '')

/**
 * What a deploy would change: live release objects against the new render, per object, with a
 * unified diff of each. Secret values and credential-looking values are masked on both sides.
 */
export function diffManifests(
  live: readonly RenderedObject[],
  next: readonly RenderedObject[],
  namespace: string
): PlanDiff {
  const keyOf = (o: RenderedObject): string =>
    objectKey({ ...o, namespace: o.namespace ?? namespace })
  const before = new Map(live.map((o) => [keyOf(o), o]))
  const after = new Map(next.map((o) => [keyOf(o), o]))
  const keys = [...new Set([...after.keys(), ...before.keys()])]
  const changes: ObjectChange[] = keys.map((key) => {
    const b = before.get(key)
    const a = after.get(key)
    const maskedA = a ? maskObject(a.object, b?.object) : undefined
    const maskedB = b ? maskObject(b.object) : undefined
    const oldText = yamlOf(b, maskedB)
    const newText = yamlOf(a, maskedA)
    const change: ChangeKind = !b
      ? 'added'
      : !a
        ? 'removed'
        : oldText === newText && sameRaw(a, b)
          ? 'unchanged'
          : 'changed'
    const diff =
      change === 'unchanged'
        ? ''
        : createTwoFilesPatch(
            b ? key : '/dev/null',
            a ? key : '/dev/null',
            oldText,
            newText,
            '',
            '',
            { context: 3 }
          )
    const o = (a ?? b)!
    return {
      key,
      kind: o.kind,
      name: o.name,
      change,
      diff: diff.split('\n').slice(2).join('\n').trimEnd()
    }
  })
  const order: Record<ChangeKind, number> = { added: 0, changed: 1, removed: 2, unchanged: 3 }
  changes.sort((x, y) => order[x.change] - order[y.change] || x.key.localeCompare(y.key))
  const counts = { added: 0, changed: 0, removed: 0, unchanged: 0 }
  for (const c of changes) counts[c.change]++
  return { changes, counts, changed: counts.added + counts.changed + counts.removed > 0 }
}

/** Masked text can hide a change of a secret value; compare the raw objects too. */
function sameRaw(a: RenderedObject, b: RenderedObject): boolean {
  return JSON.stringify(sortKeys(a.object)) === JSON.stringify(sortKeys(b.object))
}

function sortKeys(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(sortKeys)
  if (v && typeof v === 'object')
    return Object.fromEntries(
      Object.entries(v as Record<string, unknown>)
        .sort(([x], [y]) => x.localeCompare(y))
        .map(([k, x]) => [k, sortKeys(x)])
    )
  return v
}
