import { randomBytes } from 'node:crypto'
import pRetry from 'p-retry'
import { UserError } from '../errors/result.js'
import type { Clock } from '../run/clock.js'
import { KubectlError, type Kubectl } from './kubectl.js'

// A deploy lock per release, kept in the cluster as a coordination.k8s.io/v1 Lease in the
// release's namespace, the object Kubernetes' own leader election uses
// (k8s.io/client-go/tools/leaderelection/resourcelock). Acquiring follows the same optimistic
// concurrency: create fails when the Lease exists (AlreadyExists); taking over a free or expired
// one is a replace carrying the resourceVersion that was read (Conflict when another run got
// there first). Everything goes through kubectl, so every kubeconfig auth method keeps working.

export const LEASE_RESOURCE = 'leases.coordination.k8s.io'
const ANNOTATION = 'deploy-action.goatflow.io'

export interface LeaseObject {
  apiVersion: 'coordination.k8s.io/v1'
  kind: 'Lease'
  metadata: {
    name: string
    resourceVersion?: string
    labels?: Record<string, string>
    annotations?: Record<string, string>
  }
  spec: {
    holderIdentity?: string
    leaseDurationSeconds?: number
    acquireTime?: string
    renewTime?: string
    leaseTransitions?: number
  }
}

/** Who deploys: shown to runs that wait, and compared to find our own lease. */
export interface Holder {
  /** Unique per process: repository, run, attempt and job, plus a random suffix. */
  identity: string
  /** The workflow run's page, when running on GitHub Actions. */
  runUrl?: string
}

/** The Lease name of a release: one lock per release and namespace. */
export const leaseName = (release: string): string => `deploy-lock-${release}`

/** The holder for this process, from the GITHUB_* variables the runner sets. */
export function holderFromEnv(
  env: NodeJS.ProcessEnv,
  suffix = randomBytes(3).toString('hex')
): Holder {
  const repo = env.GITHUB_REPOSITORY
  const run = env.GITHUB_RUN_ID
  if (!repo || !run) return { identity: `${env.HOSTNAME || 'local'} pid ${process.pid} #${suffix}` }
  const attempt = env.GITHUB_RUN_ATTEMPT || '1'
  const server = (env.GITHUB_SERVER_URL || 'https://github.com').replace(/\/+$/, '')
  return {
    identity: `${repo} run ${run} attempt ${attempt}${env.GITHUB_JOB ? ` job ${env.GITHUB_JOB}` : ''} #${suffix}`,
    runUrl: `${server}/${repo}/actions/runs/${run}/attempts/${attempt}`
  }
}

/** Kubernetes MicroTime: RFC 3339 with exactly six fractional digits (metav1.RFC3339Micro). */
export const microTime = (d: Date): string => d.toISOString().replace(/\.(\d{3})Z$/, '.$1000Z')

export type LeaseState =
  | { kind: 'absent' }
  /** Released (no holder) or never renewed. */
  | { kind: 'free'; lease: LeaseObject }
  | { kind: 'expired'; lease: LeaseObject; holder: string; runUrl?: string }
  | { kind: 'ours'; lease: LeaseObject }
  | { kind: 'held'; lease: LeaseObject; holder: string; runUrl?: string; expiresAt: number }

/** What a Lease means for `me` at `now` (ms). Expiry is renewTime + leaseDurationSeconds. */
export function leaseState(lease: LeaseObject | undefined, me: string, now: number): LeaseState {
  if (!lease) return { kind: 'absent' }
  const holder = lease.spec.holderIdentity
  if (!holder) return { kind: 'free', lease }
  if (holder === me) return { kind: 'ours', lease }
  const runUrl = lease.metadata.annotations?.[`${ANNOTATION}/run-url`]
  const renewed = Date.parse(lease.spec.renewTime ?? lease.spec.acquireTime ?? '')
  const expiresAt = renewed + (lease.spec.leaseDurationSeconds ?? 0) * 1000
  if (!Number.isFinite(expiresAt) || expiresAt <= now)
    return { kind: 'expired', lease, holder, runUrl }
  return { kind: 'held', lease, holder, runUrl, expiresAt }
}

