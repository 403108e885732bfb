import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);
import {
  Helm,
  HelmError,
  TempFiles,
  dependencyBuildArgs,
  imagesOf,
  lintArgs,
  looksSecret,
  parseManifests,
  pullArgs,
  registryLoginArgs,
  repoAddArgs,
  require_dist,
  runHelm,
  templateArgs
} from "./chunk-FNM5R2QI.js";
import {
  UserError
} from "./chunk-R5UD73HC.js";
import {
  __toESM
} from "./chunk-SK5B422H.js";

// src/analysis/config.ts
function fillPlaceholders(text, p) {
  return text.replace(/\{\{\s*(slot|release|namespace)\s*\}\}/g, (whole, key) => {
    const v = p[key];
    return v === void 0 ? whole : v;
  });
}
function analysisSecrets(a) {
  if (!a) return [];
  const out = [];
  if (a.auth?.kind === "bearer") out.push(a.auth.token);
  if (a.auth?.kind === "basic") out.push(a.auth.password);
  for (const [name, value] of Object.entries(a.headers))
    if (/authorization|token|key|secret|password/i.test(name)) out.push(value);
  try {
    const u = new URL(a.url);
    if (u.password) out.push(decodeURIComponent(u.password));
  } catch {
  }
  return out.filter((s) => s.length >= 4);
}

// src/render/render.ts
var started = /* @__PURE__ */ new WeakMap();
function checkArgs(s) {
  return {
    lint: lintArgs(s.chart, s.values, {
      namespace: s.config.namespace,
      kubeVersion: s.config.kubeVersion
    }),
    template: templateArgs(s.target, s.chart, s.values, {
      kubeVersion: s.config.kubeVersion
    })
  };
}
function quiet(p) {
  p.catch(() => void 0);
  return p;
}
var early = /* @__PURE__ */ new Map();
var keyOf = (binary, args) => JSON.stringify([binary, args]);
function startHelmChecksEarly(runner, binary, inputs) {
  const args = checkArgs(inputs);
  for (const command of [args.lint, args.template])
    early.set(keyOf(binary, command), quiet(runner.run(binary, command)));
}
function takeEarly(binary, args) {
  const key = keyOf(binary, args);
  const p = early.get(key);
  early.delete(key);
  return p;
}
function startHelmChecks(s) {
  let h = started.get(s);
  if (!h) {
    const args = checkArgs(s);
    h = {
      lint: takeEarly(s.helm.binary, args.lint) ?? quiet(s.helm.runAllowingFailure(args.lint)),
      template: takeEarly(s.helm.binary, args.template) ?? quiet(s.helm.runAllowingFailure(args.template))
    };
    started.set(s, h);
  }
  return h;
}
var renders = /* @__PURE__ */ new WeakMap();
function render(s) {
  let rendered = renders.get(s);
  if (!rendered) {
    rendered = startHelmChecks(s).template.then((r) => {
      if (r.exitCode !== 0)
        throw new UserError(
          `helm template could not render ${s.chart.ref}:
${new HelmError("template", r).message}`
        );
      const objects = parseManifests(r.stdout);
      return { manifest: r.stdout, objects, images: imagesOf(objects) };
    });
    renders.set(s, quiet(rendered));
  }
  return rendered;
}

