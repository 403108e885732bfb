import * as helmArgs from '../helm/args.js'
import { HelmError } from '../helm/helm.js'
import { parseReleaseInfo } from '../helm/release.js'
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
 * refuses that, from the offline render.
 */
export async function plan(
  s: Pick<Session, 'config' | 'helm' | 'target' | 'chart' | 'values'>,
  offline: RenderedObject[]
): Promise<PlanResult> {
  const { helm, target, config } = s
  const namespace = target.namespace ?? 'default'
  const notes: string[] = []
  const live = await helm.status(target)
  const liveObjects = live ? parseManifests(live.manifest) : []

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
  if (dry.exitCode === 0) {
    next = parseManifests(parseReleaseInfo(dry.stdout).manifest)
    source = 'server dry-run'
  } else {
    notes.push(
      `server-side dry run not possible, compared the offline render instead: ${new HelmError('upgrade --dry-run', dry).message.split('\n')[0]}`
    )
  }
  if (live && !['deployed', 'superseded'].includes(live.status))
    notes.push(`live release is ${live.status} (revision ${live.revision})`)
  return {
    release: config.release,
    namespace,
    exists: !!live,
    liveRevision: live?.revision,
    source,
    imagesBefore: imagesOf(liveObjects),
    imagesAfter: imagesOf(next),
    diff: diffManifests(liveObjects, next, namespace),
    notes
  }
}
