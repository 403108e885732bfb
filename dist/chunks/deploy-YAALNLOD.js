import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);
import {
  renderDeploySummary
} from "./chunk-P3CUMN4I.js";
import {
  checkValuesAndLint,
  renderAndCheck
} from "./chunk-4QR2PZHU.js";
import "./chunk-FJ4TAWZR.js";
import {
  ReleaseWatch,
  deploy,
  isNotFoundStatus,
  statusMessage
} from "./chunk-LIHTJWZN.js";
import {
  prewarmBaseline,
  readEarly,
  releaseHelm
} from "./chunk-HOLTHJ3I.js";
import "./chunk-F6CWIMAG.js";
import {
  leaseName,
  leasePath
} from "./chunk-OTSF6DUP.js";
import {
  connectMeanwhile
} from "./chunk-BZNVXEAK.js";
import {
  KubectlProxy
} from "./chunk-HVEAVWKQ.js";
import "./chunk-I6JQYRCA.js";
import {
  rememberDeploy
} from "./chunk-BTHNUVWL.js";
import "./chunk-FCRLM365.js";
import {
  parseReleaseInfo,
  parseUpgradeOutput
} from "./chunk-FNM5R2QI.js";
import {
  debug,
  group,
  warning
} from "./chunk-EJN3PRND.js";
import {
  ExternalError
} from "./chunk-R5UD73HC.js";
import "./chunk-SK5B422H.js";

// src/helm/storage.ts
import { gunzipSync } from "node:zlib";
function storageDriver(env = process.env) {
  switch (env.HELM_DRIVER ?? "") {
    case "":
    case "secret":
    case "secrets":
      return "secret";
    case "configmap":
    case "configmaps":
      return "configmap";
    default:
      return void 0;
  }
}
var collectionPath = (driver, namespace) => `/api/v1/namespaces/${encodeURIComponent(namespace)}/${driver === "secret" ? "secrets" : "configmaps"}`;
function storedRecordPath(driver, namespace, release, revision) {
  return `${collectionPath(driver, namespace)}/sh.helm.release.v1.${encodeURIComponent(release)}.v${revision}`;
}
var GZIP_MAGIC = [31, 139, 8];
function storedReleaseJson(driver, object) {
  const field = object.data?.release;
  if (typeof field !== "string") throw new Error("the record has no release data");
  const encoded = driver === "secret" ? Buffer.from(field, "base64").toString("latin1") : field;
  const bytes = Buffer.from(encoded, "base64");
  const gzipped = bytes.length > 3 && GZIP_MAGIC.every((b, i) => bytes[i] === b);
  return (gzipped ? gunzipSync(bytes) : bytes).toString("utf8");
}
function storedRecordOf(driver, object, release, revision) {
  if (!object) return { found: false };
  let json;
  try {
    json = storedReleaseJson(driver, object);
  } catch {
    return void 0;
  }
  const parsed = parseUpgradeOutput(json);
  if (!parsed || parsed.info.name !== release || parsed.info.revision !== revision) return void 0;
  return { found: true, record: { manifest: parsed.info.manifest, hooks: parsed.hooks } };
}
function storedListPath(driver, namespace, release) {
  const selector = encodeURIComponent(`name=${release},owner=helm`);
  return `${collectionPath(driver, namespace)}?labelSelector=${selector}`;
}
var HISTORY_MAX = 256;
function storedReleaseOf(driver, list, release) {
  const records = [];
  for (const item of list.items ?? []) {
    try {
      const json = storedReleaseJson(driver, item);
      const r = JSON.parse(json);
      if (r.name !== release || typeof r.version !== "number") return void 0;
      records.push({ json, r });
    } catch {
      return void 0;
    }
  }
  records.sort((a, b) => a.r.version - b.r.version);
  const history = records.slice(-HISTORY_MAX).map(({ r }) => {
    const meta = r.chart?.metadata;
    return {
      revision: r.version,
      status: r.info?.status ?? "",
      chart: meta ? `${meta.name ?? ""}-${meta.version ?? ""}` : "MISSING",
      appVersion: meta ? meta.appVersion ?? "" : "MISSING",
      description: r.info?.description ?? "",
      updated: r.info?.last_deployed ?? ""
    };
  });
  const newest = records.at(-1);
  let current;
  try {
    current = newest && parseReleaseInfo(newest.json);
  } catch {
    return void 0;
  }
  return { history, current };
}
function storedRecords(get, driver, namespace, release) {
  if (!driver) return void 0;
  let working = true;
  return {
    get working() {
      return working;
    },
    async read(revision) {
      if (!working) return void 0;
      const object = await get(storedRecordPath(driver, namespace, release, revision)).catch(
        () => null
      );
      const result = object === null ? void 0 : storedRecordOf(driver, object, release, revision);
      if (!result) working = false;
      return result;
    },
    async release() {
      if (!working) return void 0;
      const list = await get(storedListPath(driver, namespace, release)).catch(() => null);
      const result = list ? storedReleaseOf(driver, list, release) : void 0;
      if (!result) working = false;
      return result;
    }
  };
}

