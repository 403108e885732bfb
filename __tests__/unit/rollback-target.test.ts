import { describe, expect, it } from '@jest/globals'
import type { HistoryEntry, ReleaseStatusName } from '../../src/helm/release.js'
import { chooseRollbackTarget, type RollbackChoice } from '../../src/remediate/rollback-target.js'

const h = (
  revision: number,
  status: ReleaseStatusName,
  description = 'Upgrade complete'
): HistoryEntry => ({
  revision,
  status,
  chart: `goatflow-0.${revision}.0`,
  appVersion: `0.${revision}.0`,
  description,
  updated: ''
})

const choose = (history: HistoryEntry[], requested?: number, force = false): RollbackChoice =>
  chooseRollbackTarget({ release: 'app', namespace: 'prod', history, requested, force })

const target = (c: RollbackChoice): number | string =>
  c.kind === 'restore' ? c.to.revision : c.reason

describe('the revision mode rollback restores', () => {
  it.each<[string, HistoryEntry[], number | undefined, boolean, number]>([
    [
      'the previous revision by default',
      [h(1, 'superseded'), h(2, 'deployed')],
      undefined,
      false,
      1
    ],
    [
      'past a failed revision',
      [h(1, 'superseded'), h(2, 'failed'), h(3, 'deployed')],
      undefined,
      false,
      1
    ],
    [
      'past a revision that was rolled back from',
      [
        h(1, 'superseded'),
        h(2, 'superseded'),
        h(3, 'superseded'),
        h(4, 'deployed', 'Rollback to 2')
      ],
      undefined,
      false,
      1
    ],
    [
      'from a failed current revision to the last good one',
      [h(1, 'superseded'), h(2, 'failed')],
      undefined,
      false,
      1
    ],
    [
      'an explicit revision',
      [h(1, 'superseded'), h(2, 'superseded'), h(3, 'deployed')],
      1,
      false,
      1
    ],
    [
      'an explicit failed revision with force',
      [h(1, 'superseded'), h(2, 'failed'), h(3, 'deployed')],
      2,
      true,
      2
    ],
    [
      'a pending release with force',
      [h(1, 'superseded'), h(2, 'pending-upgrade')],
      undefined,
      true,
      1
    ]
  ])('restores %s', (_what, history, requested, force, expected) => {
    expect(target(choose(history, requested, force))).toBe(expected)
  })

  it.each<[string, HistoryEntry[], number | undefined, boolean, RegExp]>([
    [
      'a release that does not exist',
      [],
      undefined,
      false,
      /Input "release" "app".*no release "app" in namespace "prod"/
    ],
    [
      'a revision that does not exist',
      [h(3, 'superseded'), h(4, 'deployed')],
      1,
      false,
      /Input "revision" "1".*has no revision 1.*revisions 3 to 4.*Pick one of: 3 \(superseded/
    ],
    [
      'the current revision',
      [h(1, 'superseded'), h(2, 'deployed')],
      2,
      false,
      /Input "revision" "2": revision 2 is the current revision/
    ],
    [
      'a failed revision without force',
      [h(1, 'superseded'), h(2, 'failed'), h(3, 'deployed')],
      2,
      false,
      /Input "revision" "2": revision 2 .* never worked: its status is failed.*force: true/
    ],
    [
      'a revision rolled back from, without force',
      [h(1, 'superseded'), h(2, 'superseded'), h(3, 'deployed', 'Rollback to 1')],
      2,
      false,
      /never worked: it was rolled back from/
    ],
    [
      'a first release with nothing before it',
      [h(1, 'deployed', 'Install complete')],
      undefined,
      false,
      /no good revision before the current revision 1/
    ],
    [
      'a rollback whose only good revision is already live',
      [h(1, 'superseded'), h(2, 'superseded'), h(3, 'deployed', 'Rollback to 1')],
      undefined,
      false,
      /other than revision 1, which it already restored/
    ],
    [
      'a pending release without force',
      [h(1, 'superseded'), h(2, 'pending-upgrade')],
      undefined,
      false,
      /is pending-upgrade: a helm operation may still be running.*force: true/
    ]
  ])('refuses %s', (_what, history, requested, force, reason) => {
    const c = choose(history, requested, force)
    expect(c.kind).toBe('refuse')
    expect(target(c)).toMatch(reason)
  })

  it('says why it chose the revision and what it passed over', () => {
    const c = choose([h(1, 'superseded'), h(2, 'failed'), h(3, 'deployed')])
    expect(c).toMatchObject({
      kind: 'restore',
      from: { revision: 3 },
      why: 'revision 1 is the newest good revision before the current revision 3 (skipped 2: its status is failed (Upgrade complete))'
    })
  })

  it('names what force let through', () => {
    const c = choose([h(1, 'superseded'), h(2, 'failed'), h(3, 'deployed')], 2, true)
    expect(c.kind === 'restore' && c.forced).toMatch(
      /force: true restores revision 2 although its status is failed/
    )
  })
})
