import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);
import {
  createProcessRunner,
  signalChildren
} from "./chunks/chunk-TXR234BR.js";
import {
  systemClock
} from "./chunks/chunk-I6JQYRCA.js";
import {
  isPostStep,
  markMainStepRan,
  rememberTempFiles
} from "./chunks/chunk-BTHNUVWL.js";
import {
  RELEASE_MODES,
  isValidConstraint,
  openSession
} from "./chunks/chunk-FCRLM365.js";
import {
  require_dist
} from "./chunks/chunk-FNM5R2QI.js";
import {
  getInput,
  info,
  setFailed,
  setOutput,
  setSecret,
  summary,
  warning
} from "./chunks/chunk-EJN3PRND.js";
import {
  ExternalError,
  UserError,
  fail,
  ok
} from "./chunks/chunk-R5UD73HC.js";
import {
  __commonJS,
  __require,
  __toESM
} from "./chunks/chunk-SK5B422H.js";

// node_modules/isexe/dist/commonjs/index.min.js
var require_index_min = __commonJS({
  "node_modules/isexe/dist/commonjs/index.min.js"(exports) {
    "use strict";
    var a = (t, e) => () => (e || t((e = { exports: {} }).exports, e), e.exports);
    var _ = a((i) => {
      "use strict";
      Object.defineProperty(i, "__esModule", { value: true });
      i.sync = i.isexe = void 0;
      var M = __require("node:fs"), x = __require("node:fs/promises"), q = async (t, e = {}) => {
        let { ignoreErrors: r = false } = e;
        try {
          return d(await (0, x.stat)(t), e);
        } catch (s) {
          let n = s;
          if (r || n.code === "EACCES") return false;
          throw n;
        }
      };
      i.isexe = q;
      var m = (t, e = {}) => {
        let { ignoreErrors: r = false } = e;
        try {
          return d((0, M.statSync)(t), e);
        } catch (s) {
          let n = s;
          if (r || n.code === "EACCES") return false;
          throw n;
        }
      };
      i.sync = m;
      var d = (t, e) => t.isFile() && A(t, e), A = (t, e) => {
        let r = e.uid ?? process.getuid?.(), s = e.groups ?? process.getgroups?.() ?? [], n = e.gid ?? process.getgid?.() ?? s[0];
        if (r === void 0 || n === void 0) throw new Error("cannot get uid or gid");
        let u = /* @__PURE__ */ new Set([n, ...s]), c = t.mode, S = t.uid, P = t.gid, f = parseInt("100", 8), l = parseInt("010", 8), j = parseInt("001", 8), C = f | l;
        return !!(c & j || c & l && u.has(P) || c & f && S === r || c & C && r === 0);
      };
    });
    var g = a((o) => {
      "use strict";
      Object.defineProperty(o, "__esModule", { value: true });
      o.sync = o.isexe = void 0;
      var T = __require("node:fs"), I = __require("node:fs/promises"), D = __require("node:path"), F = async (t, e = {}) => {
        let { ignoreErrors: r = false } = e;
        try {
          return y(await (0, I.stat)(t), t, e);
        } catch (s) {
          let n = s;
          if (r || n.code === "EACCES") return false;
          throw n;
        }
      };
      o.isexe = F;
      var L = (t, e = {}) => {
        let { ignoreErrors: r = false } = e;
        try {
          return y((0, T.statSync)(t), t, e);
        } catch (s) {
          let n = s;
          if (r || n.code === "EACCES") return false;
          throw n;
        }
      };
      o.sync = L;
      var B = (t, e) => {
        let { pathExt: r = process.env.PATHEXT || "" } = e, s = r.split(D.delimiter);
        if (s.indexOf("") !== -1) return true;
        for (let n of s) {
          let u = n.toLowerCase(), c = t.substring(t.length - u.length).toLowerCase();
          if (u && c === u) return true;
        }
        return false;
      }, y = (t, e, r) => t.isFile() && B(e, r);
    });
    var p = a((h) => {
      "use strict";
      Object.defineProperty(h, "__esModule", { value: true });
    });
    var v = exports && exports.__createBinding || (Object.create ? (function(t, e, r, s) {
      s === void 0 && (s = r);
      var n = Object.getOwnPropertyDescriptor(e, r);
      (!n || ("get" in n ? !e.__esModule : n.writable || n.configurable)) && (n = { enumerable: true, get: function() {
        return e[r];
      } }), Object.defineProperty(t, s, n);
    }) : (function(t, e, r, s) {
      s === void 0 && (s = r), t[s] = e[r];
    }));
    var G = exports && exports.__setModuleDefault || (Object.create ? (function(t, e) {
      Object.defineProperty(t, "default", { enumerable: true, value: e });
    }) : function(t, e) {
      t.default = e;
    });
    var w = exports && exports.__importStar || /* @__PURE__ */ (function() {
      var t = function(e) {
        return t = Object.getOwnPropertyNames || function(r) {
          var s = [];
          for (var n in r) Object.prototype.hasOwnProperty.call(r, n) && (s[s.length] = n);
          return s;
        }, t(e);
      };
      return function(e) {
        if (e && e.__esModule) return e;
        var r = {};
        if (e != null) for (var s = t(e), n = 0; n < s.length; n++) s[n] !== "default" && v(r, e, s[n]);
        return G(r, e), r;
      };
    })();
    var X = exports && exports.__exportStar || function(t, e) {
      for (var r in t) r !== "default" && !Object.prototype.hasOwnProperty.call(e, r) && v(e, t, r);
    };
    Object.defineProperty(exports, "__esModule", { value: true });
    exports.sync = exports.isexe = exports.posix = exports.win32 = void 0;
    var E = w(_());
    exports.posix = E;
    var O = w(g());
    exports.win32 = O;
    X(p(), exports);
    var H = process.env._ISEXE_TEST_PLATFORM_ || process.platform;
    var b = H === "win32" ? O : E;
    exports.isexe = b.isexe;
    exports.sync = b.sync;
  }
});

