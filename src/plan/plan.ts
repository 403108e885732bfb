import * as helmArgs from '../helm/args.js'
import { HelmError } from '../helm/helm.js'
import { parseReleaseInfo, type ReleaseInfo } from '../helm/release.js'
import { imagesOf, parseManifests, type RenderedObject } from '../render/manifests.js'
import type { Session } from '../run/session.js'
import { diffManifests, type PlanDiff } from './diff.js'

export interface PlanResult {
  release: string
  namespace: string
  exists: boolean
  liveRevision?: number
  /** How the new manifest was produced: a server-side dry run, or an offline render. */
  source: 'server dry-run' | 'offline render'
  imagesBefore: string[]
  imagesAfter: string[]
  diff: PlanDiff
  notes: string[]
}

/**
 * What a deploy would change against the live release. The new manifest comes from a
 * server-side dry run (lookups and capabilities as the cluster has them); when the cluster
 * refuses that, from the offline render. The live release is read beside the dry run, or was
 * read already (`live`, started while the checks ran: a read changes nothing).
 */
export async function plan(
  s: Pick<Session, 'config' | 'helm' | 'target' | 'chart' | 'values'>,
  offline: RenderedObject[],
  live: Promise<ReleaseInfo | undefined> = s.helm.status(s.target)
): Promise<PlanResult> {
  const { helm, target, config } = s
  const namespace = target.namespace ?? 'default'
  const notes: string[] = []
  // Awaited below; a failure must not surface before then.
  live.catch(() => undefined)

  let next = offline
  let source: PlanResult['source'] = 'offline render'
  const dry = await helm.runAllowingFailure(
    helmArgs.upgradeArgs(helm.dialect, target, s.chart, s.values, {
      timeoutSeconds: config.timeoutSeconds,
      historyMax: config.historyMax,
      createNamespace: config.createNamespace,
      dryRun: 'server'
    })
  )
  const current = await live
  const liveObjects = current ? parseManifests(current.manifest) : []
  if (dry.exitCode === 0) {
    next = parseManifests(parseReleaseInfo(dry.stdout).manifest)
    source = 'server dry-run'
  } else {
    notes.push(
      `server-side dry run not possible, compared the offline render instead: ${new HelmError('upgrade --dry-run', dry).message.split('\n')[0]}`
    )
  }
  if (current && !['deployed', 'superseded'].includes(current.status))
    notes.push(`live release is ${current.status} (revision ${current.revision})`)
  return {
    release: config.release,
    namespace,
    exists: !!current,
    liveRevision: current?.revision,
    source,
    imagesBefore: imagesOf(liveObjects),
    imagesAfter: imagesOf(next),
    diff: diffManifests(liveObjects, next, namespace),
    notes
  }
}