// src/run/session.ts
var import_yaml2 = __toESM(require_dist(), 1);
import { existsSync, mkdirSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";

// src/inputs/config.ts
var RELEASE_MODES = ["rollback", "remove", "promote", "reject"];

// src/helm/sources.ts
var UNAUTHORIZED = /\b401\b|unauthori[sz]ed|authentication required|basic credential not found/i;
var FORBIDDEN = /\b403\b|forbidden|denied/i;
var TLS = /x509:|certificate signed by unknown authority|tls:/i;
var NO_VERSION = /no chart version found|matching .* not found|can't get a valid version|not found in .* index|: not found$|manifest unknown|no matching version|no tags? found/im;
function why(stderr, c) {
  if (UNAUTHORIZED.test(stderr))
    return c.withCredentials ? 'the server refused the credentials: check "repo-username" and "repo-password"' : 'the server asks for credentials: set "repo-username" and "repo-password"';
  if (FORBIDDEN.test(stderr))
    return 'the account of "repo-username" may not read this chart: check its permissions';
  if (TLS.test(stderr))
    return "its TLS certificate is not trusted: give helm the CA (SSL_CERT_FILE on the step, or the runner trust store)";
  return void 0;
}
function sourceFailure(step, helmMessage, c) {
  const reason = why(helmMessage, c);
  const helmSays = `helm says: ${helmMessage.trim()}`;
  switch (step) {
    case "repo add":
      return `Input "repo-url" "${c.repoUrl ?? ""}": the chart repository could not be added (${reason ?? "check the URL: it must serve index.yaml"}). Nothing was deployed.
${helmSays}`;
    case "registry login":
      return `Input "chart" "${c.chart}": logging in to the OCI registry failed (${reason ?? "check the registry host"}). Nothing was deployed.
${helmSays}`;
    case "dependency build":
      return `Input "chart" "${c.chart}": helm dependency build could not fetch the chart's dependencies (${reason ?? "check the repository and version of each dependency in Chart.yaml; set repo-url (and credentials) to the repository they come from"}). Nothing was deployed.
${helmSays}`;
    case "resolve":
      if (reason)
        return `Input "chart" "${c.chart}": the chart could not be fetched (${reason}). Nothing was deployed.
${helmSays}`;
      if (c.chartVersion !== void 0 && NO_VERSION.test(helmMessage))
        return `Input "chart-version" "${c.chartVersion}": no version of ${c.chart} matches it; give a version the source publishes, or a range such as ~1.4. Nothing was deployed.
${helmSays}`;
      return `Input "chart" "${c.chart}": the chart could not be found${c.chartVersion === void 0 ? "" : ` (chart-version "${c.chartVersion}")`}; check the chart name and source. Nothing was deployed.
${helmSays}`;
  }
}

// src/values/semver.ts
var S = "[\\t\\n\\f\\r ]";
var CV = "v?([0-9|x|X|\\*]+)(\\.[0-9|x|X|\\*]+)?(\\.[0-9|x|X|\\*]+)?(-([0-9A-Za-z\\-]+(\\.[0-9A-Za-z\\-]+)*))?(\\+([0-9A-Za-z\\-]+(\\.[0-9A-Za-z\\-]+)*))?";
var OPS = "=||!=|>|<|>=|=>|<=|=<|~|~>|\\^";
var CONSTRAINT = new RegExp(`^${S}*(${OPS})${S}*(${CV})${S}*$`);
var RANGE = new RegExp(`${S}*(${CV})${S}+-${S}+(${CV})${S}*`, "g");
var FIND = new RegExp(`(${OPS})${S}*(${CV})`, "g");
var VALID = new RegExp(
  `^(${S}*(${OPS})${S}*(${CV})${S}*)((?:${S}+|,${S}*)(${OPS})${S}*(${CV})${S}*)*$`
);
var LOOSE_VERSION = /^v?([0-9]+)(\.[0-9]+)?(\.[0-9]+)?(-([0-9A-Za-z-]+(\.[0-9A-Za-z-]+)*))?(\+([0-9A-Za-z-]+(\.[0-9A-Za-z-]+)*))?$/;
var MAX_CONSTRAINT_LENGTH = 512;
var MAX_CONSTRAINT_GROUPS = 32;
var MAX_VERSION_LENGTH = 256;
var MAX_UINT64 = 18446744073709551615n;
function parseVersion(text) {
  if (text.length > MAX_VERSION_LENGTH) return void 0;
  const m = LOOSE_VERSION.exec(text);
  if (!m) return void 0;
  const numbers = [m[1], m[2]?.slice(1) ?? "0", m[3]?.slice(1) ?? "0"];
  if (numbers.some((n) => BigInt(n) > MAX_UINT64)) return void 0;
  const pre = m[5] ?? "";
  if (pre !== "" && pre.split(".").some((p) => /^0\d+$/.test(p))) return void 0;
  return { major: +numbers[0], minor: +numbers[1], patch: +numbers[2], pre };
}
function comparePre(a, b) {
  if (a === b) return 0;
  if (a === "") return 1;
  if (b === "") return -1;
  const pa = a.split(".");
  const pb = b.split(".");
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    if (pa[i] === void 0) return -1;
    if (pb[i] === void 0) return 1;
    const na = /^\d+$/.test(pa[i]);
    const nb = /^\d+$/.test(pb[i]);
    if (na && nb && +pa[i] !== +pb[i]) return +pa[i] < +pb[i] ? -1 : 1;
    if (na !== nb) return na ? -1 : 1;
    if (pa[i] !== pb[i]) return pa[i] < pb[i] ? -1 : 1;
  }
  return 0;
}
function compare(a, b) {
  return Math.sign(a.major - b.major) || Math.sign(a.minor - b.minor) || Math.sign(a.patch - b.patch) || comparePre(a.pre, b.pre);
}
var isX = (s) => s === "x" || s === "X" || s === "*";
function parseOne(text) {
  const m = CONSTRAINT.exec(text);
  if (!m) return void 0;
  const [, op, cv, major, dotMinor = "", dotPatch = "", dashPre = ""] = m;
  let ver = cv;
  let dirty = false;
  let minorDirty = false;
  let patchDirty = false;
  if (isX(major) || major === "") {
    ver = `0.0.0${dashPre}`;
    dirty = true;
  } else if (isX(dotMinor.slice(1)) || dotMinor === "") {
    ver = `${major}.0.0${dashPre}`;
    dirty = minorDirty = true;
  } else if (isX(dotPatch.slice(1)) || dotPatch === "") {
    ver = `${major}${dotMinor}.0${dashPre}`;
    dirty = patchDirty = true;
  }
  const con = parseVersion(ver);
  return con && { op, con, dirty, minorDirty, patchDirty };
}
function parseConstraint(text) {
  if (text.length > MAX_CONSTRAINT_LENGTH) return void 0;
  const rewritten = text.replace(RANGE, (_all, a, ...rest) => {
    const b = rest[9];
    return `>= ${a}, <= ${b} `;
  });
  const ors = rewritten.split("||");
  if (ors.length > MAX_CONSTRAINT_GROUPS) return void 0;
  const groups = [];
  for (const or of ors) {
    if (!VALID.test(or)) return void 0;
    const found = or.match(FIND) ?? [or];
    const group = found.map(parseOne);
    if (group.some((c) => c === void 0)) return void 0;
    groups.push(group);
  }
  return groups;
}
function satisfies(x, c, includePre) {
  if (x.pre !== "" && !includePre) return false;
  const { con } = c;
  const cmp = compare(x, con);
  switch (c.op) {
    case "!=":
      if (c.dirty) {
        if (con.major !== x.major) return true;
        if (con.minor !== x.minor && !c.minorDirty) return true;
        if (c.minorDirty) return false;
        if (con.patch !== x.patch && !c.patchDirty) return true;
        if (c.patchDirty)
          return (x.pre !== "" || con.pre !== "") && comparePre(x.pre, con.pre) !== 0;
      }
      return cmp !== 0;
    case ">":
      if (!c.dirty) return cmp > 0;
      if (x.major !== con.major) return x.major > con.major;
      if (c.minorDirty) return false;
      if (c.patchDirty) return x.minor > con.minor;
      return cmp > 0;
    case "<":
      return cmp < 0;
    case ">=":
    case "=>":
      return cmp >= 0;
    case "<=":
    case "=<":
      if (!c.dirty) return cmp <= 0;
      if (x.major > con.major) return false;
      return !(x.major === con.major && x.minor > con.minor && !c.minorDirty);
    case "~":
    case "~>":
      return tilde(x, c);
    case "^": {
      if (cmp < 0) return false;
      if (con.major > 0 || c.minorDirty) return x.major === con.major;
      if (x.major > 0) return false;
      if (con.minor > 0 || c.patchDirty) return x.minor === con.minor;
      if (x.minor > 0) return false;
      return x.patch === con.patch;
    }
    default:
      return c.dirty ? tilde(x, c) : cmp === 0;
  }
}
function tilde(x, c) {
  const { con } = c;
  if (compare(x, con) < 0) return false;
  if (con.major === 0 && con.minor === 0 && con.patch === 0 && !c.minorDirty && !c.patchDirty)
    return true;
  if (x.major !== con.major) return false;
  return x.minor === con.minor || c.minorDirty;
}
function isValidConstraint(text) {
  return parseConstraint(text) !== void 0;
}
function isCompatibleRange(constraint, version) {
  const ver = parseVersion(version);
  const groups = parseConstraint(constraint);
  if (ver === void 0 || groups === void 0) return false;
  return groups.some((group) => {
    const includePre = group.some((c) => c.con.pre !== "");
    return group.every((c) => satisfies(ver, c, includePre));
  });
}

