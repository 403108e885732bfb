import { describe, expect, it } from '@jest/globals'
import {
  decideRemediation,
  recordedByThisRun,
  repairInput,
  type RemediationInput
} from '../../src/deploy/remediation.js'
import type { HistoryEntry, ReleaseStatusName } from '../../src/helm/release.js'

const rev = (revision: number, status: ReleaseStatusName, description = ''): HistoryEntry => ({
  revision,
  status,
  chart: 'goatflow-0.6.5',
  appVersion: '0.6.5',
  description,
  updated: `2026-11-24T10:0${revision}:00Z`
})

const base: RemediationInput = {
  situation: 'failed',
  release: 'goatflow',
  historyBefore: [rev(1, 'superseded'), rev(2, 'deployed')],
  historyAfter: [rev(1, 'superseded'), rev(2, 'superseded'), rev(3, 'failed')],
  attemptedRevision: 3,
  recorded: true,
  rollbackOnFailure: true,
  uninstallOnFailedInstall: true,
  recoverPending: false,
  lock: { kind: 'held', previous: 'free' }
}

describe('recordedByThisRun', () => {
  const before = [rev(1, 'deployed')]
  it.each<[string, HistoryEntry[], number | undefined, string, boolean]>([
    ['helm wrote the attempted revision', [rev(1, 'superseded'), rev(2, 'failed')], 2, '', true],
    ['the attempted revision is missing', [rev(1, 'deployed')], 2, 'Error: timed out', false],
    [
      'helm refused: another operation is in progress (the revision is the other run’s)',
      [rev(1, 'deployed'), rev(2, 'pending-upgrade')],
      2,
      'Error: UPGRADE FAILED: another operation (install/upgrade/rollback) is in progress',
      false
    ],
    [
      'helm lost the race to write the revision',
      [rev(1, 'superseded'), rev(2, 'deployed')],
      2,
      'Error: UPGRADE FAILED: release: already exists',
      false
    ],
    ['no attempt was made', [rev(1, 'deployed')], undefined, '', false],
    ['the revision already existed before the run', [rev(1, 'deployed')], 1, '', false]
  ])('%s', (_name, after, attempted, stderr, expected) => {
    expect(recordedByThisRun(before, after, attempted, stderr)).toBe(expected)
  })
})

describe('decideRemediation after a failed deploy', () => {
  it.each<[string, Partial<RemediationInput>, string, number | undefined, RegExp]>([
    ['rolls back to the last good revision', {}, 'rollback', 2, /restoring revision 2/],
    [
      'leaves the release alone when helm refused before recording anything',
      {
        recorded: false,
        historyAfter: [rev(1, 'superseded'), rev(2, 'superseded'), rev(3, 'deployed')]
      },
      'leave',
      undefined,
      /helm did not record revision 3 for this run.*nothing of this run to undo/
    ],
    [
      'never undoes a revision another deploy wrote after this one',
      {
        historyAfter: [
          rev(1, 'superseded'),
          rev(2, 'superseded'),
          rev(3, 'failed'),
          rev(4, 'deployed')
        ]
      },
      'leave',
      undefined,
      /revision 4 \(deployed\) was written after this run's revision 3 by another deploy/
    ],
    [
      'leaves it when rollback-on-failure is off',
      { rollbackOnFailure: false },
      'leave',
      undefined,
      /rollback-on-failure is off/
    ],
    [
      'uninstalls a first install that never worked',
      { historyBefore: [], historyAfter: [rev(1, 'failed')], attemptedRevision: 1 },
      'uninstall',
      undefined,
      /first install failed/
    ],
    [
      'keeps a failed first install when uninstall-on-failed-install is off',
      {
        historyBefore: [],
        historyAfter: [rev(1, 'failed')],
        attemptedRevision: 1,
        uninstallOnFailedInstall: false
      },
      'leave',
      undefined,
      /no earlier good revision/
    ],
    [
      'does not count the failed attempt itself as good (deployed, then health checks failed)',
      { historyBefore: [], historyAfter: [rev(1, 'deployed')], attemptedRevision: 1 },
      'uninstall',
      undefined,
      /first install failed/
    ],
    [
      'never uninstalls a release that worked before but has no good revision left',
      {
        historyBefore: [rev(1, 'superseded'), rev(2, 'failed')],
        historyAfter: [rev(1, 'superseded'), rev(2, 'failed'), rev(3, 'failed')],
        attemptedRevision: 3
      },
      'rollback',
      1,
      /restoring revision 1/
    ]
  ])('%s', (_name, over, action, to, reason) => {
    const d = decideRemediation({ ...base, ...over })
    expect(d.action).toBe(action)
    expect(d.action === 'rollback' ? d.to.revision : undefined).toBe(to)
    expect(d.reason).toMatch(reason)
  })
})