// node_modules/which/lib/index.js
var require_lib = __commonJS({
  "node_modules/which/lib/index.js"(exports, module) {
    var { isexe, sync: isexeSync } = require_index_min();
    var { join: join2, delimiter, sep, posix } = __require("path");
    var isWindows = process.platform === "win32";
    var rSlash = new RegExp(`[${posix.sep}${sep === posix.sep ? "" : sep}]`.replace(/(\\)/g, "\\$1"));
    var rRel = new RegExp(`^\\.${rSlash.source}`);
    var getNotFoundError = (cmd) => Object.assign(new Error(`not found: ${cmd}`), { code: "ENOENT" });
    var getPathInfo = (cmd, {
      path: optPath = process.env.PATH,
      pathExt: optPathExt = process.env.PATHEXT,
      delimiter: optDelimiter = delimiter
    }) => {
      const pathEnv = cmd.match(rSlash) ? [""] : [
        // windows always checks the cwd first
        ...isWindows ? [process.cwd()] : [],
        ...(optPath || /* istanbul ignore next: very unusual */
        "").split(optDelimiter)
      ];
      if (isWindows) {
        const pathExtExe = optPathExt || [".EXE", ".CMD", ".BAT", ".COM"].join(optDelimiter);
        const pathExt = pathExtExe.split(optDelimiter).flatMap((item) => [item, item.toLowerCase()]);
        if (cmd.includes(".") && pathExt[0] !== "") {
          pathExt.unshift("");
        }
        return { pathEnv, pathExt, pathExtExe };
      }
      return { pathEnv, pathExt: [""] };
    };
    var getPathPart = (raw, cmd) => {
      const pathPart = /^".*"$/.test(raw) ? raw.slice(1, -1) : raw;
      const prefix = !pathPart && rRel.test(cmd) ? cmd.slice(0, 2) : "";
      return prefix + join2(pathPart, cmd);
    };
    var which2 = async (cmd, opt = {}) => {
      const { pathEnv, pathExt, pathExtExe } = getPathInfo(cmd, opt);
      const found = [];
      for (const envPart of pathEnv) {
        const p = getPathPart(envPart, cmd);
        for (const ext of pathExt) {
          const withExt = p + ext;
          const is = await isexe(withExt, { pathExt: pathExtExe, ignoreErrors: true });
          if (is) {
            if (!opt.all) {
              return withExt;
            }
            found.push(withExt);
          }
        }
      }
      if (opt.all && found.length) {
        return found;
      }
      if (opt.nothrow) {
        return null;
      }
      throw getNotFoundError(cmd);
    };
    var whichSync = (cmd, opt = {}) => {
      const { pathEnv, pathExt, pathExtExe } = getPathInfo(cmd, opt);
      const found = [];
      for (const pathEnvPart of pathEnv) {
        const p = getPathPart(pathEnvPart, cmd);
        for (const ext of pathExt) {
          const withExt = p + ext;
          const is = isexeSync(withExt, { pathExt: pathExtExe, ignoreErrors: true });
          if (is) {
            if (!opt.all) {
              return withExt;
            }
            found.push(withExt);
          }
        }
      }
      if (opt.all && found.length) {
        return found;
      }
      if (opt.nothrow) {
        return null;
      }
      throw getNotFoundError(cmd);
    };
    module.exports = which2;
    which2.sync = whichSync;
  }
});

// src/errors/failure.ts
var BUG_NOTICE = "This is a bug in deploy-action; please report it with this log at https://github.com/goatflow/deploy-action/issues";
var isErrorLike = (e) => typeof e === "object" && e !== null && typeof e.message === "string" && typeof e.name === "string";
var isSystemError = (e) => {
  const code = e.code;
  return typeof code === "string" && /^E[A-Z0-9_]+$/.test(code);
};
function isExpectedError(e) {
  return e instanceof UserError || e instanceof ExternalError || isErrorLike(e) && (isSystemError(e) || e.name === "AbortError");
}
function failureText(e) {
  if (isExpectedError(e)) return e.message;
  return `${describeBug(e)}
${BUG_NOTICE}`;
}
function describeBug(e) {
  if (!isErrorLike(e)) return `deploy-action threw a value that is not an Error: ${show(e)}`;
  const lines = [e.stack ?? `${e.name}: ${e.message}`];
  for (let cause = e.cause, depth = 0; cause !== void 0 && depth < 5; depth++) {
    lines.push(`Caused by: ${isErrorLike(cause) ? cause.stack ?? cause.message : show(cause)}`);
    cause = isErrorLike(cause) ? cause.cause : void 0;
  }
  return lines.join("\n");
}
function show(v) {
  if (typeof v === "string") return v;
  try {
    return JSON.stringify(v) ?? String(v);
  } catch {
    return Object.prototype.toString.call(v);
  }
}

// src/helm/version-cache.ts
var import_which = __toESM(require_lib(), 1);
import {
  existsSync,
  mkdirSync,
  readFileSync,
  realpathSync,
  renameSync,
  statSync,
  writeFileSync
} from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
function defaultCacheFile(env = process.env) {
  const dir = env.RUNNER_TOOL_CACHE || tmpdir();
  return join(dir, "goatflow-deploy-action", "helm-version.json");
}
function resolveBinary(binary, env = process.env) {
  if (binary.includes("/")) return resolve(binary);
  const found = import_which.default.sync(binary, { path: env.PATH ?? "", nothrow: true });
  if (!found) throw new Error(`${binary} is not on PATH`);
  return found;
}
function identity(binary, env) {
  try {
    const path = realpathSync(resolveBinary(binary, env));
    const s = statSync(path, { bigint: true });
    return [path, s.dev, s.ino, s.size, s.mtimeNs, s.ctimeNs].join(":");
  } catch {
    return void 0;
  }
}
var MAX_ANSWERS = 32;
function pruned(answers) {
  const live = Object.entries(answers).filter(
    ([id]) => existsSync(id.split(":").slice(0, -5).join(":"))
  );
  return Object.fromEntries(live.slice(-MAX_ANSWERS));
}
function fileVersionCache(file = defaultCacheFile(), env = process.env, uid = process.getuid?.()) {
  const read = () => {
    try {
      if (uid !== void 0 && statSync(file).uid !== uid) return {};
      const data = JSON.parse(readFileSync(file, "utf8"));
      return data !== null && typeof data === "object" && !Array.isArray(data) ? data : {};
    } catch {
      return {};
    }
  };
  return {
    get(binary) {
      const id = identity(binary, env);
      const answer = id === void 0 ? void 0 : read()[id];
      return typeof answer === "string" ? answer : void 0;
    },
    set(binary, answer) {
      const id = identity(binary, env);
      if (id === void 0) return;
      try {
        mkdirSync(dirname(file), { recursive: true, mode: 448 });
        const tmp = `${file}.${process.pid}.tmp`;
        writeFileSync(tmp, JSON.stringify(pruned({ ...read(), [id]: answer })));
        renameSync(tmp, file);
      } catch {
      }
    }
  };
}

// src/inputs/inputs.ts
import { statSync as statSync2 } from "node:fs";

