import * as core from '@actions/core'
import { fillPlaceholders } from '../analysis/config.js'
import { gatePasses, runGate } from '../analysis/gate.js'
import { checkValuesAndLint, renderAndCheck } from '../checks/preflight.js'
import { deploy, type DeployResult } from '../deploy/deploy.js'
import { UserError } from '../errors/result.js'
import * as helmArgs from '../helm/args.js'
import { HelmError } from '../helm/helm.js'
import { lastGoodRevision } from '../helm/release.js'
import type { Kubectl } from '../kube/kubectl.js'
import { DeployLock, defaultLockTiming, holderFromEnv } from '../kube/lease.js'
import { ReleaseWatch } from '../kube/release-watch.js'
import type { Pod } from '../kube/types.js'
import { connect, stepState, type ModeDeps, type ModeResult } from '../modes/mode.js'
import { parseManifests } from '../render/manifests.js'
import type { Session } from '../run/session.js'
import { rememberDeploy } from '../run/step-state.js'
import {
  checkSelection,
  decidePromote,
  decideReject,
  idleSlot,
  observeSlots,
  slotRelease,
  stableServiceFrom,
  switchedService,
  withCandidate,
  type ServiceObject,
  type Slot,
  type SlotRevision,
  type SlotState
} from './slots.js'
import { renderBlueGreenSummary, type BlueGreenOutcome, type SwitchEvent } from './summary.js'

// strategy: blue-green and the modes promote and reject. The new version is installed as the idle
// slot (a second release of the chart), verified there like any deploy, and only then does the
// stable Service's selector move to it, in one write. Decisions are in slots.ts.

const secondsBetween = (from: number, to: number): number => Math.round((to - from) / 100) / 10

interface Ctx {
  s: Session
  deps: ModeDeps
  kube: Kubectl
  namespace: string
  service: string
  outcome: BlueGreenOutcome
}

/** The session of one slot: its own release name, the slot value set, its own URLs and queries. */
export function slotSession(s: Session, slot: Slot, namespace: string): Session {
  const release = slotRelease(s.config.release, slot)
  const fill = (t: string): string =>
    fillPlaceholders(t, { slot, release: s.config.release, namespace })
  const analysis = s.config.analysis
  return {
    ...s,
    config: {
      ...s.config,
      release,
      healthChecks: s.config.healthChecks.map((h) => ({ ...h, url: fill(h.url) })),
      analysis: analysis && {
        ...analysis,
        queries: analysis.queries.map((q) => ({ ...q, query: fill(q.query) }))
      }
    },
    target: { ...s.target, release },
    values: { ...s.values, set: [...s.values.set, `${s.config.blueGreen.slotValue}=${slot}`] }
  }
}

async function observe(c: Ctx): Promise<SlotState> {
  const service = await c.kube.getObject<ServiceObject>('service', c.service)
  const releases: SlotState['releases'] = {}
  for (const slot of ['blue', 'green'] as const) {
    const h = await c.s.helm.history({
      ...c.s.target,
      release: slotRelease(c.s.config.release, slot)
    })
    const last = h.at(-1)
    if (last) releases[slot] = { revision: last.revision, status: last.status }
  }
  return observeSlots(service, c.s.config.blueGreen.slotLabel, releases)
}

/** The deploy lock of the whole blue-green release (both slots and the stable Service). */
async function withLock<T>(c: Ctx, fn: () => Promise<T>): Promise<T> {
  const { s, deps } = c
  if (!s.config.lock) return fn()
  const warn = (l: string): void => core.warning(l)
  const lock = new DeployLock(c.kube, s.config.release, holderFromEnv(process.env), {
    ...defaultLockTiming,
    clock: deps.clock,
    log: s.log,
    warn
  })
  await lock.acquire(s.config.lockTimeoutSeconds)
  lock.startRenewing()
  try {
    return await fn()
  } finally {
    await lock.releaseOrWarn(warn)
  }
}

const selectorText = (sel: Record<string, string>): string =>
  Object.entries(sel)
    .map(([k, v]) => `${k}=${v}`)
    .join(',')

/**
 * Moves traffic to `to` in one write of the stable Service (created from the slot's own Service
 * at the first switch), after checking that the new selector selects ready pods of that slot only.
 */