/** Released or never held (no holder), with a resourceVersion to replace it by. */
export const isFreeLease = (lease: LeaseObject): boolean =>
  !lease.spec.holderIdentity && !!lease.metadata.resourceVersion

/** The Lease that makes `me` the holder, built on the one read (keeps its resourceVersion). */
export function claimedLease(
  name: string,
  release: string,
  me: Holder,
  now: Date,
  durationSeconds: number,
  existing?: LeaseObject
): LeaseObject {
  const renewing = existing?.spec.holderIdentity === me.identity
  const annotations = { ...existing?.metadata.annotations }
  if (me.runUrl) annotations[`${ANNOTATION}/run-url`] = me.runUrl
  else delete annotations[`${ANNOTATION}/run-url`]
  return {
    apiVersion: 'coordination.k8s.io/v1',
    kind: 'Lease',
    metadata: {
      ...existing?.metadata,
      name,
      labels: { ...existing?.metadata.labels, [`${ANNOTATION}/release`]: release },
      annotations
    },
    spec: {
      holderIdentity: me.identity,
      leaseDurationSeconds: durationSeconds,
      acquireTime: renewing ? existing.spec.acquireTime : microTime(now),
      renewTime: microTime(now),
      leaseTransitions: (existing?.spec.leaseTransitions ?? 0) + (renewing || !existing ? 0 : 1)
    }
  }
}

/** The Lease with no holder: the next run takes it at once. */
export function releasedLease(existing: LeaseObject): LeaseObject {
  const annotations = { ...existing.metadata.annotations }
  delete annotations[`${ANNOTATION}/run-url`]
  return {
    ...existing,
    metadata: { ...existing.metadata, annotations },
    spec: { leaseTransitions: existing.spec.leaseTransitions }
  }
}

/** How a run that waits names the holder. */
export const describeHolder = (s: { holder: string; runUrl?: string }): string =>
  s.runUrl ? `${s.holder} (${s.runUrl})` : s.holder

export interface LockOptions {
  /**
   * A cheaper read of the Lease (through the API proxy), if there is one; when it fails, the
   * Lease is read with kubectl.
   */
  readLease?: (name: string) => Promise<LeaseObject | undefined>
  /**
   * A cheaper replace of the Lease (through the lock's own API proxy): the written Lease, or
   * `conflict`; when it rejects, kubectl writes instead.
   */
  replaceLease?: (lease: LeaseObject) => Promise<LeaseObject | 'conflict'>
  /** How long the lock stays valid without renewal: a dead holder frees it after this. */
  durationSeconds: number
  renewEverySeconds: number
  pollMs: number
  clock: Clock
  log: (line: string) => void
  warn: (line: string) => void
}

export const defaultLockTiming = { durationSeconds: 90, renewEverySeconds: 20, pollMs: 1000 }

/** How the lock was obtained: what held it before tells whether a pending release is stale. */
export interface Acquired {
  previous: 'free' | 'expired'
  previousHolder?: string
  waitedSeconds: number
  /**
   * The write that took the lock replaced the very Lease `acquire` was given as read earlier, so
   * nobody took the lock between that read and this run.
   */
  unchangedSincePeek: boolean
}

function forbidden(e: unknown, namespace: string): UserError | undefined {
  if (!(e instanceof KubectlError) || e.kind !== 'forbidden') return undefined
  return new UserError(
    `The deploy lock needs permission to get, create and update ${LEASE_RESOURCE} in namespace ${namespace} (a Role with apiGroups: [coordination.k8s.io], resources: [leases], verbs: [get, create, update], bound to the deploying identity). Grant it, or set lock: false to deploy without serializing runs. kubectl said: ${e.result.stderr.trim()}`
  )
}

/** The lock of one release, held by this process. */
export class DeployLock {
  private lease?: LeaseObject
  private renewing?: { stop: () => Promise<void> }

  constructor(
    private readonly kube: Kubectl,
    readonly releaseName: string,
    readonly me: Holder,
    private readonly o: LockOptions
  ) {}

  get name(): string {
    return leaseName(this.releaseName)
  }

