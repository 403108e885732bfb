import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);
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
} from "./chunk-YW6CQ7JC.js";
import {
  UserError
} from "./chunk-R5UD73HC.js";

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

// src/verify/memory.ts
var RolloutMemory = class {
  first = /* @__PURE__ */ new Map();
  ready = /* @__PURE__ */ new Set();
  causes = /* @__PURE__ */ new Map();
  /** When `key` was first seen (ms); records `now` the first time. */
  firstSeen(key, now) {
    const t = this.first.get(key);
    if (t !== void 0) return t;
    this.first.set(key, now);
    return now;
  }
  markReady(pod) {
    this.ready.add(pod);
  }
  wasReady(pod) {
    return this.ready.has(pod);
  }
  rememberCause(key, message) {
    this.causes.set(key, message);
  }
  cause(key) {
    return this.causes.get(key);
  }
};

// src/verify/policy.ts
var DEFAULT_POLICY = {
  failuresAllowedPerReplica: 1,
  imagePullGraceSeconds: 120,
  configErrorGraceSeconds: 60,
  readinessMarginSeconds: 90,
  unschedulableGraceSeconds: 120,
  scaleUpGraceSeconds: 600,
  waitForJobs: false
};
var period = (p) => p.periodSeconds ?? 10;
var timeout = (p) => p.timeoutSeconds ?? 1;
function startupWindowSeconds(p) {
  if (!p) return 0;
  return (p.initialDelaySeconds ?? 0) + (p.failureThreshold ?? 3) * period(p) + timeout(p);
}
function readinessWindowSeconds(p) {
  if (!p) return 0;
  return (p.initialDelaySeconds ?? 0) + ((p.failureThreshold ?? 3) + (p.successThreshold ?? 1)) * period(p) + timeout(p);
}