async function switchTraffic(
  c: Ctx,
  state: SlotState,
  to: Slot,
  why: string,
  rejected?: SlotRevision
): Promise<SwitchEvent> {
  const { s, kube } = c
  const label = s.config.blueGreen.slotLabel
  const start = c.deps.clock.now().getTime()
  const from = state.live
  let target: ServiceObject
  let create = false
  if (state.service) {
    target = switchedService(state.service, label, to, from, c.deps.clock.now(), rejected)
  } else {
    const manifest = await s.helm.manifest({
      ...s.target,
      release: slotRelease(s.config.release, to)
    })
    const services = parseManifests(manifest)
      .filter((o) => o.kind === 'Service')
      .map((o) => o.object as unknown as ServiceObject)
    const made = stableServiceFrom(
      services,
      c.service,
      c.namespace,
      label,
      to,
      slotRelease(s.config.release, to)
    )
    if (!made.ok) throw new UserError(`Traffic was not switched: ${made.reason}.`)
    target = switchedService(made.service, label, to, undefined, c.deps.clock.now())
    create = true
  }
  const selector = target.spec.selector ?? {}
  const pods = await kube.listObjects<Pod>('pods', selectorText(selector))
  const guard = checkSelection(
    pods.map((p) => ({
      name: p.metadata.name,
      labels: p.metadata.labels ?? {},
      ready: (p.status?.conditions ?? []).some((x) => x.type === 'Ready' && x.status === 'True')
    })),
    selector,
    slotRelease(s.config.release, to)
  )
  if (!guard.ok) throw new UserError(`Traffic was not switched to slot ${to}: ${guard.reason}.`)
  // One write: a replace carries the resourceVersion read before, so a concurrent change of the
  // Service makes it fail (Conflict) instead of being overwritten.
  await kube.writeObject(create ? 'create' : 'replace', target)
  const event: SwitchEvent = {
    from,
    to,
    why,
    created: create,
    seconds: secondsBetween(start, c.deps.clock.now().getTime()),
    at: c.deps.clock.now().toISOString()
  }
  s.log(
    `Traffic: Service ${c.service} now selects slot ${to}${from ? ` (was ${from})` : ''}, ${guard.ready} ready pod(s): ${why}`
  )
  c.outcome.switches.push(event)
  return event
}

/** Live traffic measured after a switch; a failing gate sends it back to the slot it came from. */
async function watchAfterSwitch(
  c: Ctx,
  to: Slot,
  from: Slot | undefined,
  revision: number
): Promise<void> {
  const analysis = c.s.config.analysis
  if (!analysis || analysis.afterSwitchCount === 0) return
  const gate = await runGate(
    analysis,
    { slot: to, release: c.s.config.release, namespace: c.namespace },
    'after-switch',
    { clock: c.deps.clock, log: c.s.log, cancel: c.deps.cancel },
    analysis.afterSwitchCount
  )
  c.outcome.gates.push(gate)
  if (gate.verdict.kind === 'ignored') core.warning(gate.verdict.reason)
  if (gatePasses(gate)) return
  c.outcome.error = `the metrics gate failed on live traffic after the switch to slot ${to}: ${gate.verdict.reason}`
  if (!from) {
    c.outcome.error += `. There is no earlier slot to send traffic back to; slot ${to} keeps it`
    return
  }
  const state = await observe(c)
  await switchTraffic(c, state, from, `the metrics gate failed after the switch`, {
    slot: to,
    revision
  })
  c.outcome.switchedBack = true
  c.outcome.error += `. Traffic is back on slot ${from}; slot ${to} keeps the rejected version for inspection`
}

function newOutcome(
  s: Session,
  namespace: string,
  service: string,
  mode: BlueGreenOutcome['mode']
): BlueGreenOutcome {
  return {
    mode,
    release: s.config.release,
    namespace,
    service,
    switches: [],
    gates: [],
    switchedBack: false,
    durationSeconds: 0
  }
}

async function context(s0: Session, deps: ModeDeps, mode: BlueGreenOutcome['mode']): Promise<Ctx> {
  const { session: s, kube } = await connect(s0, deps)
  const namespace = s.target.namespace ?? 'default'
  const service = s.config.blueGreen.service ?? s.config.release
  return { s, deps, kube, namespace, service, outcome: newOutcome(s, namespace, service, mode) }
}