// src/inputs/parse.ts
var import_yaml = __toESM(require_dist(), 1);
var DNS1123_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
var RELEASE_NAME = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
var REPO_CHART = /^[A-Za-z0-9][A-Za-z0-9_.-]*\/[a-z0-9][a-z0-9_.-]*$/;
var CHART_NAME = /^[a-z0-9][a-z0-9_.-]*$/;
function parseMode(raw) {
  const v = raw.trim();
  const modes = ["deploy", "plan", "validate", "rollback", "remove", "promote", "reject"];
  if (modes.includes(v)) return ok(v);
  return fail(`expected one of ${modes.join(", ")}`);
}
function parseStrategy(raw) {
  return parseChoice(raw, ["rolling", "blue-green"]);
}
function parseChoice(raw, values) {
  const v = raw.trim();
  if (values.includes(v)) return ok(v);
  return fail(`expected ${values.join(" or ")}`);
}
function parseServiceName(raw) {
  const v = raw.trim();
  if (v === "") return ok(void 0);
  if (v.length > 63 || !/^[a-z]([-a-z0-9]*[a-z0-9])?$/.test(v))
    return fail(
      'must be a Service name: lowercase letters, digits and "-", starting with a letter, at most 63 characters'
    );
  return ok(v);
}
function parseLabelKey(raw) {
  const v = raw.trim();
  const [prefix, name] = v.includes("/") ? v.split(/\/(.*)/s) : [void 0, v];
  const okName = /^[A-Za-z0-9]([-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?$/.test(name ?? "");
  const okPrefix = prefix === void 0 || prefix.length <= 253 && /^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$/.test(prefix);
  if (!okName || !okPrefix) return fail("expected a label key such as slot or goatflow.dev/slot");
  return ok(v);
}
function parseValuesKey(raw) {
  const v = raw.trim();
  if (!/^[A-Za-z_][A-Za-z0-9_-]*(\.[A-Za-z_][A-Za-z0-9_-]*)*$/.test(v))
    return fail("expected a values key such as slot or global.slot");
  return ok(v);
}
function parseBoolean(raw) {
  const v = raw.trim();
  if (["true", "True", "TRUE"].includes(v)) return ok(true);
  if (["false", "False", "FALSE"].includes(v)) return ok(false);
  return fail("expected true or false");
}
function parseReleaseName(raw) {
  const v = raw.trim();
  if (v === "") return fail("a release name is required, for example goatflow-staging");
  if (v.length > 53) return fail(`is ${v.length} characters long; Helm allows at most 53`);
  if (!RELEASE_NAME.test(v))
    return fail(
      `must be lowercase letters, digits, "-" and "." and start and end with a letter or digit (Helm's DNS-1123 rule), for example goatflow-staging`
    );
  return ok(v);
}
function parseNamespace(raw) {
  const v = raw.trim();
  if (v === "") return ok(void 0);
  if (v.length > 63) return fail(`is ${v.length} characters long; Kubernetes allows at most 63`);
  if (!DNS1123_LABEL.test(v))
    return fail(
      'must be lowercase letters, digits and "-", starting and ending with a letter or digit (DNS-1123 label), for example goatflow-prod'
    );
  return ok(v);
}
var DURATION_UNIT_MS = {
  ns: 1e-6,
  us: 1e-3,
  \u00B5s: 1e-3,
  ms: 1,
  s: 1e3,
  m: 6e4,
  h: 36e5
};
function parseDuration(raw) {
  const v = raw.trim();
  const hint = "expected a duration such as 300s, 5m or 1h30m";
  if (v === "") return fail(hint);
  if (/^\d+(\.\d+)?$/.test(v)) return fail(`has no unit; ${hint} (did you mean ${v}s?)`);
  const part = /(\d+(?:\.\d+)?)(ns|us|µs|ms|s|m|h)/y;
  let ms = 0;
  let pos = 0;
  while (pos < v.length) {
    part.lastIndex = pos;
    const m = part.exec(v);
    if (!m) return fail(hint);
    ms += Number(m[1]) * DURATION_UNIT_MS[m[2]];
    pos = part.lastIndex;
  }
  if (ms < 1e3) return fail(`is shorter than one second; ${hint}`);
  return ok(Math.round(ms / 1e3));
}
function parseWait(raw) {
  return /^0+[a-zµ]*$/.test(raw.trim()) ? ok(0) : parseDuration(raw);
}
function parseRevision(raw) {
  const v = raw.trim();
  if (v === "") return ok(void 0);
  if (!/^\d+$/.test(v) || Number(v) < 1)
    return fail(
      "expected a revision number from helm history (1 or more), or empty for the newest good revision before the current one"
    );
  return ok(Number(v));
}
function parseNonNegativeInt(raw) {
  const v = raw.trim();
  if (!/^\d+$/.test(v)) return fail("expected a whole number, 0 or more");
  return ok(Number(v));
}
function parseList(raw, opts) {
  return raw.split(/\r?\n/).flatMap((line) => opts.commas ? line.split(",") : [line]).map((item) => item.trim()).filter((item) => item !== "" && !item.startsWith("#"));
}
function parseSetItem(item, kind) {
  const eq = item.indexOf("=");
  if (eq < 0)
    return fail(`"${item}" has no "="; write key=value, for example backend.replicaCount=3`);
  const key = item.slice(0, eq).trim();
  if (key === "") return fail(`"${item}" has an empty key before "="`);
  if (/\s/.test(key)) return fail(`the key "${key}" contains white space`);
  if (kind === "set-json") {
    const json = item.slice(eq + 1);
    try {
      JSON.parse(json);
    } catch (e) {
      return fail(`the value of "${key}" is not valid JSON (${e.message})`);
    }
  }
  return ok(item);
}
function parseUrl(raw, protocols) {
  const v = raw.trim();
  let url;
  try {
    url = new URL(v);
  } catch {
    return fail(`is not a URL; expected ${protocols.join(" or ")}://host/path`);
  }
  if (!protocols.includes(url.protocol.replace(/:$/, "")))
    return fail(`uses ${url.protocol.replace(/:$/, "")}://; expected ${protocols.join(" or ")}://`);
  if (url.hostname === "") return fail("has no host name");
  return ok(v);
}
function parseHealthCheck(item) {
  const [url, status, ...rest] = item.split(/\s+/);
  if (rest.length > 0)
    return fail(`"${item}" has too many fields; write a URL and optionally the expected status`);
  const parsedUrl = parseUrl(url, ["http", "https"]);
  if (!parsedUrl.ok) return fail(`"${url}" ${parsedUrl.error}`);
  if (status === void 0) return ok({ url, expectedStatus: 200 });
  if (!/^[1-5]\d\d$/.test(status)) return fail(`"${status}" is not an HTTP status code (100-599)`);
  return ok({ url, expectedStatus: Number(status) });
}
function parseChartVersion(raw) {
  const v = raw.trim();
  if (v === "") return ok(void 0);
  if (isValidConstraint(v)) return ok(v);
  return fail(
    'expected a version such as 1.4.2 or a range such as ~1.4, ^2.0, 1.x, ">=1.2.0 <2.0.0" or "1.0 - 1.4 || 2.x"'
  );
}
function parseHelmVersion(raw) {
  const v = raw.trim();
  if (v === "") return ok(void 0);
  const m = /^v?(\d+)\.(\d+)\.(\d+)$/.exec(v);
  if (!m) return fail("expected an exact Helm version such as 3.19.0 or v4.1.4 (no ranges)");
  if (m[1] !== "3" && m[1] !== "4") return fail("only Helm 3 and Helm 4 are supported");
  return ok(`v${m[1]}.${m[2]}.${m[3]}`);
}
function parseKubeVersion(raw) {
  const v = raw.trim();
  if (v === "") return ok(void 0);
  const m = /^v?1\.(\d+)(\.\d+)?$/.exec(v);
  if (!m) return fail("expected a Kubernetes version such as 1.33");
  return ok(`1.${m[1]}`);
}
function parseKubeContext(raw) {
  const v = raw.trim();
  if (v === "") return ok(void 0);
  if (/\s/.test(v)) return fail("a context name has no white space");
  return ok(v);
}
function parseEnvironment(raw) {
  const v = raw.trim();
  if (v === "") return ok(void 0);
  if (v.length > 255) return fail("GitHub allows environment names of at most 255 characters");
  if (/[\r\n]/.test(v)) return fail("must be a single line");
  return ok(v);
}
function parseInlineValues(raw) {
  if (raw.trim() === "") return ok(void 0);
  const doc = (0, import_yaml.parseDocument)(raw, { uniqueKeys: true, prettyErrors: false });
  if (doc.errors.length > 0) {
    const e = doc.errors[0];
    const line = e.linePos?.[0].line;
    return fail(`is not valid YAML${line ? ` (line ${line})` : ""}: ${e.message.split("\n")[0]}`);
  }
  const value = doc.toJS();
  if (value === null || typeof value !== "object" || Array.isArray(value))
    return fail('must be a YAML mapping of values, for example "backend:\\n  replicaCount: 3"');
  return ok(raw);
}
function parseKubeconfig(raw) {
  const v = raw.trim();
  if (v === "") return ok(void 0);
  let text = v;
  if (/^[A-Za-z0-9+/=\s]+$/.test(v) && !v.includes(":")) {
    text = Buffer.from(v.replace(/\s+/g, ""), "base64").toString("utf8");
  }
  let doc;
  try {
    doc = (0, import_yaml.parse)(text);
  } catch {
    return fail("is neither kubeconfig YAML nor base64-encoded kubeconfig YAML");
  }
  const cfg = doc;
  if (!cfg || typeof cfg !== "object" || !Array.isArray(cfg.clusters))
    return fail('has no "clusters" list; expected a kubeconfig file (kind: Config)');
  return ok(text);
}
function parseChartRef(raw, hasRepoUrl, fs) {
  const v = raw.trim();
  if (v === "")
    return fail("a chart is required: a path, repo/name, a name with repo-url, or oci://\u2026");
  if (v.startsWith("oci://")) {
    if (hasRepoUrl) return fail("is an OCI reference; leave repo-url empty for OCI charts");
    const rest = v.slice("oci://".length);
    if (!/^[a-zA-Z0-9.-]+(:\d+)?(\/[a-z0-9._-]+)+$/.test(rest))
      return fail(
        "is not a valid OCI reference; expected oci://registry/path/chart (no tag: use chart-version)"
      );
    return ok({ kind: "oci", ref: v });
  }
  if (/^https?:\/\//.test(v)) {
    if (!/\.tgz$/.test(new URL(v).pathname))
      return fail(
        "is a URL but not of a packaged chart (.tgz); for a repository use repo-url and the chart name"
      );
    return ok({ kind: "url", url: v });
  }
  if (hasRepoUrl) {
    if (CHART_NAME.test(v)) return ok({ kind: "repo", ref: v });
    if (fs.isDirectory(v) && fs.isFile(`${v}/Chart.yaml`))
      return ok({ kind: "local", path: v, packaged: false });
    return fail(
      `with repo-url set, chart is the chart's name in that repository, for example "goatflow", or the path of a local chart whose dependencies come from that repository`
    );
  }
  if (fs.isDirectory(v)) {
    if (!fs.isFile(`${v}/Chart.yaml`))
      return fail(
        `is a directory without Chart.yaml; point chart at the folder that holds Chart.yaml`
      );
    return ok({ kind: "local", path: v, packaged: false });
  }
  if (v.endsWith(".tgz")) {
    if (fs.isFile(v)) return ok({ kind: "local", path: v, packaged: true });
    return fail(
      "is a packaged chart path that does not exist (paths are relative to the workspace)"
    );
  }
  const looksLikePath = v.startsWith(".") || v.startsWith("/") || v.split("/").length > 2;
  if (looksLikePath)
    return fail(
      "does not exist (paths are relative to the workspace; did you check out the repository?)"
    );
  if (REPO_CHART.test(v)) return ok({ kind: "repo", ref: v });
  return fail(
    "is neither an existing path, repo/name, nor oci://\u2026; for a chart in a repository set repo-url too"
  );
}

// src/analysis/parse.ts
var import_yaml2 = __toESM(require_dist(), 1);
var KEYS = [
  "prometheus",
  "interval",
  "duration",
  "count",
  "failure-limit",
  "on-unreachable",
  "no-data",
  "after-switch",
  "headers",
  "queries"
];
var QUERY_KEYS = ["name", "query", "success", "no-data"];
var QUERY_NAME = /^[a-z0-9]([-a-z0-9_.]*[a-z0-9])?$/i;
var EXAMPLE = `prometheus: http://prometheus.monitoring:9090\\ninterval: 30s\\nduration: 2m\\nqueries:\\n  - name: error-rate\\n    query: sum(rate(http_requests_total{code=~"5.."}[1m])) / sum(rate(http_requests_total[1m]))\\n    success: "< 0.05"`;
function parseCondition(raw) {
  const m = /^\s*(<=|>=|==|!=|<|>)\s*(-?(?:\d+(?:\.\d*)?|\.\d+)(?:e[-+]?\d+)?)\s*$/i.exec(raw);
  if (!m)
    return fail(
      `"${raw}" is not a condition; write a comparison and a number, for example "< 0.05", ">= 0.99" or "== 0"`
    );
  return ok({ op: m[1], threshold: Number(m[2]), text: `${m[1]} ${m[2]}` });
}
var str = (v) => typeof v === "string" ? v : typeof v === "number" ? String(v) : void 0;
var shown = (v) => typeof v === "string" ? v : JSON.stringify(v);
function parseAnalysis(raw, creds) {
  const problems = [];
  const token = creds.token.trim();
  const basic = creds.basicAuth.trim();
  if (raw.trim() === "") {
    if (token || basic)
      problems.push(
        `${token ? "analysis-token" : "analysis-basic-auth"} is set but "analysis" is empty; describe the metrics gate in analysis or leave the credentials empty`
      );
    return { problems };
  }
  const doc = (0, import_yaml2.parseDocument)(raw, { uniqueKeys: true, prettyErrors: false });
  if (doc.errors.length > 0) {
    const e = doc.errors[0];
    const line = e.linePos?.[0].line;
    const p = `is not valid YAML${line ? ` (line ${line})` : ""}: ${e.message.split("\n")[0]}`;
    return { problems: [p] };
  }
  const v = doc.toJS();
  if (v === null || typeof v !== "object" || Array.isArray(v)) {
    return { problems: [`must be a YAML mapping, for example "${EXAMPLE}"`] };
  }
  const o = v;
  for (const k of Object.keys(o))
    if (!KEYS.includes(k)) problems.push(`unknown field "${k}"; the fields are ${KEYS.join(", ")}`);
  let url = "";
  const prom = str(o.prometheus);
  if (prom === void 0 || prom.trim() === "")
    problems.push(
      'field "prometheus" is required: the base URL of a Prometheus-compatible API, for example http://prometheus.monitoring:9090'
    );
  else {
    const r = parseUrl(prom, ["http", "https"]);
    if (r.ok) url = r.value.replace(/\/+$/, "");
    else problems.push(`field "prometheus" "${prom}" ${r.error}`);
  }
  const duration = (field, dflt, zero = false) => {
    const value = o[field] === void 0 ? dflt : str(o[field]);
    const r = value === void 0 ? fail("expected a duration") : (zero ? parseWait : parseDuration)(value);
    if (r.ok) return r.value;
    problems.push(`field "${field}" "${shown(o[field])}" ${r.error}`);
    return 0;
  };
  const whole = (field, dflt, min) => {
    const value = o[field];
    if (value === void 0) return dflt;
    if (typeof value === "number" && Number.isInteger(value) && value >= min) return value;
    problems.push(`field "${field}" "${shown(value)}": expected a whole number, ${min} or more`);
    return dflt;
  };
  const choice = (field, values, dflt, at = o) => {
    const value = at[field];
    if (value === void 0) return dflt;
    if (typeof value === "string" && values.includes(value))
      return value;
    problems.push(`field "${field}" "${shown(value)}": expected ${values.join(" or ")}`);
    return dflt;
  };
  const intervalSeconds = duration("interval", "30s");
  if (o.duration !== void 0 && o.count !== void 0)
    problems.push(
      'fields "duration" and "count" both set; give one (count = measurements per query)'
    );
  const span = o.count === void 0 ? duration("duration", "2m") : 0;
  const count = o.count === void 0 ? intervalSeconds > 0 ? Math.floor(span / intervalSeconds) + 1 : 1 : whole("count", 1, 1);
  const afterSpan = o["after-switch"] === void 0 ? span : duration("after-switch", "0", true);
  const afterSwitchCount = o["after-switch"] === void 0 && o.count !== void 0 ? count : afterSpan === 0 || intervalSeconds === 0 ? 0 : Math.floor(afterSpan / intervalSeconds) + 1;
  const failureLimit = whole("failure-limit", 0, 0);
  const onUnreachable = choice("on-unreachable", ["fail", "ignore"], "fail");
  const noData = choice("no-data", ["fail", "pass"], "fail");
  const headers = {};
  if (o.headers !== void 0) {
    if (o.headers === null || typeof o.headers !== "object" || Array.isArray(o.headers))
      problems.push(
        'field "headers" must be a mapping of header names to values, for example {X-Scope-OrgID: goatflow}'
      );
    else
      for (const [name, value] of Object.entries(o.headers)) {
        if (!/^[A-Za-z0-9!#$%&'*+.^_`|~-]+$/.test(name))
          problems.push(`field "headers": "${name}" is not an HTTP header name`);
        else if (/^authorization$/i.test(name))
          problems.push(
            'field "headers": give credentials in the analysis-token or analysis-basic-auth input (masked in every log), not as an Authorization header'
          );
        else if (str(value) === void 0)
          problems.push(`field "headers": the value of "${name}" must be a string`);
        else headers[name] = str(value);
      }
  }
  const queries = [];
  if (!Array.isArray(o.queries) || o.queries.length === 0)
    problems.push(
      'field "queries" is required: a list of {name, query, success}, for example - {name: error-rate, query: "...", success: "< 0.05"}'
    );
  else {
    const seen = /* @__PURE__ */ new Set();
    o.queries.forEach((q, i) => {
      const at = `queries[${i}]`;
      if (q === null || typeof q !== "object" || Array.isArray(q)) {
        problems.push(`${at} must be a mapping with name, query and success`);
        return;
      }
      const e = q;
      for (const k of Object.keys(e))
        if (!QUERY_KEYS.includes(k))
          problems.push(`${at}: unknown field "${k}"; a query has ${QUERY_KEYS.join(", ")}`);
      const name = str(e.name)?.trim() ?? "";
      if (!QUERY_NAME.test(name))
        problems.push(
          `${at}.name "${name}": expected a short name such as error-rate (letters, digits, - _ .)`
        );
      else if (seen.has(name))
        problems.push(`${at}.name "${name}" is used twice; names must differ`);
      seen.add(name);
      const query = str(e.query)?.trim() ?? "";
      if (query === "") problems.push(`${at}.query is required: a PromQL expression`);
      const cond = parseCondition(str(e.success) ?? "");
      if (!cond.ok) problems.push(`${at}.success ${cond.error}`);
      const nd = choice("no-data", ["fail", "pass"], noData, e);
      if (cond.ok && query !== "") queries.push({ name, query, success: cond.value, noData: nd });
    });
  }
  let auth;
  if (token && basic)
    problems.push("analysis-token and analysis-basic-auth are both set; give one of them");
  else if (token) auth = { kind: "bearer", token };
  else if (basic) {
    const colon = basic.indexOf(":");
    if (colon <= 0)
      problems.push("analysis-basic-auth: expected user:password (the value is not shown)");
    else auth = { kind: "basic", username: basic.slice(0, colon), password: basic.slice(colon + 1) };
  }
  if (problems.length > 0) return { problems };
  return {
    problems,
    value: {
      url,
      intervalSeconds,
      count,
      failureLimit,
      onUnreachable,
      afterSwitchCount,
      headers,
      auth,
      queries
    }
  };
}

// src/inputs/inputs.ts
var actionInputs = (name) => getInput(name);
var realFs = {
  isDirectory: (path) => statSync2(path, { throwIfNoEntry: false })?.isDirectory() ?? false,
  isFile: (path) => statSync2(path, { throwIfNoEntry: false })?.isFile() ?? false
};
function readConfig(read, fs = realFs) {
  const problems = [];
  const raw = (name) => read(name) ?? "";
  function take(name, result, fallback, showValue = true) {
    if (result.ok) return result.value;
    const value = raw(name);
    const shown2 = showValue ? ` "${value.length > 80 ? `${value.slice(0, 77)}...` : value}"` : "";
    problems.push(`Input "${name}"${shown2}: ${result.error}.`);
    return fallback;
  }
  const bool = (name, dflt) => raw(name).trim() === "" ? dflt : take(name, parseBoolean(raw(name)), dflt);
  const duration = (name, dflt) => take(name, parseDuration(raw(name).trim() === "" ? dflt : raw(name)), 0);
  const mode = take("mode", parseMode(raw("mode") || "deploy"), "deploy");
  const release = take("release", parseReleaseName(raw("release")), "");
  const namespace = take("namespace", parseNamespace(raw("namespace")), void 0);
  const repoUrlRaw = raw("repo-url").trim();
  let repo;
  if (repoUrlRaw !== "") {
    if (repoUrlRaw.startsWith("oci://")) {
      problems.push(
        `Input "repo-url" "${repoUrlRaw}": OCI registries are not chart repositories; put the full reference in chart (chart: ${repoUrlRaw.replace(/\/$/, "")}/<name>) and leave repo-url empty.`
      );
    } else {
      const url = take("repo-url", parseUrl(repoUrlRaw, ["https", "http"]), "");
      if (url) repo = { url, alias: repoAlias(url) };
    }
  }
  const needsChart = !RELEASE_MODES.includes(mode);
  const chartResult = needsChart ? parseChartRef(raw("chart"), repoUrlRaw !== "", fs) : { ok: true, value: { kind: "local", path: "", packaged: false } };
  let chart = take("chart", chartResult, { kind: "repo", ref: "" });
  if (chart.kind === "repo" && repo && chartResult.ok)
    chart = { kind: "repo", ref: `${repo.alias}/${chart.ref}` };
  const chartVersion = take(
    "chart-version",
    parseChartVersion(raw("chart-version")),
    void 0
  );
  if (chartVersion && needsChart && chartResult.ok && chart.kind === "local")
    problems.push(
      `Input "chart-version" "${chartVersion}": applies to repository and OCI charts only; the local chart "${raw("chart").trim()}" takes its version from its Chart.yaml. Leave chart-version empty.`
    );
  const username = raw("repo-username").trim();
  const password = raw("repo-password");
  let credentials;
  if (username !== "" || password !== "") {
    if (username === "" || password === "")
      problems.push(
        `Inputs "repo-username" and "repo-password": give both or neither (only ${username === "" ? "repo-password" : "repo-username"} is set).`
      );
    else if (needsChart && chartResult.ok && chart.kind === "local" && !repo)
      problems.push(
        'Inputs "repo-username"/"repo-password": a local chart needs no credentials; leave them empty (or set repo-url to the repository its dependencies come from).'
      );
    else credentials = { username, password };
  }
  const valuesFiles = parseList(raw("values-files"), { commas: true });
  for (const file of valuesFiles) {
    if (fs.isDirectory(file))
      problems.push(`Input "values-files": "${file}" is a directory; list values files (YAML).`);
    else if (!fs.isFile(file))
      problems.push(
        `Input "values-files": "${file}" does not exist (paths are relative to the workspace; did you check out the repository?).`
      );
  }
  const inlineValues = take("values", parseInlineValues(raw("values")), void 0, false);
  const setLists = ["set", "set-string", "set-json"].map(
    (name) => parseList(raw(name), { commas: false }).map((item) => take(name, parseSetItem(item, name), "", false))
  );
  const strategy = take("strategy", parseStrategy(raw("strategy") || "rolling"), "rolling");
  const healthChecks = [];
  for (const listed of parseList(raw("health-check-urls"), { commas: false })) {
    const item = listed.replace(/\{\{\s*(slot|release|namespace)\s*\}\}/g, "{{$1}}");
    const placeholder = /\{\{(slot|release|namespace)\}\}/.test(item);
    const probe = item.replace(/\{\{(slot|release|namespace)\}\}/g, "x");
    const hc = take("health-check-urls", parseHealthCheck(probe), void 0, false);
    if (placeholder && strategy !== "blue-green" && mode !== "promote")
      problems.push(
        `Input "health-check-urls" "${item}": {{slot}}, {{release}} and {{namespace}} are filled in for strategy: blue-green only (strategy is ${strategy}); write the URL itself.`
      );
    else if (hc) healthChecks.push({ ...hc, url: item.split(/\s+/)[0] });
  }
  const promotion = take(
    "promotion",
    parseChoice(raw("promotion") || "auto", ["auto", "manual"]),
    "auto"
  );
  const serviceName = take("service", parseServiceName(raw("service")), void 0);
  const blueGreen = {
    service: serviceName,
    slotLabel: take("slot-label", parseLabelKey(raw("slot-label") || "slot"), "slot"),
    slotValue: take("slot-value", parseValuesKey(raw("slot-value") || "slot"), "slot"),
    promotion
  };
  const gate = parseAnalysis(raw("analysis"), {
    token: raw("analysis-token"),
    basicAuth: raw("analysis-basic-auth")
  });
  for (const problem of gate.problems)
    problems.push(
      /^analysis-/.test(problem) ? `Input ${problem}.` : `Input "analysis": ${problem}.`
    );
  if (mode === "deploy" && strategy === "rolling") {
    if (promotion === "manual")
      problems.push(
        'Input "promotion": manual applies to strategy: blue-green (strategy is rolling); set strategy: blue-green or leave promotion at auto.'
      );
    if (serviceName)
      problems.push(
        `Input "service" "${serviceName}": the stable Service is switched by strategy: blue-green only (strategy is rolling); leave service empty.`
      );
  }
  if (raw("strategy").trim() === "blue-green" && mode === "rollback")
    problems.push(
      'Input "mode": rollback restores a revision of a rolling release; for strategy: blue-green use mode reject, which sends traffic back to the previous slot.'
    );
  const environmentUrlRaw = raw("environment-url").trim();
  const environmentUrl = environmentUrlRaw === "" ? void 0 : take("environment-url", parseUrl(environmentUrlRaw, ["https", "http"]), void 0);
  const helmDownloadUrl = take(
    "helm-download-url",
    parseUrl(raw("helm-download-url").trim() || "https://get.helm.sh", ["https", "http"]),
    ""
  );
  const config = {
    mode,
    release,
    namespace,
    createNamespace: bool("create-namespace", false),
    chart,
    chartVersion,
    repo,
    credentials,
    valuesFiles,
    inlineValues,
    set: setLists[0],
    setString: setLists[1],
    setJson: setLists[2],
    timeoutSeconds: duration("timeout", "5m"),
    historyMax: take("history-max", parseNonNegativeInt(raw("history-max") || "10"), 10),
    rollbackOnFailure: bool("rollback-on-failure", true),
    uninstallOnFailedInstall: bool("uninstall-on-failed-install", true),
    recoverPending: bool("recover-pending", false),
    lock: bool("lock", true),
    lockTimeoutSeconds: take("lock-timeout", parseWait(raw("lock-timeout") || "10m"), 0),
    failureGraceSeconds: duration("failure-grace-period", "90s"),
    verdict: {
      failuresAllowedPerReplica: take(
        "failures-allowed-per-replica",
        parseNonNegativeInt(raw("failures-allowed-per-replica") || "1"),
        1
      ),
      imagePullGraceSeconds: duration("image-pull-grace", "2m"),
      configErrorGraceSeconds: duration("config-error-grace", "1m"),
      readinessMarginSeconds: duration("failure-grace-period", "90s"),
      unschedulableGraceSeconds: duration("unschedulable-grace", "2m"),
      scaleUpGraceSeconds: duration("scale-up-grace", "10m"),
      waitForJobs: bool("wait-for-jobs", false)
    },
    healthChecks,
    healthCheckTimeoutSeconds: duration("health-check-timeout", "60s"),
    runTests: bool("run-tests", false),
    kubeVersion: take("kube-version", parseKubeVersion(raw("kube-version")), void 0),
    strict: bool("strict", false),
    helmVersion: take("helm-version", parseHelmVersion(raw("helm-version")), void 0),
    helmDownloadUrl: helmDownloadUrl.replace(/\/+$/, ""),
    kubeconfig: take("kubeconfig", parseKubeconfig(raw("kubeconfig")), void 0, false),
    kubeContext: take("kube-context", parseKubeContext(raw("kube-context")), void 0),
    githubToken: raw("github-token").trim() || void 0,
    environment: take("environment", parseEnvironment(raw("environment")), void 0),
    environmentUrl,
    prComment: bool("pr-comment", false),
    deploymentStatus: bool("deployment-status", false),
    summary: bool("summary", true),
    revision: take("revision", parseRevision(raw("revision")), void 0),
    force: bool("force", false),
    deleteNamespace: bool("delete-namespace", false),
    strategy,
    blueGreen,
    analysis: gate.value
  };
  if (config.revision !== void 0 && mode !== "rollback")
    problems.push(
      `Input "revision" "${raw("revision").trim()}": only mode rollback restores a revision (mode is ${mode}); leave revision empty.`
    );
  if (config.deleteNamespace && mode !== "remove")
    problems.push(
      `Input "delete-namespace": true applies to mode remove only (mode is ${mode}); leave it false.`
    );
  if (config.force && !RELEASE_MODES.includes(mode))
    problems.push(
      `Input "force": true applies to modes rollback and remove only (mode is ${mode}); leave it false.`
    );
  if (config.deploymentStatus && !config.environment)
    problems.push(
      'Input "deployment-status": true needs "environment" (the GitHub environment to report to).'
    );
  if ((config.prComment || config.deploymentStatus) && !config.githubToken)
    problems.push(
      'Input "github-token": empty, but pr-comment or deployment-status needs a token with write access.'
    );
  if (problems.length > 0) {
    const head = problems.length === 1 ? "Invalid input" : `${problems.length} invalid inputs`;
    throw new UserError(`${head}, nothing was deployed:
- ${problems.join("\n- ")}`);
  }
  return config;
}
function repoAlias(url) {
  const u = new URL(url);
  const slug = `${u.hostname}${u.pathname}`.toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-|-$/g, "");
  return `goatflow-${slug}`.slice(0, 60).replace(/-$/, "");
}

// src/report/outputs.ts
function outputValues(o) {
  return {
    status: o.status,
    revision: o.revision === void 0 ? "" : String(o.revision),
    "previous-revision": o.previousRevision === void 0 ? "" : String(o.previousRevision),
    "rolled-back": String(o.rolledBack),
    changed: String(o.changed),
    "duration-seconds": String(o.durationSeconds),
    images: JSON.stringify(o.images),
    slot: o.slot ?? ""
  };
}

// src/report/reporter.ts
var Reporter = class {
  constructor(config, runContext) {
    this.config = config;
    this.runContext = runContext;
  }
  config;
  runContext;
  deployment;
  octokitCache;
  async context() {
    return this.runContext ? this.runContext() : (await import("./chunks/client-D2SB7XNR.js")).runContext();
  }
  async octokit() {
    const { createOctokit } = await import("./chunks/client-D2SB7XNR.js");
    this.octokitCache ??= createOctokit(this.config.githubToken ?? "");
    return this.octokitCache;
  }
  async soft(what, fn) {
    try {
      await fn();
    } catch (e) {
      const status = e.status;
      const hint = status === 403 || status === 404 ? " (check the job's permissions: see the README's permissions table)" : "";
      warning(
        `${what} failed${status ? ` (HTTP ${status})` : ""}: ${e.message.split("\n")[0]}${hint}`
      );
    }
  }
  /** `what` names the change in the Deployment (default: helm upgrade of the release). */
  async deploymentStarted(what) {
    if (!this.config.deploymentStatus || !this.config.environment) return;
    await this.soft("Creating the GitHub deployment", async () => {
      const { DeploymentReporter } = await import("./chunks/deployments-QBVWPUTH.js");
      this.deployment = await DeploymentReporter.create(
        await this.octokit(),
        await this.context(),
        {
          environment: this.config.environment,
          release: this.config.release,
          environmentUrl: this.config.environmentUrl,
          description: what
        }
      );
      await this.deployment.status("in_progress", what ?? `Deploying ${this.config.release}`);
      info(
        `GitHub deployment ${this.deployment.id} for ${this.config.environment}: in_progress`
      );
    });
  }
  async deploymentFinished(ok2, description) {
    const d = this.deployment;
    if (!d) return;
    await this.soft("Reporting the GitHub deployment status", async () => {
      await d.status(ok2 ? "success" : "failure", description);
      info(`GitHub deployment ${d.id}: ${ok2 ? "success" : "failure"}`);
    });
  }
  /** The environment was taken down: its deployments become inactive. */
  async environmentRemoved(description) {
    if (!this.config.deploymentStatus || !this.config.environment) return;
    const environment = this.config.environment;
    await this.soft("Marking the GitHub deployments inactive", async () => {
      const { deactivateEnvironment } = await import("./chunks/deployments-QBVWPUTH.js");
      const n = await deactivateEnvironment(
        await this.octokit(),
        await this.context(),
        environment,
        description
      );
      info(`GitHub environment ${environment}: ${n} deployment(s) marked inactive`);
    });
  }
  /** `link`: the live environment's URL, shown on top so a reviewer can open it at once. */
  async comment(head, details, link) {
    if (!this.config.prComment) return;
    const ctx = await this.context();
    if (ctx.pullRequest === void 0) {
      info(
        "pr-comment: this run has no pull request (not a pull_request event); no comment written."
      );
      return;
    }
    await this.soft("Writing the pull request comment", async () => {
      const { COMMENT_LIMIT, commentMarker, fitComment, upsertComment } = await import("./chunks/comment-GMU3BCBH.js");
      const marker = commentMarker(this.config.release, this.config.environment);
      const top = link ? `${head.trimEnd()}

\u{1F517} **[${link}](${link})**
` : head;
      const body = fitComment(top, details, COMMENT_LIMIT - marker.length - 1);
      const r = await upsertComment(
        await this.octokit(),
        { owner: ctx.owner, repo: ctx.repo, issueNumber: ctx.pullRequest },
        marker,
        body
      );
      info(`Pull request #${ctx.pullRequest}: comment ${r.id} ${r.action}`);
    });
  }
  async summary(markdown) {
    if (!this.config.summary || !process.env.GITHUB_STEP_SUMMARY) return;
    await this.soft("Writing the job summary", async () => {
      await summary.addRaw(markdown).write();
    });
  }
};

// src/run/compilers.ts
import { setFlagsFromString } from "node:v8";
var OPTIMIZING_COMPILERS_OFF = ["--no-maglev", "--no-turbofan"];
function runsBriefly(mode) {
  return mode === "validate" || mode === "plan";
}
function turnOptimizingCompilersOff() {
  for (const flag of OPTIMIZING_COMPILERS_OFF) setFlagsFromString(flag);
}

// src/main.ts
var defaultDeps = () => ({
  read: actionInputs,
  runner: createProcessRunner((line) => info(line)),
  // The real runner's answers only: helm is asked once per binary, not once per run.
  versionCache: fileVersionCache(),
  tuneForMode: (config) => {
    if (runsBriefly(config.mode)) turnOptimizingCompilersOff();
  }
});
async function loadMode(config) {
  switch (config.mode) {
    case "validate": {
      const m = await import("./chunks/validate-SNEFWU7V.js");
      return { mode: m.validateMode, warmUp: () => m.warmUp(config) };
    }
    case "plan":
      return config.strategy === "blue-green" ? { mode: (await import("./chunks/blue-green-MT6QX7FU.js")).blueGreenPlanMode } : { mode: (await import("./chunks/plan-JA64S22Q.js")).planMode };
    case "rollback":
      return { mode: (await import("./chunks/rollback-TKRIMKHM.js")).rollbackMode };
    case "remove":
      return { mode: (await import("./chunks/remove-7T3IICHJ.js")).removeMode };
    case "deploy":
      return config.strategy === "blue-green" ? { mode: (await import("./chunks/blue-green-MT6QX7FU.js")).blueGreenDeployMode } : { mode: (await import("./chunks/deploy-YAALNLOD.js")).deployMode };
    case "promote":
      return { mode: (await import("./chunks/blue-green-MT6QX7FU.js")).promoteMode };
    case "reject":
      return { mode: (await import("./chunks/blue-green-MT6QX7FU.js")).rejectMode };
  }
}
async function run(deps = defaultDeps()) {
  const started = Date.now();
  const outputs = {
    status: "failed",
    rolledBack: false,
    changed: false,
    durationSeconds: 0,
    images: []
  };
  const cancel = new AbortController();
  const forward = (signal) => () => {
    cancel.abort();
    const n = signalChildren(signal);
    warning(`Received ${signal}; forwarded it to ${n} running process(es).`);
  };
  const onInt = forward("SIGINT");
  const onTerm = forward("SIGTERM");
  process.on("SIGINT", onInt);
  process.on("SIGTERM", onTerm);
  let warming;
  try {
    const config = readConfig(deps.read);
    deps.tuneForMode?.(config);
    let loading;
    const load = () => {
      if (loading) return loading;
      loading = loadMode(config);
      warming = loading.then((m) => m.warmUp?.()).catch(() => void 0);
      return loading;
    };
    const session = await openSession(config, {
      runner: deps.runner,
      log: (l) => info(l),
      mask: (secret) => setSecret(secret),
      helmBinary: deps.helmBinary,
      versionCache: deps.versionCache,
      waiting: () => void load()
    });
    rememberTempFiles(session.temp.paths);
    const { mode } = await load();
    const result = await mode(session, {
      runner: deps.runner,
      reporter: new Reporter(config),
      clock: deps.clock ?? systemClock,
      kubectl: deps.kubectl ?? "kubectl",
      cancel: cancel.signal,
      started
    });
    Object.assign(outputs, result.outputs);
    if (result.error) setFailed(result.error);
  } catch (e) {
    outputs.status = "failed";
    setFailed(failureText(e));
  } finally {
    await warming;
    process.off("SIGINT", onInt);
    process.off("SIGTERM", onTerm);
    outputs.durationSeconds = Math.round((Date.now() - started) / 1e3);
    for (const [k, v] of Object.entries(outputValues(outputs))) setOutput(k, v);
  }
}

// src/index.ts
if (isPostStep()) {
  await (await import("./chunks/post-4SHVCRU6.js")).post();
} else {
  markMainStepRan();
  await run();
}
//# sourceMappingURL=index.js.map
