import * as a from '../helm/args.js'
import type { Helm } from '../helm/helm.js'
import { UserError } from '../errors/result.js'
import type { Remediation } from './remediation.js'

/**
 * Carries out a remediation decision with plain helm commands, for the places that do not watch
 * the result: recovering a stale pending release before a deploy, and the post step after a
 * cancellation. Returns what was done, for the report. No --wait on rollback: helm rollback has no
 * signal handling, so it must never be interrupted half-way.
 */
export async function carryOut(
  helm: Helm,
  target: a.Target,
  d: Remediation,
  o: { timeoutSeconds: number; historyMax: number },
  log: (line: string) => void
): Promise<string> {
  switch (d.action) {
    case 'refuse':
      throw new UserError(d.reason)
    case 'leave':
      log(`Nothing undone: ${d.reason}.`)
      return d.reason
    case 'rollback':
      log(
        `Rolling back ${target.release} to revision ${d.to.revision} (${d.to.chart}): ${d.reason}`
      )
      await helm.run(a.rollbackArgs(helm.dialect, target, d.to.revision, o))
      return `rolled back to revision ${d.to.revision}`
    case 'uninstall':
      log(`Uninstalling ${target.release}: ${d.reason}`)
      await helm.run(a.uninstallArgs(target, { timeoutSeconds: o.timeoutSeconds }))
      return 'uninstalled the release'
  }
}
