import { describe, expect, it } from '@jest/globals'
import {
  ANNOTATION,
  checkSelection,
  decidePromote,
  decideReject,
  idleSlot,
  observeSlots,
  stableServiceFrom,
  switchedService,
  withCandidate,
  type PodView,
  type ServiceObject,
  type SlotRelease
} from '../../src/strategy/slots.js'

const svc = (
  selector: Record<string, string>,
  annotations: Record<string, string> = {}
): ServiceObject => ({
  apiVersion: 'v1',
  kind: 'Service',
  metadata: { name: 'goatflow', namespace: 'prod', annotations, resourceVersion: '42' },
  spec: {
    type: 'ClusterIP',
    selector,
    ports: [{ name: 'http', port: 80, targetPort: 'http', protocol: 'TCP' }]
  }
})
const base = { 'app.kubernetes.io/name': 'goatflow', 'app.kubernetes.io/component': 'backend' }
const deployed = (revision: number): SlotRelease => ({ revision, status: 'deployed' })

describe('which slot is live and which is idle', () => {
  it.each([
    ['no stable Service yet', undefined, {}, undefined, 'blue'],
    [
      'a Service that does not select by slot (moving from rolling)',
      svc(base),
      {},
      undefined,
      'blue'
    ],
    ['blue live', svc({ ...base, slot: 'blue' }), {}, 'blue', 'green'],
    ['green live', svc({ ...base, slot: 'green' }), {}, 'green', 'blue'],
    ['an unknown slot value', svc({ ...base, slot: 'purple' }), {}, undefined, 'blue']
  ])('%s', (_what, service, releases, live, idle) => {
    const s = observeSlots(service, 'slot', releases)
    expect(s.live).toBe(live)
    expect(idleSlot(s)).toBe(idle)
  })

  it('reads the record of switches and the waiting candidate from the annotations', () => {
    const s = observeSlots(
      svc(
        { ...base, slot: 'green' },
        {
          [ANNOTATION.previous]: 'blue',
          [ANNOTATION.candidate]: 'blue@4',
          [ANNOTATION.rejected]: 'blue@3'
        }
      ),
      'slot',
      {}
    )
    expect(s).toMatchObject({
      live: 'green',
      previous: 'blue',
      candidate: { slot: 'blue', revision: 4 },
      rejected: { slot: 'blue', revision: 3 }
    })
  })
})

describe('a switch', () => {
  const now = new Date('2026-12-01T18:00:00Z')
  it('changes only the slot label of the selector, keeps the resourceVersion, and records where traffic came from', () => {
    const before = svc({ ...base, slot: 'blue' }, { [ANNOTATION.candidate]: 'green@2', keep: 'me' })
    const after = switchedService(before, 'slot', 'green', 'blue', now)
    expect(after.spec.selector).toEqual({ ...base, slot: 'green' })
    expect(after.spec.ports).toEqual(before.spec.ports)
    expect(after.metadata.resourceVersion).toBe('42')
    expect(after.metadata.annotations).toEqual({
      keep: 'me',
      [ANNOTATION.previous]: 'blue',
      [ANNOTATION.switchedAt]: '2026-12-01T18:00:00.000Z'
    })
    expect(before.spec.selector?.slot).toBe('blue')
  })

  it('adds the slot label to a Service that did not select by slot, with nothing to switch back to', () => {
    const after = switchedService(
      svc(base, { [ANNOTATION.previous]: 'green' }),
      'slot',
      'blue',
      undefined,
      now
    )
    expect(after.spec.selector).toEqual({ ...base, slot: 'blue' })
    expect(after.metadata.annotations?.[ANNOTATION.previous]).toBeUndefined()
  })

  it('marks the slot revision switched away from as rejected', () => {
    const after = switchedService(svc({ ...base, slot: 'green' }), 'slot', 'blue', 'green', now, {
      slot: 'green',
      revision: 3
    })
    expect(after.metadata.annotations).toMatchObject({
      [ANNOTATION.rejected]: 'green@3',
      [ANNOTATION.previous]: 'green'
    })
  })

  it('records and clears a candidate', () => {
    const s = withCandidate(svc(base), { slot: 'green', revision: 5 })
    expect(s.metadata.annotations?.[ANNOTATION.candidate]).toBe('green@5')
    expect(withCandidate(s).metadata.annotations?.[ANNOTATION.candidate]).toBeUndefined()
  })
})

