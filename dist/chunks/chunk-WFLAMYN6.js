import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);
import {
  ExternalError,
  UserError
} from "./chunk-R5UD73HC.js";

// src/helm/args.ts
function globalArgs(t) {
  const args = [];
  if (t.namespace) args.push("--namespace", t.namespace);
  if (t.kubeconfig) args.push("--kubeconfig", t.kubeconfig);
  if (t.kubeContext) args.push("--kube-context", t.kubeContext);
  return args;
}
function valuesArgs(v) {
  const args = [];
  for (const f of v.files) args.push("--values", f);
  for (const s of v.setJson) args.push("--set-json", s);
  for (const s of v.set) args.push("--set", s);
  for (const s of v.setString) args.push("--set-string", s);
  return args;
}
function chartArgs(c) {
  return c.version ? [c.ref, "--version", c.version] : [c.ref];
}
var seconds = (s) => `${s}s`;
function upgradeArgs(d, t, chart, values, o) {
  const args = ["upgrade", t.release, ...chartArgs(chart), "--install", ...globalArgs(t)];
  if (o.createNamespace) args.push("--create-namespace");
  args.push(...valuesArgs(values));
  args.push("--timeout", seconds(o.timeoutSeconds), "--history-max", String(o.historyMax));
  if (o.helmRollback) args.push(...d.rollbackOnFailure);
  if (o.wait || o.helmRollback) args.push(...d.wait);
  if (o.dryRun) args.push(...d.dryRun(o.dryRun));
  if (o.description) args.push("--description", o.description);
  if (o.labels && Object.keys(o.labels).length > 0)
    args.push(
      "--labels",
      Object.entries(o.labels).map(([k, v]) => `${k}=${v}`).join(",")
    );
  args.push("--output", "json");
  return args;
}
function templateArgs(t, chart, values, o = {}) {
  const args = ["template", t.release, ...chartArgs(chart)];
  if (t.namespace) args.push("--namespace", t.namespace);
  args.push(...valuesArgs(values));
  if (o.kubeVersion) args.push("--kube-version", o.kubeVersion);
  for (const a of o.apiVersions ?? []) args.push("--api-versions", a);
  if (o.isUpgrade) args.push("--is-upgrade");
  return args;
}
function lintArgs(chart, values, o = {}) {
  const args = ["lint", chart.ref, ...valuesArgs(values)];
  if (o.namespace) args.push("--namespace", o.namespace);
  if (o.kubeVersion) args.push("--kube-version", o.kubeVersion);
  return args;
}
function releaseRecordArgs(t) {
  return ["get", "all", t.release, ...globalArgs(t), "--template", RELEASE_RECORD_TEMPLATE];
}
var RELEASE_RECORD_TEMPLATE = [
  "name={{.Release.Name}}",
  "namespace={{.Release.Namespace}}",
  "revision={{.Release.Version}}",
  "status={{.Release.Info.Status}}",
  "chart={{with .Release.Chart}}{{with .Metadata}}{{.Name}}-{{.Version}}{{end}}{{end}}",
  "description={{len .Release.Info.Description}}",
  "{{.Release.Info.Description}}",
  "manifest={{len .Release.Manifest}}",
  "{{.Release.Manifest}}"
].join("\n");
function historyArgs(t, max = 256) {
  return ["history", t.release, ...globalArgs(t), "--max", String(max), "--output", "json"];
}
function getValuesArgs(t, o = {}) {
  const args = ["get", "values", t.release, ...globalArgs(t), "--output", "json"];
  if (o.all) args.push("--all");
  if (o.revision !== void 0) args.push("--revision", String(o.revision));
  return args;
}
function getManifestArgs(t, revision) {
  const args = ["get", "manifest", t.release, ...globalArgs(t)];
  if (revision !== void 0) args.push("--revision", String(revision));
  return args;
}
function rollbackArgs(d, t, revision, o) {
  const args = ["rollback", t.release, String(revision), ...globalArgs(t)];
  args.push("--timeout", seconds(o.timeoutSeconds), "--history-max", String(o.historyMax));
  if (o.wait) args.push(...d.wait);
  if (o.forceReplace) args.push(...d.forceReplace);
  return args;
}
function uninstallArgs(t, o) {
  return ["uninstall", t.release, ...globalArgs(t), "--timeout", seconds(o.timeoutSeconds)];
}
function testArgs(t, o) {
  return ["test", t.release, ...globalArgs(t), "--timeout", seconds(o.timeoutSeconds)];
}
function repoAddArgs(alias, url, withCredentials) {
  const args = ["repo", "add", alias, url, "--force-update"];
  if (withCredentials) args.push("--username", withCredentials.username, "--password-stdin");
  return args;
}
function registryLoginArgs(host, username) {
  return ["registry", "login", host, "--username", username, "--password-stdin"];
}
function pullArgs(chart, dir) {
  return ["pull", ...chartArgs(chart), "--untar", "--untardir", dir];
}
function dependencyBuildArgs(chartPath) {
  return ["dependency", "build", chartPath, "--skip-refresh"];
}
function versionArgs() {
  return ["version", "--template", "{{.Version}}"];
}
function getHooksArgs(t, revision) {
  const args = ["get", "hooks", t.release, ...globalArgs(t)];
  if (revision !== void 0) args.push("--revision", String(revision));
  return args;
}

