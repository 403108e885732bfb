// Blue-green decisions, as pure functions of what the cluster shows: which slot is live and which
// is idle, what a switch writes, and what promote and reject do. The I/O lives in blue-green.ts.

export type Slot = 'blue' | 'green'
export const otherSlot = (s: Slot): Slot => (s === 'blue' ? 'green' : 'blue')
const isSlot = (v: string | undefined): v is Slot => v === 'blue' || v === 'green'

/** The Helm release that holds one slot of a release. */
export const slotRelease = (release: string, slot: Slot): string => `${release}-${slot}`

/** Annotations on the stable Service: the record of switches and of a verified candidate. */
export const ANNOTATION = {
  previous: 'deploy.goatflow.dev/previous-slot',
  candidate: 'deploy.goatflow.dev/candidate',
  rejected: 'deploy.goatflow.dev/rejected',
  switchedAt: 'deploy.goatflow.dev/switched-at'
} as const

export interface ServiceObject {
  apiVersion?: string
  kind?: string
  metadata: {
    name: string
    namespace?: string
    labels?: Record<string, string>
    annotations?: Record<string, string>
    resourceVersion?: string
  }
  spec: {
    type?: string
    selector?: Record<string, string>
    ports?: Array<Record<string, unknown>>
    [k: string]: unknown
  }
}

/** The newest history entry of a slot's release. */
export interface SlotRelease {
  revision: number
  status: string
}

/** A slot revision with its slot, as the annotations write it: `green@3`. */
export interface SlotRevision {
  slot: Slot
  revision: number
}

const readSlotRevision = (v: string | undefined): SlotRevision | undefined => {
  const m = /^(blue|green)@(\d+)$/.exec(v ?? '')
  return m ? { slot: m[1] as Slot, revision: Number(m[2]) } : undefined
}
export const writeSlotRevision = (r: SlotRevision): string => `${r.slot}@${r.revision}`

/** What the cluster shows of a blue-green release. */
export interface SlotState {
  service?: ServiceObject
  /** The slot the stable Service's selector sends traffic to. */
  live?: Slot
  /** The slot that served before the last switch: where a switch-back goes. */
  previous?: Slot
  /** A slot revision verified by a deploy with promotion: manual, waiting for mode promote. */
  candidate?: SlotRevision
  /** A slot revision switched away from (gate failure or reject): never promoted again. */
  rejected?: SlotRevision
  releases: Partial<Record<Slot, SlotRelease>>
}

export function observeSlots(
  service: ServiceObject | undefined,
  slotLabel: string,
  releases: Partial<Record<Slot, SlotRelease>>
): SlotState {
  const a = service?.metadata.annotations ?? {}
  const live = service?.spec.selector?.[slotLabel]
  const previous = a[ANNOTATION.previous]
  return {
    service,
    live: isSlot(live) ? live : undefined,
    previous: isSlot(previous) ? previous : undefined,
    candidate: readSlotRevision(a[ANNOTATION.candidate]),
    rejected: readSlotRevision(a[ANNOTATION.rejected]),
    releases
  }
}

/**
 * Where a deploy installs the new version: the slot that does not take traffic. With no live slot
 * yet (no stable Service, or one that does not select by slot) that is blue.
 */
export function idleSlot(state: SlotState): Slot {
  return state.live ? otherSlot(state.live) : 'blue'
}

/**
 * The stable Service after a switch to `to`: only the slot label of its selector changes, in one
 * write, and the annotations record where traffic came from (the switch-back target).
 */
export function switchedService(
  service: ServiceObject,
  slotLabel: string,
  to: Slot,
  from: Slot | undefined,
  now: Date,
  rejected?: SlotRevision
): ServiceObject {
  const annotations = { ...(service.metadata.annotations ?? {}) }
  delete annotations[ANNOTATION.candidate]
  if (from && from !== to) annotations[ANNOTATION.previous] = from
  else delete annotations[ANNOTATION.previous]
  if (rejected) annotations[ANNOTATION.rejected] = writeSlotRevision(rejected)
  annotations[ANNOTATION.switchedAt] = now.toISOString()
  return {
    ...service,
    metadata: { ...service.metadata, annotations },
    spec: { ...service.spec, selector: { ...(service.spec.selector ?? {}), [slotLabel]: to } }
  }
}

/** The stable Service with a candidate recorded (promotion: manual) or cleared. */
export function withCandidate(service: ServiceObject, candidate?: SlotRevision): ServiceObject {
  const annotations = { ...(service.metadata.annotations ?? {}) }
  if (candidate) annotations[ANNOTATION.candidate] = writeSlotRevision(candidate)
  else delete annotations[ANNOTATION.candidate]
  return { ...service, metadata: { ...service.metadata, annotations } }
}

// Helm's recommended label that names the release: it differs between the two slot releases, so
// the stable Service must not select by it.
const INSTANCE = 'app.kubernetes.io/instance'

/**
 * The stable Service created at the first switch, from the slot release's own Service: same ports
 * and type, its selector without the release's instance label, plus the slot label. Refused when
 * the slot's manifest has no single Service to copy (the one named like the slot release wins):
 * the README then says to create it.
 */
