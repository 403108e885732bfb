import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);
import {
  ReleaseWatch,
  postRolloutChecks,
  rollback,
  runChecks
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
import "./chunk-FCRLM365.js";
import {
  defaultRetryPolicy,
  imagesOf,
  isPending,
  parseManifests,
  rolledBackFrom,
  testArgs
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

// src/report/rollback-summary.ts
var esc = (s) => s.replace(/\|/g, "\\|").replace(/\n/g, "<br>");
var code = (s) => s === void 0 || s === "" ? "\u2014" : `\`${String(s).replace(/`/g, "'")}\``;
var list = (xs) => xs.map(code).join("<br>") || "\u2014";
function rollbackHeadline(r) {
  return r.ok ? `Rolled back ${r.release} from revision ${r.fromRevision} to ${r.toRevision}; verified healthy` : r.restore?.revision !== void 0 ? `Rolled back ${r.release} to revision ${r.toRevision}, but it is not healthy` : `Rollback of ${r.release} to revision ${r.toRevision} failed`;
}
function renderRollbackSummary(r) {
  const icon = r.ok ? "\u23EA" : "\u274C";
  const lines = [`### ${icon} ${esc(rollbackHeadline(r))}`, ""];
  lines.push(`**Why revision ${r.toRevision}:** ${esc(r.why)}.`);
  if (r.forced) lines.push("", `\u26A0\uFE0F ${esc(r.forced)}.`);
  lines.push("", "| | Before | After |", "| --- | --- | --- |");
  lines.push(
    `| Revision | ${code(r.fromRevision)} | ${code(r.revision)} (content of ${r.toRevision}) |`
  );
  lines.push(`| Chart | ${code(r.chartBefore)} | ${code(r.chartAfter)} |`);
  lines.push(`| Images | ${list(r.imagesBefore)} | ${list(r.imagesAfter)} |`);
  lines.push("", `Namespace ${code(r.namespace)} \xB7 duration ${r.durationSeconds}s`);
  if (r.health.length > 0) {
    lines.push("", "#### Health checks", "", "| URL | Result |", "| --- | --- |");
    for (const h of r.health)
      lines.push(`| ${esc(h.url)} | ${h.ok ? "\u2705" : "\u274C"} ${esc(h.detail)} |`);
  }
  if (!r.ok) {
    lines.push("", "#### What is wrong", "");
    lines.push("```text", (r.error ?? "unknown error").replace(/```/g, "'''"), "```");
    lines.push(
      "",
      `Nothing else was changed: no further rollback, nothing uninstalled. Pick another revision (helm history ${r.release} --namespace ${r.namespace}) and run the rollback again.`
    );
  }
  return `${lines.join("\n")}
`;
}

// src/remediate/rollback-target.ts
function workedOrWhyNot(h, abandoned) {
  if (abandoned.has(h.revision)) return "it was rolled back from (its rollout failed)";
  if (h.status === "deployed" || h.status === "superseded") return void 0;
  return `its status is ${h.status}${h.description ? ` (${h.description})` : ""}`;
}
var row = (h) => `${h.revision} (${h.status}${h.chart ? `, ${h.chart}` : ""}${h.appVersion ? `, app ${h.appVersion}` : ""})`;
var restoredFrom = (h) => {
  const m = /^Rollback to (\d+)/.exec(h.description);
  return m ? Number(m[1]) : void 0;
};
function chooseRollbackTarget(r) {
  const where = `release "${r.release}" in namespace "${r.namespace}"`;
  const current = r.history.at(-1);
  if (!current)
    return {
      kind: "refuse",
      reason: `Input "release" "${r.release}": there is no ${where} (helm history is empty). Check the release and namespace inputs (and kube-context) against helm list --all-namespaces.`
    };
  if (isPending(current.status) && !r.force)
    return {
      kind: "refuse",
      reason: `Revision ${current.revision} of ${where} is ${current.status}: a helm operation may still be running on it outside this action. Wait for it to finish and run the rollback again; if nothing is running any more, set force: true to roll back anyway.`
    };
  const abandoned = rolledBackFrom(r.history);
  const available = r.history.filter((h) => h.revision !== current.revision).slice(-10).map(row).join(", ");
  if (r.requested !== void 0) {
    const to2 = r.history.find((h) => h.revision === r.requested);
    if (!to2)
      return {
        kind: "refuse",
        reason: `Input "revision" "${r.requested}": ${where} has no revision ${r.requested} (helm keeps revisions ${r.history[0].revision} to ${current.revision}; older ones were pruned by history-max). Pick one of: ${available || "(none)"}; or leave revision empty for the newest good revision before the current one.`
      };
    if (to2.revision === current.revision)
      return {
        kind: "refuse",
        reason: `Input "revision" "${r.requested}": revision ${r.requested} is the current revision of ${where} (${current.status}); rolling back to it changes nothing. Pick an earlier one: ${available || "(none)"}; or leave revision empty for the newest good revision before it.`
      };
    const broken = workedOrWhyNot(to2, abandoned);
    if (broken && !r.force)
      return {
        kind: "refuse",
        reason: `Input "revision" "${r.requested}": revision ${r.requested} of ${where} never worked: ${broken}. Pick a revision that ran (deployed or superseded), or set force: true to restore it anyway.`
      };
    return {
      kind: "restore",
      from: current,
      to: to2,
      why: `revision ${to2.revision} was asked for (input revision)`,
      forced: broken ? `force: true restores revision ${to2.revision} although ${broken}` : void 0
    };
  }
  const live = restoredFrom(current);
  const to = [...r.history].reverse().find(
    (h) => h.revision < current.revision && h.revision !== live && workedOrWhyNot(h, abandoned) === void 0
  );
  if (!to)
    return {
      kind: "refuse",
      reason: `Input "revision" (empty): ${where} has no good revision before the current revision ${current.revision}${live ? ` other than revision ${live}, which it already restored` : ""}. Its history: ${available || "(nothing else)"}. Name one with revision (and force: true for one that never worked).`
    };
  return {
    kind: "restore",
    from: current,
    to,
    why: `revision ${to.revision} is the newest good revision before the current revision ${current.revision}${skippedNote(r.history, to, current, abandoned, live)}`
  };
}
function skippedNote(history, to, current, abandoned, live) {
  const skipped = history.filter((h) => h.revision > to.revision && h.revision < current.revision).map(
    (h) => `${h.revision}: ${h.revision === live ? "already live (the current revision restored it)" : workedOrWhyNot(h, abandoned) ?? "skipped"}`
  );
  return skipped.length ? ` (skipped ${skipped.join("; ")})` : "";
}

// src/remediate/rollback.ts
var secondsBetween = (from, to) => Math.round((to - from) / 100) / 10;
async function rollbackRelease(s, deps) {
  const { config } = s;
  const warn = deps.warn ?? ((l) => s.log(`Warning: ${l}`));
  const start = deps.clock.now().getTime();
  const policy = { ...defaultRetryPolicy(s.log), deadline: () => void 0 };
  s.helm.retryReads(policy);
  deps.kube.configure({ retry: policy, warn });
  let lock;
  if (config.lock) {
    lock = new DeployLock(deps.kube, config.release, deps.holder ?? holderFromEnv(process.env), {
      ...defaultLockTiming,
      ...deps.lockTiming,
      clock: deps.clock,
      log: s.log,
      warn
    });
    try {
      await lock.acquire(0);
    } catch (e) {
      if (!(e instanceof UserError) || !/ is being deployed by /.test(e.message)) throw e;
      throw new UserError(
        `Not rolling back: ${e.message.replace(/; waited .*$/s, "")}. Nothing was changed. Wait for that run to finish (or cancel it), then run the rollback again: it then starts from the revision that run left.`
      );
    }
    deps.remember?.({ lock: { name: lock.name, holder: lock.me.identity } });
    lock.startRenewing();
  }
  try {
    return await rollbackLocked(s, deps, start);
  } finally {
    await lock?.releaseOrWarn(warn);
  }
}
async function rollbackLocked(s, deps, start) {
  const { helm, target, config, log } = s;
  const namespace = target.namespace ?? "default";
  const history = await helm.history(target);
  const choice = chooseRollbackTarget({
    release: config.release,
    namespace,
    history,
    requested: config.revision,
    force: config.force
  });
  if (choice.kind === "refuse") throw new UserError(`Nothing was rolled back. ${choice.reason}`);
  const { from, to } = choice;
  log(
    `Rolling back ${config.release} from revision ${from.revision} to ${to.revision}: ${choice.why}`
  );
  if (choice.forced) log(`Warning: ${choice.forced}`);
  const outcome = {
    ok: false,
    release: config.release,
    namespace,
    fromRevision: from.revision,
    toRevision: to.revision,
    why: choice.why,
    forced: choice.forced,
    chartBefore: from.chart,
    imagesBefore: imagesOf(parseManifests(await helm.manifest(target, from.revision))),
    imagesAfter: [],
    health: [],
    durationSeconds: 0
  };
  const restore = await rollback(s, deps, to, namespace);
  outcome.restore = restore;
  outcome.revision = restore.revision;
  let error = restore.healthy ? void 0 : restore.detail;
  if (!error) {
    const verify = postRolloutChecks(
      {
        healthChecks: config.healthChecks,
        healthCheckTimeoutSeconds: config.healthCheckTimeoutSeconds,
        runTests: config.runTests
      },
      {
        clock: deps.clock,
        log,
        fetchImpl: deps.fetchImpl,
        cancel: deps.cancel,
        helmTest: () => helm.runAllowingFailure(
          testArgs(target, { timeoutSeconds: config.timeoutSeconds })
        )
      }
    );
    error = await runChecks(verify.checks);
    outcome.health = [...verify.health.results];
  }
  const now = await helm.status(target);
  outcome.revision ??= now?.revision;
  outcome.chartAfter = now?.chart ?? (await helm.history(target)).at(-1)?.chart;
  outcome.imagesAfter = now ? imagesOf(parseManifests(now.manifest)) : [];
  outcome.ok = error === void 0;
  outcome.error = error;
  outcome.durationSeconds = secondsBetween(start, deps.clock.now().getTime());
  return outcome;
}

// src/modes/rollback.ts
async function rollbackMode(opened, deps) {
  const { session: s, kube } = await connect(opened, deps);
  const { config } = s;
  const { reporter } = deps;
  await reporter.deploymentStarted(
    `helm rollback ${config.release}${config.revision ? ` to revision ${config.revision}` : ""}`
  );
  const state = stepState(s);
  const watch = ReleaseWatch.throughKubectl((socket) => kube.proxyCommand(socket), {
    warn: (line) => warning(line),
    debug: (line) => debug(line)
  });
  let r;
  try {
    r = await group(
      `Roll back ${config.release} in ${s.target.namespace}`,
      () => rollbackRelease(s, {
        kube,
        reader: watch,
        clock: deps.clock,
        cancel: deps.cancel,
        // Only the lock is left for the post step: a rollback is never undone by the action.
        remember: (patch) => rememberDeploy(Object.assign(state, patch)),
        warn: (line) => warning(line)
      }).finally(() => watch.close())
    );
  } catch (e) {
    await reporter.deploymentFinished(false, e.message.split("\n")[0]);
    throw e;
  } finally {
    rememberDeploy({ ...state, finished: true });
  }
  const headline = rollbackHeadline(r);
  const markdown = renderRollbackSummary(r);
  info(headline);
  await reporter.summary(markdown);
  await reporter.deploymentFinished(r.ok, headline);
  await reporter.comment(markdown, []);
  return {
    outputs: {
      status: r.ok ? "rolled-back" : "failed",
      revision: r.revision,
      previousRevision: r.fromRevision,
      rolledBack: r.revision !== void 0,
      changed: r.revision !== void 0,
      images: r.imagesAfter
    },
    error: r.ok ? void 0 : `${headline}:
${r.error ?? ""}
Nothing else was changed.`
  };
}
export {
  rollbackMode
};
//# sourceMappingURL=rollback-TKRIMKHM.js.map