// node_modules/is-network-error/index.js
var objectToString = Object.prototype.toString;
var isError = (value) => objectToString.call(value) === "[object Error]";
var errorMessages = /* @__PURE__ */ new Set([
  "network error",
  // Chrome
  "NetworkError when attempting to fetch resource.",
  // Firefox
  "The Internet connection appears to be offline.",
  // Safari 16
  "Network request failed",
  // `cross-fetch`
  "fetch failed",
  // Undici (Node.js)
  "terminated",
  // Undici (Node.js)
  " A network error occurred.",
  // Bun (WebKit)
  "Network connection lost"
  // Cloudflare Workers (fetch)
]);
function isNetworkError(error) {
  const isValid = error && isError(error) && error.name === "TypeError" && typeof error.message === "string";
  if (!isValid) {
    return false;
  }
  const { message, stack } = error;
  if (message === "Load failed" || message.startsWith("Load failed (") && message.endsWith(")")) {
    return stack === void 0 || "__sentry_captured__" in error;
  }
  if (message.startsWith("error sending request for url")) {
    return true;
  }
  if (message === "Failed to fetch" || message.startsWith("Failed to fetch (") && message.endsWith(")")) {
    return true;
  }
  return errorMessages.has(message);
}

// node_modules/p-retry/index.js
function validateRetries(retries) {
  if (typeof retries === "number") {
    if (retries < 0) {
      throw new TypeError("Expected `retries` to be a non-negative number.");
    }
    if (Number.isNaN(retries)) {
      throw new TypeError("Expected `retries` to be a valid number or Infinity, got NaN.");
    }
    if (Number.isFinite(retries) && !Number.isInteger(retries)) {
      throw new TypeError("Expected `retries` to be a non-negative integer or Infinity.");
    }
  } else if (retries !== void 0) {
    throw new TypeError("Expected `retries` to be a number or Infinity.");
  }
}
function validateNumberOption(name, value, { allowInfinity = false } = {}) {
  if (typeof value !== "number" || Number.isNaN(value)) {
    throw new TypeError(`Expected \`${name}\` to be a number${allowInfinity ? " or Infinity" : ""}.`);
  }
  if (!allowInfinity && !Number.isFinite(value)) {
    throw new TypeError(`Expected \`${name}\` to be a finite number.`);
  }
  if (value < 0) {
    throw new TypeError(`Expected \`${name}\` to be \u2265 0.`);
  }
}
function validateOption(name, value, type) {
  if (value === void 0 || value === null) {
    return;
  }
  if (typeof value !== type) {
    throw new TypeError(`Expected \`${name}\` to be a ${type}.`);
  }
}
function validateSignal(value) {
  if (value === void 0 || value === null) {
    return;
  }
  if (typeof value.throwIfAborted !== "function" || typeof value.addEventListener !== "function" || typeof value.removeEventListener !== "function") {
    throw new TypeError("Expected `signal` to be an AbortSignal.");
  }
}
var AbortError = class _AbortError extends Error {
  constructor(message) {
    super(typeof message === "string" ? message : void 0);
    this.name = "AbortError";
    if (message instanceof Error) {
      this.originalError = message;
      ({ message } = message);
    } else {
      this.originalError = new Error(message);
      ({ message } = this.originalError);
      Error.captureStackTrace?.(this.originalError, _AbortError);
    }
    this.message = message;
  }
};
var maximumDelay = 2 ** 31 - 1;
function calculateDelay(retriesConsumed, options) {
  if (options.minTimeout === 0) {
    return 0;
  }
  const attempt = retriesConsumed + 1;
  const random = options.randomize ? Math.random() + 1 : 1;
  const timeout = Math.round(random * options.minTimeout * options.factor ** (attempt - 1));
  return Math.min(timeout, Math.ceil(options.maxTimeout), maximumDelay);
}
function calculateRemainingTime(start, max) {
  return Number.isFinite(max) ? max - (performance.now() - start) : max;
}
async function delayForRetry(delay, options) {
  if (delay <= 0) {
    return;
  }
  await new Promise((resolve, reject) => {
    const onAbort = () => {
      clearTimeout(timeoutToken);
      reject(options.signal.reason);
    };
    const timeoutToken = setTimeout(() => {
      options.signal?.removeEventListener("abort", onAbort);
      resolve();
    }, delay);
    if (options.unref) {
      timeoutToken.unref?.();
    }
    options.signal?.addEventListener("abort", onAbort, { once: true });
  });
}
function stringifyThrownValue(value) {
  try {
    return String(value);
  } catch {
    return Object.prototype.toString.call(value);
  }
}
function unwrapAbortError(error) {
  let cause = error;
  while (cause instanceof AbortError && cause.originalError instanceof Error) {
    cause = cause.originalError;
  }
  return cause;
}
async function onAttemptFailure({ error, attemptNumber, retriesConsumed, startTime, options }) {
  const abortIfNeeded = () => {
    options.signal?.throwIfAborted();
  };
  const normalizedError = error instanceof Error ? error : new TypeError(`Non-error was thrown: "${stringifyThrownValue(error)}". You should only throw errors.`);
  abortIfNeeded();
  if (normalizedError instanceof AbortError) {
    throw unwrapAbortError(normalizedError);
  }
  const retriesLeft = options.retries - retriesConsumed;
  const isRetriableError = !(normalizedError instanceof TypeError) || isNetworkError(normalizedError);
  const timeLeft = calculateRemainingTime(startTime, options.maxRetryTime);
  const delayTime = isRetriableError && timeLeft > 0 && retriesLeft > 0 ? calculateDelay(retriesConsumed, options) : 0;
  const consumeRetryContext = Object.freeze({
    error: normalizedError,
    attemptNumber,
    retriesLeft,
    retriesConsumed,
    retryDelay: delayTime
  });
  const consumeRetry = await options.shouldConsumeRetry(consumeRetryContext) ?? true;
  abortIfNeeded();
  const effectiveDelay = consumeRetry ? delayTime : 0;
  const context = Object.freeze({
    error: normalizedError,
    attemptNumber,
    retriesLeft,
    retriesConsumed,
    retryDelay: effectiveDelay
  });
  await options.onFailedAttempt(context);
  abortIfNeeded();
  const remainingTime = calculateRemainingTime(startTime, options.maxRetryTime);
  if (!isRetriableError || remainingTime <= 0 || retriesLeft <= 0) {
    throw normalizedError;
  }
  const shouldRetry = await options.shouldRetry(context);
  abortIfNeeded();
  if (!shouldRetry) {
    throw normalizedError;
  }
  const remainingTimeAfterShouldRetry = calculateRemainingTime(startTime, options.maxRetryTime);
  if (remainingTimeAfterShouldRetry <= 0) {
    throw normalizedError;
  }
  if (!consumeRetry) {
    return false;
  }
  await delayForRetry(Math.min(effectiveDelay, remainingTimeAfterShouldRetry), options);
  return true;
}
async function pRetry(input, options = {}) {
  options = { ...options };
  options.retries ??= 10;
  validateRetries(options.retries);
  if (Object.hasOwn(options, "forever")) {
    throw new Error("The `forever` option is no longer supported. For many use-cases, you can set `retries: Infinity` instead.");
  }
  options.factor ??= 2;
  options.minTimeout ??= 1e3;
  options.maxTimeout ??= Infinity;
  options.maxRetryTime ??= Infinity;
  options.randomize ??= false;
  options.onFailedAttempt ??= () => {
  };
  options.shouldRetry ??= () => true;
  options.shouldConsumeRetry ??= () => true;
  validateOption("onFailedAttempt", options.onFailedAttempt, "function");
  validateOption("shouldRetry", options.shouldRetry, "function");
  validateOption("shouldConsumeRetry", options.shouldConsumeRetry, "function");
  validateOption("randomize", options.randomize, "boolean");
  validateOption("unref", options.unref, "boolean");
  validateSignal(options.signal);
  validateNumberOption("factor", options.factor);
  validateNumberOption("minTimeout", options.minTimeout);
  validateNumberOption("maxTimeout", options.maxTimeout, { allowInfinity: true });
  validateNumberOption("maxRetryTime", options.maxRetryTime, { allowInfinity: true });
  if (options.factor === 0) {
    options.factor = 1;
  }
  options.signal?.throwIfAborted();
  let attemptNumber = 0;
  let retriesConsumed = 0;
  const startTime = performance.now();
  while (retriesConsumed <= options.retries) {
    attemptNumber++;
    try {
      options.signal?.throwIfAborted();
      const result = await input(attemptNumber);
      options.signal?.throwIfAborted();
      return result;
    } catch (error) {
      if (await onAttemptFailure({
        error,
        attemptNumber,
        retriesConsumed,
        startTime,
        options
      })) {
        retriesConsumed++;
      }
    }
  }
  throw new Error("Retry attempts exhausted without throwing an error.");
}

