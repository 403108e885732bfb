import { describe, expect, it } from '@jest/globals'
import {
  outcomeFailure,
  reportsLeftAsIs,
  restoreVerdict,
  startingPoint
} from '../../src/deploy/outcome.js'
import type { Remediation } from '../../src/deploy/remediation.js'
import type { HistoryEntry, ReleaseStatusName } from '../../src/helm/release.js'
import type { WatchOutcome } from '../../src/verify/watch.js'

const rev = (revision: number, status: ReleaseStatusName, description = ''): HistoryEntry => ({
  revision,
  status,
  chart: `goatflow-0.6.${revision}`,
  appVersion: `0.6.${revision}`,
  description,
  updated: `2026-12-01T10:0${revision}:00Z`
})

const progress = (complete: boolean, note?: string) => ({
  workload: 'Deployment/goatflow-backend',
  ready: complete ? 2 : 1,
  desired: 2,
  complete,
  note
})

describe('startingPoint', () => {
  it.each<[string, HistoryEntry[], number | undefined, number | undefined, number, boolean]>([
    ['a release that does not exist yet', [], undefined, undefined, 1, true],
    ['a live release', [rev(1, 'superseded'), rev(2, 'deployed')], 2, 2, 3, false],
    [
      'a release whose last upgrade failed: live and good is the one before',
      [rev(1, 'superseded'), rev(2, 'deployed'), rev(3, 'failed')],
      2,
      2,
      4,
      false
    ],
    [
      'a release restored from a bad revision: the bad one is never the target',
      [rev(1, 'superseded'), rev(2, 'superseded'), rev(3, 'deployed', 'Rollback to 1')],
      3,
      3,
      4,
      false
    ],
    [
      'a failed first install: nothing good, nothing live',
      [rev(1, 'failed')],
      undefined,
      undefined,
      2,
      false
    ]
  ])('%s', (_name, history, good, deployed, attempted, firstInstall) => {
    const p = startingPoint(history)
    expect(p.good?.revision).toBe(good)
    expect(p.deployed?.revision).toBe(deployed)
    expect(p.attempted).toBe(attempted)
    expect(p.firstInstall).toBe(firstInstall)
  })
})

describe('outcomeFailure', () => {
  it.each<[string, WatchOutcome, string | undefined]>([
    [
      'nothing when the rollout completed',
      {
        kind: 'complete',
        assessment: { complete: true, failures: [], progress: [], warnings: [], waiting: [] }
      },
      undefined
    ],
    [
      'each failing object, one per line',
      {
        kind: 'failed',
        detectedAt: new Date(),
        assessment: {
          complete: false,
          failures: [
            {
              workload: 'Deployment/goatflow-backend',
              reason: 'ImagePullBackOff',
              rule: 'image-not-found',
              message: 'manifest unknown'
            },
            {
              workload: 'Deployment/goatflow-worker',
              reason: 'CrashLoopBackOff',
              rule: 'crash-loop',
              message: ''
            }
          ],
          progress: [],
          warnings: [],
          waiting: []
        }
      },
      'Deployment/goatflow-backend: ImagePullBackOff - manifest unknown [rule image-not-found]\nDeployment/goatflow-worker: CrashLoopBackOff [rule crash-loop]'
    ],
    [
      'what helm said when it failed itself',
      {
        kind: 'process-failed',
        process: {
          exitCode: 1,
          stdout: '',
          stderr: 'Error: UPGRADE FAILED: post-upgrade hooks failed'
        }
      },
      'helm upgrade failed (exit 1): Error: UPGRADE FAILED: post-upgrade hooks failed'
    ],
    [
      'that the run was cancelled',
      { kind: 'cancelled' },
      'the run was cancelled before the rollout was verified'
    ],
    [
      'what a timed-out rollout still waited for',
      {
        kind: 'timeout',
        assessment: {
          complete: false,
          failures: [],
          progress: [
            progress(true),
            progress(false, '1 of 2 new pods ready'),
            { ...progress(false), workload: 'StatefulSet/db' }
          ],
          warnings: [],
          waiting: []
        }
      },
      'rollout did not finish within the timeout; still waiting for Deployment/goatflow-backend: 1 of 2 new pods ready; StatefulSet/db: not ready'
    ],
    [
      'a timeout before any read of the rollout',
      { kind: 'timeout' },
      'rollout did not finish within the timeout'
    ]
  ])('%s', (_name, outcome, failure) => {
    expect(outcomeFailure(outcome)).toBe(failure)
  })
})

describe('restoreVerdict', () => {
  it.each<[string, WatchOutcome, boolean, string]>([
    [
      'healthy once the restored rollout completed',
      {
        kind: 'complete',
        assessment: { complete: true, failures: [], progress: [], warnings: [], waiting: [] }
      },
      true,
      'revision 2 restored and healthy'
    ],
    [
      'not watched when the run was cancelled',
      { kind: 'cancelled' },
      false,
      'revision 2 restored; its rollout was not watched (the run was cancelled)'
    ],
    [
      'not healthy, with the reason, otherwise',
      { kind: 'timeout' },
      false,
      'revision 2 restored but not healthy: rollout did not finish within the timeout'
    ]
  ])('%s', (_name, outcome, healthy, detail) => {
    expect(restoreVerdict(2, outcome)).toEqual({ healthy, detail })
  })
})

describe('reportsLeftAsIs', () => {
  const leave: Remediation = { action: 'leave', reason: 'no earlier good revision to return to' }
  it.each<[string, Remediation, boolean, HistoryEntry[], boolean]>([
    [
      'reports why nothing was undone when rollbacks were asked for',
      leave,
      true,
      [rev(1, 'failed')],
      true
    ],
    ['says nothing when rollback-on-failure is off', leave, false, [rev(1, 'failed')], false],
    ['says nothing when no release is left to speak of', leave, true, [], false],
    [
      'says nothing when something was undone',
      { action: 'uninstall', reason: 'x' },
      true,
      [rev(1, 'failed')],
      false
    ]
  ])('%s', (_name, d, rollbackOnFailure, history, reports) => {
    expect(reportsLeftAsIs(d, rollbackOnFailure, history)).toBe(reports)
  })
})