// src/kube/lease-api.ts
var REQUEST_MS = 1e4;
var LeaseApi = class {
  constructor(api, path) {
    this.api = api;
    this.path = path;
  }
  api;
  path;
  /** The Lease, or undefined when the API server says there is none. */
  async read() {
    const r = await this.api.get(this.path, REQUEST_MS);
    if (r.status === 200) return JSON.parse(r.body);
    if (r.status === 404 && isNotFoundStatus(r.body)) return void 0;
    throw new ExternalError(`reading ${this.path}: HTTP ${r.status} ${statusMessage(r.body)}`);
  }
  /**
   * Replaces the Lease, checked against the resourceVersion it carries: the written Lease, or
   * `conflict` when the Lease changed since it was read.
   */
  async replace(lease) {
    const r = await this.api.put(this.path, lease, REQUEST_MS);
    if (r.status === 200) return JSON.parse(r.body);
    if (r.status === 409) return "conflict";
    throw new ExternalError(`replacing ${this.path}: HTTP ${r.status} ${statusMessage(r.body)}`);
  }
};

// src/modes/deploy.ts
var RECORD_POLL_MS = 200;
async function deployMode(opened, deps) {
  let watch;
  let stored;
  let lock;
  const cluster = connectMeanwhile(
    opened,
    deps,
    () => watch.serverVersion(),
    // As soon as the cluster is known, before its version is read.
    (c) => {
      const w = ReleaseWatch.throughKubectl((socket) => c.kube.proxyCommand(socket), {
        warn: (line) => warning(line),
        debug: (line) => debug(line)
      });
      w.prepare();
      watch = w;
      const namespace = c.session.target.namespace ?? "default";
      stored = storedRecords(
        (path) => w.getObject(path),
        storageDriver(),
        namespace,
        c.session.config.release
      );
      if (c.session.config.lock) {
        lock = startLockReads(c, stored);
        prewarmBaseline(lock.early, namespace, (refs) => w.snapshot(refs));
      }
    }
  );
  try {
    await checkValuesAndLint(opened);
    const { session: s, kube, serverVersion } = await cluster;
    return await deployChecked(opened, s, kube, serverVersion, watch, stored, lock, deps);
  } finally {
    void cluster.finally(() => {
      watch?.close();
      lock?.proxy.close();
    }).catch(() => void 0);
  }
}
function startLockReads(c, stored) {
  const { session: s, kube } = c;
  const path = leasePath(kube.target.namespace, leaseName(s.config.release));
  const proxy = new KubectlProxy((socket) => kube.leaseProxyCommand(socket, path), {
    startTimeoutMs: 1e4,
    log: (line) => debug(line)
  });
  proxy.prepare();
  const api = new LeaseApi(proxy, path);
  const early = readEarly(
    () => api.read(),
    releaseHelm(s.helm, s.target, s.config, void 0, stored)
  );
  return { proxy, api, early };
}
async function deployChecked(opened, s, kube, serverVersion, watch, stored, lock, deps) {
  const { reporter, cancel } = deps;
  await renderAndCheck(opened, serverVersion);
  const state = {
    helm: s.helm.binary,
    release: s.config.release,
    namespace: s.target.namespace,
    kubeContext: s.target.kubeContext,
    kubeconfig: s.target.kubeconfig,
    rollbackOnFailure: s.config.rollbackOnFailure,
    finished: false
  };
  await reporter.deploymentStarted();
  const result = await group(
    `Deploy ${s.config.release} to ${s.target.namespace}`,
    () => deploy(s, {
      kube,
      reader: watch,
      readLease: lock && (() => lock.api.read()),
      stored,
      // One GET instead of two helm processes beside the upgrade: looked for often.
      recordPollMs: () => stored?.working ? RECORD_POLL_MS : void 0,
      replaceLease: lock && ((lease) => lock.api.replace(lease)),
      early: lock?.early,
      clock: deps.clock,
      cancel,
      onStarted: (lastGood) => rememberDeploy({ ...state, lastGood }),
      remember: (patch) => rememberDeploy(Object.assign(state, patch)),
      warn: (line) => warning(line)
    })
  );
  rememberDeploy({ ...state, finished: true });
  for (const w of result.warnings) warning(w);
  const markdown = renderDeploySummary(result);
  await reporter.summary(markdown);
  await reporter.deploymentFinished(
    result.ok,
    result.ok ? `Revision ${result.revision} deployed` : failureHeadline(result)
  );
  await reporter.comment(markdown, [], result.ok ? s.config.environmentUrl : void 0);
  return {
    outputs: {
      status: result.ok ? "deployed" : result.unknown ? "unknown" : result.rollback?.healthy && !result.rollback.uninstalled ? "rolled-back" : "failed",
      revision: result.revision,
      previousRevision: result.previousRevision,
      rolledBack: !!result.rollback && !result.rollback.uninstalled && result.rollback.revision !== void 0,
      changed: result.changed,
      images: result.imagesAfter
    },
    error: result.ok ? void 0 : failureMessage(result)
  };
}
function failureHeadline(r) {
  if (r.unknown) return "Outcome unknown: the cluster stopped answering";
  return r.rollback?.healthy && !r.rollback.uninstalled ? `Failed; rolled back to revision ${r.rollback.toRevision}` : "Deploy failed";
}
function failureMessage(r) {
  if (r.unknown) return r.unknown;
  const what = r.failures.length > 1 ? `the rollout failed (${r.failures.length} problems)` : r.failures.length === 1 ? "the rollout failed" : "the deploy failed";
  const restored = r.rollback ? r.rollback.uninstalled ? "The failed first install was uninstalled." : r.rollback.healthy ? `Rolled back to revision ${r.rollback.toRevision} (now revision ${r.rollback.revision}), which is healthy.` : `Rollback: ${r.rollback.detail}.` : "The release is left as it is (rollback-on-failure is off, or there was nothing to restore).";
  return `Revision ${r.attemptedRevision} of ${r.release}: ${what}:
${r.error}
${restored}`;
}
export {
  deployMode
};
//# sourceMappingURL=deploy-YAALNLOD.js.map