// src/kube/retry.ts
var TRANSIENT = [
  /Unable to connect to the server/i,
  /TLS handshake timeout/i,
  /connection refused/i,
  /The connection to the server \S+ was refused/i,
  /connection reset by peer/i,
  /broken pipe/i,
  /no route to host/i,
  /network is unreachable/i,
  /i\/o timeout/i,
  /context deadline exceeded/i,
  /Client\.Timeout exceeded/i,
  /net\/http: request canceled/i,
  /http2: (?:client connection lost|server sent GOAWAY)/i,
  /unexpected EOF|: EOF\s*$/im,
  /\(Timeout\)|the server was unable to return a response in the time allotted/i,
  /Timeout: request did not complete within/i,
  /the server is currently unable to handle the request|ServiceUnavailable|Service Unavailable/i,
  /TooManyRequests|too many requests|rate limit/i,
  /\(InternalError\)|Internal error occurred|InternalServerError/i,
  /Bad Gateway|Gateway Timeout|status code:? 5\d\d/i,
  /an error on the server .* has prevented the request from succeeding/i,
  /etcdserver: (?:request timed out|leader changed|too many requests)/i
];
var FORBIDDEN = /\(Forbidden\)|\bis forbidden\b|\bforbidden:/i;
var NOT_FOUND = /\(NotFound\)|\bnot found\b/i;
var CONFLICT = /\(Conflict\)|\(AlreadyExists\)|already exists|the object has been modified|please apply your changes to the latest version/i;
function classifyFailure(r) {
  const text = r.stderr;
  if (TRANSIENT.some((re) => re.test(text))) return "transient";
  if (FORBIDDEN.test(text)) return "forbidden";
  if (CONFLICT.test(text)) return "conflict";
  if (NOT_FOUND.test(text)) return "not-found";
  return "permanent";
}
var UnreachableError = class extends ExternalError {
  constructor(what, attempts, seconds2, result) {
    super(
      `${what} failed ${attempts} time(s) over ${seconds2}s, the cluster did not answer: ${lastLine(result.stderr)}`
    );
    this.what = what;
    this.attempts = attempts;
    this.seconds = seconds2;
    this.result = result;
    this.name = "UnreachableError";
  }
  what;
  attempts;
  seconds;
  result;
};
var lastLine = (text) => text.trim().split("\n").at(-1) ?? "";
var defaultRetryPolicy = (log) => ({
  minWindowMs: 6e4,
  minDelayMs: 500,
  maxDelayMs: 5e3,
  log
});
var Transient = class extends Error {
  constructor(result) {
    super(lastLine(result.stderr));
    this.result = result;
  }
  result;
};
async function retryRead(what, attempt, policy) {
  const now = policy.now ?? Date.now;
  const started = now();
  const deadline = policy.deadline?.();
  const window = Math.max(policy.minWindowMs, deadline === void 0 ? 0 : deadline - started);
  let attempts = 0;
  try {
    return await pRetry(
      async () => {
        attempts++;
        const r = await attempt();
        if (r.exitCode !== 0 && classifyFailure(r) === "transient") throw new Transient(r);
        return r;
      },
      {
        retries: Infinity,
        minTimeout: policy.minDelayMs,
        maxTimeout: policy.maxDelayMs,
        factor: 2,
        randomize: true,
        maxRetryTime: window,
        onFailedAttempt: ({ error, retryDelay }) => {
          if (retryDelay > 0)
            policy.log?.(
              `${what}: the cluster did not answer (${error.message}); retrying in ${(retryDelay / 1e3).toFixed(1)}s`
            );
        }
      }
    );
  } catch (e) {
    if (e instanceof Transient)
      throw new UnreachableError(what, attempts, Math.round((now() - started) / 1e3), e.result);
    throw e;
  }
}