  /**
   * Waits until the lock is free or expired and takes it, for at most `timeoutSeconds`; then
   * fails naming the run that holds it. Runs that wait take it in turn as each holder releases it.
   * `peek`: the Lease as read earlier; when it was free, the first try replaces it without reading
   * it again, and success means nobody took the lock since that read (`unchangedSincePeek`).
   */
  async acquire(timeoutSeconds: number, peek?: LeaseObject): Promise<Acquired> {
    const { clock } = this.o
    const start = clock.now().getTime()
    const deadline = start + timeoutSeconds * 1000
    let lastLogged = ''
    let lastLogAt = 0
    // A free Lease read earlier is tried first: if nobody wrote it since, the replace succeeds.
    let peeked = peek && isFreeLease(peek) ? peek : undefined
    for (;;) {
      const now = clock.now()
      const onPeek = peeked !== undefined
      const lease = peeked ?? (await this.read())
      peeked = undefined
      const state = leaseState(lease, this.me.identity, now.getTime())
      if (state.kind === 'held') {
        if (now.getTime() >= deadline)
          throw new UserError(
            `Release "${this.releaseName}" is being deployed by ${describeHolder(state)}; waited ${Math.round((now.getTime() - start) / 1000)}s (lock-timeout) for its deploy lock (Lease ${this.name} in namespace ${this.kube.target.namespace}). Re-run when that deploy has finished, or raise lock-timeout.`
          )
        if (state.holder !== lastLogged || now.getTime() - lastLogAt >= 30_000) {
          this.o.log(
            `Waiting for ${describeHolder(state)} to finish deploying ${this.releaseName} (deploy lock ${this.name}, up to ${Math.max(0, Math.round((deadline - now.getTime()) / 1000))}s more)`
          )
          lastLogged = state.holder
          lastLogAt = now.getTime()
        }
        await clock.sleep(this.o.pollMs)
        continue
      }
      const claim = claimedLease(
        this.name,
        this.releaseName,
        this.me,
        now,
        this.o.durationSeconds,
        state.kind === 'absent' ? undefined : state.lease
      )
      const written = await this.write(state.kind === 'absent' ? 'create' : 'replace', claim)
      if (!written) continue // another run got there first, or the write's fate is unknown: re-read
      this.lease = written
      const waitedSeconds = Math.round((clock.now().getTime() - start) / 100) / 10
      if (state.kind === 'expired') {
        this.o.warn(
          `Took over the deploy lock of ${this.releaseName} from ${describeHolder(state)}, which stopped renewing it.`
        )
        return {
          previous: 'expired',
          previousHolder: state.holder,
          waitedSeconds,
          unchangedSincePeek: false
        }
      }
      this.o.log(
        `Deploy lock ${this.name} taken${waitedSeconds >= 1 ? ` after waiting ${waitedSeconds}s` : ''}.`
      )
      return { previous: 'free', waitedSeconds, unchangedSincePeek: onPeek }
    }
  }

  /** Renews the lock in the background until release(); a missed renewal only warns. */
  startRenewing(): void {
    let stopped = false
    let timer: NodeJS.Timeout | undefined
    let inFlight: Promise<void> = Promise.resolve()
    const tick = (): void => {
      inFlight = this.renew()
        .catch((e: unknown) =>
          this.o.warn(`Could not renew the deploy lock ${this.name}: ${(e as Error).message}`)
        )
        .finally(() => {
          if (!stopped) schedule()
        })
    }
    const schedule = (): void => {
      timer = setTimeout(tick, this.o.renewEverySeconds * 1000)
      timer.unref()
    }
    schedule()
    this.renewing = {
      stop: async () => {
        stopped = true
        clearTimeout(timer)
        await inFlight
      }
    }
  }