// src/verify/pods.ts
var IMAGE_MISSING = /not found|manifest unknown|name unknown|repository does not exist|pull access denied|access denied|unauthorized|authentication required|\bforbidden\b|\b40[134]\b|invalid reference format/i;
var CACHE_LAG = /failed to sync .* cache/i;
var CONFIG_ERRORS = /* @__PURE__ */ new Set([
  "CreateContainerConfigError",
  "CreateContainerError",
  "RunContainerError",
  "PreCreateHookError",
  "PreStartHookError"
]);
var at = (iso) => {
  if (!iso) return void 0;
  const t = Date.parse(iso);
  return Number.isNaN(t) ? void 0 : t;
};
var eventStart = (e) => at(e.firstTimestamp ?? e.eventTime ?? e.lastTimestamp ?? e.metadata.creationTimestamp);
var eventEnd = (e) => at(e.lastTimestamp ?? e.eventTime ?? e.firstTimestamp ?? e.metadata.creationTimestamp);
function newestEvent(events, match) {
  let best;
  for (const e of events)
    if (match(e) && (!best || (eventEnd(e) ?? 0) >= (eventEnd(best) ?? 0))) best = e;
  return best;
}
function earliestEvent(events, match) {
  const times = events.filter(match).map(eventStart).filter((t) => t !== void 0);
  return times.length ? Math.min(...times) : void 0;
}
function describeTermination(state) {
  const t = state?.terminated;
  if (!t) return void 0;
  const parts = [`exit code ${t.exitCode ?? "?"}`];
  if (t.reason) parts.push(`(${t.reason})`);
  if (t.message) parts.push(`: ${t.message.trim().split("\n").slice(-3).join(" | ")}`);
  return parts.join(" ");
}
var secs = (ms) => Math.max(0, Math.round(ms / 1e3));
var containerLabel = (j) => j.init ? `${j.c.name} (init)` : j.c.name;
var memKey = (j, what) => `${j.pod.metadata.uid ?? j.pod.metadata.name}/${j.c.name}/${what}`;
function doomed(j, f) {
  return {
    kind: "doomed",
    failure: { pod: j.pod.metadata.name, container: containerLabel(j), ...f }
  };
}
function waiting(j, note) {
  return { kind: "waiting", note: `${j.pod.metadata.name}/${j.c.name}: ${note}` };
}
function sinceMs(j, what, eventMatch) {
  const seen = j.ctx.memory.firstSeen(memKey(j, what), j.ctx.now.getTime());
  const fromEvent = earliestEvent(j.ctx.events, eventMatch);
  const started = at(j.pod.status?.startTime) ?? at(j.pod.metadata.creationTimestamp);
  const usable = fromEvent !== void 0 && (started === void 0 || fromEvent >= started - 1e3);
  return usable ? Math.min(seen, fromEvent) : seen;
}
function pullVerdict(j) {
  const w = j.c.state.waiting;
  const key = memKey(j, "pull-cause");
  if (w.reason === "ErrImagePull" && w.message) j.ctx.memory.rememberCause(key, w.message);
  const failedEvent = newestEvent(
    j.ctx.events,
    (e) => e.reason === "Failed" && /Failed to pull image/i.test(e.message ?? "")
  );
  const cause = (w.reason === "ErrImagePull" ? w.message : void 0) ?? j.ctx.memory.cause(key) ?? failedEvent?.message ?? w.message ?? "";
  if (IMAGE_MISSING.test(cause))
    return doomed(j, {
      reason: w.reason,
      rule: "image-not-found",
      message: cause,
      evidence: "the registry says the image does not exist or may not be read"
    });
  const since = sinceMs(
    j,
    "pull",
    (e) => (e.reason === "Failed" || e.reason === "BackOff") && /pull/i.test(e.message ?? "")
  );
  const elapsed = j.ctx.now.getTime() - since;
  const grace = j.ctx.policy.imagePullGraceSeconds;
  if (elapsed >= grace * 1e3)
    return doomed(j, {
      reason: w.reason,
      rule: "image-pull-error",
      message: cause,
      evidence: `image not pulled for ${secs(elapsed)}s (image-pull-grace ${grace}s)`
    });
  return waiting(
    j,
    `${w.reason}${cause ? ` (${cause.slice(0, 120)})` : ""}; a registry error that may pass, given ${secs(elapsed)}s of ${grace}s`
  );
}
function configVerdict(j) {
  const w = j.c.state.waiting;
  const since = sinceMs(
    j,
    "config",
    (e) => e.reason === "Failed" && /^Error: /.test(e.message ?? "")
  );
  const elapsed = j.ctx.now.getTime() - since;
  const grace = j.ctx.policy.configErrorGraceSeconds;
  if (elapsed >= grace * 1e3 && !CACHE_LAG.test(w.message ?? ""))
    return doomed(j, {
      reason: w.reason,
      rule: "config-error",
      message: w.message ?? "",
      evidence: `container not created for ${secs(elapsed)}s (config-error-grace ${grace}s)`
    });
  return waiting(
    j,
    `${w.reason}${w.message ? ` (${w.message})` : ""}; may be created by another controller, given ${secs(elapsed)}s of ${grace}s`
  );
}
function crashVerdict(j) {
  const { c } = j;
  const crashed = c.state?.waiting?.reason === "CrashLoopBackOff" || c.state?.terminated !== void 0 && c.state.terminated.exitCode !== 0;
  if (!crashed) return void 0;
  const allowed = j.ctx.policy.failuresAllowedPerReplica;
  const last = describeTermination(c.lastState) ?? describeTermination(c.state);
  if (!j.ctx.longRunning)
    return waiting(j, `restarted ${c.restartCount} time(s); the Job's backoffLimit decides`);
  if (c.restartCount > allowed)
    return doomed(j, {
      reason: c.state?.waiting?.reason ?? "Error",
      rule: "crash-loop",
      message: c.state?.waiting?.message ?? "",
      lastState: last,
      restarts: c.restartCount,
      evidence: `crashed again after its back-off: ${c.restartCount} restart(s), ${allowed} allowed per replica (failures-allowed-per-replica)`
    });
  return waiting(
    j,
    `crashed ${c.restartCount} time(s)${last ? ` (${last})` : ""}; ${allowed} allowed per replica, waiting for its restart`
  );
}
function containerVerdict(j) {
  const w = j.c.state?.waiting;
  const reason = w?.reason ?? "";
  if (reason === "InvalidImageName" || reason === "ErrImageNeverPull")
    return doomed(j, {
      reason,
      rule: "invalid-image",
      message: w?.message ?? "",
      evidence: "the kubelet will never pull this image"
    });
  if (reason === "ErrImagePull" || reason === "ImagePullBackOff") return pullVerdict(j);
  if (CONFIG_ERRORS.has(reason)) return configVerdict(j);
  return crashVerdict(j) ?? { kind: "ok" };
}
function specOf(pod, name, init) {
  return (init ? pod.spec?.initContainers : pod.spec?.containers)?.find((c) => c.name === name);
}
function unschedulableVerdict(pod, ctx, since) {
  const cond = (pod.status?.conditions ?? []).find((c) => c.type === "PodScheduled");
  const scaler = newestEvent(
    ctx.events,
    (e) => ["TriggeredScaleUp", "NotTriggerScaleUp"].includes(e.reason ?? "")
  );
  const elapsed = ctx.now.getTime() - since;
  const base = {
    pod: pod.metadata.name,
    reason: "Unschedulable",
    message: cond?.message ?? ""
  };
  if (scaler?.reason === "NotTriggerScaleUp")
    return {
      kind: "doomed",
      failure: {
        ...base,
        rule: "no-scale-up",
        evidence: `the cluster autoscaler will not add a node: ${scaler.message ?? ""}`
      }
    };
  const scaling = scaler?.reason === "TriggeredScaleUp";
  const grace = scaling ? ctx.policy.scaleUpGraceSeconds : ctx.policy.unschedulableGraceSeconds;
  if (elapsed >= grace * 1e3)
    return {
      kind: "doomed",
      failure: {
        ...base,
        rule: "unschedulable",
        evidence: `unschedulable for ${secs(elapsed)}s (${scaling ? `scale-up-grace ${grace}s while the autoscaler adds a node` : `unschedulable-grace ${grace}s`})`
      }
    };
  return {
    kind: "waiting",
    note: `${pod.metadata.name}: unschedulable${scaling ? ", the cluster autoscaler is adding a node" : ""}; given ${secs(elapsed)}s of ${grace}s`
  };
}
function readinessVerdict(pod, ctx) {
  const st = pod.status ?? {};
  const podKey = pod.metadata.uid ?? pod.metadata.name;
  if (ctx.memory.wasReady(podKey))
    return {
      kind: "waiting",
      note: `${pod.metadata.name}: was ready and is not now; a flicker is left to its controller`
    };
  const margin = ctx.policy.readinessMarginSeconds;
  const now = ctx.now.getTime();
  const notReady = (st.containerStatuses ?? []).filter((c) => !c.ready);
  if (notReady.length === 0) {
    const gates = (pod.spec?.readinessGates ?? []).map((g) => g.conditionType).filter((t) => !(st.conditions ?? []).some((c) => c.type === t && c.status === "True"));
    if (gates.length === 0) return { kind: "ok" };
    const cr = (st.conditions ?? []).find((c) => c.type === "ContainersReady");
    const since = Math.min(
      ctx.memory.firstSeen(`${podKey}/gates`, now),
      at(cr?.lastTransitionTime) ?? now
    );
    const elapsed = now - since;
    if (elapsed >= margin * 1e3)
      return {
        kind: "doomed",
        failure: {
          pod: pod.metadata.name,
          reason: "ReadinessGateNeverTrue",
          rule: "readiness-gate",
          message: `readiness gate ${gates.join(", ")} not set`,
          evidence: `containers ready ${secs(elapsed)}s ago, gate still not True (failure-grace-period ${margin}s)`
        }
      };
    return {
      kind: "waiting",
      note: `${pod.metadata.name}: waiting for readiness gate ${gates.join(", ")} (set by its controller); given ${secs(elapsed)}s of ${margin}s`
    };
  }
  const judged = notReady.map((c) => {
    const spec = specOf(pod, c.name, false);
    const startedAt = at(c.state?.running?.startedAt) ?? now;
    const key = `${podKey}/${c.name}/started`;
    let deadline;
    let why;
    if (c.started === false && spec?.startupProbe) {
      const w = startupWindowSeconds(spec.startupProbe);
      deadline = startedAt + (w + margin) * 1e3;
      why = `startupProbe allows ${w}s`;
    } else {
      const anchor = spec?.startupProbe ? ctx.memory.firstSeen(key, now) : startedAt;
      const w = readinessWindowSeconds(spec?.readinessProbe);
      deadline = anchor + (w + margin) * 1e3;
      why = spec?.readinessProbe ? `readinessProbe allows ${w}s` : "no readinessProbe";
    }
    return { c, deadline, why, since: startedAt };
  });
  const open = judged.filter((x2) => now < x2.deadline);
  if (open.length > 0) {
    const x2 = open[0];
    return {
      kind: "waiting",
      note: `${pod.metadata.name}/${x2.c.name}: running, not ready yet (${x2.why} + ${margin}s margin; ${secs(x2.deadline - now)}s left)`
    };
  }
  const probe = newestEvent(
    ctx.events,
    (e) => e.reason === "Unhealthy" && /Readiness probe/i.test(e.message ?? "")
  );
  const x = judged[0];
  return {
    kind: "doomed",
    failure: {
      pod: pod.metadata.name,
      container: notReady.map((c) => c.name).join(", "),
      reason: "ReadinessNeverTrue",
      rule: "readiness",
      message: probe?.message ?? "never became ready",
      restarts: notReady.reduce((n, c) => n + c.restartCount, 0),
      evidence: `running ${secs(now - x.since)}s without becoming ready (${x.why} + failure-grace-period ${margin}s)`
    }
  };
}
function podVerdict(pod, ctx) {
  if (pod.metadata.deletionTimestamp) return { kind: "ok" };
  const st = pod.status ?? {};
  if (st.phase === "Failed" && st.reason && st.reason !== "DeadlineExceeded") return { kind: "ok" };
  const podKey = pod.metadata.uid ?? pod.metadata.name;
  const ready = (st.conditions ?? []).find((c) => c.type === "Ready");
  if (ready?.status === "True") ctx.memory.markReady(podKey);
  const notes2 = [];
  const statuses = [
    ...(st.initContainerStatuses ?? []).map((c) => [c, true]),
    ...(st.containerStatuses ?? []).map((c) => [c, false])
  ];
  for (const [c, init] of statuses) {
    const v = containerVerdict({ pod, c, init, spec: specOf(pod, c.name, init), ctx });
    if (v.kind === "doomed") return v;
    if (v.kind === "waiting") notes2.push(v.note);
  }
  if (notes2.length > 0) return { kind: "waiting", note: notes2.join("; ") };
  const scheduled = (st.conditions ?? []).find((c) => c.type === "PodScheduled");
  if (scheduled?.status === "False" && scheduled.reason === "Unschedulable") {
    const since = Math.min(
      at(scheduled.lastTransitionTime) ?? ctx.now.getTime(),
      at(pod.metadata.creationTimestamp) ?? ctx.now.getTime()
    );
    return unschedulableVerdict(pod, ctx, since);
  }
  const running = st.phase === "Running" && (st.containerStatuses ?? []).length > 0 && (st.containerStatuses ?? []).every((c) => c.state?.running);
  if (running && ready?.status !== "True" && ctx.longRunning) return readinessVerdict(pod, ctx);
  return { kind: "ok" };
}
function podWaitingNote(pod) {
  const st = pod.status;
  const w = [...st?.initContainerStatuses ?? [], ...st?.containerStatuses ?? []].find(
    (c) => c.state?.waiting?.reason
  );
  if (w) return `${pod.metadata.name}: ${w.state?.waiting?.reason}`;
  if (st?.phase === "Pending") return `${pod.metadata.name}: Pending`;
  return void 0;
}