// src/helm/release.ts
var isPending = (s) => s.startsWith("pending-");
function parseReleaseInfo(json) {
  const r = JSON.parse(json);
  if (typeof r.name !== "string" || typeof r.version !== "number")
    throw new ExternalError("helm printed no release (missing name or version)");
  const meta = r.chart?.metadata;
  return {
    name: r.name,
    namespace: r.namespace ?? "",
    revision: r.version,
    status: r.info?.status ?? "unknown",
    description: r.info?.description ?? "",
    manifest: r.manifest ?? "",
    chart: meta?.name ? `${meta.name}-${meta.version ?? ""}` : void 0
  };
}
function parseReleaseRecord(stdout) {
  const bytes = Buffer.from(stdout, "utf8");
  let at = 0;
  const line = (key) => {
    const end = bytes.indexOf(10, at);
    const text2 = bytes.toString("utf8", at, end < 0 ? bytes.length : end);
    if (!text2.startsWith(`${key}=`))
      throw new ExternalError(`helm printed no release record (expected ${key}= at byte ${at})`);
    at = end < 0 ? bytes.length : end + 1;
    return text2.slice(key.length + 1);
  };
  const text = (key) => {
    const declared = line(key);
    const length = /^\d+$/.test(declared) ? Number(declared) : -1;
    if (length < 0 || at + length > bytes.length)
      throw new ExternalError(`helm printed no release record (bad length of ${key})`);
    const value = bytes.toString("utf8", at, at + length);
    at += length + 1;
    return value;
  };
  const name = line("name");
  const namespace = line("namespace");
  const revisionText = line("revision");
  const revision = /^\d+$/.test(revisionText) ? Number(revisionText) : NaN;
  const status = line("status");
  const chart = line("chart");
  const description = text("description");
  const manifest = text("manifest");
  if (!name || !Number.isInteger(revision))
    throw new ExternalError("helm printed no release (missing name or revision)");
  return {
    name,
    namespace,
    revision,
    status: status || "unknown",
    description,
    manifest,
    chart: chart || void 0
  };
}
function parseUpgradeOutput(stdout) {
  let info;
  let hooks;
  try {
    info = parseReleaseInfo(stdout);
    hooks = JSON.parse(stdout).hooks ?? [];
  } catch {
    return void 0;
  }
  if (!Array.isArray(hooks)) return void 0;
  const text = hooks.map(
    (h) => typeof h.manifest === "string" ? `---
# Source: ${h.path ?? ""}
${h.manifest}
` : ""
  ).join("");
  return { info, hooks: text };
}
function parseHistory(json) {
  const rows = JSON.parse(json);
  if (!Array.isArray(rows)) throw new ExternalError("helm history printed no list");
  return rows.map((r) => ({
    revision: r.revision,
    status: r.status,
    chart: r.chart ?? "",
    appVersion: r.app_version ?? "",
    description: r.description ?? "",
    updated: r.updated ?? ""
  })).sort((a, b) => a.revision - b.revision);
}
function rolledBackFrom(history) {
  const bad = /* @__PURE__ */ new Set();
  const sorted = [...history].sort((a, b) => a.revision - b.revision);
  for (let i = 1; i < sorted.length; i++) {
    const to = /^Rollback to (\d+)/.exec(sorted[i].description);
    const prev = sorted[i - 1];
    if (to && prev.revision > Number(to[1])) bad.add(prev.revision);
  }
  return bad;
}
function lastGoodRevision(history, below) {
  const abandoned = rolledBackFrom(history);
  return [...history].reverse().find(
    (h) => (below === void 0 || h.revision < below) && !abandoned.has(h.revision) && (h.status === "deployed" || h.status === "superseded")
  );
}
function everDeployed(history) {
  return history.some((h) => h.status === "deployed" || h.status === "superseded");
}

