import { renderGate } from '../analysis/summary.js'
import type { GateReport } from '../analysis/gate.js'
import type { DeployResult } from '../deploy/deploy.js'
import type { Outcome } from '../report/outputs.js'
import { renderDeploySummary } from '../report/summary.js'
import { slotRelease, type Slot, type SlotRelease, type SlotRevision } from './slots.js'

/** One write of the stable Service's selector. */
export interface SwitchEvent {
  from?: Slot
  to: Slot
  why: string
  /** The stable Service was created by this switch. */
  created: boolean
  seconds: number
  at: string
}

/** What a blue-green deploy, promote or reject did, for the summary, the outputs and the step. */
export interface BlueGreenOutcome {
  mode: 'deploy' | 'promote' | 'reject'
  release: string
  namespace: string
  service: string
  /** The slot this run worked on: installed into, promoted, rejected. */
  slot?: Slot
  liveBefore?: Slot
  liveAfter?: Slot
  slotsBefore?: Partial<Record<Slot, SlotRelease>>
  deploy?: DeployResult
  /** promotion: manual: the verified slot revision left waiting. */
  candidate?: SlotRevision
  /** mode reject: what became of the dropped candidate. */
  discarded?: string
  switches: SwitchEvent[]
  switchedBack: boolean
  /** Gates run by this module (after a switch); the slot's own gate is in deploy. */
  gates: GateReport[]
  error?: string
  durationSeconds: number
}

const code = (s: string | number | undefined): string =>
  s === undefined || s === '' ? '—' : `\`${String(s).replace(/`/g, "'")}\``
const esc = (s: string): string => s.replace(/\|/g, '\\|').replace(/\n/g, '<br>')

/** The step's outcome in the `status` output. */
export function blueGreenStatus(o: BlueGreenOutcome): Outcome {
  if (o.switchedBack) return 'rolled-back'
  if (o.error) {
    if (o.deploy?.unknown) return 'unknown'
    const rb = o.deploy?.rollback
    return rb?.healthy && !rb.uninstalled ? 'rolled-back' : 'failed'
  }
  if (o.candidate) return 'verified'
  if (o.mode === 'reject') return o.discarded ? 'rejected' : 'rolled-back'
  return 'deployed'
}

function headline(o: BlueGreenOutcome): string {
  const r = `\`${o.release}\``
  const last = o.switches.at(-1)
  if (o.switchedBack)
    return `⏪ ${r}: slot ${o.slot} failed after the switch; traffic is back on slot ${last?.to}`
  if (o.error) {
    if (o.mode === 'deploy' && o.deploy && !o.deploy.ok)
      return `❌ ${r}: the new version failed in idle slot ${o.slot}; traffic stays on ${o.liveBefore ? `slot ${o.liveBefore}` : 'no slot'}`
    return `❌ ${r}: ${o.mode} failed; traffic ${o.liveAfter ? `is on slot ${o.liveAfter}` : 'has no slot'}`
  }
  if (o.candidate)
    return `⏸️ ${r}: slot ${o.candidate.slot} revision ${o.candidate.revision} verified, waiting for promote; traffic stays on slot ${o.liveBefore}`
  if (o.mode === 'reject')
    return o.discarded
      ? `🗑️ ${r}: candidate in slot ${o.slot} rejected; traffic stays on slot ${o.liveAfter}`
      : `⏪ ${r}: slot ${o.slot} rejected; traffic is back on slot ${last?.to}`
  return `✅ ${r}: traffic switched to slot ${last?.to}${o.deploy?.revision ? ` (revision ${o.deploy.revision})` : ''}`
}

/** The blue-green part of the job summary: slot, traffic before and after, the gates' figures. */
export function renderBlueGreenSummary(o: BlueGreenOutcome): {
  markdown: string
  headline: string
  status: Outcome
} {
  const h = headline(o)
  const slotCell = (slot: Slot | undefined): string =>
    slot ? `slot \`${slot}\` (${code(slotRelease(o.release, slot))})` : 'no slot'
  const lines = [`### ${h}`, '', '| | Before | After |', '| --- | --- | --- |']
  lines.push(
    `| Traffic (Service ${code(o.service)}) | ${slotCell(o.liveBefore)} | ${slotCell(o.liveAfter)} |`
  )
  if (o.slot) {
    const before = o.slotsBefore?.[o.slot]
    const after = o.deploy?.revision ?? o.candidate?.revision
    lines.push(
      `| Slot ${code(o.slot)} | ${before ? `revision ${before.revision} (${before.status})` : 'not installed'} | ${after !== undefined ? `revision ${after}` : o.discarded ? esc(o.discarded) : '—'} |`
    )
  }
  lines.push('', `Namespace ${code(o.namespace)} · ${o.mode} · duration ${o.durationSeconds}s`)
  if (o.switches.length > 0) {
    lines.push(
      '',
      '#### Traffic switches',
      '',
      '| When | From | To | Took | Why |',
      '| --- | --- | --- | --- | --- |'
    )
    for (const s of o.switches)
      lines.push(
        `| ${s.at} | ${s.from ?? '—'} | ${s.to}${s.created ? ' (Service created)' : ''} | ${s.seconds}s | ${esc(s.why)} |`
      )
  }
  for (const g of o.gates)
    lines.push('', renderGate(g, 'Metrics gate on live traffic after the switch'))
  if (o.error)
    lines.push('', '#### What failed', '', '```text', o.error.replace(/```/g, "'''"), '```')
  if (o.deploy)
    lines.push(
      '',
      `#### Slot ${o.slot}`,
      '',
      renderDeploySummary(o.deploy).replace(/^### /, '##### ')
    )
  return {
    markdown: `${lines.join('\n')}\n`,
    headline: h.replace(/`/g, ''),
    status: blueGreenStatus(o)
  }
}
