import * as core from '@actions/core'
import { checkValuesAndLint, renderAndCheck } from '../checks/preflight.js'
import type { ReleaseInfo } from '../helm/release.js'
import { plan } from '../plan/plan.js'
import { renderPlan } from '../report/plan-summary.js'
import type { Session } from '../run/session.js'
import { connectMeanwhile, type ModeDeps, type ModeResult } from './mode.js'

/** `mode: plan`: the checks, then the diff against the live release, nothing changed. */
export async function planMode(opened: Session, deps: ModeDeps): Promise<ModeResult> {
  // The live release is read as soon as the cluster is known, while the checks run.
  let live: Promise<ReleaseInfo | undefined> | undefined
  const cluster = connectMeanwhile(opened, deps, undefined, (c) => {
    live = c.session.helm.status(c.session.target)
    live.catch(() => undefined)
  })
  await checkValuesAndLint(opened)
  const { session: s, serverVersion } = await cluster
  const rendered = await renderAndCheck(opened, serverVersion)
  const p = await core.group('Diff against the live release', () => plan(s, rendered.objects, live))
  for (const c of p.diff.changes.filter((x) => x.change !== 'unchanged')) {
    core.info(`${c.change}: ${c.key}`)
    if (c.diff) core.info(c.diff)
  }
  const { head, details } = renderPlan(p)
  core.info(head.split('\n')[0].replace(/^#+ /, ''))
  await deps.reporter.summary([head, ...details].join('\n\n'))
  await deps.reporter.comment(head, details)
  return {
    outputs: {
      status: 'planned',
      changed: p.diff.changed,
      revision: p.liveRevision,
      previousRevision: p.liveRevision,
      images: p.imagesAfter
    }
  }
}