// src/helm/dialect.ts
var helm3 = {
  major: 3,
  rollbackOnFailure: ["--atomic"],
  wait: ["--wait"],
  forceReplace: ["--force"],
  dryRun: (kind) => [`--dry-run=${kind}`],
  serverSide: (mode) => {
    if (mode === "true")
      throw new UserError("server-side apply needs Helm 4; Helm 3 always applies client-side");
    return [];
  }
};
var helm4 = {
  major: 4,
  // --atomic is a deprecated alias in Helm 4 and was an unknown flag on `install` in 4.0.0-4.1.1.
  rollbackOnFailure: ["--rollback-on-failure"],
  wait: ["--wait=watcher"],
  forceReplace: ["--force-replace"],
  dryRun: (kind) => [`--dry-run=${kind}`],
  // `auto` reuses the release's stored apply method on upgrade and is SSA for new installs.
  serverSide: (mode) => [`--server-side=${mode}`]
};
function dialectFor(major) {
  return major === 3 ? helm3 : helm4;
}
function parseHelmVersionOutput(text) {
  const version = text.trim();
  const m = /^v?(\d+)\.(\d+)\.(\d+)/.exec(version);
  if (!m) throw new ExternalError(`could not read the Helm version from "${version}"`);
  const major = Number(m[1]);
  if (major !== 3 && major !== 4)
    throw new UserError(
      `Helm ${version} is not supported; use Helm 3 or Helm 4 (input helm-version installs one)`
    );
  return { version, major };
}