// src/verify/assess.ts
var objectKey = (kind, meta, fallbackNs) => `${kind}/${meta.namespace ?? fallbackNs}/${meta.name}`;
var ownedBy = (meta, owner, kind) => (meta.namespace === void 0 || owner.metadata.namespace === void 0 || meta.namespace === owner.metadata.namespace) && (meta.ownerReferences ?? []).some(
  (o) => o.kind === kind && (owner.metadata.uid ? o.uid === owner.metadata.uid : o.name === owner.metadata.name)
);
var condition = (conditions, type) => (conditions ?? []).find((c) => c.type === type);
function eventsAbout(pod, events) {
  return events.filter(
    (e) => e.involvedObject.kind === "Pod" && e.involvedObject.name === pod.metadata.name && (!pod.metadata.namespace || !e.involvedObject.namespace || e.involvedObject.namespace === pod.metadata.namespace) && (!e.involvedObject.uid || !pod.metadata.uid || e.involvedObject.uid === pod.metadata.uid)
  );
}
function judgePods(name, pods, c, longRunning) {
  const failures = [];
  for (const p of pods) {
    const v = podVerdict(p, {
      events: eventsAbout(p, c.snap.events),
      now: c.o.now,
      policy: c.policy,
      memory: c.memory,
      longRunning
    });
    if (v.kind === "doomed") failures.push({ workload: name, ...v.failure });
    else if (v.kind === "waiting") c.waiting.push(v.note);
  }
  return failures;
}
var notes = (pods) => pods.map(podWaitingNote).filter((n) => !!n).slice(0, 3).join("; ") || void 0;
function deployment(d, name, c, judge) {
  const desired = d.spec.replicas ?? 1;
  const st = d.status ?? {};
  const observed = (st.observedGeneration ?? 0) >= (d.metadata.generation ?? 0);
  if (d.spec.paused) {
    c.warnings.push(
      `${name} is paused: nothing of it was rolled out (resume it with kubectl rollout resume to roll it out)`
    );
    return {
      progress: {
        workload: name,
        ready: st.availableReplicas ?? 0,
        desired,
        complete: true,
        note: "paused; not rolled out"
      },
      failures: []
    };
  }
  const revision = d.metadata.annotations?.["deployment.kubernetes.io/revision"];
  const rs = c.snap.replicaSets.find(
    (r) => ownedBy(r.metadata, d, "Deployment") && r.metadata.annotations?.["deployment.kubernetes.io/revision"] === revision
  );
  const pods = rs ? c.snap.pods.filter((p) => ownedBy(p.metadata, rs, "ReplicaSet")) : [];
  const failures = [];
  if (judge && observed) {
    const stalled = condition(st.conditions, "Progressing");
    if (stalled?.status === "False" && stalled.reason === "ProgressDeadlineExceeded")
      failures.push({
        workload: name,
        reason: "ProgressDeadlineExceeded",
        rule: "progress-deadline",
        message: stalled.message ?? "",
        evidence: `progressDeadlineSeconds ${d.spec.progressDeadlineSeconds ?? 600}s passed`
      });
    const createFailed = condition(rs?.status?.conditions, "ReplicaFailure");
    if (createFailed?.status === "True") {
      const since = Date.parse(createFailed.lastTransitionTime ?? "") || c.o.now.getTime();
      const elapsed = c.o.now.getTime() - since;
      const grace = c.policy.configErrorGraceSeconds;
      if (/violates PodSecurity/.test(createFailed.message ?? "") || elapsed >= grace * 1e3)
        failures.push({
          workload: name,
          reason: createFailed.reason ?? "FailedCreate",
          rule: "pod-create-failed",
          message: createFailed.message ?? "",
          evidence: `pods not created for ${Math.round(elapsed / 1e3)}s (config-error-grace ${grace}s)`
        });
      else c.waiting.push(`${name}: pods not created yet (${createFailed.message ?? ""})`);
    }
    failures.push(...judgePods(name, pods, c, true));
  }
  const updated = st.updatedReplicas ?? 0;
  const available = st.availableReplicas ?? 0;
  const complete = observed && updated === desired && (st.replicas ?? 0) === updated && available === updated;
  return {
    progress: {
      workload: name,
      ready: Math.min(available, updated),
      desired,
      complete,
      note: complete ? void 0 : !observed ? "waiting for the controller to observe the new spec" : notes(pods) ?? `${updated}/${desired} updated, ${available} available`
    },
    failures
  };
}
function onDelete(kind, name, c, ready, desired) {
  c.warnings.push(
    `${name} uses the OnDelete update strategy: its pods are replaced only when deleted, so nothing of it was rolled out`
  );
  return {
    progress: {
      workload: name,
      ready,
      desired,
      complete: true,
      note: `OnDelete ${kind}; not rolled out`
    },
    failures: []
  };
}
function statefulSet(ss, name, c, judge) {
  const desired = ss.spec.replicas ?? 1;
  const st = ss.status ?? {};
  const ready = st.readyReplicas ?? 0;
  if (ss.spec.updateStrategy?.type === "OnDelete")
    return onDelete("StatefulSet", name, c, ready, desired);
  const observed = (st.observedGeneration ?? 0) >= (ss.metadata.generation ?? 0);
  const pods = c.snap.pods.filter(
    (p) => ownedBy(p.metadata, ss, "StatefulSet") && p.metadata.labels?.["controller-revision-hash"] === st.updateRevision
  );
  const failures = [];
  if (judge && observed) {
    failures.push(...judgePods(name, pods, c, true));
    const createFailed = newestEvent(
      c.snap.events,
      (e) => e.type === "Warning" && e.involvedObject.kind === "StatefulSet" && e.involvedObject.name === ss.metadata.name && e.reason === "FailedCreate"
    );
    if (createFailed && (st.replicas ?? 0) < desired)
      failures.push({
        workload: name,
        reason: "FailedCreate",
        rule: "pod-create-failed",
        message: createFailed.message ?? ""
      });
  }
  const partition = ss.spec.updateStrategy?.rollingUpdate?.partition ?? 0;
  const updatedOk = (st.updatedReplicas ?? 0) >= desired - partition && (partition > 0 || st.currentRevision === st.updateRevision);
  const complete = observed && ready === desired && updatedOk;
  return {
    progress: {
      workload: name,
      ready,
      desired,
      complete,
      note: complete ? void 0 : notes(pods) ?? `${st.updatedReplicas ?? 0}/${desired} updated, ${ready} ready`
    },
    failures
  };
}
function daemonSetHash(ds, snap) {
  const revisions = (snap.controllerRevisions ?? []).filter(
    (r) => ownedBy(r.metadata, ds, "DaemonSet")
  );
  const newest = revisions.sort((a, b) => a.revision - b.revision).pop();
  const hash = newest?.metadata.labels?.["controller-revision-hash"];
  if (hash) return { label: "controller-revision-hash", value: hash };
  const gen = ds.metadata.annotations?.["deprecated.daemonset.template.generation"];
  return gen ? { label: "pod-template-generation", value: gen } : void 0;
}
function daemonSet(ds, name, c, judge) {
  const st = ds.status ?? {};
  const desired = st.desiredNumberScheduled ?? 0;
  const available = st.numberAvailable ?? 0;
  if (ds.spec.updateStrategy?.type === "OnDelete")
    return onDelete("DaemonSet", name, c, available, desired);
  const observed = (st.observedGeneration ?? 0) >= (ds.metadata.generation ?? 0);
  const hash = daemonSetHash(ds, c.snap);
  const pods = c.snap.pods.filter(
    (p) => ownedBy(p.metadata, ds, "DaemonSet") && (!hash || p.metadata.labels?.[hash.label] === hash.value)
  );
  const failures = judge && observed && hash ? judgePods(name, pods, c, true) : [];
  const complete = observed && (st.updatedNumberScheduled ?? 0) === desired && available === desired;
  return {
    progress: {
      workload: name,
      ready: available,
      desired,
      complete,
      note: complete ? void 0 : notes(pods) ?? `${available}/${desired} available`
    },
    failures
  };
}
function jobFailure(j, name, failed, pods) {
  const last = pods.flatMap((p) => (p.status?.containerStatuses ?? []).map((cs) => ({ pod: p.metadata.name, cs }))).find(({ cs }) => cs.state?.terminated && cs.state.terminated.exitCode !== 0);
  return {
    workload: name,
    reason: failed.reason ?? "Failed",
    rule: "job-failed",
    message: failed.message ?? "",
    pod: last?.pod,
    container: last?.cs.name,
    lastState: describeTermination(last?.cs.state),
    evidence: `${j.status?.failed ?? 0} failed pod(s), backoffLimit ${j.spec.backoffLimit ?? 6}`
  };
}
function job(j, w, name, c, judge) {
  const conditions = j.status?.conditions ?? [];
  const done = condition(conditions, "Complete")?.status === "True";
  const failed = condition(conditions, "Failed");
  const pods = c.snap.pods.filter((p) => ownedBy(p.metadata, j, "Job"));
  const desired = j.spec.completions ?? 1;
  const progress = (complete, note) => ({
    workload: name,
    ready: j.status?.succeeded ?? 0,
    desired,
    complete,
    note
  });
  const waited = !!w.hook || c.policy.waitForJobs;
  if (!judge) return { progress: progress(true, "unchanged by this revision"), failures: [] };
  if (j.spec.suspend) {
    c.warnings.push(`${name} is suspended: it did not run`);
    return { progress: progress(true, "suspended; not run"), failures: [] };
  }
  if (!waited)
    return {
      progress: progress(true, done ? void 0 : "not waited for (wait-for-jobs is off)"),
      failures: []
    };
  if (failed?.status === "True")
    return { progress: progress(false, "failed"), failures: [jobFailure(j, name, failed, pods)] };
  const failures = judgePods(name, pods, c, false);
  return {
    progress: progress(
      done,
      done ? void 0 : notes(pods) ?? `${j.status?.active ?? 0} active, ${j.status?.failed ?? 0} failed`
    ),
    failures
  };
}
var CUSTOM_READY = ["Ready", "Available", "Succeeded", "Established"];
var CUSTOM_FAILED = ["Failed", "Stalled", "Degraded"];
function custom(obj, name, c, judge) {
  const st = obj.status;
  const conditions = st?.conditions ?? [];
  const progress = (complete2, note) => ({
    workload: name,
    ready: complete2 ? 1 : 0,
    desired: 1,
    complete: complete2,
    note
  });
  if (conditions.length === 0) {
    c.warnings.push(`${name} reports no status conditions: not verified`);
    return { progress: progress(true, "no status conditions; not verified"), failures: [] };
  }
  const observed = st?.observedGeneration === void 0 || st.observedGeneration >= (obj.metadata.generation ?? 0);
  const bad = conditions.find((x) => CUSTOM_FAILED.includes(x.type) && x.status === "True");
  if (judge && observed && bad)
    return {
      progress: progress(false, `${bad.type}: ${bad.reason ?? ""}`),
      failures: [
        {
          workload: name,
          reason: bad.reason ?? bad.type,
          rule: "custom-resource-failed",
          message: bad.message ?? "",
          evidence: `condition ${bad.type}=True`
        }
      ]
    };
  const good = conditions.find((x) => CUSTOM_READY.includes(x.type));
  if (!good) {
    c.warnings.push(`${name} has no Ready or Available condition: not verified`);
    return { progress: progress(true, "no Ready/Available condition; not verified"), failures: [] };
  }
  const complete = observed && good.status === "True";
  return {
    progress: progress(
      complete,
      complete ? void 0 : !observed ? "waiting for its controller to observe the new spec" : `${good.type}=${good.status}${good.reason ? ` (${good.reason})` : ""}`
    ),
    failures: []
  };
}
function findWorkload(w, snap) {
  const inNs = (x) => x.metadata.name === w.name && (!x.metadata.namespace || x.metadata.namespace === w.namespace);
  if (isCustom(w))
    return (snap.custom ?? []).find(
      (x) => x.kind === w.kind && x.apiVersion.split("/")[0] === w.apiVersion.split("/")[0] && inNs(x)
    );
  const list = w.kind === "Deployment" ? snap.deployments : w.kind === "StatefulSet" ? snap.statefulSets : w.kind === "DaemonSet" ? snap.daemonSets : snap.jobs;
  return list.find(inNs);
}
function changedByRevision(w, found, before) {
  if (!before) return true;
  if (found.metadata.uid && !before.uids.has(found.metadata.uid)) return true;
  const start = before.generations.get(objectKey(w.kind, found.metadata, w.namespace));
  return start === void 0 || (found.metadata.generation ?? 0) > start;
}
function assess(workloads, snap, o) {
  const c = {
    o,
    policy: o.policy ?? DEFAULT_POLICY,
    memory: o.memory ?? new RolloutMemory(),
    snap,
    warnings: [],
    waiting: []
  };
  const progress = [];
  const failures = [];
  for (const w of workloads) {
    const name = workloadName(w, o.releaseNamespace);
    const found = findWorkload(w, snap);
    if (w.hook) {
      const ours = found && (!o.before || !found.metadata.uid || !o.before.uids.has(found.metadata.uid)) && (!o.hookPhases || w.hook.some((p) => o.hookPhases.has(p)));
      if (ours && found.kind === "Job")
        failures.push(...job(found, w, name, c, true).failures);
      continue;
    }
    if (!found) {
      if (w.kind === "Job" && w.ttlSecondsAfterFinished !== void 0) {
        progress.push({
          workload: name,
          ready: 0,
          desired: 0,
          complete: true,
          note: "gone (ttlSecondsAfterFinished removed it)"
        });
        continue;
      }
      progress.push({
        workload: name,
        ready: 0,
        desired: 0,
        complete: false,
        note: "not created yet"
      });
      continue;
    }
    const judge = changedByRevision(w, found, o.before);
    const r = found.kind === "Deployment" ? deployment(found, name, c, judge) : found.kind === "StatefulSet" && !isCustom(w) ? statefulSet(found, name, c, judge) : found.kind === "DaemonSet" && !isCustom(w) ? daemonSet(found, name, c, judge) : found.kind === "Job" && !isCustom(w) ? job(found, w, name, c, judge) : custom(found, name, c, judge);
    if (!judge && !r.progress.complete) {
      c.warnings.push(
        `${name} was not changed by this revision and is not ready (${r.progress.note ?? `${r.progress.ready}/${r.progress.desired}`}): left as it is`
      );
      progress.push({
        ...r.progress,
        complete: true,
        note: `unchanged; ${r.progress.note ?? "not ready"}`
      });
      continue;
    }
    failures.push(...r.failures);
    progress.push(r.progress);
  }
  return {
    complete: failures.length === 0 && progress.every((p) => p.complete),
    failures,
    progress,
    warnings: [...new Set(c.warnings)],
    waiting: c.waiting
  };
}
function baselineOf(snap) {
  const generations = /* @__PURE__ */ new Map();
  const uids = /* @__PURE__ */ new Set();
  const all = [
    ...snap.deployments,
    ...snap.statefulSets,
    ...snap.daemonSets,
    ...snap.jobs,
    ...snap.custom ?? []
  ];
  for (const x of all) {
    generations.set(objectKey(x.kind, x.metadata, ""), x.metadata.generation ?? 0);
    if (x.metadata.uid) uids.add(x.metadata.uid);
  }
  return { generations, uids };
}
function describeFailure(f) {
  const where = [f.workload, f.pod && `pod ${f.pod}`, f.container && `container ${f.container}`].filter(Boolean).join(", ");
  const extra = [f.lastState && `last state: ${f.lastState}`, f.evidence].filter(Boolean).join("; ");
  return `${where}: ${f.reason}${f.message ? ` - ${f.message}` : ""} [rule ${f.rule}${extra ? `: ${extra}` : ""}]`;
}