describe('the stable Service created at the first switch', () => {
  const slotSvc = (
    name: string,
    selector: Record<string, string>,
    type = 'ClusterIP'
  ): ServiceObject => ({
    metadata: { name },
    spec: {
      type,
      selector,
      ports: [{ name: 'http', port: 80, targetPort: 'http', nodePort: 30080 }]
    }
  })
  it('copies the slot Service without its release instance label, selecting the slot', () => {
    const r = stableServiceFrom(
      [
        slotSvc(
          'goatflow-blue',
          { ...base, 'app.kubernetes.io/instance': 'goatflow-blue', slot: 'blue' },
          'NodePort'
        )
      ],
      'goatflow',
      'prod',
      'slot',
      'blue',
      'goatflow-blue'
    )
    expect(r).toEqual({
      ok: true,
      service: {
        apiVersion: 'v1',
        kind: 'Service',
        metadata: {
          name: 'goatflow',
          namespace: 'prod',
          labels: { 'app.kubernetes.io/managed-by': 'goatflow-deploy-action' }
        },
        spec: {
          type: 'NodePort',
          selector: { ...base, slot: 'blue' },
          ports: [{ name: 'http', port: 80, targetPort: 'http' }]
        }
      }
    })
  })

  it('prefers the one Service that selects by slot among several', () => {
    const r = stableServiceFrom(
      [slotSvc('db', { app: 'db' }), slotSvc('web', { ...base, slot: 'green' })],
      'goatflow',
      'prod',
      'slot',
      'green',
      'goatflow-green'
    )
    expect(r.ok && r.service.spec.selector).toEqual({ ...base, slot: 'green' })
  })

  it('takes the Service named like the slot release when every Service selects by slot', () => {
    const r = stableServiceFrom(
      [
        slotSvc('goatflow-green-db', { app: 'db', slot: 'green' }),
        slotSvc('goatflow-green', { ...base, slot: 'green' }),
        slotSvc('goatflow-green-valkey', { app: 'valkey', slot: 'green' })
      ],
      'goatflow',
      'prod',
      'slot',
      'green',
      'goatflow-green'
    )
    expect(r.ok && r.service.spec.selector).toEqual({ ...base, slot: 'green' })
  })

  it.each([
    [[], /renders no Service with a selector/],
    [
      [slotSvc('a', { app: 'a' }), slotSvc('b', { app: 'b' })],
      /renders 2 Services \(a, b\).*Create it once/
    ]
  ])('refuses when there is no single Service to copy', (services, reason) => {
    const r = stableServiceFrom(services, 'goatflow', 'prod', 'slot', 'blue', 'goatflow-blue')
    expect(r.ok).toBe(false)
    expect(!r.ok && r.reason).toMatch(reason)
  })
})

describe('the guard before a switch', () => {
  const pod = (name: string, instance: string | undefined, ready: boolean): PodView => ({
    name,
    labels: instance ? { 'app.kubernetes.io/instance': instance } : {},
    ready
  })
  it.each([
    [
      'ready pods of the slot',
      [pod('a', 'goatflow-green', true), pod('b', 'goatflow-green', false)],
      true,
      /./
    ],
    ['pods without an instance label', [pod('a', undefined, true)], true, /./],
    ['no pods', [], false, /selects no pods: switching would leave the Service without endpoints/],
    ['none ready', [pod('a', 'goatflow-green', false)], false, /1 pod\(s\), none ready/],
    [
      'another release',
      [pod('a', 'goatflow-green', true), pod('x', 'other-green', true)],
      false,
      /pods of another release \(x: app.kubernetes.io\/instance=other-green\)/
    ]
  ])('%s', (_what, pods, ok, reason) => {
    const r = checkSelection(pods, { slot: 'green' }, 'goatflow-green')
    expect(r.ok).toBe(ok)
    if (!r.ok) expect(r.reason).toMatch(reason)
  })
})

