import { describe, expect, it } from '@jest/globals'
import type { ReleaseHelm } from '../../src/deploy/ports.js'
import type { LockState, Remediation } from '../../src/deploy/remediation.js'
import { carryOut, repairInterrupted, settlePending } from '../../src/deploy/restore.js'
import { UserError } from '../../src/errors/result.js'
import type { CommandResult } from '../../src/exec/runner.js'
import { HelmError } from '../../src/helm/helm.js'
import type { HistoryEntry, ReleaseStatusName } from '../../src/helm/release.js'

// The unwatched repair path: a stale pending release before a deploy, and the post step after a
// cancelled run. Both decide from the history (remediation.ts) and carry the decision out here.

const rev = (revision: number, status: ReleaseStatusName, description = ''): HistoryEntry => ({
  revision,
  status,
  chart: `goatflow-0.6.${revision}`,
  appVersion: `0.6.${revision}`,
  description,
  updated: `2026-12-01T10:0${revision}:00Z`
})

const exit = (exitCode: number, stderr = ''): CommandResult => ({ exitCode, stdout: '', stderr })

/** helm bound to one release; a rollback or uninstall changes the history it answers with. */
function fakeHelm(history: HistoryEntry[], o: { fail?: boolean } = {}) {
  const steps: string[] = []
  let revisions = history.map((h) => ({ ...h }))
  const helm: ReleaseHelm = {
    release: 'goatflow',
    version: 'v4.1.4',
    history: async () => revisions.map((h) => ({ ...h })),
    status: () => Promise.reject(new Error('not used')),
    manifest: () => Promise.reject(new Error('not used')),
    recorded: () => Promise.reject(new Error('not used')),
    startUpgrade: () => {
      throw new Error('not used')
    },
    test: () => Promise.reject(new Error('not used')),
    async rollback(revision) {
      steps.push(`rollback ${revision}`)
      if (o.fail) return exit(1, 'Error: timed out waiting for the condition')
      const next = revisions.at(-1)!.revision + 1
      revisions = revisions.map((h) =>
        h.status === 'deployed' ? { ...h, status: 'superseded' } : h
      )
      revisions.push(rev(next, 'deployed', `Rollback to ${revision}`))
      return exit(0)
    },
    async uninstall() {
      steps.push('uninstall')
      if (o.fail) return exit(1, 'Error: uninstall: Release not loaded: goatflow')
      revisions = []
      return exit(0)
    }
  }
  return { helm, steps }
}

describe('carryOut', () => {
  const to = rev(2, 'superseded')
  it.each<[string, Remediation, string, string[], string]>([
    [
      'rolls back to the chosen revision',
      { action: 'rollback', to, reason: 'restoring revision 2' },
      'rolled back to revision 2',
      ['rollback 2'],
      'Rolling back goatflow to revision 2 (goatflow-0.6.2): restoring revision 2'
    ],
    [
      'uninstalls the release',
      { action: 'uninstall', reason: 'the first install failed and never worked' },
      'uninstalled the release',
      ['uninstall'],
      'Uninstalling goatflow: the first install failed and never worked'
    ],
    [
      'changes nothing and says why',
      { action: 'leave', reason: 'rollback-on-failure is off' },
      'rollback-on-failure is off',
      [],
      'Nothing undone: rollback-on-failure is off.'
    ]
  ])('%s', async (_name, decision, done, steps, line) => {
    const h = fakeHelm([rev(1, 'superseded'), to, rev(3, 'failed')])
    const logs: string[] = []
    expect(await carryOut(h.helm, decision, (l) => logs.push(l))).toBe(done)
    expect(h.steps).toEqual(steps)
    expect(logs).toEqual([line])
  })

  it('stops the run with the reason of a refusal, changing nothing', async () => {
    const h = fakeHelm([rev(1, 'pending-upgrade')])
    const run = carryOut(
      h.helm,
      { action: 'refuse', reason: 'Release "goatflow" is pending' },
      () => {}
    )
    await expect(run).rejects.toThrow(new UserError('Release "goatflow" is pending'))
    expect(h.steps).toEqual([])
  })

  it.each<[string, Remediation, RegExp]>([
    [
      'a rollback',
      { action: 'rollback', to, reason: 'restoring revision 2' },
      /^helm rollback goatflow failed \(exit 1\): Error: timed out waiting for the condition$/
    ],
    [
      'an uninstall',
      { action: 'uninstall', reason: 'never deployed' },
      /^helm uninstall goatflow failed \(exit 1\): Error: uninstall: Release not loaded/
    ]
  ])('throws what helm said when %s fails', async (_name, decision, message) => {
    const run = carryOut(fakeHelm([to], { fail: true }).helm, decision, () => {})
    await expect(run).rejects.toThrow(HelmError)
    await expect(run).rejects.toThrow(message)
  })
})