/** Runs the slot's deploy like mode deploy runs its release: watch streams, post-step state. */
async function deploySlot(c: Ctx, ss: Session): Promise<DeployResult> {
  const state = { ...stepState(ss), rollbackOnFailure: ss.config.rollbackOnFailure }
  const watch = ReleaseWatch.throughKubectl((socket) => c.kube.proxyCommand(socket), {
    warn: (line) => core.warning(line),
    debug: (line) => core.debug(line)
  })
  try {
    return await core.group(`Deploy ${ss.config.release} (idle slot) to ${c.namespace}`, () =>
      deploy(ss, {
        kube: c.kube,
        reader: watch,
        clock: c.deps.clock,
        cancel: c.deps.cancel,
        onStarted: (lastGood) => rememberDeploy({ ...state, lastGood }),
        remember: (patch) => rememberDeploy(Object.assign(state, patch)),
        warn: (line) => core.warning(line)
      }).finally(() => watch.close())
    )
  } finally {
    rememberDeploy({ ...state, finished: true })
  }
}

/** `strategy: blue-green` deploy: install in the idle slot, verify it, then switch (or wait). */
export async function blueGreenDeployMode(s0: Session, deps: ModeDeps): Promise<ModeResult> {
  const c = await context(s0, deps, 'deploy')
  const s = c.s
  const o = c.outcome
  const t0 = deps.clock.now().getTime()
  await deps.reporter.deploymentStarted()
  try {
    await withLock(c, async () => {
      const before = await observe(c)
      o.liveBefore = before.live
      o.slotsBefore = before.releases
      const idle = idleSlot(before)
      o.slot = idle
      s.log(
        `Blue-green: traffic is on ${before.live ? `slot ${before.live}` : 'no slot yet'}; the new version goes to slot ${idle} (release ${slotRelease(s.config.release, idle)})`
      )
      const ss = slotSession(c.s, idle, c.namespace)
      // The cluster's version is read while the values are checked; the schema check needs it.
      const serverVersion = c.kube.serverVersion()
      serverVersion.catch(() => undefined)
      await checkValuesAndLint(ss)
      await renderAndCheck(ss, await serverVersion)
      const result = await deploySlot(c, ss)
      o.deploy = result
      for (const w of result.warnings) core.warning(w)
      if (!result.ok) {
        o.error = `the new version failed its checks in the idle slot ${idle}, so traffic was not switched${before.live ? ` and stays on slot ${before.live}` : ''}: ${result.error ?? 'see above'}`
        return
      }
      const revision = result.revision ?? 0
      if (s.config.blueGreen.promotion === 'manual' && before.service) {
        await c.kube.writeObject('replace', withCandidate(before.service, { slot: idle, revision }))
        o.candidate = { slot: idle, revision }
        s.log(
          `Slot ${idle} revision ${revision} is verified and waiting: run mode promote to switch traffic to it, or mode reject to drop it.`
        )
        return
      }
      if (s.config.blueGreen.promotion === 'manual')
        s.log(
          'promotion: manual: the first deploy has no live slot to protect, so it goes live at once.'
        )
      await switchTraffic(c, before, idle, `revision ${revision} verified in slot ${idle}`)
      await watchAfterSwitch(c, idle, before.live, revision)
    })
  } catch (e) {
    if (!(e instanceof UserError)) throw e
    o.error = e.message
  }
  return finish(c, t0)
}

/** `mode: promote`: switch traffic to the slot a manual deploy verified. */
export async function promoteMode(s0: Session, deps: ModeDeps): Promise<ModeResult> {
  const c = await context(s0, deps, 'promote')
  const s = c.s
  const t0 = deps.clock.now().getTime()
  await deps.reporter.deploymentStarted(`promote ${s.config.release}`)
  try {
    await withLock(c, async () => {
      const state = await observe(c)
      c.outcome.liveBefore = state.live
      c.outcome.slotsBefore = state.releases
      const d = decidePromote(state, s.config.release)
      if (d.action === 'refuse') throw new UserError(`Nothing was switched: ${d.reason}.`)
      c.outcome.slot = d.to
      await switchTraffic(c, state, d.to, `promoted: revision ${d.revision} of slot ${d.to}`)
      await watchAfterSwitch(c, d.to, d.from, d.revision)
    })
  } catch (e) {
    if (!(e instanceof UserError)) throw e
    c.outcome.error = e.message
  }
  return finish(c, t0)
}

