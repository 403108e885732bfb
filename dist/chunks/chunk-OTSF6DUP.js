import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);
import {
  KubectlError
} from "./chunk-HVEAVWKQ.js";
import {
  pRetry
} from "./chunk-FNM5R2QI.js";
import {
  UserError
} from "./chunk-R5UD73HC.js";

// src/kube/lease.ts
import { randomBytes } from "node:crypto";
var LEASE_RESOURCE = "leases.coordination.k8s.io";
var ANNOTATION = "deploy-action.goatflow.io";
var leaseName = (release) => `deploy-lock-${release}`;
function holderFromEnv(env, suffix = randomBytes(3).toString("hex")) {
  const repo = env.GITHUB_REPOSITORY;
  const run = env.GITHUB_RUN_ID;
  if (!repo || !run) return { identity: `${env.HOSTNAME || "local"} pid ${process.pid} #${suffix}` };
  const attempt = env.GITHUB_RUN_ATTEMPT || "1";
  const server = (env.GITHUB_SERVER_URL || "https://github.com").replace(/\/+$/, "");
  return {
    identity: `${repo} run ${run} attempt ${attempt}${env.GITHUB_JOB ? ` job ${env.GITHUB_JOB}` : ""} #${suffix}`,
    runUrl: `${server}/${repo}/actions/runs/${run}/attempts/${attempt}`
  };
}
var microTime = (d) => d.toISOString().replace(/\.(\d{3})Z$/, ".$1000Z");
function leaseState(lease, me, now) {
  if (!lease) return { kind: "absent" };
  const holder = lease.spec.holderIdentity;
  if (!holder) return { kind: "free", lease };
  if (holder === me) return { kind: "ours", lease };
  const runUrl = lease.metadata.annotations?.[`${ANNOTATION}/run-url`];
  const renewed = Date.parse(lease.spec.renewTime ?? lease.spec.acquireTime ?? "");
  const expiresAt = renewed + (lease.spec.leaseDurationSeconds ?? 0) * 1e3;
  if (!Number.isFinite(expiresAt) || expiresAt <= now)
    return { kind: "expired", lease, holder, runUrl };
  return { kind: "held", lease, holder, runUrl, expiresAt };
}
var isFreeLease = (lease) => !lease.spec.holderIdentity && !!lease.metadata.resourceVersion;
function claimedLease(name, release, me, now, durationSeconds, existing) {
  const renewing = existing?.spec.holderIdentity === me.identity;
  const annotations = { ...existing?.metadata.annotations };
  if (me.runUrl) annotations[`${ANNOTATION}/run-url`] = me.runUrl;
  else delete annotations[`${ANNOTATION}/run-url`];
  return {
    apiVersion: "coordination.k8s.io/v1",
    kind: "Lease",
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
  };
}
function releasedLease(existing) {
  const annotations = { ...existing.metadata.annotations };
  delete annotations[`${ANNOTATION}/run-url`];
  return {
    ...existing,
    metadata: { ...existing.metadata, annotations },
    spec: { leaseTransitions: existing.spec.leaseTransitions }
  };
}
var describeHolder = (s) => s.runUrl ? `${s.holder} (${s.runUrl})` : s.holder;
var defaultLockTiming = { durationSeconds: 90, renewEverySeconds: 20, pollMs: 1e3 };
function forbidden(e, namespace) {
  if (!(e instanceof KubectlError) || e.kind !== "forbidden") return void 0;
  return new UserError(
    `The deploy lock needs permission to get, create and update ${LEASE_RESOURCE} in namespace ${namespace} (a Role with apiGroups: [coordination.k8s.io], resources: [leases], verbs: [get, create, update], bound to the deploying identity). Grant it, or set lock: false to deploy without serializing runs. kubectl said: ${e.result.stderr.trim()}`
  );
}
var DeployLock = class {
  constructor(kube, releaseName, me, o) {
    this.kube = kube;
    this.releaseName = releaseName;
    this.me = me;
    this.o = o;
  }
  kube;
  releaseName;
  me;
  o;
  lease;
  renewing;
  get name() {
    return leaseName(this.releaseName);
  }
  /**
   * Waits until the lock is free or expired and takes it, for at most `timeoutSeconds`; then
   * fails naming the run that holds it. Runs that wait take it in turn as each holder releases it.
   * `peek`: the Lease as read earlier; when it was free, the first try replaces it without reading
   * it again, and success means nobody took the lock since that read (`unchangedSincePeek`).
   */
  async acquire(timeoutSeconds, peek) {
    const { clock } = this.o;
    const start = clock.now().getTime();
    const deadline = start + timeoutSeconds * 1e3;
    let lastLogged = "";
    let lastLogAt = 0;
    let peeked = peek && isFreeLease(peek) ? peek : void 0;
    for (; ; ) {
      const now = clock.now();
      const onPeek = peeked !== void 0;
      const lease = peeked ?? await this.read();
      peeked = void 0;
      const state = leaseState(lease, this.me.identity, now.getTime());
      if (state.kind === "held") {
        if (now.getTime() >= deadline)
          throw new UserError(
            `Release "${this.releaseName}" is being deployed by ${describeHolder(state)}; waited ${Math.round((now.getTime() - start) / 1e3)}s (lock-timeout) for its deploy lock (Lease ${this.name} in namespace ${this.kube.target.namespace}). Re-run when that deploy has finished, or raise lock-timeout.`
          );
        if (state.holder !== lastLogged || now.getTime() - lastLogAt >= 3e4) {
          this.o.log(
            `Waiting for ${describeHolder(state)} to finish deploying ${this.releaseName} (deploy lock ${this.name}, up to ${Math.max(0, Math.round((deadline - now.getTime()) / 1e3))}s more)`
          );
          lastLogged = state.holder;
          lastLogAt = now.getTime();
        }
        await clock.sleep(this.o.pollMs);
        continue;
      }
      const claim = claimedLease(
        this.name,
        this.releaseName,
        this.me,
        now,
        this.o.durationSeconds,
        state.kind === "absent" ? void 0 : state.lease
      );
      const written = await this.write(state.kind === "absent" ? "create" : "replace", claim);
      if (!written) continue;
      this.lease = written;
      const waitedSeconds = Math.round((clock.now().getTime() - start) / 100) / 10;
      if (state.kind === "expired") {
        this.o.warn(
          `Took over the deploy lock of ${this.releaseName} from ${describeHolder(state)}, which stopped renewing it.`
        );
        return {
          previous: "expired",
          previousHolder: state.holder,
          waitedSeconds,
          unchangedSincePeek: false
        };
      }
      this.o.log(
        `Deploy lock ${this.name} taken${waitedSeconds >= 1 ? ` after waiting ${waitedSeconds}s` : ""}.`
      );
      return { previous: "free", waitedSeconds, unchangedSincePeek: onPeek };
    }
  }
  /** Renews the lock in the background until release(); a missed renewal only warns. */
  startRenewing() {
    let stopped = false;
    let timer;
    let inFlight = Promise.resolve();
    const tick = () => {
      inFlight = this.renew().catch(
        (e) => this.o.warn(`Could not renew the deploy lock ${this.name}: ${e.message}`)
      ).finally(() => {
        if (!stopped) schedule();
      });
    };
    const schedule = () => {
      timer = setTimeout(tick, this.o.renewEverySeconds * 1e3);
      timer.unref();
    };
    schedule();
    this.renewing = {
      stop: async () => {
        stopped = true;
        clearTimeout(timer);
        await inFlight;
      }
    };
  }
  async renew() {
    for (let tries = 0; tries < 2; tries++) {
      const current = this.lease ?? await this.read();
      const state = leaseState(current, this.me.identity, this.o.clock.now().getTime());
      if (state.kind !== "ours") {
        this.o.warn(
          `The deploy lock ${this.name} is no longer held by this run (${state.kind === "held" || state.kind === "expired" ? `now ${describeHolder(state)}` : state.kind}); another deploy may start.`
        );
        this.lease = void 0;
        return;
      }
      const written = await this.write(
        "replace",
        claimedLease(
          this.name,
          this.releaseName,
          this.me,
          this.o.clock.now(),
          this.o.durationSeconds,
          state.lease
        )
      );
      if (written) {
        this.lease = written;
        return;
      }
      this.lease = void 0;
    }
  }
  /** Stops renewing and frees the lock, if this run still holds it. */
  async release() {
    await this.renewing?.stop();
    this.renewing = void 0;
    await releaseLease(this.kube, this.name, this.me.identity, this.lease, this.o.replaceLease);
    this.lease = void 0;
  }
  /** Frees the lock; a failure is only told to `warn`: the Lease expires by itself anyway. */
  async releaseOrWarn(warn) {
    await this.release().catch(
      (e) => warn(
        `Could not free the deploy lock ${this.name}: ${e.message}. It expires by itself ${defaultLockTiming.durationSeconds}s after its last renewal.`
      )
    );
  }
  async read() {
    if (this.o.readLease)
      try {
        return await this.o.readLease(this.name);
      } catch {
      }
    try {
      return await this.kube.getObject(LEASE_RESOURCE, this.name);
    } catch (e) {
      throw forbidden(e, this.kube.target.namespace) ?? e;
    }
  }
  /** The written Lease, or undefined when another writer won or the write's fate is unknown. */
  async write(verb, lease) {
    if (verb === "replace" && this.o.replaceLease)
      try {
        const written = await this.o.replaceLease(lease);
        return written === "conflict" ? void 0 : written;
      } catch {
      }
    try {
      return await this.kube.writeObject(verb, lease);
    } catch (e) {
      const denied = forbidden(e, this.kube.target.namespace);
      if (denied) throw denied;
      if (e instanceof KubectlError && (e.kind === "conflict" || e.kind === "transient")) {
        if (e.kind === "transient") await this.o.clock.sleep(this.o.pollMs);
        return void 0;
      }
      throw e;
    }
  }
};
async function releaseLease(kube, name, identity, known, replace) {
  let cached = known;
  return pRetry(
    async () => {
      const lease = cached ?? await kube.getObject(LEASE_RESOURCE, name);
      cached = void 0;
      if (!lease || lease.spec.holderIdentity !== identity) return false;
      const free = releasedLease(lease);
      const written = replace ? await replace(free).catch(() => void 0) : void 0;
      if (written === "conflict") throw new StaleLease();
      if (!written) await kube.writeObject("replace", free);
      return true;
    },
    {
      retries: 3,
      minTimeout: 200,
      shouldRetry: ({ error }) => error instanceof StaleLease || error instanceof KubectlError && (error.kind === "conflict" || error.kind === "transient")
    }
  );
}
var StaleLease = class extends Error {
  constructor() {
    super("the Lease changed since it was read");
  }
};
var leasePath = (namespace, name) => `/apis/coordination.k8s.io/v1/namespaces/${encodeURIComponent(namespace)}/leases/${encodeURIComponent(name)}`;

export {
  leaseName,
  holderFromEnv,
  isFreeLease,
  defaultLockTiming,
  DeployLock,
  releaseLease,
  leasePath
};
//# sourceMappingURL=chunk-OTSF6DUP.js.map