// src/helm/helm.ts
var HelmError = class extends ExternalError {
  constructor(command, result) {
    super(
      `helm ${command} failed (exit ${result.exitCode}${result.signal ? `, ${result.signal}` : ""}): ${firstLines(result.stderr || result.stdout, 15)}`
    );
    this.command = command;
    this.result = result;
    this.name = "HelmError";
  }
  command;
  result;
};
function firstLines(text, n) {
  const lines = text.trim().split("\n");
  return lines.length > n ? `${lines.slice(0, n).join("\n")}
\u2026` : lines.join("\n");
}
async function runHelm(runner, binary, args, opts = {}) {
  const r = await runner.run(binary, args, opts);
  if (r.exitCode !== 0) throw new HelmError(args.slice(0, 2).join(" "), r);
  return r;
}
var NOT_FOUND2 = /release: not found|not found/i;
var Helm = class _Helm {
  constructor(runner, binary, version, dialect) {
    this.runner = runner;
    this.binary = binary;
    this.version = version;
    this.dialect = dialect;
  }
  runner;
  binary;
  version;
  dialect;
  readRetry;
  /**
   * Asks helm its version, or takes the answer `cache` remembers for this very binary. An answer
   * that is not Helm 3 or 4 is never remembered.
   */
  static async detect(runner, binary = "helm", cache) {
    const known = cache?.get(binary);
    if (known !== void 0) {
      try {
        const { version: version2, major: major2 } = parseHelmVersionOutput(known);
        return new _Helm(runner, binary, version2, dialectFor(major2));
      } catch {
      }
    }
    const r = await runner.run(binary, versionArgs(), { echo: false });
    if (r.exitCode !== 0) throw new HelmError("version", r);
    const { version, major } = parseHelmVersionOutput(r.stdout);
    cache?.set(binary, r.stdout);
    return new _Helm(runner, binary, version, dialectFor(major));
  }
  get major() {
    return this.dialect.major;
  }
  /** From now on, release reads ride out an unreachable API server as the policy allows. */
  retryReads(policy) {
    this.readRetry = policy;
  }
  /** A read of release storage: repeated while the cluster is unreachable, never thrown on exit. */
  read(args) {
    const run = () => this.runner.run(this.binary, args, { echo: false });
    const what = `helm ${args.slice(0, args[0] === "get" ? 2 : 1).join(" ")}`;
    return this.readRetry ? retryRead(what, run, this.readRetry) : run();
  }
  async run(args, opts = {}) {
    return runHelm(this.runner, this.binary, args, opts);
  }
  /** Starts helm and returns at once, for commands that run while the rollout is watched. */
  start(args) {
    return this.runner.start(this.binary, args);
  }
  /** Runs and returns the result without throwing, for commands whose failure is an answer. */
  async runAllowingFailure(args, opts = {}) {
    return this.runner.run(this.binary, args, opts);
  }
  /** The current release record (its latest revision), or undefined when there is none. */
  async status(t) {
    const r = await this.read(releaseRecordArgs(t));
    if (r.exitCode !== 0) {
      if (NOT_FOUND2.test(r.stderr)) return void 0;
      throw new HelmError("get all", r);
    }
    return parseReleaseRecord(r.stdout);
  }
  async history(t) {
    const r = await this.read(historyArgs(t));
    if (r.exitCode !== 0) {
      if (NOT_FOUND2.test(r.stderr)) return [];
      throw new HelmError("history", r);
    }
    return parseHistory(r.stdout);
  }
  async manifest(t, revision) {
    const r = await this.read(getManifestArgs(t, revision));
    if (r.exitCode !== 0) throw new HelmError("get manifest", r);
    return r.stdout;
  }
  async values(t, o = {}) {
    const r = await this.read(getValuesArgs(t, o));
    if (r.exitCode !== 0) throw new HelmError("get values", r);
    const out = r.stdout.trim();
    return out === "" || out === "null" ? {} : JSON.parse(out);
  }
};