// src/kube/kubeconfig.ts
var import_yaml = __toESM(require_dist(), 1);
function kubeconfigSecrets(text) {
  const cfg = (0, import_yaml.parse)(text);
  const secrets = [];
  for (const u of cfg?.users ?? []) {
    const user = u.user ?? {};
    for (const key of ["token", "password", "client-key-data", "client-certificate-data"]) {
      const v = user[key];
      if (typeof v === "string" && v !== "") secrets.push(v);
    }
    for (const e of user.exec?.env ?? [])
      if (typeof e.value === "string" && e.value.length >= 6) secrets.push(e.value);
  }
  return secrets;
}

// src/run/session.ts
var inNamespace = (s, namespace) => ({
  ...s,
  target: { ...s.target, namespace }
});
function masksFor(config) {
  const secrets = [];
  if (config.credentials) secrets.push(config.credentials.password);
  if (config.githubToken) secrets.push(config.githubToken);
  if (config.kubeconfig) secrets.push(...kubeconfigSecrets(config.kubeconfig));
  secrets.push(...analysisSecrets(config.analysis));
  for (const item of [...config.set, ...config.setString, ...config.setJson]) {
    const eq = item.indexOf("=");
    const value = item.slice(eq + 1);
    if (looksSecret(item.slice(0, eq)) && value.length >= 4) secrets.push(value);
  }
  return secrets;
}
function chartSpec(config) {
  const c = config.chart;
  const ref = c.kind === "local" ? c.path : c.kind === "url" ? c.url : c.ref;
  return { ref, version: config.chartVersion };
}
async function openSession(config, deps) {
  for (const secret of masksFor(config)) deps.mask(secret);
  const temp = new TempFiles();
  const target = {
    release: config.release,
    namespace: config.namespace,
    kubeContext: config.kubeContext
  };
  if (config.kubeconfig) target.kubeconfig = temp.write("kubeconfig", config.kubeconfig);
  const files = [...config.valuesFiles];
  const inlineValuesFile = config.inlineValues ? temp.write("values.yaml", config.inlineValues) : void 0;
  if (inlineValuesFile) files.push(inlineValuesFile);
  const binary = deps.helmBinary ? await deps.helmBinary(config) : config.helmVersion ? (
    // Loaded only when asked for: the download client is a large part of the bundle.
    await (await import("./install-N26UYXO3.js")).installHelm(config.helmVersion, config.helmDownloadUrl, deps.log)
  ) : "helm";
  const detecting = Helm.detect(deps.runner, binary, deps.versionCache);
  detecting.catch(() => void 0);
  const run = (args, input) => runHelm(deps.runner, binary, args, { input });
  const values = { files, set: config.set, setString: config.setString, setJson: config.setJson };
  let chart;
  try {
    chart = RELEASE_MODES.includes(config.mode) ? chartSpec(config) : await prepareChart(config, run, temp, deps.waiting);
  } catch (e) {
    await detecting;
    throw e;
  }
  if (CHECKED_MODES.includes(config.mode) && config.strategy !== "blue-green")
    startHelmChecksEarly(deps.runner, binary, { config, target, chart, values });
  deps.waiting?.();
  const helm = await detecting;
  deps.log(`Helm ${helm.version} (Helm ${helm.major} dialect)`);
  return { config, helm, target, chart, values, temp, inlineValuesFile, log: deps.log };
}
var CHECKED_MODES = ["validate", "plan", "deploy"];
async function prepareChart(config, run, temp, waiting) {
  const chart = chartSpec(config);
  const creds = config.credentials;
  const context = {
    chart: config.chart.kind === "local" ? config.chart.path : chart.ref,
    repoUrl: config.repo?.url,
    chartVersion: config.chartVersion,
    withCredentials: creds !== void 0
  };
  const step = async (name, args, input) => {
    try {
      const running = run(args, input);
      waiting?.();
      await running;
    } catch (e) {
      if (!(e instanceof HelmError)) throw e;
      throw new UserError(
        sourceFailure(name, e.result.stderr || e.result.stdout || e.message, context)
      );
    }
  };
  if (config.repo) {
    await step(
      "repo add",
      repoAddArgs(config.repo.alias, config.repo.url, creds),
      creds?.password
    );
  } else if (config.chart.kind === "oci" && creds) {
    const host = config.chart.ref.slice("oci://".length).split("/")[0];
    await step("registry login", registryLoginArgs(host, creds.username), creds.password);
  }
  if (config.chart.kind === "repo" || config.chart.kind === "oci") {
    const dir = join(temp.dir, "chart");
    mkdirSync(dir);
    await step("resolve", pullArgs(chart, dir));
    const [name] = readdirSync(dir);
    return { ref: join(dir, name) };
  }
  if (config.chart.kind === "local" && !config.chart.packaged && needsDependencyBuild(config.chart.path)) {
    await step("dependency build", dependencyBuildArgs(config.chart.path));
  }
  return chart;
}
function needsDependencyBuild(chartPath) {
  const chart = (0, import_yaml2.parse)(readFileSync(join(chartPath, "Chart.yaml"), "utf8"));
  const deps = chart?.dependencies ?? [];
  if (deps.length === 0) return false;
  const dir = join(chartPath, "charts");
  const vendored = existsSync(dir) ? readdirSync(dir) : [];
  return deps.some((d) => {
    if (vendored.includes(d.name)) return false;
    const versions = vendored.filter((f) => f.startsWith(`${d.name}-`) && f.endsWith(".tgz")).map((f) => f.slice(d.name.length + 1, -".tgz".length));
    const wanted = d.version ?? "";
    return !versions.some(
      (v) => v === wanted || isValidConstraint(wanted) && isCompatibleRange(wanted, v)
    );
  });
}

export {
  RELEASE_MODES,
  isValidConstraint,
  isCompatibleRange,
  startHelmChecks,
  render,
  fillPlaceholders,
  inNamespace,
  masksFor,
  chartSpec,
  openSession
};
//# sourceMappingURL=chunk-FCRLM365.js.map
