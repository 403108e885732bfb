import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);
import {
  isFreeLease
} from "./chunk-OTSF6DUP.js";
import {
  HelmError,
  everDeployed,
  getHooksArgs,
  getManifestArgs,
  isPending,
  lastGoodRevision,
  parseManifests,
  rollbackArgs,
  testArgs,
  uninstallArgs,
  upgradeArgs
} from "./chunk-FNM5R2QI.js";
import {
  UserError
} from "./chunk-R5UD73HC.js";

// src/deploy/ports.ts
function releaseHelm(helm, target, o, upgrade, stored) {
  let reading;
  const storedRelease = () => {
    if (!stored) return Promise.resolve(void 0);
    reading ??= stored.release().catch(() => void 0).finally(() => setImmediate(() => reading = void 0));
    return reading;
  };
  return {
    release: target.release,
    version: helm.version,
    history: async () => (await storedRelease())?.history ?? helm.history(target),
    async status() {
      const s = await storedRelease();
      return s ? s.current : helm.status(target);
    },
    manifest: (revision) => helm.manifest(target, revision),
    async recorded(revision) {
      const found = await stored?.read(revision).catch(() => void 0);
      if (found) return found.found ? found.record : void 0;
      const [m, h] = await Promise.all([
        helm.runAllowingFailure(getManifestArgs(target, revision), { echo: false }),
        helm.runAllowingFailure(getHooksArgs(target, revision), { echo: false })
      ]);
      if (m.exitCode !== 0) return void 0;
      return { manifest: m.stdout, hooks: h.exitCode === 0 ? h.stdout : "" };
    },
    startUpgrade({ createNamespace, labels }) {
      if (!upgrade) throw new Error("releaseHelm: no chart and values given for an upgrade");
      return helm.start(
        upgradeArgs(helm.dialect, target, upgrade.chart, upgrade.values, {
          timeoutSeconds: o.timeoutSeconds,
          historyMax: o.historyMax,
          createNamespace,
          labels,
          // No helm --wait: the verdict is the action's own (helm's wait would also hold a deploy
          // on a LoadBalancer address or an unbound volume, and ends only at its timeout).
          wait: false
        })
      );
    },
    test: () => helm.runAllowingFailure(testArgs(target, { timeoutSeconds: o.timeoutSeconds })),
    rollback: (revision) => helm.runAllowingFailure(
      rollbackArgs(helm.dialect, target, revision, {
        timeoutSeconds: o.timeoutSeconds,
        historyMax: o.historyMax
      })
    ),
    uninstall: () => helm.runAllowingFailure(uninstallArgs(target, { timeoutSeconds: o.timeoutSeconds }))
  };
}

// src/verify/workloads.ts
var WORKLOADS = /* @__PURE__ */ new Set(["Deployment", "StatefulSet", "DaemonSet", "Job"]);
var BUILT_IN_GROUPS = /* @__PURE__ */ new Set([
  "",
  "apps",
  "batch",
  "autoscaling",
  "policy",
  "networking.k8s.io",
  "rbac.authorization.k8s.io",
  "storage.k8s.io",
  "scheduling.k8s.io",
  "coordination.k8s.io",
  "discovery.k8s.io",
  "node.k8s.io",
  "admissionregistration.k8s.io",
  "apiextensions.k8s.io",
  "apiregistration.k8s.io",
  "certificates.k8s.io",
  "events.k8s.io",
  "flowcontrol.apiserver.k8s.io",
  "resource.k8s.io",
  "storagemigration.k8s.io",
  "authentication.k8s.io",
  "authorization.k8s.io"
]);
var groupOf = (apiVersion) => apiVersion.includes("/") ? apiVersion.split("/")[0] : "";
var DEPLOY_HOOK_PHASES = /* @__PURE__ */ new Set([
  "pre-install",
  "post-install",
  "pre-upgrade",
  "post-upgrade"
]);
function hookPhases(o) {
  const h = o.object.metadata.annotations?.["helm.sh/hook"];
  if (!h) return void 0;
  return h.split(",").map((p) => p.trim()).filter(Boolean);
}
function isClusterScoped(o) {
  return /^(Namespace|ClusterRole|ClusterRoleBinding|CustomResourceDefinition|StorageClass|PriorityClass|PersistentVolume|IngressClass|ValidatingWebhookConfiguration|MutatingWebhookConfiguration|APIService)$/.test(
    o.kind
  );
}
function workloadsOf(manifest, namespace, hooks = "") {
  const refs = [];
  const add = (text, hook) => {
    for (const o of parseManifests(text)) {
      const phases = hook ? hookPhases(o) : void 0;
      if (hook && !phases?.some((p) => DEPLOY_HOOK_PHASES.has(p))) continue;
      const ns = o.namespace ?? namespace;
      if (WORKLOADS.has(o.kind) && groupOf(o.apiVersion) !== "") {
        const spec = o.object.spec;
        const ttl = spec?.ttlSecondsAfterFinished;
        refs.push({
          kind: o.kind,
          name: o.name,
          namespace: ns,
          ...phases ? { hook: phases } : {},
          ...o.kind === "Job" && typeof ttl === "number" ? { ttlSecondsAfterFinished: ttl } : {}
        });
      } else if (!hook && !BUILT_IN_GROUPS.has(groupOf(o.apiVersion)) && !isClusterScoped(o)) {
        refs.push({ kind: o.kind, apiVersion: o.apiVersion, name: o.name, namespace: ns });
      }
    }
  };
  add(manifest, false);
  if (hooks) add(hooks, true);
  return refs;
}
var isCustom = (w) => w.apiVersion !== void 0;
function workloadName(w, releaseNamespace) {
  return w.namespace && releaseNamespace !== void 0 && w.namespace !== releaseNamespace ? `${w.kind}/${w.namespace}/${w.name}` : `${w.kind}/${w.name}`;
}

