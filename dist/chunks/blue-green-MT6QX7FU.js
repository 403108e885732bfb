import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);
import {
  renderDeploySummary,
  renderGate
} from "./chunk-P3CUMN4I.js";
import {
  checkValuesAndLint,
  renderAndCheck
} from "./chunk-4QR2PZHU.js";
import "./chunk-FJ4TAWZR.js";
import {
  ReleaseWatch,
  deploy,
  gatePasses,
  runGate
} from "./chunk-LIHTJWZN.js";
import "./chunk-HOLTHJ3I.js";
import "./chunk-F6CWIMAG.js";
import {
  DeployLock,
  defaultLockTiming,
  holderFromEnv
} from "./chunk-OTSF6DUP.js";
import {
  connect,
  stepState
} from "./chunk-BZNVXEAK.js";
import "./chunk-HVEAVWKQ.js";
import "./chunk-I6JQYRCA.js";
import {
  rememberDeploy
} from "./chunk-BTHNUVWL.js";
import {
  fillPlaceholders
} from "./chunk-FCRLM365.js";
import {
  HelmError,
  lastGoodRevision,
  parseManifests,
  rollbackArgs,
  uninstallArgs
} from "./chunk-FNM5R2QI.js";
import {
  debug,
  group,
  info,
  warning
} from "./chunk-EJN3PRND.js";
import {
  UserError
} from "./chunk-R5UD73HC.js";
import "./chunk-SK5B422H.js";

