import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);
import {
  RELEASE_INSTALLED_BY,
  RELEASE_INSTALLED_BY_VALUE,
  decideRemove,
  namespaceState
} from "./chunk-F6CWIMAG.js";
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
import {
  rememberDeploy
} from "./chunk-BTHNUVWL.js";
import "./chunk-FCRLM365.js";
import {
  defaultRetryPolicy,
  imagesOf,
  parseManifests,
  uninstallArgs
} from "./chunk-FNM5R2QI.js";
import {
  group,
  info,
  warning
} from "./chunk-EJN3PRND.js";
import {
  UserError
} from "./chunk-R5UD73HC.js";
import "./chunk-SK5B422H.js";

// src/report/remove-summary.ts
var esc = (s) => s.replace(/\|/g, "\\|").replace(/\n/g, "<br>");
var code = (s) => s === void 0 || s === "" ? "\u2014" : `\`${String(s).replace(/`/g, "'")}\``;
function removeHeadline(r) {
  if (!r.uninstalled && !r.namespaceDeleted)
    return `Nothing to remove: ${r.release} is not installed in ${r.namespace}`;
  return `Removed ${r.release}${r.uninstalled && r.lastRevision ? ` (revision ${r.lastRevision})` : ""}${r.namespaceDeleted ? ` and namespace ${r.namespace}` : ` from ${r.namespace}`}`;
}
function renderRemoveSummary(r) {
  const lines = [`### \u{1F9F9} Preview \`${r.release}\` is gone`, ""];
  lines.push(`${esc(removeHeadline(r))}. The environment's links no longer work.`, "");
  lines.push("| | |", "| --- | --- |");
  lines.push(
    `| Release | ${r.uninstalled ? `uninstalled (last revision ${code(r.lastRevision)}, chart ${code(r.lastChart)})` : "was not installed"} |`
  );
  lines.push(`| Namespace | ${code(r.namespace)} ${r.namespaceDeleted ? "deleted" : "kept"} |`);
  if (r.imagesBefore.length > 0)
    lines.push(`| Images it ran | ${r.imagesBefore.map(code).join("<br>")} |`);
  lines.push("", `Duration ${r.durationSeconds}s`);
  if (r.notes.length > 0) {
    lines.push("", "#### Notes", "");
    for (const n of r.notes) lines.push(`- ${esc(n)}`);
  }
  return `${lines.join("\n")}
`;
}

// src/remediate/remove.ts
var secondsBetween = (from, to) => Math.round((to - from) / 100) / 10;
async function removeRelease(s, deps) {
  const { helm, target, config, log } = s;
  const namespace = target.namespace ?? "default";
  const warn = deps.warn ?? ((l) => s.log(`Warning: ${l}`));
  const start = deps.clock.now().getTime();
  const policy = { ...defaultRetryPolicy(log), deadline: () => void 0 };
  helm.retryReads(policy);
  deps.kube.configure({ retry: policy, warn });
  const nsState = await namespaceState(deps.kube);
  let lock;
  if (config.lock && nsState.kind !== "absent") {
    lock = new DeployLock(deps.kube, config.release, deps.holder ?? holderFromEnv(process.env), {
      ...defaultLockTiming,
      ...deps.lockTiming,
      clock: deps.clock,
      log,
      warn
    });
    await lock.acquire(config.lockTimeoutSeconds);
    deps.remember?.({ lock: { name: lock.name, holder: lock.me.identity } });
    lock.startRenewing();
  }
  try {
    const history = await helm.history(target);
    const marked = history.length > 0 && (await deps.kube.listObjects(
      "secrets",
      `owner=helm,name=${config.release},${RELEASE_INSTALLED_BY}=${RELEASE_INSTALLED_BY_VALUE}`
    )).length > 0;
    const plan = decideRemove({
      release: config.release,
      namespace,
      releaseExists: history.length > 0,
      releaseMarked: marked,
      deleteNamespace: config.deleteNamespace,
      namespaceState: nsState,
      force: config.force
    });
    if (plan.kind === "refuse") throw new UserError(plan.reason);
    for (const n of plan.notes) log(n);
    const last = history.at(-1);
    const outcome = {
      release: config.release,
      namespace,
      lastRevision: last?.revision,
      lastChart: last?.chart,
      imagesBefore: last ? imagesOf(parseManifests(await helm.manifest(target, last.revision).catch(() => ""))) : [],
      uninstalled: false,
      namespaceDeleted: false,
      notes: plan.notes,
      durationSeconds: 0
    };
    if (plan.uninstall) {
      log(`Uninstalling ${config.release} from ${namespace}`);
      await helm.run(uninstallArgs(target, { timeoutSeconds: config.timeoutSeconds }));
      outcome.uninstalled = true;
    }
    if (plan.deleteNamespace) {
      await lock?.release().catch(() => void 0);
      lock = void 0;
      log(`Deleting namespace ${namespace} (created by this action for ${config.release})`);
      outcome.namespaceDeleted = await deps.kube.deleteObject("namespace", namespace);
    }
    outcome.durationSeconds = secondsBetween(start, deps.clock.now().getTime());
    return outcome;
  } finally {
    await lock?.releaseOrWarn(warn);
  }
}

// src/modes/remove.ts
async function removeMode(opened, deps) {
  const { session: s, kube } = await connect(opened, deps);
  const { config } = s;
  const { reporter } = deps;
  const state = stepState(s);
  let r;
  try {
    r = await group(
      `Remove ${config.release} from ${s.target.namespace}`,
      () => removeRelease(s, {
        kube,
        clock: deps.clock,
        cancel: deps.cancel,
        remember: (patch) => rememberDeploy(Object.assign(state, patch)),
        warn: (line) => warning(line)
      })
    );
  } finally {
    rememberDeploy({ ...state, finished: true });
  }
  const headline = removeHeadline(r);
  const markdown = renderRemoveSummary(r);
  info(headline);
  await reporter.summary(markdown);
  await reporter.environmentRemoved(headline);
  await reporter.comment(markdown, []);
  return {
    outputs: {
      status: "removed",
      previousRevision: r.lastRevision,
      changed: r.uninstalled || r.namespaceDeleted,
      images: []
    }
  };
}
export {
  removeMode
};
//# sourceMappingURL=remove-7T3IICHJ.js.map