  private async renew(): Promise<void> {
    for (let tries = 0; tries < 2; tries++) {
      const current = this.lease ?? (await this.read())
      const state = leaseState(current, this.me.identity, this.o.clock.now().getTime())
      if (state.kind !== 'ours') {
        this.o.warn(
          `The deploy lock ${this.name} is no longer held by this run (${state.kind === 'held' || state.kind === 'expired' ? `now ${describeHolder(state)}` : state.kind}); another deploy may start.`
        )
        this.lease = undefined
        return
      }
      const written = await this.write(
        'replace',
        claimedLease(
          this.name,
          this.releaseName,
          this.me,
          this.o.clock.now(),
          this.o.durationSeconds,
          state.lease
        )
      )
      if (written) {
        this.lease = written
        return
      }
      this.lease = undefined // stale resourceVersion: read it again once
    }
  }

  /** Stops renewing and frees the lock, if this run still holds it. */
  async release(): Promise<void> {
    await this.renewing?.stop()
    this.renewing = undefined
    await releaseLease(this.kube, this.name, this.me.identity, this.lease, this.o.replaceLease)
    this.lease = undefined
  }

  /** Frees the lock; a failure is only told to `warn`: the Lease expires by itself anyway. */
  async releaseOrWarn(warn: (line: string) => void): Promise<void> {
    await this.release().catch((e: unknown) =>
      warn(
        `Could not free the deploy lock ${this.name}: ${(e as Error).message}. It expires by itself ${defaultLockTiming.durationSeconds}s after its last renewal.`
      )
    )
  }

  private async read(): Promise<LeaseObject | undefined> {
    if (this.o.readLease)
      try {
        return await this.o.readLease(this.name)
      } catch {
        // Read with kubectl, which tells a denial from an outage.
      }
    try {
      return await this.kube.getObject<LeaseObject>(LEASE_RESOURCE, this.name)
    } catch (e) {
      throw forbidden(e, this.kube.target.namespace) ?? e
    }
  }

  /** The written Lease, or undefined when another writer won or the write's fate is unknown. */
  private async write(
    verb: 'create' | 'replace',
    lease: LeaseObject
  ): Promise<LeaseObject | undefined> {
    if (verb === 'replace' && this.o.replaceLease)
      try {
        const written = await this.o.replaceLease(lease)
        return written === 'conflict' ? undefined : written
      } catch {
        // kubectl writes instead; if the replace above was applied after all, kubectl's meets a
        // Conflict and the Lease is read again.
      }
    try {
      return await this.kube.writeObject<LeaseObject>(verb, lease)
    } catch (e) {
      const denied = forbidden(e, this.kube.target.namespace)
      if (denied) throw denied
      if (e instanceof KubectlError && (e.kind === 'conflict' || e.kind === 'transient')) {
        if (e.kind === 'transient') await this.o.clock.sleep(this.o.pollMs)
        return undefined
      }
      throw e
    }
  }
}

/**
 * Frees the lock if `identity` still holds it (the post step after a cancellation uses this
 * too). Returns whether it was released.
 */
export async function releaseLease(
  kube: Kubectl,
  name: string,
  identity: string,
  known?: LeaseObject,
  replace?: LockOptions['replaceLease']
): Promise<boolean> {
  // A conflict means our copy was stale (a renewal raced); a transient failure leaves the write's
  // fate unknown. Either way the Lease is read again before the next try.
  let cached = known
  return pRetry(
    async () => {
      const lease = cached ?? (await kube.getObject<LeaseObject>(LEASE_RESOURCE, name))
      cached = undefined
      if (!lease || lease.spec.holderIdentity !== identity) return false
      const free = releasedLease(lease)
      const written = replace ? await replace(free).catch(() => undefined) : undefined
      if (written === 'conflict') throw new StaleLease()
      if (!written) await kube.writeObject('replace', free)
      return true
    },
    {
      retries: 3,
      minTimeout: 200,
      shouldRetry: ({ error }) =>
        error instanceof StaleLease ||
        (error instanceof KubectlError && (error.kind === 'conflict' || error.kind === 'transient'))
    }
  )
}

/** The Lease changed since it was read (the API answered Conflict to the replace). */
class StaleLease extends Error {
  constructor() {
    super('the Lease changed since it was read')
  }
}

/** The Lease's REST path, for reads that do not go through kubectl. */
export const leasePath = (namespace: string, name: string): string =>
  `/apis/coordination.k8s.io/v1/namespaces/${encodeURIComponent(namespace)}/leases/${encodeURIComponent(name)}`