// src/deploy/early-reads.ts
async function readEarly(readLease, helm) {
  const lease = await readLease().catch(() => void 0);
  if (!lease || !isFreeLease(lease)) return void 0;
  const release = { history: helm.history(), status: helm.status() };
  release.history.catch(() => void 0);
  release.status.catch(() => void 0);
  return { lease, release };
}
async function earlyReadsToUse(lock, early) {
  return lock.kind === "held" && lock.unchangedSincePeek ? early : void 0;
}
function readAgainUnless(early, read) {
  return early ? early.catch(() => read()) : read();
}
function prewarmBaseline(early, namespace, snapshot) {
  early.then(async (e) => {
    const current = await e?.release.status;
    if (current) await snapshot(workloadsOf(current.manifest, namespace));
  }).catch(() => void 0);
}

// src/deploy/remediation.ts
var REFUSED_BEFORE_RECORDING = /another operation \(install\/upgrade\/rollback\) is in progress|release: already exists|has no deployed releases/i;
function recordedByThisRun(before, after, attempted, helmStderr = "") {
  if (attempted === void 0 || REFUSED_BEFORE_RECORDING.test(helmStderr)) return false;
  return after.some((h) => h.revision === attempted) && !before.some((h) => h.revision === attempted);
}
function repairInput(release, history, at, policy, lock) {
  if (at.situation === "pending")
    return {
      situation: "pending",
      release,
      historyBefore: history,
      historyAfter: history,
      recorded: false,
      ...policy,
      lock
    };
  const before = history.filter((h) => at.attempted === void 0 || h.revision < at.attempted);
  return {
    situation: "interrupted",
    release,
    historyBefore: before,
    historyAfter: history,
    attemptedRevision: at.attempted,
    recorded: recordedByThisRun(before, history, at.attempted),
    ...policy,
    lock
  };
}
function decideRemediation(i) {
  return i.situation === "pending" ? decidePending(i) : decideAfterAttempt(i);
}
function decidePending(i) {
  const current = i.historyAfter.at(-1);
  if (!current || !isPending(current.status))
    return { action: "leave", reason: "the release is not pending" };
  const good = lastGoodRevision(i.historyAfter, current.revision);
  const state = `Release "${i.release}" is ${current.status} at revision ${current.revision} (${current.description || "no description"}${current.updated ? `, last written ${current.updated}` : ""})`;
  const restore = good ? `restore revision ${good.revision} first` : "remove the never-deployed release first";
  if (i.lock.kind === "disabled")
    return {
      action: "refuse",
      reason: `${state}. Without the deploy lock (lock: false) the action cannot tell whether another helm client is still working on it, so it does not touch it. Enable lock so deploys queue, or wait for the other deploy to finish; if none is running, set recover-pending: true together with lock: true to let the action ${restore}.`
    };
  const lockNote = i.lock.previous === "expired" ? `the deploy that held its lock (${i.lock.previousHolder ?? "unknown holder"}) stopped renewing it` : "no deploy of this action holds its lock";
  if (!i.recoverPending)
    return {
      action: "refuse",
      reason: `${state} and ${lockNote}: the helm client that started that operation has stopped, or it is working outside this action (a manual helm, another tool). The action does not take over a pending release on its own. If no one else is deploying it (check helm history ${i.release}), set recover-pending: true to let the action ${restore}.`
    };
  if (good)
    return {
      action: "rollback",
      to: good,
      reason: `${current.status} revision ${current.revision} is stale (${lockNote}); restoring revision ${good.revision} (recover-pending)`
    };
  if (everDeployed(i.historyAfter))
    return {
      action: "refuse",
      reason: `${state} and no good revision is left in its history; it is never uninstalled automatically because it once worked. Inspect it with helm history ${i.release}.`
    };
  return {
    action: "uninstall",
    reason: `${current.status} revision ${current.revision} is stale (${lockNote}) and the release never deployed; uninstalling it (recover-pending)`
  };
}
function decideAfterAttempt(i) {
  const attempted = i.attemptedRevision;
  if (attempted === void 0 || !i.recorded)
    return {
      action: "leave",
      reason: i.situation === "failed" ? `helm did not record revision ${attempted ?? "(none)"} for this run (it refused before changing anything); nothing of this run to undo, the release is left as it is` : "this run had not recorded a revision yet; nothing to repair"
    };
  const current = i.historyAfter.at(-1);
  if (current.revision > attempted)
    return {
      action: "leave",
      reason: `revision ${current.revision} (${current.status}) was written after this run's revision ${attempted} by another deploy; not undoing it`
    };
  const unverified = i.situation === "interrupted" && current.status === "deployed";
  if (i.situation === "interrupted" && !isPending(current.status) && current.status !== "failed" && !unverified)
    return {
      action: "leave",
      reason: `revision ${attempted} is ${current.status}; nothing to repair`
    };
  if (!i.rollbackOnFailure) return { action: "leave", reason: "rollback-on-failure is off" };
  const good = lastGoodRevision(i.historyAfter, attempted);
  if (good)
    return {
      action: "rollback",
      to: good,
      reason: `restoring revision ${good.revision}, the last good one before revision ${attempted}${unverified ? `: revision ${attempted} was applied but the run stopped before its rollout was verified` : ""}`
    };
  const workedBefore = everDeployed(i.historyAfter.filter((h) => h.revision < attempted));
  if (i.situation === "failed" && !workedBefore && i.uninstallOnFailedInstall)
    return { action: "uninstall", reason: "the first install failed and never worked" };
  return {
    action: "leave",
    reason: "no earlier good revision to return to; release left as it is"
  };
}