// src/run/temp-files.ts
import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
var TempFiles = class {
  dir;
  files = [];
  constructor(base = process.env.RUNNER_TEMP || tmpdir()) {
    this.dir = mkdtempSync(join(base, "goatflow-deploy-"));
  }
  write(name, content) {
    const path = join(this.dir, `${randomBytes(4).toString("hex")}-${name}`);
    writeFileSync(path, content, { mode: 384 });
    this.files.push(path);
    return path;
  }
  get paths() {
    return [this.dir, ...this.files];
  }
  removeAll() {
    rmSync(this.dir, { recursive: true, force: true });
  }
};
function removeRecorded(paths) {
  const removed = [];
  for (const p of paths) {
    if (!/goatflow-deploy-[^/]+/.test(p)) continue;
    rmSync(p, { recursive: true, force: true });
    removed.push(p);
  }
  return removed;
}

// src/exec/redact.ts
var SECRET_KEY = /(pass(word|wd|phrase)?|secret|token|api[-_]?key|private[-_]?key|credential|auth|dsn|connection[-_]?string|access[-_]?key|client[-_]?key|cert(ificate)?[-_]?data|key[-_]?data)$/i;
var MASK = "***";
function looksSecret(key) {
  const last = key.split(/[.[\]]/).filter(Boolean).pop() ?? key;
  return SECRET_KEY.test(last);
}
var SET_FLAGS = /* @__PURE__ */ new Set(["--set", "--set-string", "--set-json", "--set-file", "--set-literal"]);
function redactSetItem(item) {
  return item.split(/(?<!\\),/).map((pair) => {
    const eq = pair.indexOf("=");
    if (eq < 0) return pair;
    return looksSecret(pair.slice(0, eq)) ? `${pair.slice(0, eq)}=${MASK}` : pair;
  }).join(",");
}
function displayCommand(file, args) {
  const shown = [];
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    const prev = args[i - 1];
    if (prev && SET_FLAGS.has(prev)) shown.push(redactSetItem(arg));
    else if (prev === "--password" || prev === "--username") shown.push(MASK);
    else if (/^--(set|set-string|set-json)=/.test(arg)) {
      const eq = arg.indexOf("=");
      shown.push(`${arg.slice(0, eq + 1)}${redactSetItem(arg.slice(eq + 1))}`);
    } else if (/^--password=/.test(arg)) shown.push(`--password=${MASK}`);
    else shown.push(arg);
  }
  return [file.split("/").pop() ?? file, ...shown].map(quote).join(" ");
}
function quote(arg) {
  return /^[\w@%+=:,./-]+$/.test(arg) ? arg : `'${arg.replace(/'/g, `'\\''`)}'`;
}

export {
  MASK,
  looksSecret,
  displayCommand,
  upgradeArgs,
  templateArgs,
  lintArgs,
  getManifestArgs,
  rollbackArgs,
  uninstallArgs,
  testArgs,
  repoAddArgs,
  registryLoginArgs,
  pullArgs,
  dependencyBuildArgs,
  getHooksArgs,
  pRetry,
  classifyFailure,
  UnreachableError,
  defaultRetryPolicy,
  retryRead,
  isPending,
  parseReleaseInfo,
  parseUpgradeOutput,
  rolledBackFrom,
  lastGoodRevision,
  everDeployed,
  HelmError,
  runHelm,
  Helm,
  TempFiles,
  removeRecorded
};
//# sourceMappingURL=chunk-WFLAMYN6.js.map
