import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);
import {
  decideRemediation,
  earlyReadsToUse,
  isCustom,
  readAgainUnless,
  recordedByThisRun,
  releaseHelm,
  settlePending,
  workloadName,
  workloadsOf
} from "./chunk-HOLTHJ3I.js";
import {
  installedByLabels,
  prepareNamespace,
  runUrlFromEnv
} from "./chunk-F6CWIMAG.js";
import {
  DeployLock,
  defaultLockTiming,
  holderFromEnv
} from "./chunk-OTSF6DUP.js";
import {
  KubectlProxy,
  minorVersion,
  snapshotOf
} from "./chunk-HVEAVWKQ.js";
import {
  systemClock
} from "./chunk-I6JQYRCA.js";
import {
  fillPlaceholders
} from "./chunk-FCRLM365.js";
import {
  HelmError,
  UnreachableError,
  defaultRetryPolicy,
  imagesOf,
  lastGoodRevision,
  pRetry,
  parseManifests,
  parseUpgradeOutput
} from "./chunk-FNM5R2QI.js";
import {
  ExternalError,
  UserError
} from "./chunk-R5UD73HC.js";

// src/analysis/prometheus.ts
function sampleValue(s) {
  if (s === "+Inf" || s === "Inf") return Infinity;
  if (s === "-Inf") return -Infinity;
  return Number(s);
}
var seriesName = (metric) => {
  const entries = Object.entries(metric ?? {}).filter(([k]) => k !== "__name__");
  return entries.length === 0 ? "" : `{${entries.map(([k, v]) => `${k}="${v}"`).join(",")}}`;
};
function readAnswer(status, body) {
  let a;
  try {
    a = JSON.parse(body);
  } catch {
    if (status >= 500) return { kind: "unreachable", detail: `HTTP ${status}` };
    return {
      kind: "rejected",
      detail: `HTTP ${status} with a body that is not the Prometheus API's JSON (is the URL the API's base, without /api/v1?)`
    };
  }
  if (status >= 500 && a.errorType !== "execution")
    return { kind: "unreachable", detail: `HTTP ${status}${a.error ? `: ${a.error}` : ""}` };
  if (status !== 200 || a.status !== "success")
    return {
      kind: "rejected",
      detail: `HTTP ${status}${a.errorType ? ` ${a.errorType}` : ""}: ${a.error ?? "no error message"}`
    };
  const d = a.data ?? {};
  if (d.resultType === "scalar" && Array.isArray(d.result))
    return { kind: "values", values: [{ series: "", value: sampleValue(String(d.result[1])) }] };
  if (d.resultType === "vector" && Array.isArray(d.result))
    return {
      kind: "values",
      values: d.result.map((r) => ({
        series: seriesName(r.metric),
        value: sampleValue(String(r.value?.[1]))
      }))
    };
  return {
    kind: "rejected",
    detail: `the answer is a ${d.resultType ?? "unknown"} result; the gate needs an instant vector or a scalar (no range selector [..] at the top level)`
  };
}
function authHeader(auth) {
  if (!auth) return {};
  if (auth.kind === "bearer") return { Authorization: `Bearer ${auth.token}` };
  return {
    Authorization: `Basic ${Buffer.from(`${auth.username}:${auth.password}`).toString("base64")}`
  };
}
async function queryPrometheus(url, query, o) {
  const fetchImpl = o.fetchImpl ?? fetch;
  let res;
  try {
    res = await fetchImpl(`${url}/api/v1/query?query=${encodeURIComponent(query)}`, {
      headers: { Accept: "application/json", ...o.headers, ...authHeader(o.auth) },
      redirect: "manual",
      signal: AbortSignal.timeout(o.timeoutMs)
    });
  } catch (e) {
    const cause = e.cause;
    const what = e.name === "TimeoutError" ? `no answer within ${Math.round(o.timeoutMs / 1e3)}s` : cause?.code ?? cause?.message ?? e.message;
    return { kind: "unreachable", detail: what };
  }
  if (res.status >= 300 && res.status < 400) {
    await res.body?.cancel();
    return {
      kind: "rejected",
      detail: `HTTP ${res.status} redirect to ${res.headers.get("location") ?? "?"} (a login page? give the API's own URL)`
    };
  }
  let body;
  try {
    body = await res.text();
  } catch (e) {
    return { kind: "unreachable", detail: `the answer broke off: ${e.message}` };
  }
  if (res.status === 401 || res.status === 403)
    return {
      kind: "rejected",
      detail: `HTTP ${res.status}: the endpoint refused the credentials (analysis-token or analysis-basic-auth)`
    };
  return readAnswer(res.status, body);
}