/** `mode: reject`: drop the waiting candidate, or send traffic back to the previous slot. */
export async function rejectMode(s0: Session, deps: ModeDeps): Promise<ModeResult> {
  const c = await context(s0, deps, 'reject')
  const s = c.s
  const t0 = deps.clock.now().getTime()
  await deps.reporter.deploymentStarted(`reject ${s.config.release}`)
  try {
    await withLock(c, async () => {
      const state = await observe(c)
      c.outcome.liveBefore = state.live
      c.outcome.slotsBefore = state.releases
      const d = decideReject(state, s.config.release)
      if (d.action === 'refuse') throw new UserError(`Nothing was changed: ${d.reason}.`)
      if (d.action === 'switch-back') {
        c.outcome.slot = d.from
        await switchTraffic(
          c,
          state,
          d.to,
          `rejected slot ${d.from} revision ${d.rejected.revision}`,
          d.rejected
        )
        return
      }
      c.outcome.slot = d.candidate.slot
      c.outcome.discarded = await discard(c, d.candidate)
      await c.kube.writeObject('replace', withCandidate(state.service!))
    })
  } catch (e) {
    if (!(e instanceof UserError)) throw e
    c.outcome.error = e.message
  }
  return finish(c, t0)
}

/**
 * A rejected candidate gives its slot back: the slot release returns to the revision it had
 * before (the standby kept for switch-back), or is uninstalled when it had none.
 */
async function discard(c: Ctx, candidate: SlotRevision): Promise<string> {
  const { s } = c
  const target = { ...s.target, release: slotRelease(s.config.release, candidate.slot) }
  const history = await s.helm.history(target)
  const good = lastGoodRevision(history, candidate.revision)
  const o = { timeoutSeconds: s.config.timeoutSeconds, historyMax: s.config.historyMax }
  if (good) {
    s.log(
      `Rejecting slot ${candidate.slot} revision ${candidate.revision}: restoring its revision ${good.revision}`
    )
    const r = await s.helm.runAllowingFailure(
      helmArgs.rollbackArgs(s.helm.dialect, target, good.revision, o)
    )
    if (r.exitCode !== 0) throw new UserError(new HelmError('rollback', r).message)
    return `slot ${candidate.slot} restored to revision ${good.revision} (${good.chart})`
  }
  s.log(
    `Rejecting slot ${candidate.slot} revision ${candidate.revision}: it has no earlier revision, uninstalling ${target.release}`
  )
  const r = await s.helm.runAllowingFailure(helmArgs.uninstallArgs(target, o))
  if (r.exitCode !== 0) throw new UserError(new HelmError('uninstall', r).message)
  return `${target.release} uninstalled (it had no earlier revision)`
}

async function finish(c: Ctx, t0: number): Promise<ModeResult> {
  const { s, deps, outcome: o } = c
  o.liveAfter =
    (await observe(c).catch(() => undefined))?.live ?? o.switches.at(-1)?.to ?? o.liveBefore
  o.durationSeconds = secondsBetween(t0, deps.clock.now().getTime())
  const { markdown, headline, status } = renderBlueGreenSummary(o)
  core.info(headline)
  await deps.reporter.summary(markdown)
  await deps.reporter.deploymentFinished(!o.error, headline.slice(0, 140))
  await deps.reporter.comment(markdown, [], !o.error ? s.config.environmentUrl : undefined)
  const d = o.deploy
  return {
    outputs: {
      status,
      revision: d?.revision,
      previousRevision: d?.previousRevision,
      rolledBack:
        o.switchedBack ||
        (!!d?.rollback && !d.rollback.uninstalled && d.rollback.revision !== undefined),
      changed: o.switches.length > 0 || !!o.discarded || !!d?.changed || !!o.candidate,
      images: d?.imagesAfter ?? [],
      slot: o.liveAfter
    },
    error: o.error ? `${headline}:\n${o.error}` : undefined
  }
}

/**
 * `mode: plan` with strategy blue-green: what the new version changes against the slot that takes
 * traffic now (rendered as that slot, so names match), not against a release that does not exist.
 */
export async function blueGreenPlanMode(s0: Session, deps: ModeDeps): Promise<ModeResult> {
  const c = await context(s0, deps, 'deploy')
  const live = (await observe(c)).live
  const slot = live ?? 'blue'
  s0.log(
    live
      ? `Blue-green: planning against slot ${live} (release ${slotRelease(s0.config.release, live)}), which takes the traffic`
      : `Blue-green: no slot takes traffic yet; planning the first install as slot blue`
  )
  const { planMode } = await import('../modes/plan.js')
  return planMode(slotSession(s0, slot, c.namespace), deps)
}