// src/deploy/restore.ts
async function carryOut(helm, d, log) {
  switch (d.action) {
    case "refuse":
      throw new UserError(d.reason);
    case "leave":
      log(`Nothing undone: ${d.reason}.`);
      return d.reason;
    case "rollback": {
      log(`Rolling back ${helm.release} to revision ${d.to.revision} (${d.to.chart}): ${d.reason}`);
      const r = await helm.rollback(d.to.revision);
      if (r.exitCode !== 0) throw new HelmError(`rollback ${helm.release}`, r);
      return `rolled back to revision ${d.to.revision}`;
    }
    case "uninstall": {
      log(`Uninstalling ${helm.release}: ${d.reason}`);
      const r = await helm.uninstall();
      if (r.exitCode !== 0) throw new HelmError(`uninstall ${helm.release}`, r);
      return "uninstalled the release";
    }
  }
}
async function settlePending(helm, policy, lock, log, early) {
  const history = await readAgainUnless(early, () => helm.history());
  const current = history.at(-1);
  if (!current || !isPending(current.status)) return { history };
  const decision = decideRemediation(
    repairInput(helm.release, history, { situation: "pending" }, policy, lock)
  );
  await carryOut(helm, decision, log);
  return { history: await helm.history(), recovered: decision.reason };
}
async function repairInterrupted(helm, run, say) {
  const history = await helm.history();
  const decision = decideRemediation(
    repairInput(
      helm.release,
      history,
      { situation: "interrupted", attempted: run.attempted },
      {
        rollbackOnFailure: run.rollbackOnFailure,
        uninstallOnFailedInstall: false,
        recoverPending: false
      },
      // The run held the lock (or ran without it) while it deployed; what matters here is whose
      // revision it is, which the decision reads from the history.
      run.heldLock ? { kind: "held", previous: "free" } : { kind: "disabled" }
    )
  );
  if (decision.action === "rollback")
    say.warn(
      `The deploy of ${helm.release} was interrupted and left revision ${run.attempted} ${history.at(-1)?.status}; rolling back to revision ${decision.to.revision}.`
    );
  return carryOut(
    helm,
    decision,
    (l) => say.log(`The deploy of ${helm.release} was interrupted. ${l}`)
  );
}

export {
  workloadsOf,
  isCustom,
  workloadName,
  releaseHelm,
  recordedByThisRun,
  decideRemediation,
  readEarly,
  earlyReadsToUse,
  readAgainUnless,
  prewarmBaseline,
  settlePending,
  repairInterrupted
};
//# sourceMappingURL=chunk-HOLTHJ3I.js.map