// src/analysis/verdict.ts
function holds(c, v) {
  switch (c.op) {
    case "<":
      return v < c.threshold;
    case "<=":
      return v <= c.threshold;
    case ">":
      return v > c.threshold;
    case ">=":
      return v >= c.threshold;
    case "==":
      return v === c.threshold;
    case "!=":
      return v !== c.threshold;
  }
}
function judgeSample(q, sample, at2) {
  if (sample.kind !== "values")
    return {
      at: at2,
      outcome: sample.kind,
      failed: sample.kind === "rejected",
      values: [],
      detail: sample.detail
    };
  const values = sample.values.filter((v) => !Number.isNaN(v.value));
  if (values.length === 0)
    return {
      at: at2,
      outcome: "no-data",
      failed: q.noData === "fail",
      values: [],
      detail: `no data (counts as ${q.noData === "fail" ? "a failure" : "passing"}: no-data: ${q.noData})`
    };
  const bad = values.filter((v) => !holds(q.success, v.value));
  return bad.length === 0 ? { at: at2, outcome: "pass", failed: false, values } : {
    at: at2,
    outcome: "fail",
    failed: true,
    values,
    detail: `${bad.map((b) => `${b.series}${formatValue(b.value)}`).join(", ")} not ${q.success.text}`
  };
}
var count = (r, o) => r.measurements.filter(typeof o === "function" ? o : (m) => m.outcome === o).length;
function decideGate(records, c, expected) {
  const rejected = records.find((r) => count(r, "rejected") > 0);
  if (rejected) {
    const m = rejected.measurements.find((x) => x.outcome === "rejected");
    return {
      kind: "failed",
      reason: `query ${rejected.name} was refused by ${c.url}: ${m.detail ?? "no detail"}. Fix the query, the URL or the credentials (analysis-token, analysis-basic-auth); a refused query never passes the gate`
    };
  }
  const failing = records.find((r) => count(r, (m) => m.failed) > c.failureLimit);
  if (failing) {
    const bad = failing.measurements.filter((m) => m.failed);
    return {
      kind: "failed",
      reason: `query ${failing.name} failed ${bad.length} of ${failing.measurements.length} measurement(s) (failure-limit ${c.failureLimit}): ${bad.map((m) => m.detail).join("; ")}`
    };
  }
  const unreachable = (why) => c.onUnreachable === "ignore" ? {
    kind: "ignored",
    reason: `the metrics gate was NOT evaluated: ${why}; on-unreachable: ignore lets the run go on`
  } : {
    kind: "unreachable",
    reason: `the metrics gate could not be evaluated: ${why}. Nothing is promoted on an unanswered gate (on-unreachable: fail); check that ${c.url} is reachable from the runner, or set on-unreachable: ignore to go on without it`
  };
  const silent = records.find((r) => count(r, "unreachable") > c.failureLimit);
  if (silent) {
    const last = [...silent.measurements].reverse().find((m) => m.outcome === "unreachable");
    return unreachable(
      `${c.url} did not answer ${count(silent, "unreachable")} time(s) for query ${silent.name} (failure-limit ${c.failureLimit}; last: ${last?.detail ?? "no answer"})`
    );
  }
  if (records.some((r) => r.measurements.length < expected)) return { kind: "continue" };
  const never = records.find((r) => count(r, (m) => m.outcome !== "unreachable") === 0);
  if (never) return unreachable(`${c.url} never answered query ${never.name}`);
  const misses = records.reduce((n, r) => n + count(r, "unreachable"), 0);
  return {
    kind: "passed",
    reason: `${records.length} quer${records.length === 1 ? "y" : "ies"} \xD7 ${expected} measurement(s) within their conditions${misses > 0 ? ` (${misses} unanswered, within failure-limit ${c.failureLimit})` : ""}`
  };
}
function formatValue(v) {
  if (Number.isNaN(v)) return "NaN";
  if (!Number.isFinite(v)) return v > 0 ? "+Inf" : "-Inf";
  if (Number.isInteger(v)) return String(v);
  const a = Math.abs(v);
  return a >= 1e3 || a < 1e-3 ? v.toExponential(3) : String(Number(v.toPrecision(4)));
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

// src/analysis/gate.ts
async function runGate(c, p, phase, deps, measurements = c.count) {
  const start = deps.clock.now().getTime();
  const records = c.queries.map((q) => ({
    name: q.name,
    query: fillPlaceholders(q.query, p),
    success: q.success,
    measurements: []
  }));
  deps.log(
    `Metrics gate (${phase}): ${records.length} quer${records.length === 1 ? "y" : "ies"} against ${c.url}, ${measurements} measurement(s) every ${c.intervalSeconds}s, failure-limit ${c.failureLimit}`
  );
  for (const r of records) deps.log(`  ${r.name}: ${r.query} ${r.success.text}`);
  const timeoutMs = Math.max(2e3, Math.min(1e4, c.intervalSeconds * 1e3));
  let verdict = { kind: "continue" };
  for (let round = 0; round < measurements; round++) {
    if (round > 0) {
      const due = start + round * c.intervalSeconds * 1e3;
      const wait = due - deps.clock.now().getTime();
      if (wait > 0) await raceAbort(deps.clock.sleep(wait, deps.cancel), deps.cancel);
    }
    if (deps.cancel?.aborted) {
      verdict = { kind: "failed", reason: "the run was cancelled before the metrics gate finished" };
      break;
    }
    const at2 = Math.round((deps.clock.now().getTime() - start) / 100) / 10;
    const c0 = c.queries;
    const samples = await Promise.all(
      records.map(
        (r) => queryPrometheus(c.url, r.query, {
          headers: c.headers,
          auth: c.auth,
          fetchImpl: deps.fetchImpl,
          timeoutMs
        })
      )
    );
    records.forEach((r, i) => {
      const m = judgeSample(c0[i], samples[i], at2);
      r.measurements.push(m);
      const shown = m.values.length > 0 ? m.values.map((v) => `${v.series}${formatValue(v.value)}`).join(", ") : m.detail ?? "";
      deps.log(`  ${at2}s ${r.name}: ${m.outcome.toUpperCase()} ${shown}`);
    });
    verdict = decideGate(records, c, measurements);
    if (verdict.kind !== "continue") break;
  }
  if (verdict.kind === "continue")
    verdict = { kind: "failed", reason: "the metrics gate ended without a verdict" };
  deps.log(`Metrics gate (${phase}): ${verdict.kind}: ${verdict.reason}`);
  return {
    phase,
    verdict,
    queries: records,
    durationSeconds: Math.round((deps.clock.now().getTime() - start) / 100) / 10
  };
}
var gatePasses = (r) => r.verdict.kind === "passed" || r.verdict.kind === "ignored";

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
    const spec2 = specOf(pod, c.name, false);
    const startedAt = at(c.state?.running?.startedAt) ?? now;
    const key = `${podKey}/${c.name}/started`;
    let deadline;
    let why;
    if (c.started === false && spec2?.startupProbe) {
      const w = startupWindowSeconds(spec2.startupProbe);
      deadline = startedAt + (w + margin) * 1e3;
      why = `startupProbe allows ${w}s`;
    } else {
      const anchor = spec2?.startupProbe ? ctx.memory.firstSeen(key, now) : startedAt;
      const w = readinessWindowSeconds(spec2?.readinessProbe);
      deadline = anchor + (w + margin) * 1e3;
      why = spec2?.readinessProbe ? `readinessProbe allows ${w}s` : "no readinessProbe";
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

// src/analysis/check.ts
function metricsGateCheck(analysis, placeholders, deps, phase = "verify") {
  const reports = [];
  return {
    name: "metrics gate",
    reports,
    async run() {
      const r = await runGate(analysis, placeholders, phase, deps);
      reports.push(r);
      if (r.verdict.kind === "ignored") deps.warn(r.verdict.reason);
      return gatePasses(r) ? { passed: true } : { passed: false, failure: `metrics gate failed: ${r.verdict.reason}` };
    }
  };
}

// src/verify/health.ts
async function checkHealth(check, timeoutSeconds, clock, fetchImpl = fetch, intervalMs = 2e3) {
  const deadline = clock.now().getTime() + timeoutSeconds * 1e3;
  let attempts = 0;
  let detail;
  let status;
  for (; ; ) {
    attempts++;
    try {
      const res = await fetchImpl(check.url, {
        redirect: "manual",
        signal: AbortSignal.timeout(1e4)
      });
      status = res.status;
      await res.body?.cancel();
      if (res.status === check.expectedStatus)
        return { url: check.url, ok: true, status, attempts, detail: `answered ${status}` };
      detail = `answered ${res.status}, expected ${check.expectedStatus}`;
    } catch (e) {
      const cause = e.cause;
      detail = `request failed: ${cause?.code ?? cause?.message ?? e.message}`;
    }
    if (clock.now().getTime() + intervalMs > deadline)
      return { url: check.url, ok: false, status, attempts, detail };
    await clock.sleep(intervalMs);
  }
}

// src/verify/checks.ts
async function runChecks(checks) {
  for (const check of checks) {
    const verdict = await check.run();
    if (!verdict.passed) return verdict.failure;
  }
  return void 0;
}
function healthChecks(urls, timeoutSeconds, tools) {
  const results = [];
  return {
    name: "health checks",
    results,
    async run() {
      for (const url of urls) {
        const r = await checkHealth(url, timeoutSeconds, tools.clock, tools.fetchImpl);
        tools.log(
          `Health check ${r.url}: ${r.ok ? "ok" : "FAILED"} (${r.detail}, ${r.attempts} attempt(s))`
        );
        results.push(r);
      }
      const bad = results.filter((h) => !h.ok);
      return bad.length === 0 ? { passed: true } : {
        passed: false,
        failure: `health check failed: ${bad.map((h) => `${h.url} ${h.detail}`).join("; ")}`
      };
    }
  };
}
function helmTest(test) {
  return {
    name: "helm test",
    async run() {
      const r = await test();
      return r.exitCode === 0 ? { passed: true } : { passed: false, failure: `helm test failed: ${new HelmError("test", r).message}` };
    }
  };
}
function postRolloutChecks(config, tools) {
  const health = healthChecks(config.healthChecks, config.healthCheckTimeoutSeconds, tools);
  const checks = [health];
  if (config.runTests) checks.push(helmTest(tools.helmTest));
  const gate = config.analysis ? metricsGateCheck(
    config.analysis,
    {
      release: config.release ?? "",
      namespace: tools.namespace ?? config.namespace ?? "default"
    },
    { ...tools, warn: tools.warn ?? tools.log }
  ) : void 0;
  if (gate) checks.push(gate);
  return { checks, health, gate };
}

// src/verify/watch.ts
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
    const round = new AbortController();
    await raceAbort(
      Promise.race([
        clock.sleep(!workloads && p.workloadsPollMs?.() || (p.pollMs ?? 1e3), round.signal),
        // A change wakes the watcher; a short settle lets a burst of changes land in one read.
        ...p.wake ? [
          new Promise((resolve) => unsubscribe = p.wake(() => resolve())).then(
            () => clock.sleep(50, round.signal)
          )
        ] : [],
        ...p.process && !exited ? [p.process.done] : []
      ]),
      p.cancel
    );
    round.abort();
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

// src/deploy/outcome.ts
var secondsBetween = (from, to) => Math.round((to - from) / 100) / 10;
function startingPoint(history) {
  return {
    good: lastGoodRevision(history),
    deployed: [...history].reverse().find((h) => h.status === "deployed"),
    attempted: (history.at(-1)?.revision ?? 0) + 1,
    firstInstall: history.length === 0
  };
}
function outcomeFailure(o) {
  switch (o.kind) {
    case "complete":
      return void 0;
    case "failed":
      return o.assessment.failures.map(describeFailure).join("\n");
    case "process-failed":
      return new HelmError("upgrade", o.process).message;
    case "cancelled":
      return "the run was cancelled before the rollout was verified";
    case "timeout": {
      const waiting2 = (o.assessment?.progress ?? []).filter((p) => !p.complete).map((p) => `${p.workload}: ${p.note ?? "not ready"}`);
      return `rollout did not finish within the timeout${waiting2.length ? `; still waiting for ${waiting2.join("; ")}` : ""}`;
    }
  }
}
function detection(o, upgradeStartedAt) {
  return o.kind === "failed" ? {
    failures: o.assessment.failures,
    detectionSeconds: secondsBetween(upgradeStartedAt, o.detectedAt.getTime())
  } : { failures: [] };
}
function restoreVerdict(revision, o) {
  if (o.kind === "complete")
    return { healthy: true, detail: `revision ${revision} restored and healthy` };
  return {
    healthy: false,
    detail: o.kind === "cancelled" ? `revision ${revision} restored; its rollout was not watched (the run was cancelled)` : `revision ${revision} restored but not healthy: ${outcomeFailure(o)}`
  };
}
function reportsLeftAsIs(d, rollbackOnFailure, historyNow) {
  return d.action === "leave" && rollbackOnFailure && historyNow.length > 0;
}
function unknownOutcomeMessage(release, namespace, attempted, cause) {
  return `The outcome of revision ${attempted} of ${release} is unknown: the cluster stopped answering after helm started it (${cause}). Nothing was rolled back. Check what is live with: helm history ${release} --namespace ${namespace}; and the rollout of its workloads (kubectl rollout status --namespace ${namespace} ...).`;
}

// src/deploy/deploy.ts
async function deploy(s, deps) {
  const { config } = s;
  const warn = deps.warn ?? ((l) => s.log(`Warning: ${l}`));
  let deadline;
  const policy = { ...defaultRetryPolicy(s.log), deadline: () => deadline };
  s.helm.retryReads(policy);
  deps.kube.configure({ retry: policy, warn });
  return deployRelease(config, s.target.namespace ?? "default", {
    ...restorePorts(s, deps),
    lock: leaseLock(s, deps, warn),
    early: deps.early?.then((e) => e?.release),
    prepareNamespace: () => prepareNamespace(deps.kube, config.release, runUrlFromEnv(), s.log),
    readsRetryUntil: (d) => {
      deadline = d;
    },
    onStarted: deps.onStarted,
    remember: deps.remember,
    warn,
    fetchImpl: deps.fetchImpl
  });
}
function restorePorts(s, deps) {
  return {
    helm: releaseHelm(
      s.helm,
      s.target,
      s.config,
      { chart: s.chart, values: s.values },
      deps.stored
    ),
    reader: deps.reader ?? { snapshot: (w) => deps.kube.releaseSnapshot(w) },
    clock: deps.clock,
    log: s.log,
    deletePod: (name) => deps.kube.deletePod(name),
    pollMs: deps.pollMs,
    recordPollMs: deps.recordPollMs,
    cancel: deps.cancel
  };
}
function leaseLock(s, deps, warn) {
  let lock;
  return {
    async acquire() {
      lock = new DeployLock(
        deps.kube,
        s.config.release,
        deps.holder ?? holderFromEnv(process.env),
        {
          ...defaultLockTiming,
          ...deps.lockTiming,
          readLease: deps.readLease,
          replaceLease: deps.replaceLease,
          clock: deps.clock,
          log: s.log,
          warn
        }
      );
      const got = await lock.acquire(s.config.lockTimeoutSeconds, (await deps.early)?.lease);
      deps.remember?.({ lock: { name: lock.name, holder: lock.me.identity } });
      lock.startRenewing();
      return {
        kind: "held",
        previous: got.previous,
        previousHolder: got.previousHolder,
        unchangedSincePeek: got.unchangedSincePeek
      };
    },
    release: async () => {
      await lock?.releaseOrWarn(warn);
    }
  };
}
async function deployRelease(config, namespace, ports) {
  const phase = { startedAt: ports.clock.now().getTime() };
  if (config.createNamespace)
    phase.helmCreatesNamespace = (await ports.prepareNamespace()).helmCreates;
  let lock = { kind: "disabled" };
  if (config.lock) lock = await ports.lock.acquire();
  else
    ports.log(
      "Deploying without the deploy lock (lock: false): runs of this release are not serialized."
    );
  try {
    return await deployLocked(config, namespace, ports, lock, phase);
  } catch (e) {
    if (!(e instanceof UnreachableError) || phase.attempted === void 0 || !phase.result) throw e;
    const result = phase.result;
    result.ok = false;
    result.revision = void 0;
    result.unknown = unknownOutcomeMessage(config.release, namespace, phase.attempted, e.message);
    result.error = result.unknown;
    result.durationSeconds = secondsBetween(phase.startedAt, ports.clock.now().getTime());
    return result;
  } finally {
    if (config.lock) await ports.lock.release();
  }
}
async function deployLocked(config, namespace, ports, lock, phase) {
  const { helm, clock, log } = ports;
  const t0 = clock.now().getTime();
  const result = {
    ok: false,
    release: config.release,
    namespace,
    imagesBefore: [],
    imagesAfter: [],
    changed: false,
    progress: [],
    failures: [],
    health: [],
    warnings: [],
    durationSeconds: 0
  };
  phase.result = result;
  const early = await earlyReadsToUse(lock, ports.early);
  const current = readAgainUnless(early?.status, () => helm.status()).catch(() => void 0);
  const { history, recovered } = await settlePending(helm, config, lock, log, early?.history);
  result.recovered = recovered;
  const start = startingPoint(history);
  const { good, deployed, attempted } = start;
  result.previousRevision = deployed?.revision;
  result.chartBefore = deployed?.chart;
  const now = await current;
  const manifestBefore = !deployed ? "" : now?.revision === deployed.revision ? now.manifest : await helm.manifest(deployed.revision);
  result.imagesBefore = imagesOf(parseManifests(manifestBefore));
  result.attemptedRevision = attempted;
  const before = baselineOf(await ports.reader.snapshot(workloadsOf(manifestBefore, namespace)));
  ports.remember?.({ lastGood: good?.revision, attempted });
  phase.attempted = attempted;
  ports.readsRetryUntil?.(clock.now().getTime() + config.timeoutSeconds * 1e3);
  ports.onStarted?.(good?.revision);
  const upgradeStart = clock.now().getTime();
  const upgrade = helm.startUpgrade({
    createNamespace: phase.helmCreatesNamespace === true,
    // A release this run installs is marked as the action's, for mode remove.
    labels: start.firstInstall ? installedByLabels(helm.version) : void 0
  });
  const outcome = await (ports.watch ?? watchRollout)({
    snapshot: (w) => ports.reader.snapshot(w),
    wake: ports.reader.onChange?.bind(ports.reader),
    // Once helm has exited, its own record of the revision (upgrade --output json) names the
    // workloads; while it runs, the pending record is read back.
    workloads: async () => revisionWorkloads(
      helm,
      attempted,
      namespace,
      log,
      upgrade.exited() ? recordOf(await upgrade.done, attempted) : void 0
    ),
    process: upgrade,
    workloadsPollMs: ports.recordPollMs,
    timeoutSeconds: config.timeoutSeconds,
    policy: config.verdict,
    before,
    releaseNamespace: namespace,
    pollMs: ports.pollMs,
    clock,
    onProgress: progressLogger(log),
    onReadError: readErrorLogger(log),
    cancel: ports.cancel
  });
  result.warnings = outcome.assessment?.warnings ?? [];
  result.progress = outcome.assessment?.progress ?? [];
  const verify = postRolloutChecks(config, {
    clock,
    log,
    warn: ports.warn,
    namespace,
    fetchImpl: ports.fetchImpl,
    cancel: ports.cancel,
    helmTest: () => helm.test()
  });
  const failure = outcomeFailure(outcome) ?? await runChecks(verify.checks);
  result.health = [...verify.health.results];
  if (verify.gate) result.gates = [...verify.gate.reports];
  if (!failure) {
    const own = outcome.process && recordOf(outcome.process, attempted)?.info;
    const { info: after, chart: chart2 } = own ? { info: own, chart: own.chart } : await releaseNow(helm);
    result.ok = true;
    result.revision = after?.revision;
    result.chartAfter = chart2;
    const manifestAfter = after?.manifest ?? "";
    result.imagesAfter = imagesOf(parseManifests(manifestAfter));
    result.changed = manifestAfter.trimEnd() !== manifestBefore.trimEnd();
    result.durationSeconds = secondsBetween(t0, clock.now().getTime());
    return result;
  }
  result.error = failure;
  Object.assign(result, detection(outcome, upgradeStart));
  log(`Deploy of revision ${attempted} failed: ${failure}`);
  const historyNow = await helm.history();
  const recorded = recordedByThisRun(history, historyNow, attempted, outcome.process?.stderr);
  result.changed = recorded;
  const decision = decideRemediation({
    situation: "failed",
    release: config.release,
    historyBefore: history,
    historyAfter: historyNow,
    attemptedRevision: attempted,
    recorded,
    rollbackOnFailure: config.rollbackOnFailure,
    uninstallOnFailedInstall: config.uninstallOnFailedInstall,
    recoverPending: config.recoverPending,
    lock
  });
  if (decision.action === "rollback")
    result.rollback = await restoreRevision(config, ports, decision.to, namespace);
  else if (decision.action === "uninstall")
    result.rollback = await uninstallFailedInstall(config.release, ports);
  else if (reportsLeftAsIs(decision, config.rollbackOnFailure, historyNow)) {
    log(`Nothing undone: ${decision.reason}.`);
    result.rollback = {
      healthy: false,
      uninstalled: false,
      detail: decision.reason,
      durationSeconds: 0
    };
  }
  const { info: final, chart } = await releaseNow(helm);
  result.revision = recorded ? final?.revision : void 0;
  result.chartAfter = chart;
  result.imagesAfter = final ? imagesOf(parseManifests(final.manifest)) : [];
  result.durationSeconds = secondsBetween(t0, clock.now().getTime());
  return result;
}
async function releaseNow(helm) {
  const info = await helm.status();
  return { info, chart: info?.chart ?? (await helm.history()).at(-1)?.chart };
}
function recordOf(r, revision) {
  if (r.exitCode !== 0) return void 0;
  const own = parseUpgradeOutput(r.stdout);
  return own?.info.revision === revision ? own : void 0;
}
async function revisionWorkloads(helm, revision, namespace, log, own) {
  const recorded = own ? { manifest: own.info.manifest, hooks: own.hooks } : await helm.recorded(revision);
  if (!recorded) return void 0;
  const workloads = workloadsOf(recorded.manifest, namespace, recorded.hooks);
  const names = (hook) => workloads.filter((w) => !!w.hook === hook).map((w) => workloadName(w, namespace)).join(", ");
  log(
    `Watching ${names(false) || "no workloads"}${workloads.some((w) => w.hook) ? ` and hook ${names(true)}` : ""}`
  );
  return workloads;
}
function progressLogger(log) {
  let previous = "";
  const said = /* @__PURE__ */ new Set();
  return (a) => {
    const line = a.progress.map(
      (p) => `${p.workload} ${p.ready}/${p.desired}${p.complete ? " ready" : p.note ? ` (${p.note})` : ""}`
    ).join(" | ");
    if (line !== previous) log(`Rollout: ${line || "no workloads"}`);
    previous = line;
    for (const w of a.waiting) {
      const gist = w.replace(/\d+s/g, "");
      if (said.has(gist)) continue;
      said.add(gist);
      log(`  giving time: ${w}`);
    }
  };
}
function readErrorLogger(log) {
  let last = "";
  return (e) => {
    if (e.message !== last)
      log(`Could not read the rollout (no verdict from this read): ${e.message}`);
    last = e.message;
  };
}
function rollback(s, deps, to, namespace) {
  return restoreRevision(s.config, restorePorts(s, deps), to, namespace);
}
async function restoreRevision(config, ports, to, namespace) {
  const { helm, clock, log } = ports;
  const start = clock.now().getTime();
  log(`Rolling back ${config.release} to revision ${to.revision} (${to.chart})`);
  const r = await helm.rollback(to.revision);
  if (r.exitCode !== 0) {
    return {
      toRevision: to.revision,
      healthy: false,
      uninstalled: false,
      detail: new HelmError("rollback", r).message,
      durationSeconds: secondsBetween(start, clock.now().getTime())
    };
  }
  const workloads = workloadsOf(await helm.manifest(to.revision), namespace);
  const replaced = /* @__PURE__ */ new Set();
  const outcome = await (ports.watch ?? watchRollout)({
    snapshot: (w) => ports.reader.snapshot(w),
    wake: ports.reader.onChange?.bind(ports.reader),
    workloads: () => Promise.resolve(workloads.filter((w) => w.kind !== "Job")),
    timeoutSeconds: config.timeoutSeconds,
    policy: config.verdict,
    releaseNamespace: namespace,
    pollMs: ports.pollMs,
    clock,
    onProgress: progressLogger(log),
    onReadError: readErrorLogger(log),
    // A cancelled run has seconds before the runner kills it: the rollback is applied, not watched.
    cancel: ports.cancel,
    onSnapshot: async (snap) => {
      for (const pod of stuckStatefulSetPods(snap, workloads)) {
        if (replaced.has(pod)) continue;
        replaced.add(pod);
        log(
          `Replacing pod ${pod}: a StatefulSet does not replace a broken pod by itself after a rollback`
        );
        await ports.deletePod(pod);
      }
    }
  });
  const status = await helm.status();
  return {
    toRevision: to.revision,
    revision: status?.revision,
    ...restoreVerdict(to.revision, outcome),
    uninstalled: false,
    durationSeconds: secondsBetween(start, clock.now().getTime())
  };
}
function stuckStatefulSetPods(snap, workloads) {
  const names = new Set(workloads.filter((w) => w.kind === "StatefulSet").map((w) => w.name));
  const stuck = [];
  for (const ss of snap.statefulSets) {
    if (!names.has(ss.metadata.name) || !ss.status?.updateRevision) continue;
    if ((ss.status.observedGeneration ?? 0) < (ss.metadata.generation ?? 0)) continue;
    for (const p of snap.pods) {
      const owned = (p.metadata.ownerReferences ?? []).some(
        (o) => o.kind === "StatefulSet" && o.name === ss.metadata.name
      );
      const ready = (p.status?.conditions ?? []).some(
        (c) => c.type === "Ready" && c.status === "True"
      );
      if (owned && !ready && !p.metadata.deletionTimestamp && p.metadata.labels?.["controller-revision-hash"] !== ss.status.updateRevision)
        stuck.push(p.metadata.name);
    }
  }
  return stuck;
}
async function uninstallFailedInstall(release, ports) {
  const start = ports.clock.now().getTime();
  ports.log(
    `First install of ${release} failed and it never worked: uninstalling it (uninstall-on-failed-install)`
  );
  const r = await ports.helm.uninstall();
  return {
    healthy: r.exitCode === 0,
    uninstalled: r.exitCode === 0,
    detail: r.exitCode === 0 ? "failed first install uninstalled" : new HelmError("uninstall", r).message,
    durationSeconds: secondsBetween(start, ports.clock.now().getTime())
  };
}

// src/kube/api-discovery.ts
function groupVersionPath(apiVersion) {
  return apiVersion.includes("/") ? `/apis/${apiVersion}` : `/api/${apiVersion}`;
}
function resourceForKind(doc, kind) {
  const r = (doc.resources ?? []).find((x) => x.kind === kind && !x.name.includes("/"));
  if (!r) return void 0;
  return {
    plural: r.name,
    namespaced: r.namespaced,
    watchable: r.verbs === void 0 || r.verbs.includes("watch")
  };
}
function collectionPath(apiVersion, r, namespace) {
  const ns = r.namespaced ? `/namespaces/${encodeURIComponent(namespace)}` : "";
  return `${groupVersionPath(apiVersion)}${ns}/${r.plural}`;
}

// src/kube/label-selector.ts
function selectorQuery(selector) {
  if (!selector) return void 0;
  const parts = [];
  for (const [key, value] of Object.entries(selector.matchLabels ?? {}))
    parts.push(`${key}=${value}`);
  for (const e of selector.matchExpressions ?? []) {
    const values = [...e.values ?? []].sort();
    switch (e.operator) {
      case "In":
      case "NotIn":
        if (values.length === 0)
          throw new UserError(`label selector ${e.key} ${e.operator} has no values`);
        parts.push(`${e.key} ${e.operator === "In" ? "in" : "notin"} (${values.join(",")})`);
        break;
      case "Exists":
        parts.push(e.key);
        break;
      case "DoesNotExist":
        parts.push(`!${e.key}`);
        break;
      default:
        throw new UserError(
          `label selector operator ${JSON.stringify(e.operator)} on ${e.key} is not one of In, NotIn, Exists, DoesNotExist`
        );
    }
  }
  return [...new Set(parts)].sort().join(",");
}

// src/kube/release-streams.ts
var BUILT_IN = {
  Deployment: { group: "apps/v1", plural: "deployments" },
  StatefulSet: { group: "apps/v1", plural: "statefulsets" },
  DaemonSet: { group: "apps/v1", plural: "daemonsets" },
  Job: { group: "batch/v1", plural: "jobs" },
  ReplicaSet: { group: "apps/v1", plural: "replicasets" },
  ControllerRevision: { group: "apps/v1", plural: "controllerrevisions" },
  Pod: { group: "v1", plural: "pods" },
  Event: { group: "v1", plural: "events" }
};
var DEPENDENTS = {
  Deployment: ["ReplicaSet", "Pod"],
  StatefulSet: ["ControllerRevision", "Pod"],
  DaemonSet: ["ControllerRevision", "Pod"],
  Job: ["Pod"]
};
var MAX_PER_POD_EVENT_STREAMS = 20;
var spec = (kind, namespace, query, what, optional = false) => {
  const b = BUILT_IN[kind];
  const path = collectionPath(
    b.group,
    { plural: b.plural, namespaced: true, watchable: true },
    namespace
  );
  const role = kind === "Event" ? "events" : "objects";
  return keyed({ path, query, kind, what, optional, role, watchable: true });
};
function keyed(s) {
  const q = new URLSearchParams(Object.entries(s.query).sort(([a], [b]) => a.localeCompare(b)));
  return { ...s, key: `${s.path}?${q.toString()}` };
}
var label = (r) => `${r.kind}/${r.name} in namespace ${r.namespace}`;
function objectStream(r, discovery) {
  const byName = { fieldSelector: `metadata.name=${r.name}` };
  if (r.apiVersion === void 0) return spec(r.kind, r.namespace, byName, label(r));
  const doc = discovery(r.apiVersion);
  const res = doc && resourceForKind(doc, r.kind);
  if (!res) return void 0;
  return keyed({
    path: collectionPath(r.apiVersion, res, r.namespace),
    query: byName,
    kind: r.kind,
    what: label(r),
    optional: true,
    role: "custom",
    watchable: res.watchable
  });
}
function dependentStreams(r, workload) {
  if (r.apiVersion !== void 0 || !workload) return [];
  const selector = selectorQuery(
    workload.spec?.selector
  );
  const out = [];
  if (selector !== void 0)
    for (const kind of DEPENDENTS[r.kind] ?? [])
      out.push(spec(kind, r.namespace, { labelSelector: selector }, `${kind}s of ${label(r)}`));
  if (r.kind === "StatefulSet")
    out.push(
      spec(
        "Event",
        r.namespace,
        { fieldSelector: `involvedObject.kind=StatefulSet,involvedObject.name=${r.name}` },
        `events about ${label(r)}`,
        true
      )
    );
  return out;
}
function podEventStreams(namespace, podNames) {
  const names = [...new Set(podNames)].sort();
  if (names.length > MAX_PER_POD_EVENT_STREAMS)
    return [
      spec(
        "Event",
        namespace,
        { fieldSelector: "involvedObject.kind=Pod" },
        `pod events in namespace ${namespace}`,
        true
      )
    ];
  return names.map(
    (n) => spec(
      "Event",
      namespace,
      { fieldSelector: `involvedObject.kind=Pod,involvedObject.name=${n}` },
      `events about pod ${n} in namespace ${namespace}`,
      true
    )
  );
}
var objectId = (o) => `${o.kind}/${o.metadata.namespace ?? ""}/${o.metadata.name}`;
function snapshotFromStreams(streams) {
  const by = (role) => {
    const seen = /* @__PURE__ */ new Map();
    for (const s of streams)
      if (s.spec.role === role) for (const o of s.items) seen.set(objectId(o), o);
    return [...seen.values()];
  };
  const objects = by("objects");
  const pods = new Set(
    objects.filter((o) => o.kind === "Pod").map((p) => `${p.metadata.namespace ?? ""}/${p.metadata.name}`)
  );
  const events = by("events").filter(
    (e) => e.involvedObject.kind !== "Pod" || pods.has(
      `${e.involvedObject.namespace ?? e.metadata.namespace ?? ""}/${e.involvedObject.name}`
    )
  );
  return snapshotOf(
    objects,
    events,
    by("custom")
  );
}

// src/kube/watch-cache.ts
var keyOf = (o) => `${o.metadata.namespace ?? ""}/${o.metadata.name}`;
var stamped = (o, kind) => o.kind ? o : { ...o, kind };
function applyWatchEvent(cache, e, kind) {
  const rv = e.object?.metadata?.resourceVersion;
  switch (e.type) {
    case "ADDED":
    case "MODIFIED": {
      const key = keyOf(e.object);
      const old = cache.get(key);
      cache.set(key, stamped(e.object, kind));
      return {
        kind: old?.metadata.resourceVersion === rv ? "unchanged" : "changed",
        resourceVersion: rv
      };
    }
    case "DELETED":
      return { kind: cache.delete(keyOf(e.object)) ? "changed" : "unchanged", resourceVersion: rv };
    case "BOOKMARK":
      return { kind: "unchanged", resourceVersion: rv };
    case "ERROR": {
      const o = e.object ?? {};
      if (o.code === 410 || o.reason === "Expired" || o.reason === "Gone") return { kind: "gone" };
      return {
        kind: "error",
        message: `${o.code ?? ""} ${o.reason ?? ""}: ${o.message ?? ""}`.trim()
      };
    }
    default:
      return { kind: "error", message: `unknown watch event type ${JSON.stringify(e.type)}` };
  }
}
function replaceCache(cache, items, kind) {
  const next = new Map(items.map((o) => [keyOf(o), stamped(o, kind)]));
  let changed = next.size !== cache.size;
  for (const [k, o] of next)
    if (cache.get(k)?.metadata.resourceVersion !== o.metadata.resourceVersion) changed = true;
  cache.clear();
  for (const [k, o] of next) cache.set(k, o);
  return changed;
}

// src/kube/watch-stream.ts
var ApiStatusError = class extends ExternalError {
  constructor(what, response) {
    const detail = `HTTP ${response.status} ${statusMessage(response.body)}`.trim();
    super(`reading ${what} failed: ${detail}`);
    this.what = what;
    this.response = response;
    this.name = "ApiStatusError";
    this.detail = detail;
  }
  what;
  response;
  /** `HTTP 403 Forbidden: pods is forbidden: ...` */
  detail;
};
function isNotFoundStatus(body) {
  try {
    const s = JSON.parse(body);
    return s.kind === "Status" && s.reason === "NotFound";
  } catch {
    return false;
  }
}
function statusMessage(body) {
  try {
    const s = JSON.parse(body);
    return [s.reason, s.message].filter(Boolean).join(": ");
  } catch {
    return body.trim().split("\n")[0]?.slice(0, 200) ?? "";
  }
}
var WATCH_SECONDS = 60;
var IDLE_MS = (WATCH_SECONDS + 30) * 1e3;
var FORBIDDEN_RETRY_MS = 3e4;
var POLL_MS = 1e3;
var WatchStream = class {
  constructor(spec2, api, hooks) {
    this.spec = spec2;
    this.api = api;
    this.hooks = hooks;
    this.pollOnly = !spec2.watchable;
    void this.run();
  }
  spec;
  api;
  hooks;
  cache = /* @__PURE__ */ new Map();
  state = "syncing";
  error;
  /** Since when the stream has been down (ms since the epoch). */
  downSince;
  /** When a snapshot last needed this stream. */
  lastWanted = Date.now();
  resourceVersion;
  needList = true;
  pollOnly;
  abort = new AbortController();
  get closed() {
    return this.abort.signal.aborted;
  }
  items() {
    return [...this.cache.values()];
  }
  close() {
    this.abort.abort();
  }
  setState(state, error) {
    if (state === "down" && this.state !== "down") this.downSince = Date.now();
    if (state !== "down") this.downSince = void 0;
    const moved = state !== this.state || error !== this.error;
    this.state = state;
    this.error = error;
    if (moved) this.hooks.state();
  }
  async run() {
    const signal = this.abort.signal;
    while (!signal.aborted) {
      try {
        await pRetry(() => this.cycle(), {
          retries: Infinity,
          minTimeout: 250,
          maxTimeout: 5e3,
          factor: 2,
          randomize: true,
          unref: true,
          signal,
          onFailedAttempt: ({ error }) => {
            if (!signal.aborted) this.setState("down", error.message);
          }
        });
      } catch (e) {
        if (!signal.aborted) {
          this.setState("down", e.message);
          await sleep(1e3, signal);
        }
      }
    }
  }
  /** One LIST (when needed) and one WATCH until the server ends it. */
  async cycle() {
    const { spec: spec2, api } = this;
    if (this.needList) {
      if (this.state !== "syncing") this.setState("syncing", this.error);
      const r = await api.get(spec2.key);
      if (r.status === 403 || r.status === 401) {
        const error = new ApiStatusError(spec2.what, r).detail;
        if (this.state !== "forbidden" && spec2.optional)
          this.hooks.warn(
            `Not reading ${spec2.what}: the credentials may not list them (${error}); grant "list" and "watch" on them to see them in failure reports`
          );
        this.setState("forbidden", error);
        await sleep(FORBIDDEN_RETRY_MS, this.abort.signal);
        return;
      }
      const list = r.status === 404 ? { items: [] } : r.status === 200 ? JSON.parse(r.body) : void 0;
      if (!list) throw new ApiStatusError(spec2.what, r);
      const changed = replaceCache(this.cache, list.items ?? [], spec2.kind);
      this.resourceVersion = "metadata" in list ? list.metadata?.resourceVersion : void 0;
      this.needList = false;
      this.setState("live");
      if (changed) this.hooks.changed();
      if (r.status === 404 || !this.resourceVersion) {
        await sleep(5 * POLL_MS, this.abort.signal);
        this.needList = true;
        return;
      }
    }
    if (this.pollOnly) {
      await sleep(POLL_MS, this.abort.signal);
      this.needList = true;
      return;
    }
    await this.watchOnce();
  }
  async watchOnce() {
    const { spec: spec2 } = this;
    const query = new URLSearchParams({
      watch: "1",
      resourceVersion: this.resourceVersion ?? "",
      allowWatchBookmarks: "true",
      timeoutSeconds: String(WATCH_SECONDS)
    });
    const request = new AbortController();
    const stop = () => request.abort();
    this.abort.signal.addEventListener("abort", stop, { once: true });
    let relist = false;
    let failure;
    try {
      const r = await this.api.watch(
        `${spec2.key}&${query.toString()}`,
        {
          open: () => this.setState("live"),
          line: (line) => {
            if (relist || failure) return;
            const applied = applyWatchEvent(this.cache, JSON.parse(line), spec2.kind);
            if (applied.kind === "gone") relist = true;
            else if (applied.kind === "error") failure = applied.message;
            else {
              if (applied.resourceVersion) this.resourceVersion = applied.resourceVersion;
              if (applied.kind === "changed") this.hooks.changed();
              return;
            }
            request.abort();
          }
        },
        request.signal,
        IDLE_MS
      );
      if (r.status === 410) relist = true;
      else if (r.status === 403) {
        this.hooks.warn(
          `Reading ${spec2.what} by listing every second: the credentials may not watch them (grant "watch" to follow them as they change)`
        );
        this.pollOnly = true;
        this.needList = true;
        return;
      } else if (r.status !== 200) throw new ApiStatusError(spec2.what, r);
    } catch (e) {
      if (!relist && !failure) throw e;
    } finally {
      this.abort.signal.removeEventListener("abort", stop);
    }
    if (failure) throw new ExternalError(`watching ${spec2.what} failed: ${failure}`);
    if (relist) this.needList = true;
  }
};
function sleep(ms, signal) {
  return new Promise((resolve) => {
    if (signal.aborted) return resolve();
    const t = setTimeout(done, ms);
    t.unref();
    signal.addEventListener("abort", done, { once: true });
    function done() {
      clearTimeout(t);
      signal.removeEventListener("abort", done);
      resolve();
    }
  });
}

// src/kube/release-watch.ts
var DISCOVERY_RETRY_MS = 5e3;
var HEALTH_MS = 3e3;
var READ_MS = 1e4;
var ReleaseWatch = class _ReleaseWatch {
  constructor(api, options = {}) {
    this.api = api;
    this.options = options;
  }
  api;
  options;
  streams = /* @__PURE__ */ new Map();
  discovery = /* @__PURE__ */ new Map();
  listeners = /* @__PURE__ */ new Set();
  wakers = /* @__PURE__ */ new Set();
  warned = /* @__PURE__ */ new Set();
  healthyAt = 0;
  closed = false;
  /** A watch that reads through `kubectl proxy`, with the kubeconfig and context of `command`. */
  static throughKubectl(command, options = {}) {
    return new _ReleaseWatch(new KubectlProxy(command, { log: options.debug }), options);
  }
  /** Starts the connection now, so that the first snapshot does not wait for it. */
  prepare() {
    this.api.prepare?.();
  }
  /** The cluster's Kubernetes minor (`1.35`) from `/version`, through the proxy. */
  async serverVersion() {
    const r = await this.api.get("/version", READ_MS);
    if (r.status !== 200)
      throw new ExternalError(`reading /version: HTTP ${r.status} ${statusMessage(r.body)}`);
    return minorVersion(JSON.parse(r.body));
  }
  /**
   * One object by its API path, through the proxy; undefined when the API server says it does not
   * exist. Anything else (a path it does not serve, a denial, no answer) rejects.
   */
  async getObject(path) {
    const r = await this.api.get(path, READ_MS);
    if (r.status === 200) return JSON.parse(r.body);
    if (r.status === 404 && isNotFoundStatus(r.body)) return void 0;
    throw new ExternalError(`reading ${path}: HTTP ${r.status} ${statusMessage(r.body)}`);
  }
  /** What was read from the API server so far. */
  get stats() {
    return { ...this.api.stats, streams: this.streams.size };
  }
  /**
   * Calls `listener` whenever an object of the release changed, so a poller can read at once.
   * Returns the function that removes it.
   */
  onChange(listener) {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
  /** The release's workloads, their ReplicaSets, ControllerRevisions, pods, events and custom resources. */
  async snapshot(refs) {
    if (this.closed) throw new Error("the release watch was closed");
    await this.checkHealth();
    await this.discover(refs);
    const started = Date.now();
    const syncMs = this.options.syncMs ?? 2e4;
    const resumeMs = this.options.resumeMs ?? 2e3;
    for (; ; ) {
      const { streams, added } = this.plan(refs);
      const late = (s) => s.state === "forbidden" || s.state === "down" && Date.now() - (s.downSince ?? 0) >= resumeMs;
      const usable = streams.filter((s) => {
        if (!s.spec.optional || !late(s)) return true;
        if (s.state !== "forbidden")
          this.warnOnce(
            `unreadable ${s.spec.key}`,
            `Not reading ${s.spec.what}: ${s.error ?? "no answer"}`
          );
        return false;
      });
      const blocking = usable.filter((s) => s.state !== "live");
      const failed = blocking.filter(late);
      if (failed.length > 0) throw new ExternalError(describeProblems(failed));
      if (blocking.length === 0 && !added) {
        this.sweep();
        return snapshotFromStreams(usable.map((s) => ({ spec: s.spec, items: s.items() })));
      }
      if (Date.now() - started >= syncMs)
        throw new ExternalError(
          `the Kubernetes API did not list ${blocking.map((s) => s.spec.what).join(", ")} within ${syncMs / 1e3}s`
        );
      await this.nextStateChange(100);
    }
  }
  /** Stops every stream and the proxy, and removes its socket. */
  close() {
    if (this.closed) return;
    this.closed = true;
    for (const s of this.streams.values()) s.close();
    this.api.close();
    const { bytes, requests } = this.api.stats;
    this.options.debug?.(
      `release watch: read ${bytes} bytes from the Kubernetes API in ${requests} requests over ${this.streams.size} streams`
    );
    this.streams.clear();
  }
  /**
   * A watch connection can look open while the API server does not answer (paused, or a network
   * path that silently died): cached objects count only while the server answers its health check.
   */
  async checkHealth() {
    if (Date.now() - this.healthyAt < HEALTH_MS / 3) return;
    let problem;
    try {
      const r = await this.api.get("/readyz", HEALTH_MS);
      if (r.status === 200) {
        this.healthyAt = Date.now();
        return;
      }
      problem = `HTTP ${r.status} ${statusMessage(r.body)}`.trim();
    } catch (e) {
      problem = e.message;
    }
    throw new ExternalError(`the Kubernetes API server did not answer its health check: ${problem}`);
  }
  /** The REST paths of the release's custom resources, from the group versions that serve them. */
  async discover(refs) {
    const versions = new Set(refs.flatMap((r) => r.apiVersion ? [r.apiVersion] : []));
    await Promise.all(
      [...versions].map(async (v) => {
        const known = this.discovery.get(v);
        const kinds = refs.filter((r2) => r2.apiVersion === v).map((r2) => r2.kind);
        const complete = kinds.every((k) => known?.doc?.resources?.some((x) => x.kind === k));
        if (known && (complete || Date.now() - known.at < DISCOVERY_RETRY_MS)) return;
        const r = await this.api.get(groupVersionPath(v));
        if (r.status === 200)
          this.discovery.set(v, { doc: JSON.parse(r.body), at: Date.now() });
        else if (r.status === 404 || r.status === 403 || r.status === 401) {
          this.discovery.set(v, { doc: { resources: [] }, at: Date.now() });
          this.warnOnce(
            `discovery ${v}`,
            `Not reading custom resources of ${v}: ${r.status === 404 ? "the cluster does not serve that API version (yet)" : `the credentials may not read its API discovery (${statusMessage(r.body)})`}`
          );
        } else
          throw new ExternalError(
            `reading the API discovery of ${v} failed: HTTP ${r.status} ${statusMessage(r.body)}`
          );
      })
    );
  }
  /** The streams the refs need now; starts the missing ones. */
  plan(refs) {
    const specs = /* @__PURE__ */ new Map();
    const add = (s) => {
      if (s) specs.set(s.key, s);
    };
    const doc = (v) => this.discovery.get(v)?.doc;
    for (const r of refs) {
      const own = objectStream(r, doc);
      add(own);
      const live = own && this.streams.get(own.key);
      const workload = live?.state === "live" ? live.items()[0] : void 0;
      for (const d of dependentStreams(r, workload)) add(d);
    }
    const podsByNamespace = /* @__PURE__ */ new Map();
    for (const s of specs.values()) {
      const live = this.streams.get(s.key);
      if (s.kind !== "Pod" || !live) continue;
      for (const p of live.items()) {
        const ns = p.metadata.namespace ?? "";
        const names = podsByNamespace.get(ns) ?? [];
        names.push(p.metadata.name);
        podsByNamespace.set(ns, names);
      }
    }
    for (const [ns, names] of podsByNamespace) for (const e of podEventStreams(ns, names)) add(e);
    let added = false;
    const now = Date.now();
    const streams = [...specs.values()].map((spec2) => {
      let s = this.streams.get(spec2.key);
      if (!s) {
        added = true;
        s = new WatchStream(spec2, this.api, {
          changed: () => this.changed(),
          state: () => this.wake(),
          warn: (line) => this.warnOnce(spec2.key, line)
        });
        this.streams.set(spec2.key, s);
      }
      s.lastWanted = now;
      return s;
    });
    return { streams, added };
  }
  /** Closes streams no snapshot has needed for a while (pods that are gone, earlier workloads). */
  sweep() {
    const linger = this.options.lingerMs ?? 3e4;
    for (const [key, s] of this.streams)
      if (Date.now() - s.lastWanted > linger) {
        s.close();
        this.streams.delete(key);
      }
  }
  changed() {
    this.wake();
    for (const l of this.listeners) l();
  }
  wake() {
    for (const w of this.wakers) w();
    this.wakers.clear();
  }
  /** Resolves at the next state change of a stream, or after `ms` (a timer that keeps Node alive while a caller awaits). */
  nextStateChange(ms) {
    return new Promise((resolve) => {
      const t = setTimeout(done, ms);
      this.wakers.add(done);
      function done() {
        clearTimeout(t);
        resolve();
      }
    });
  }
  warnOnce(key, line) {
    if (this.warned.has(key)) return;
    this.warned.add(key);
    this.options.warn?.(line);
  }
};
function describeProblems(streams) {
  return streams.map(
    (s) => s.state === "forbidden" ? `${s.spec.what} may not be read (${s.error}); grant "list" and "watch" on them` : `${s.spec.what} could not be read: ${s.error ?? "no answer"}`
  ).join("; ");
}

export {
  formatValue,
  runGate,
  gatePasses,
  describeFailure,
  runChecks,
  postRolloutChecks,
  deploy,
  rollback,
  isNotFoundStatus,
  statusMessage,
  ReleaseWatch
};
//# sourceMappingURL=chunk-LIHTJWZN.js.map