describe('decideRemediation in the post step of a cancelled run', () => {
  const interrupted = { ...base, situation: 'interrupted' as const }
  it.each<[string, Partial<RemediationInput>, string, RegExp]>([
    [
      'restores the last good revision when its own revision was left pending',
      { historyAfter: [rev(1, 'superseded'), rev(2, 'deployed'), rev(3, 'pending-upgrade')] },
      'rollback',
      /restoring revision 2/
    ],
    ['restores it when helm marked its revision failed', {}, 'rollback', /restoring revision 2/],
    [
      'leaves a revision that was already rolled back (deployed by the main step)',
      {
        historyAfter: [
          rev(1, 'superseded'),
          rev(2, 'superseded'),
          rev(3, 'failed'),
          rev(4, 'deployed')
        ]
      },
      'leave',
      /written after this run's revision 3/
    ],
    [
      'restores the last good revision when its own revision was applied but never verified',
      { historyAfter: [rev(1, 'superseded'), rev(2, 'superseded'), rev(3, 'deployed')] },
      'rollback',
      /revision 3 was applied but the run stopped before its rollout was verified/
    ],
    [
      'does nothing when it was cancelled before helm recorded anything',
      { recorded: false, historyAfter: [rev(1, 'superseded'), rev(2, 'deployed')] },
      'leave',
      /had not recorded a revision yet/
    ],
    [
      'leaves its revision when it was already rolled back or uninstalled by the main step',
      {
        historyAfter: [rev(1, 'superseded'), rev(2, 'superseded'), rev(3, 'superseded')]
      },
      'leave',
      /revision 3 is superseded; nothing to repair/
    ],
    [
      'leaves it when rollback-on-failure is off',
      { rollbackOnFailure: false },
      'leave',
      /rollback-on-failure is off/
    ],
    [
      'leaves an interrupted first install with nothing to return to',
      { historyBefore: [], historyAfter: [rev(1, 'pending-install')], attemptedRevision: 1 },
      'leave',
      /no earlier good revision/
    ]
  ])('%s', (_name, over, action, reason) => {
    const d = decideRemediation({ ...interrupted, ...over })
    expect(d.action).toBe(action)
    expect(d.reason).toMatch(reason)
  })
})

describe('decideRemediation for a release found pending before deploying', () => {
  const stuck = [
    rev(1, 'superseded'),
    rev(2, 'deployed'),
    rev(3, 'pending-upgrade', 'Preparing upgrade')
  ]
  const pending: RemediationInput = {
    ...base,
    situation: 'pending',
    historyBefore: stuck,
    historyAfter: stuck,
    attemptedRevision: undefined,
    recorded: false
  }
  it.each<[string, Partial<RemediationInput>, string, RegExp]>([
    [
      'refuses without recover-pending, without calling it interrupted or suggesting a rollback',
      {},
      'refuse',
      /^Release "goatflow" is pending-upgrade at revision 3 \(Preparing upgrade, last written 2026-11-24T10:03:00Z\) and no deploy of this action holds its lock: .* set recover-pending: true to let the action restore revision 2 first\.$/
    ],
    [
      'names the holder whose lock expired',
      {
        lock: {
          kind: 'held',
          previous: 'expired',
          previousHolder: 'acme/app run 7 attempt 1 #ab12cd'
        }
      },
      'refuse',
      /the deploy that held its lock \(acme\/app run 7 attempt 1 #ab12cd\) stopped renewing it/
    ],
    [
      'rolls back a stale pending release with recover-pending once the lock was free',
      { recoverPending: true },
      'rollback',
      /pending-upgrade revision 3 is stale .*restoring revision 2 \(recover-pending\)/
    ],
    [
      'refuses even with recover-pending when deploys run without the lock',
      { recoverPending: true, lock: { kind: 'disabled' } },
      'refuse',
      /Without the deploy lock \(lock: false\) the action cannot tell whether another helm client is still working on it/
    ],
    [
      'uninstalls a stale pending first install that never deployed',
      { recoverPending: true, historyAfter: [rev(1, 'pending-install')] },
      'uninstall',
      /never deployed; uninstalling it/
    ],
    [
      'never uninstalls a stale pending release that worked once, even with no good revision left',
      {
        recoverPending: true,
        // history-max dropped revision 3; revision 5 was rolled back from, so nothing is good.
        historyAfter: [
          rev(5, 'superseded'),
          rev(6, 'failed', 'Rollback to 3'),
          rev(7, 'pending-upgrade')
        ]
      },
      'refuse',
      /no good revision is left in its history; it is never uninstalled automatically because it once worked/
    ],
    [
      'has nothing to do when the release is not pending',
      { historyAfter: [rev(1, 'deployed')] },
      'leave',
      /not pending/
    ]
  ])('%s', (_name, over, action, reason) => {
    const d = decideRemediation({ ...pending, ...over })
    expect(d.action).toBe(action)
    expect(d.reason).toMatch(reason)
  })
})

describe('repairInput', () => {
  const policy = { rollbackOnFailure: true, uninstallOnFailedInstall: false, recoverPending: true }
  const lock = { kind: 'held', previous: 'free' } as const
  const history = [rev(1, 'superseded'), rev(2, 'deployed'), rev(3, 'pending-upgrade')]

  it('reads a pending release from its history alone', () => {
    expect(repairInput('goatflow', history, { situation: 'pending' }, policy, lock)).toEqual({
      situation: 'pending',
      release: 'goatflow',
      historyBefore: history,
      historyAfter: history,
      recorded: false,
      ...policy,
      lock
    })
  })

  it.each<[string, number | undefined, number[], boolean]>([
    ['counts what is older than the attempted revision as before the run', 3, [1, 2], true],
    ['knows no revision of its own when the run attempted none', undefined, [1, 2, 3], false],
    ['finds no revision of its own when helm had not recorded it', 4, [1, 2, 3], false]
  ])('%s', (_name, attempted, before, recorded) => {
    const i = repairInput(
      'goatflow',
      history,
      { situation: 'interrupted', attempted },
      policy,
      lock
    )
    expect(i.situation).toBe('interrupted')
    expect(i.attemptedRevision).toBe(attempted)
    expect(i.historyBefore.map((h) => h.revision)).toEqual(before)
    expect(i.historyAfter).toBe(history)
    expect(i.recorded).toBe(recorded)
  })
})