// src/strategy/slots.ts
var otherSlot = (s) => s === "blue" ? "green" : "blue";
var isSlot = (v) => v === "blue" || v === "green";
var slotRelease = (release, slot) => `${release}-${slot}`;
var ANNOTATION = {
  previous: "deploy.goatflow.dev/previous-slot",
  candidate: "deploy.goatflow.dev/candidate",
  rejected: "deploy.goatflow.dev/rejected",
  switchedAt: "deploy.goatflow.dev/switched-at"
};
var readSlotRevision = (v) => {
  const m = /^(blue|green)@(\d+)$/.exec(v ?? "");
  return m ? { slot: m[1], revision: Number(m[2]) } : void 0;
};
var writeSlotRevision = (r) => `${r.slot}@${r.revision}`;
function observeSlots(service, slotLabel, releases) {
  const a = service?.metadata.annotations ?? {};
  const live = service?.spec.selector?.[slotLabel];
  const previous = a[ANNOTATION.previous];
  return {
    service,
    live: isSlot(live) ? live : void 0,
    previous: isSlot(previous) ? previous : void 0,
    candidate: readSlotRevision(a[ANNOTATION.candidate]),
    rejected: readSlotRevision(a[ANNOTATION.rejected]),
    releases
  };
}
function idleSlot(state) {
  return state.live ? otherSlot(state.live) : "blue";
}
function switchedService(service, slotLabel, to, from, now, rejected) {
  const annotations = { ...service.metadata.annotations ?? {} };
  delete annotations[ANNOTATION.candidate];
  if (from && from !== to) annotations[ANNOTATION.previous] = from;
  else delete annotations[ANNOTATION.previous];
  if (rejected) annotations[ANNOTATION.rejected] = writeSlotRevision(rejected);
  annotations[ANNOTATION.switchedAt] = now.toISOString();
  return {
    ...service,
    metadata: { ...service.metadata, annotations },
    spec: { ...service.spec, selector: { ...service.spec.selector ?? {}, [slotLabel]: to } }
  };
}
function withCandidate(service, candidate) {
  const annotations = { ...service.metadata.annotations ?? {} };
  if (candidate) annotations[ANNOTATION.candidate] = writeSlotRevision(candidate);
  else delete annotations[ANNOTATION.candidate];
  return { ...service, metadata: { ...service.metadata, annotations } };
}
var INSTANCE = "app.kubernetes.io/instance";
function stableServiceFrom(slotServices, name, namespace, slotLabel, slot, slotReleaseName) {
  const selecting = slotServices.filter((s) => Object.keys(s.spec.selector ?? {}).length > 0);
  const named = selecting.filter((s) => s.metadata.name === slotReleaseName);
  const bySlot = selecting.filter((s) => s.spec.selector?.[slotLabel] !== void 0);
  const pick = named.length === 1 ? named : bySlot.length === 1 ? bySlot : selecting;
  if (pick.length !== 1)
    return {
      ok: false,
      reason: `the stable Service "${name}" does not exist and the slot's chart renders ${pick.length === 0 ? "no Service with a selector" : `${pick.length} Services (${pick.map((s) => s.metadata.name).join(", ")})`} to copy it from. Create it once with a selector that includes ${slotLabel}: ${slot}, or give its name in the service input`
    };
  const src = pick[0];
  const selector = { ...src.spec.selector ?? {} };
  delete selector[INSTANCE];
  selector[slotLabel] = slot;
  return {
    ok: true,
    service: {
      apiVersion: "v1",
      kind: "Service",
      metadata: {
        name,
        namespace,
        labels: { "app.kubernetes.io/managed-by": "goatflow-deploy-action" }
      },
      spec: {
        type: src.spec.type === "LoadBalancer" || src.spec.type === "NodePort" ? src.spec.type : "ClusterIP",
        selector,
        ports: (src.spec.ports ?? []).map(
          (p) => (
            // A node port belongs to the slot's Service; the API assigns the copy its own.
            Object.fromEntries(Object.entries(p).filter(([k]) => k !== "nodePort"))
          )
        )
      }
    }
  };
}
function checkSelection(pods, selector, slotReleaseName) {
  const shown = Object.entries(selector).map(([k, v]) => `${k}=${v}`).join(",");
  const foreign = pods.filter(
    (p) => p.labels[INSTANCE] !== void 0 && p.labels[INSTANCE] !== slotReleaseName
  );
  if (foreign.length > 0)
    return {
      ok: false,
      reason: `the selector ${shown} would also send traffic to pods of another release (${foreign.slice(0, 3).map((p) => `${p.name}: ${INSTANCE}=${p.labels[INSTANCE]}`).join(", ")}); make the slot label and its values unique to this release`
    };
  const ready = pods.filter((p) => p.ready).length;
  if (ready === 0)
    return {
      ok: false,
      reason: `the selector ${shown} selects ${pods.length === 0 ? "no pods" : `${pods.length} pod(s), none ready`}: switching would leave the Service without endpoints. Check that the chart puts the slot label on its pods and that the stable Service's other selector labels match both slots`
    };
  return { ok: true, ready };
}
function decidePromote(s, release) {
  const c = s.candidate;
  if (!s.service)
    return {
      action: "refuse",
      reason: `nothing to promote: the stable Service of ${release} does not exist yet (the first blue-green deploy creates it)`
    };
  if (!c)
    return {
      action: "refuse",
      reason: `nothing to promote: no slot of ${release} is waiting (deploy with strategy: blue-green and promotion: manual first; traffic is on ${s.live ?? "no slot"})`
    };
  if (c.slot === s.live)
    return { action: "refuse", reason: `slot ${c.slot} already takes the traffic of ${release}` };
  const now = s.releases[c.slot];
  if (!now || now.revision !== c.revision || now.status !== "deployed")
    return {
      action: "refuse",
      reason: `slot ${c.slot} (${slotRelease(release, c.slot)}) was verified at revision ${c.revision} but is now ${now ? `revision ${now.revision} (${now.status})` : "not installed"}; deploy again to verify what it runs`
    };
  return { action: "switch", from: s.live, to: c.slot, revision: c.revision };
}
function decideReject(s, release) {
  if (s.candidate && s.candidate.slot !== s.live)
    return { action: "discard", candidate: s.candidate };
  if (!s.live || !s.previous)
    return {
      action: "refuse",
      reason: `nothing to reject: no candidate is waiting and ${release} has ${s.live ? `served from slot ${s.live} since its first switch` : "no live slot"}, so there is no earlier slot to switch back to`
    };
  const back = s.releases[s.previous];
  if (!back || back.status !== "deployed")
    return {
      action: "refuse",
      reason: `cannot switch ${release} back to slot ${s.previous}: its release ${slotRelease(release, s.previous)} is ${back ? back.status : "not installed"}. Traffic stays on slot ${s.live}`
    };
  const live = s.releases[s.live];
  return {
    action: "switch-back",
    from: s.live,
    to: s.previous,
    rejected: { slot: s.live, revision: live?.revision ?? 0 }
  };
}