// src/run/abort.ts
function whenAborted(signal) {
  if (!signal) return { promise: new Promise(() => void 0), stop: () => void 0 };
  if (signal.aborted) return { promise: Promise.resolve(), stop: () => void 0 };
  let listener = () => void 0;
  const promise = new Promise((resolve) => {
    listener = () => resolve();
    signal.addEventListener("abort", listener, { once: true });
  });
  return { promise, stop: () => signal.removeEventListener("abort", listener) };
}
async function raceAbort(wait, signal) {
  const aborted = whenAborted(signal);
  try {
    await Promise.race([wait, aborted.promise]);
  } finally {
    aborted.stop();
  }
}

// src/verify/watch.ts
var systemClock = {
  now: () => /* @__PURE__ */ new Date(),
  sleep: (ms) => new Promise((r) => setTimeout(r, ms))
};
async function watchRollout(p) {
  const clock = p.clock ?? systemClock;
  const started = clock.now().getTime();
  const deadline = started + p.timeoutSeconds * 1e3;
  let workloads;
  let last;
  const readyAt = /* @__PURE__ */ new Map();
  const memory = new RolloutMemory();
  for (; ; ) {
    if (p.cancel?.aborted) {
      p.process?.signal("SIGTERM");
      return {
        kind: "cancelled",
        assessment: last,
        process: p.process ? await p.process.done : void 0
      };
    }
    const exited = p.process?.exited() ?? true;
    const processResult = exited && p.process ? await p.process.done : void 0;
    if (processResult && processResult.exitCode !== 0)
      return { kind: "process-failed", assessment: last, process: processResult };
    workloads ??= await p.workloads();
    const snap = workloads ? await readOrNothing(p, workloads) : void 0;
    if (workloads && snap) {
      await p.onSnapshot?.(snap);
      const now = clock.now();
      last = assess(workloads, snap, {
        now,
        policy: p.policy,
        memory,
        before: p.before,
        hookPhases: p.hookPhases,
        releaseNamespace: p.releaseNamespace
      });
      for (const w of last.progress) {
        if (w.complete && !readyAt.has(w.workload))
          readyAt.set(w.workload, Math.round((now.getTime() - started) / 100) / 10);
        w.readySeconds = readyAt.get(w.workload);
      }
      p.onProgress?.(last);
      if (last.failures.length > 0) {
        p.process?.signal("SIGTERM");
        const result = p.process ? await p.process.done : void 0;
        return { kind: "failed", assessment: last, process: result, detectedAt: now };
      }
      if (last.complete && exited)
        return { kind: "complete", assessment: last, process: processResult };
    }
    if (clock.now().getTime() >= deadline) {
      p.process?.signal("SIGTERM");
      return {
        kind: "timeout",
        assessment: last,
        process: p.process ? await p.process.done : void 0
      };
    }
    let unsubscribe;
    await raceAbort(
      Promise.race([
        clock.sleep(p.pollMs ?? 1e3),
        // A change wakes the watcher; a short settle lets a burst of changes land in one read.
        ...p.wake ? [
          new Promise((resolve) => unsubscribe = p.wake(() => resolve())).then(
            () => clock.sleep(150)
          )
        ] : [],
        ...p.process && !exited ? [p.process.done] : []
      ]),
      p.cancel
    );
    unsubscribe?.();
  }
}
async function readOrNothing(p, workloads) {
  try {
    return await p.snapshot(workloads);
  } catch (e) {
    p.onReadError?.(e);
    return void 0;
  }
}

