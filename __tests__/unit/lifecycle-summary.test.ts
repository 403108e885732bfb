import { describe, expect, it } from '@jest/globals'
import type { RemoveOutcome } from '../../src/remediate/remove.js'
import type { RollbackOutcome } from '../../src/remediate/rollback.js'
import { removeHeadline, renderRemoveSummary } from '../../src/report/remove-summary.js'
import { renderRollbackSummary, rollbackHeadline } from '../../src/report/rollback-summary.js'

const rollback = (o: Partial<RollbackOutcome> = {}): RollbackOutcome => ({
  ok: true,
  release: 'goatflow',
  namespace: 'prod',
  fromRevision: 7,
  toRevision: 5,
  revision: 8,
  why: 'revision 5 is the newest good revision before the current revision 7 (skipped 6: its status is failed)',
  chartBefore: 'goatflow-0.6.6',
  chartAfter: 'goatflow-0.6.5',
  imagesBefore: ['ghcr.io/goatflow/goatflow:0.6.6'],
  imagesAfter: ['ghcr.io/goatflow/goatflow:0.6.5'],
  restore: {
    toRevision: 5,
    revision: 8,
    healthy: true,
    uninstalled: false,
    detail: 'ok',
    durationSeconds: 9
  },
  health: [],
  durationSeconds: 12,
  ...o
})

describe('the rollback summary', () => {
  it.each<[string, Partial<RollbackOutcome>, string]>([
    ['a healthy rollback', {}, 'Rolled back goatflow from revision 7 to 5; verified healthy'],
    [
      'a restored revision that is not healthy',
      { ok: false, error: 'goatflow-backend: CrashLoopBackOff' },
      'Rolled back goatflow to revision 5, but it is not healthy'
    ],
    [
      'a helm rollback that failed',
      { ok: false, revision: undefined, restore: undefined, error: 'helm rollback failed' },
      'Rollback of goatflow to revision 5 failed'
    ]
  ])('heads %s', (_what, o, headline) => {
    expect(rollbackHeadline(rollback(o))).toBe(headline)
    expect(renderRollbackSummary(rollback(o))).toContain(headline)
  })

  it('shows from and to, images before and after, and why', () => {
    const md = renderRollbackSummary(rollback())
    expect(md).toContain('**Why revision 5:** revision 5 is the newest good revision')
    expect(md).toContain('| Revision | `7` | `8` (content of 5) |')
    expect(md).toContain(
      '| Images | `ghcr.io/goatflow/goatflow:0.6.6` | `ghcr.io/goatflow/goatflow:0.6.5` |'
    )
    expect(md).not.toContain('What is wrong')
  })

  it('says what is wrong and that nothing else was changed', () => {
    const md = renderRollbackSummary(
      rollback({
        ok: false,
        error: 'goatflow-backend: CrashLoopBackOff',
        forced: 'force: true restores revision 5 although its status is failed'
      })
    )
    expect(md).toContain('CrashLoopBackOff')
    expect(md).toContain('no further rollback, nothing uninstalled')
    expect(md).toContain('⚠️ force: true restores revision 5')
  })
})

const removed = (o: Partial<RemoveOutcome> = {}): RemoveOutcome => ({
  release: 'pr-42',
  namespace: 'pr-42',
  lastRevision: 3,
  lastChart: 'goatflow-0.6.5',
  imagesBefore: ['ghcr.io/goatflow/goatflow:sha-abc'],
  uninstalled: true,
  namespaceDeleted: true,
  notes: [],
  durationSeconds: 4,
  ...o
})

describe('the remove summary', () => {
  it.each<[string, Partial<RemoveOutcome>, string]>([
    ['release and namespace', {}, 'Removed pr-42 (revision 3) and namespace pr-42'],
    ['the release only', { namespaceDeleted: false }, 'Removed pr-42 (revision 3) from pr-42'],
    [
      'nothing left',
      { uninstalled: false, namespaceDeleted: false, lastRevision: undefined },
      'Nothing to remove: pr-42 is not installed in pr-42'
    ]
  ])('heads %s', (_what, o, headline) => {
    expect(removeHeadline(removed(o))).toBe(headline)
    const md = renderRemoveSummary(removed(o))
    expect(md).toContain('### 🧹 Preview `pr-42` is gone')
    expect(md).toContain(headline)
  })

  it('lists what force overrode', () => {
    expect(
      renderRemoveSummary(removed({ notes: ['force: true removes release "pr-42"'] }))
    ).toContain('- force: true removes release "pr-42"')
  })
})