// src/strategy/summary.ts
var code = (s) => s === void 0 || s === "" ? "\u2014" : `\`${String(s).replace(/`/g, "'")}\``;
var esc = (s) => s.replace(/\|/g, "\\|").replace(/\n/g, "<br>");
function blueGreenStatus(o) {
  if (o.switchedBack) return "rolled-back";
  if (o.error) {
    if (o.deploy?.unknown) return "unknown";
    const rb = o.deploy?.rollback;
    return rb?.healthy && !rb.uninstalled ? "rolled-back" : "failed";
  }
  if (o.candidate) return "verified";
  if (o.mode === "reject") return o.discarded ? "rejected" : "rolled-back";
  return "deployed";
}
function headline(o) {
  const r = `\`${o.release}\``;
  const last = o.switches.at(-1);
  if (o.switchedBack)
    return `\u23EA ${r}: slot ${o.slot} failed after the switch; traffic is back on slot ${last?.to}`;
  if (o.error) {
    if (o.mode === "deploy" && o.deploy && !o.deploy.ok)
      return `\u274C ${r}: the new version failed in idle slot ${o.slot}; traffic stays on ${o.liveBefore ? `slot ${o.liveBefore}` : "no slot"}`;
    return `\u274C ${r}: ${o.mode} failed; traffic ${o.liveAfter ? `is on slot ${o.liveAfter}` : "has no slot"}`;
  }
  if (o.candidate)
    return `\u23F8\uFE0F ${r}: slot ${o.candidate.slot} revision ${o.candidate.revision} verified, waiting for promote; traffic stays on slot ${o.liveBefore}`;
  if (o.mode === "reject")
    return o.discarded ? `\u{1F5D1}\uFE0F ${r}: candidate in slot ${o.slot} rejected; traffic stays on slot ${o.liveAfter}` : `\u23EA ${r}: slot ${o.slot} rejected; traffic is back on slot ${last?.to}`;
  return `\u2705 ${r}: traffic switched to slot ${last?.to}${o.deploy?.revision ? ` (revision ${o.deploy.revision})` : ""}`;
}
function renderBlueGreenSummary(o) {
  const h = headline(o);
  const slotCell = (slot) => slot ? `slot \`${slot}\` (${code(slotRelease(o.release, slot))})` : "no slot";
  const lines = [`### ${h}`, "", "| | Before | After |", "| --- | --- | --- |"];
  lines.push(
    `| Traffic (Service ${code(o.service)}) | ${slotCell(o.liveBefore)} | ${slotCell(o.liveAfter)} |`
  );
  if (o.slot) {
    const before = o.slotsBefore?.[o.slot];
    const after = o.deploy?.revision ?? o.candidate?.revision;
    lines.push(
      `| Slot ${code(o.slot)} | ${before ? `revision ${before.revision} (${before.status})` : "not installed"} | ${after !== void 0 ? `revision ${after}` : o.discarded ? esc(o.discarded) : "\u2014"} |`
    );
  }
  lines.push("", `Namespace ${code(o.namespace)} \xB7 ${o.mode} \xB7 duration ${o.durationSeconds}s`);
  if (o.switches.length > 0) {
    lines.push(
      "",
      "#### Traffic switches",
      "",
      "| When | From | To | Took | Why |",
      "| --- | --- | --- | --- | --- |"
    );
    for (const s of o.switches)
      lines.push(
        `| ${s.at} | ${s.from ?? "\u2014"} | ${s.to}${s.created ? " (Service created)" : ""} | ${s.seconds}s | ${esc(s.why)} |`
      );
  }
  for (const g of o.gates)
    lines.push("", renderGate(g, "Metrics gate on live traffic after the switch"));
  if (o.error)
    lines.push("", "#### What failed", "", "```text", o.error.replace(/```/g, "'''"), "```");
  if (o.deploy)
    lines.push(
      "",
      `#### Slot ${o.slot}`,
      "",
      renderDeploySummary(o.deploy).replace(/^### /, "##### ")
    );
  return {
    markdown: `${lines.join("\n")}
`,
    headline: h.replace(/`/g, ""),
    status: blueGreenStatus(o)
  };
}

// src/strategy/blue-green.ts
var secondsBetween = (from, to) => Math.round((to - from) / 100) / 10;
function slotSession(s, slot, namespace) {
  const release = slotRelease(s.config.release, slot);
  const fill = (t) => fillPlaceholders(t, { slot, release: s.config.release, namespace });
  const analysis = s.config.analysis;
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
  };
}
async function observe(c) {
  const service = await c.kube.getObject("service", c.service);
  const releases = {};
  for (const slot of ["blue", "green"]) {
    const h = await c.s.helm.history({
      ...c.s.target,
      release: slotRelease(c.s.config.release, slot)
    });
    const last = h.at(-1);
    if (last) releases[slot] = { revision: last.revision, status: last.status };
  }
  return observeSlots(service, c.s.config.blueGreen.slotLabel, releases);
}
async function withLock(c, fn) {
  const { s, deps } = c;
  if (!s.config.lock) return fn();
  const warn = (l) => warning(l);
  const lock = new DeployLock(c.kube, s.config.release, holderFromEnv(process.env), {
    ...defaultLockTiming,
    clock: deps.clock,
    log: s.log,
    warn
  });
  await lock.acquire(s.config.lockTimeoutSeconds);
  lock.startRenewing();
  try {
    return await fn();
  } finally {
    await lock.releaseOrWarn(warn);
  }
}
var selectorText = (sel) => Object.entries(sel).map(([k, v]) => `${k}=${v}`).join(",");
async function switchTraffic(c, state, to, why, rejected) {
  const { s, kube } = c;
  const label = s.config.blueGreen.slotLabel;
  const start = c.deps.clock.now().getTime();
  const from = state.live;
  let target;
  let create = false;
  if (state.service) {
    target = switchedService(state.service, label, to, from, c.deps.clock.now(), rejected);
  } else {
    const manifest = await s.helm.manifest({
      ...s.target,
      release: slotRelease(s.config.release, to)
    });
    const services = parseManifests(manifest).filter((o) => o.kind === "Service").map((o) => o.object);
    const made = stableServiceFrom(
      services,
      c.service,
      c.namespace,
      label,
      to,
      slotRelease(s.config.release, to)
    );
    if (!made.ok) throw new UserError(`Traffic was not switched: ${made.reason}.`);
    target = switchedService(made.service, label, to, void 0, c.deps.clock.now());
    create = true;
  }
  const selector = target.spec.selector ?? {};
  const pods = await kube.listObjects("pods", selectorText(selector));
  const guard = checkSelection(
    pods.map((p) => ({
      name: p.metadata.name,
      labels: p.metadata.labels ?? {},
      ready: (p.status?.conditions ?? []).some((x) => x.type === "Ready" && x.status === "True")
    })),
    selector,
    slotRelease(s.config.release, to)
  );
  if (!guard.ok) throw new UserError(`Traffic was not switched to slot ${to}: ${guard.reason}.`);
  await kube.writeObject(create ? "create" : "replace", target);
  const event = {
    from,
    to,
    why,
    created: create,
    seconds: secondsBetween(start, c.deps.clock.now().getTime()),
    at: c.deps.clock.now().toISOString()
  };
  s.log(
    `Traffic: Service ${c.service} now selects slot ${to}${from ? ` (was ${from})` : ""}, ${guard.ready} ready pod(s): ${why}`
  );
  c.outcome.switches.push(event);
  return event;
}
async function watchAfterSwitch(c, to, from, revision) {
  const analysis = c.s.config.analysis;
  if (!analysis || analysis.afterSwitchCount === 0) return;
  const gate = await runGate(
    analysis,
    { slot: to, release: c.s.config.release, namespace: c.namespace },
    "after-switch",
    { clock: c.deps.clock, log: c.s.log, cancel: c.deps.cancel },
    analysis.afterSwitchCount
  );
  c.outcome.gates.push(gate);
  if (gate.verdict.kind === "ignored") warning(gate.verdict.reason);
  if (gatePasses(gate)) return;
  c.outcome.error = `the metrics gate failed on live traffic after the switch to slot ${to}: ${gate.verdict.reason}`;
  if (!from) {
    c.outcome.error += `. There is no earlier slot to send traffic back to; slot ${to} keeps it`;
    return;
  }
  const state = await observe(c);
  await switchTraffic(c, state, from, `the metrics gate failed after the switch`, {
    slot: to,
    revision
  });
  c.outcome.switchedBack = true;
  c.outcome.error += `. Traffic is back on slot ${from}; slot ${to} keeps the rejected version for inspection`;
}
function newOutcome(s, namespace, service, mode) {
  return {
    mode,
    release: s.config.release,
    namespace,
    service,
    switches: [],
    gates: [],
    switchedBack: false,
    durationSeconds: 0
  };
}
async function context(s0, deps, mode) {
  const { session: s, kube } = await connect(s0, deps);
  const namespace = s.target.namespace ?? "default";
  const service = s.config.blueGreen.service ?? s.config.release;
  return { s, deps, kube, namespace, service, outcome: newOutcome(s, namespace, service, mode) };
}
async function deploySlot(c, ss) {
  const state = { ...stepState(ss), rollbackOnFailure: ss.config.rollbackOnFailure };
  const watch = ReleaseWatch.throughKubectl((socket) => c.kube.proxyCommand(socket), {
    warn: (line) => warning(line),
    debug: (line) => debug(line)
  });
  try {
    return await group(
      `Deploy ${ss.config.release} (idle slot) to ${c.namespace}`,
      () => deploy(ss, {
        kube: c.kube,
        reader: watch,
        clock: c.deps.clock,
        cancel: c.deps.cancel,
        onStarted: (lastGood) => rememberDeploy({ ...state, lastGood }),
        remember: (patch) => rememberDeploy(Object.assign(state, patch)),
        warn: (line) => warning(line)
      }).finally(() => watch.close())
    );
  } finally {
    rememberDeploy({ ...state, finished: true });
  }
}
async function blueGreenDeployMode(s0, deps) {
  const c = await context(s0, deps, "deploy");
  const s = c.s;
  const o = c.outcome;
  const t0 = deps.clock.now().getTime();
  await deps.reporter.deploymentStarted();
  try {
    await withLock(c, async () => {
      const before = await observe(c);
      o.liveBefore = before.live;
      o.slotsBefore = before.releases;
      const idle = idleSlot(before);
      o.slot = idle;
      s.log(
        `Blue-green: traffic is on ${before.live ? `slot ${before.live}` : "no slot yet"}; the new version goes to slot ${idle} (release ${slotRelease(s.config.release, idle)})`
      );
      const ss = slotSession(c.s, idle, c.namespace);
      const serverVersion = c.kube.serverVersion();
      serverVersion.catch(() => void 0);
      await checkValuesAndLint(ss);
      await renderAndCheck(ss, await serverVersion);
      const result = await deploySlot(c, ss);
      o.deploy = result;
      for (const w of result.warnings) warning(w);
      if (!result.ok) {
        o.error = `the new version failed its checks in the idle slot ${idle}, so traffic was not switched${before.live ? ` and stays on slot ${before.live}` : ""}: ${result.error ?? "see above"}`;
        return;
      }
      const revision = result.revision ?? 0;
      if (s.config.blueGreen.promotion === "manual" && before.service) {
        await c.kube.writeObject("replace", withCandidate(before.service, { slot: idle, revision }));
        o.candidate = { slot: idle, revision };
        s.log(
          `Slot ${idle} revision ${revision} is verified and waiting: run mode promote to switch traffic to it, or mode reject to drop it.`
        );
        return;
      }
      if (s.config.blueGreen.promotion === "manual")
        s.log(
          "promotion: manual: the first deploy has no live slot to protect, so it goes live at once."
        );
      await switchTraffic(c, before, idle, `revision ${revision} verified in slot ${idle}`);
      await watchAfterSwitch(c, idle, before.live, revision);
    });
  } catch (e) {
    if (!(e instanceof UserError)) throw e;
    o.error = e.message;
  }
  return finish(c, t0);
}
async function promoteMode(s0, deps) {
  const c = await context(s0, deps, "promote");
  const s = c.s;
  const t0 = deps.clock.now().getTime();
  await deps.reporter.deploymentStarted(`promote ${s.config.release}`);
  try {
    await withLock(c, async () => {
      const state = await observe(c);
      c.outcome.liveBefore = state.live;
      c.outcome.slotsBefore = state.releases;
      const d = decidePromote(state, s.config.release);
      if (d.action === "refuse") throw new UserError(`Nothing was switched: ${d.reason}.`);
      c.outcome.slot = d.to;
      await switchTraffic(c, state, d.to, `promoted: revision ${d.revision} of slot ${d.to}`);
      await watchAfterSwitch(c, d.to, d.from, d.revision);
    });
  } catch (e) {
    if (!(e instanceof UserError)) throw e;
    c.outcome.error = e.message;
  }
  return finish(c, t0);
}
async function rejectMode(s0, deps) {
  const c = await context(s0, deps, "reject");
  const s = c.s;
  const t0 = deps.clock.now().getTime();
  await deps.reporter.deploymentStarted(`reject ${s.config.release}`);
  try {
    await withLock(c, async () => {
      const state = await observe(c);
      c.outcome.liveBefore = state.live;
      c.outcome.slotsBefore = state.releases;
      const d = decideReject(state, s.config.release);
      if (d.action === "refuse") throw new UserError(`Nothing was changed: ${d.reason}.`);
      if (d.action === "switch-back") {
        c.outcome.slot = d.from;
        await switchTraffic(
          c,
          state,
          d.to,
          `rejected slot ${d.from} revision ${d.rejected.revision}`,
          d.rejected
        );
        return;
      }
      c.outcome.slot = d.candidate.slot;
      c.outcome.discarded = await discard(c, d.candidate);
      await c.kube.writeObject("replace", withCandidate(state.service));
    });
  } catch (e) {
    if (!(e instanceof UserError)) throw e;
    c.outcome.error = e.message;
  }
  return finish(c, t0);
}
async function discard(c, candidate) {
  const { s } = c;
  const target = { ...s.target, release: slotRelease(s.config.release, candidate.slot) };
  const history = await s.helm.history(target);
  const good = lastGoodRevision(history, candidate.revision);
  const o = { timeoutSeconds: s.config.timeoutSeconds, historyMax: s.config.historyMax };
  if (good) {
    s.log(
      `Rejecting slot ${candidate.slot} revision ${candidate.revision}: restoring its revision ${good.revision}`
    );
    const r2 = await s.helm.runAllowingFailure(
      rollbackArgs(s.helm.dialect, target, good.revision, o)
    );
    if (r2.exitCode !== 0) throw new UserError(new HelmError("rollback", r2).message);
    return `slot ${candidate.slot} restored to revision ${good.revision} (${good.chart})`;
  }
  s.log(
    `Rejecting slot ${candidate.slot} revision ${candidate.revision}: it has no earlier revision, uninstalling ${target.release}`
  );
  const r = await s.helm.runAllowingFailure(uninstallArgs(target, o));
  if (r.exitCode !== 0) throw new UserError(new HelmError("uninstall", r).message);
  return `${target.release} uninstalled (it had no earlier revision)`;
}
async function finish(c, t0) {
  const { s, deps, outcome: o } = c;
  o.liveAfter = (await observe(c).catch(() => void 0))?.live ?? o.switches.at(-1)?.to ?? o.liveBefore;
  o.durationSeconds = secondsBetween(t0, deps.clock.now().getTime());
  const { markdown, headline: headline2, status } = renderBlueGreenSummary(o);
  info(headline2);
  await deps.reporter.summary(markdown);
  await deps.reporter.deploymentFinished(!o.error, headline2.slice(0, 140));
  await deps.reporter.comment(markdown, [], !o.error ? s.config.environmentUrl : void 0);
  const d = o.deploy;
  return {
    outputs: {
      status,
      revision: d?.revision,
      previousRevision: d?.previousRevision,
      rolledBack: o.switchedBack || !!d?.rollback && !d.rollback.uninstalled && d.rollback.revision !== void 0,
      changed: o.switches.length > 0 || !!o.discarded || !!d?.changed || !!o.candidate,
      images: d?.imagesAfter ?? [],
      slot: o.liveAfter
    },
    error: o.error ? `${headline2}:
${o.error}` : void 0
  };
}
async function blueGreenPlanMode(s0, deps) {
  const c = await context(s0, deps, "deploy");
  const live = (await observe(c)).live;
  const slot = live ?? "blue";
  s0.log(
    live ? `Blue-green: planning against slot ${live} (release ${slotRelease(s0.config.release, live)}), which takes the traffic` : `Blue-green: no slot takes traffic yet; planning the first install as slot blue`
  );
  const { planMode } = await import("./plan-JA64S22Q.js");
  return planMode(slotSession(s0, slot, c.namespace), deps);
}
export {
  blueGreenDeployMode,
  blueGreenPlanMode,
  promoteMode,
  rejectMode,
  slotSession
};
//# sourceMappingURL=blue-green-MT6QX7FU.js.map