describe('settlePending before a deploy', () => {
  const held: LockState = { kind: 'held', previous: 'free' }
  const policy = { rollbackOnFailure: true, uninstallOnFailedInstall: true, recoverPending: true }

  it('reads the history and changes nothing when the release is not pending', async () => {
    const h = fakeHelm([rev(1, 'superseded'), rev(2, 'deployed')])
    expect(await settlePending(h.helm, policy, held, () => {})).toEqual({
      history: [rev(1, 'superseded'), rev(2, 'deployed')]
    })
    expect(h.steps).toEqual([])
  })

  it('has nothing to settle for a release that does not exist', async () => {
    const h = fakeHelm([])
    expect(await settlePending(h.helm, policy, held, () => {})).toEqual({ history: [] })
  })

  it('restores the last good revision of a stale pending release and returns the history after', async () => {
    const h = fakeHelm([rev(1, 'superseded'), rev(2, 'deployed'), rev(3, 'pending-upgrade')])
    const settled = await settlePending(h.helm, policy, held, () => {})
    expect(h.steps).toEqual(['rollback 2'])
    expect(settled.history.map((x) => [x.revision, x.status])).toEqual([
      [1, 'superseded'],
      [2, 'superseded'],
      [3, 'pending-upgrade'],
      [4, 'deployed']
    ])
    expect(settled.recovered).toMatch(/^pending-upgrade revision 3 is stale/)
  })

  it('refuses a pending release without recover-pending', async () => {
    const h = fakeHelm([rev(1, 'deployed'), rev(2, 'pending-upgrade')])
    await expect(
      settlePending(h.helm, { ...policy, recoverPending: false }, held, () => {})
    ).rejects.toThrow(UserError)
    expect(h.steps).toEqual([])
  })
})

describe('repairInterrupted in the post step', () => {
  const say = () => {
    const lines: string[] = []
    return {
      lines,
      say: {
        log: (l: string) => lines.push(`info: ${l}`),
        warn: (l: string) => lines.push(`warning: ${l}`)
      }
    }
  }

  it.each<[string, HistoryEntry[], number | undefined, boolean, string[], RegExp]>([
    [
      'rolls back its own pending revision, warning first',
      [rev(1, 'superseded'), rev(2, 'deployed'), rev(3, 'pending-upgrade')],
      3,
      true,
      ['rollback 2'],
      /^rolled back to revision 2$/
    ],
    [
      'rolls back its own revision that helm applied but the run never verified',
      [rev(2, 'superseded'), rev(3, 'deployed')],
      3,
      true,
      ['rollback 2'],
      /^rolled back to revision 2$/
    ],
    [
      'leaves a revision another deploy wrote after its own',
      [rev(2, 'superseded'), rev(3, 'failed'), rev(4, 'pending-upgrade')],
      3,
      true,
      [],
      /written after this run's revision 3/
    ],
    [
      'leaves a pending revision that is not its own (cancelled before helm started)',
      [rev(2, 'deployed'), rev(3, 'pending-upgrade')],
      undefined,
      true,
      [],
      /had not recorded a revision yet/
    ],
    [
      'leaves its revision when rollback-on-failure is off',
      [rev(2, 'deployed'), rev(3, 'failed')],
      3,
      false,
      [],
      /rollback-on-failure is off/
    ],
    [
      'never uninstalls an interrupted first install',
      [rev(1, 'pending-install')],
      1,
      true,
      [],
      /no earlier good revision/
    ]
  ])('%s', async (_name, history, attempted, rollbackOnFailure, steps, done) => {
    const h = fakeHelm(history)
    const s = say()
    expect(
      await repairInterrupted(h.helm, { attempted, rollbackOnFailure, heldLock: true }, s.say)
    ).toMatch(done)
    expect(h.steps).toEqual(steps)
    if (steps.length > 0)
      expect(s.lines[0]).toMatch(
        /^warning: The deploy of goatflow was interrupted and left revision 3 (pending-upgrade|deployed); rolling back to revision 2\.$/
      )
    expect(s.lines.at(-1)).toMatch(/^info: The deploy of goatflow was interrupted\. /)
  })

  it('decides the same whether the run held the lock or ran without it', async () => {
    for (const heldLock of [true, false]) {
      const h = fakeHelm([rev(1, 'deployed'), rev(2, 'failed')])
      await repairInterrupted(
        h.helm,
        { attempted: 2, rollbackOnFailure: true, heldLock },
        say().say
      )
      expect(h.steps).toEqual(['rollback 1'])
    }
  })
})