describe('mode promote', () => {
  const state = (
    annotations: Record<string, string>,
    releases: Record<string, SlotRelease>,
    service = true
  ) =>
    observeSlots(
      service ? svc({ ...base, slot: 'blue' }, annotations) : undefined,
      'slot',
      releases
    )
  it.each([
    [
      'switches to the verified candidate',
      state({ [ANNOTATION.candidate]: 'green@3' }, { blue: deployed(2), green: deployed(3) }),
      { action: 'switch', from: 'blue', to: 'green', revision: 3 }
    ],
    [
      'refuses without a stable Service',
      state({}, {}, false),
      { action: 'refuse', reason: expect.stringMatching(/does not exist yet/) }
    ],
    [
      'refuses with no candidate',
      state({}, { blue: deployed(2) }),
      {
        action: 'refuse',
        reason: expect.stringMatching(/no slot of goatflow is waiting.*traffic is on blue/)
      }
    ],
    [
      'refuses a candidate already live',
      state({ [ANNOTATION.candidate]: 'blue@2' }, { blue: deployed(2) }),
      { action: 'refuse', reason: 'slot blue already takes the traffic of goatflow' }
    ],
    [
      'refuses a candidate changed since it was verified',
      state(
        { [ANNOTATION.candidate]: 'green@3' },
        { blue: deployed(2), green: { revision: 4, status: 'failed' } }
      ),
      {
        action: 'refuse',
        reason: expect.stringMatching(
          /verified at revision 3 but is now revision 4 \(failed\); deploy again/
        )
      }
    ],
    [
      'refuses a candidate that was uninstalled',
      state({ [ANNOTATION.candidate]: 'green@3' }, { blue: deployed(2) }),
      { action: 'refuse', reason: expect.stringMatching(/is now not installed/) }
    ]
  ])('%s', (_what, s, decision) => {
    expect(decidePromote(s, 'goatflow')).toEqual(decision)
  })
})

describe('mode reject', () => {
  const state = (
    live: string,
    annotations: Record<string, string>,
    releases: Record<string, SlotRelease>
  ) => observeSlots(svc({ ...base, slot: live }, annotations), 'slot', releases)
  it.each([
    [
      'drops a waiting candidate, traffic untouched',
      state(
        'blue',
        { [ANNOTATION.candidate]: 'green@3' },
        { blue: deployed(2), green: deployed(3) }
      ),
      { action: 'discard', candidate: { slot: 'green', revision: 3 } }
    ],
    [
      'switches back to the slot kept for it',
      state('green', { [ANNOTATION.previous]: 'blue' }, { blue: deployed(2), green: deployed(3) }),
      { action: 'switch-back', from: 'green', to: 'blue', rejected: { slot: 'green', revision: 3 } }
    ],
    [
      'refuses with no earlier slot',
      state('blue', {}, { blue: deployed(1) }),
      { action: 'refuse', reason: expect.stringMatching(/no earlier slot to switch back to/) }
    ],
    [
      'refuses to switch back to a slot that is not deployed',
      state(
        'green',
        { [ANNOTATION.previous]: 'blue' },
        { blue: { revision: 2, status: 'failed' }, green: deployed(3) }
      ),
      {
        action: 'refuse',
        reason: expect.stringMatching(/goatflow-blue is failed. Traffic stays on slot green/)
      }
    ]
  ])('%s', (_what, s, decision) => {
    expect(decideReject(s, 'goatflow')).toEqual(decision)
  })
})