// src/deploy/ports.ts
function releaseHelm(helm, target, o, upgrade) {
  return {
    release: target.release,
    version: helm.version,
    history: () => helm.history(target),
    status: () => helm.status(target),
    manifest: (revision) => helm.manifest(target, revision),
    async recorded(revision) {
      const m = await helm.runAllowingFailure(getManifestArgs(target, revision), {
        echo: false
      });
      if (m.exitCode !== 0) return void 0;
      const h = await helm.runAllowingFailure(getHooksArgs(target, revision), {
        echo: false
      });
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

// src/deploy/remediation.ts
var REFUSED_BEFORE_RECORDING = /another operation \(install\/upgrade\/rollback\) is in progress|release: already exists|has no deployed releases/i;
function recordedByThisRun(before, after, attempted, helmStderr = "") {
  if (attempted === void 0 || REFUSED_BEFORE_RECORDING.test(helmStderr)) return false;
  return after.some((h) => h.revision === attempted) && !before.some((h) => h.revision === attempted);
}
function repairInput(release, history, at2, policy, lock) {
  if (at2.situation === "pending")
    return {
      situation: "pending",
      release,
      historyBefore: history,
      historyAfter: history,
      recorded: false,
      ...policy,
      lock
    };
  const before = history.filter((h) => at2.attempted === void 0 || h.revision < at2.attempted);
  return {
    situation: "interrupted",
    release,
    historyBefore: before,
    historyAfter: history,
    attemptedRevision: at2.attempted,
    recorded: recordedByThisRun(before, history, at2.attempted),
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
async function settlePending(helm, policy, lock, log) {
  const history = await helm.history();
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
  workloadName,
  baselineOf,
  describeFailure,
  raceAbort,
  systemClock,
  watchRollout,
  releaseHelm,
  recordedByThisRun,
  decideRemediation,
  settlePending,
  repairInterrupted
};
//# sourceMappingURL=chunk-Z2NTVLPC.js.map