export function stableServiceFrom(
  slotServices: readonly ServiceObject[],
  name: string,
  namespace: string,
  slotLabel: string,
  slot: Slot,
  slotReleaseName: string
): { ok: true; service: ServiceObject } | { ok: false; reason: string } {
  const selecting = slotServices.filter((s) => Object.keys(s.spec.selector ?? {}).length > 0)
  // Charts name their main Service after the release (the fullname helper); then one that selects
  // by slot; then the only one.
  const named = selecting.filter((s) => s.metadata.name === slotReleaseName)
  const bySlot = selecting.filter((s) => s.spec.selector?.[slotLabel] !== undefined)
  const pick = named.length === 1 ? named : bySlot.length === 1 ? bySlot : selecting
  if (pick.length !== 1)
    return {
      ok: false,
      reason: `the stable Service "${name}" does not exist and the slot's chart renders ${pick.length === 0 ? 'no Service with a selector' : `${pick.length} Services (${pick.map((s) => s.metadata.name).join(', ')})`} to copy it from. Create it once with a selector that includes ${slotLabel}: ${slot}, or give its name in the service input`
    }
  const src = pick[0]
  const selector = { ...(src.spec.selector ?? {}) }
  delete selector[INSTANCE]
  selector[slotLabel] = slot
  return {
    ok: true,
    service: {
      apiVersion: 'v1',
      kind: 'Service',
      metadata: {
        name,
        namespace,
        labels: { 'app.kubernetes.io/managed-by': 'goatflow-deploy-action' }
      },
      spec: {
        type:
          src.spec.type === 'LoadBalancer' || src.spec.type === 'NodePort'
            ? src.spec.type
            : 'ClusterIP',
        selector,
        ports: (src.spec.ports ?? []).map((p) =>
          // A node port belongs to the slot's Service; the API assigns the copy its own.
          Object.fromEntries(Object.entries(p).filter(([k]) => k !== 'nodePort'))
        )
      }
    }
  }
}

export interface PodView {
  name: string
  labels: Record<string, string>
  ready: boolean
}

/**
 * The last guard before a switch: the selector the Service will have must select ready pods of
 * the slot's release and no pod of any other release. A switch to nothing is an outage.
 */
export function checkSelection(
  pods: readonly PodView[],
  selector: Record<string, string>,
  slotReleaseName: string
): { ok: true; ready: number } | { ok: false; reason: string } {
  const shown = Object.entries(selector)
    .map(([k, v]) => `${k}=${v}`)
    .join(',')
  const foreign = pods.filter(
    (p) => p.labels[INSTANCE] !== undefined && p.labels[INSTANCE] !== slotReleaseName
  )
  if (foreign.length > 0)
    return {
      ok: false,
      reason: `the selector ${shown} would also send traffic to pods of another release (${foreign
        .slice(0, 3)
        .map((p) => `${p.name}: ${INSTANCE}=${p.labels[INSTANCE]}`)
        .join(', ')}); make the slot label and its values unique to this release`
    }
  const ready = pods.filter((p) => p.ready).length
  if (ready === 0)
    return {
      ok: false,
      reason: `the selector ${shown} selects ${pods.length === 0 ? 'no pods' : `${pods.length} pod(s), none ready`}: switching would leave the Service without endpoints. Check that the chart puts the slot label on its pods and that the stable Service's other selector labels match both slots`
    }
  return { ok: true, ready }
}

export type PromoteDecision =
  | { action: 'switch'; from?: Slot; to: Slot; revision: number }
  | { action: 'refuse'; reason: string }

/** `mode: promote`: switch traffic to the verified candidate, if it is still what was verified. */
export function decidePromote(s: SlotState, release: string): PromoteDecision {
  const c = s.candidate
  if (!s.service)
    return {
      action: 'refuse',
      reason: `nothing to promote: the stable Service of ${release} does not exist yet (the first blue-green deploy creates it)`
    }
  if (!c)
    return {
      action: 'refuse',
      reason: `nothing to promote: no slot of ${release} is waiting (deploy with strategy: blue-green and promotion: manual first; traffic is on ${s.live ?? 'no slot'})`
    }
  if (c.slot === s.live)
    return { action: 'refuse', reason: `slot ${c.slot} already takes the traffic of ${release}` }
  const now = s.releases[c.slot]
  if (!now || now.revision !== c.revision || now.status !== 'deployed')
    return {
      action: 'refuse',
      reason: `slot ${c.slot} (${slotRelease(release, c.slot)}) was verified at revision ${c.revision} but is now ${now ? `revision ${now.revision} (${now.status})` : 'not installed'}; deploy again to verify what it runs`
    }
  return { action: 'switch', from: s.live, to: c.slot, revision: c.revision }
}

export type RejectDecision =
  /** Traffic goes back to the slot that served before the last switch. */
  | { action: 'switch-back'; from: Slot; to: Slot; rejected: SlotRevision }
  /** A verified candidate that never took traffic is dropped. */
  | { action: 'discard'; candidate: SlotRevision }
  | { action: 'refuse'; reason: string }

/**
 * `mode: reject`: drop a candidate that is waiting for promotion; with none waiting, send traffic
 * back to the slot that served before the last switch (which was kept for exactly that).
 */
export function decideReject(s: SlotState, release: string): RejectDecision {
  if (s.candidate && s.candidate.slot !== s.live)
    return { action: 'discard', candidate: s.candidate }
  if (!s.live || !s.previous)
    return {
      action: 'refuse',
      reason: `nothing to reject: no candidate is waiting and ${release} has ${s.live ? `served from slot ${s.live} since its first switch` : 'no live slot'}, so there is no earlier slot to switch back to`
    }
  const back = s.releases[s.previous]
  if (!back || back.status !== 'deployed')
    return {
      action: 'refuse',
      reason: `cannot switch ${release} back to slot ${s.previous}: its release ${slotRelease(release, s.previous)} is ${back ? back.status : 'not installed'}. Traffic stays on slot ${s.live}`
    }
  const live = s.releases[s.live]
  return {
    action: 'switch-back',
    from: s.live,
    to: s.previous,
    rejected: { slot: s.live, revision: live?.revision ?? 0 }
  }
}
