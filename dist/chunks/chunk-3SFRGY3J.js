import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);

// src/values/tree.ts
var isMap = (v) => v !== null && v !== void 0 && typeof v === "object" && !Array.isArray(v);
var has = (m, key) => Object.hasOwn(m, key);
var get = (m, key) => Object.hasOwn(m, key) ? m[key] : void 0;
function put(m, key, value) {
  if (key === "__proto__")
    Object.defineProperty(m, key, { value, writable: true, enumerable: true, configurable: true });
  else m[key] = value;
}
function deepCopy(v) {
  if (Array.isArray(v)) return v.map((x) => deepCopy(x));
  if (isMap(v)) {
    const out = {};
    for (const [k, x] of Object.entries(v)) put(out, k, deepCopy(x));
    return out;
  }
  return v;
}
function mergeMaps(a, b) {
  const out = {};
  for (const [k, v] of Object.entries(a)) put(out, k, v);
  for (const [k, v] of Object.entries(b)) {
    const existing = get(out, k);
    put(out, k, isMap(v) && isMap(existing) ? mergeMaps(existing, v) : v);
  }
  return out;
}
function describeValue(v) {
  if (v === null || v === void 0) return "null";
  if (Array.isArray(v)) return "list";
  if (isMap(v)) return "map";
  if (typeof v === "bigint") return `number ${v}`;
  const shown = typeof v === "string" ? JSON.stringify(v.length > 60 ? `${v.slice(0, 57)}...` : v) : String(v);
  return `${typeof v} ${shown}`;
}
function toJsonData(v) {
  if (typeof v === "bigint") return Number(v);
  if (Array.isArray(v)) return v.map(toJsonData);
  if (isMap(v)) {
    const out = {};
    for (const [k, x] of Object.entries(v))
      Object.defineProperty(out, k, {
        value: toJsonData(x),
        writable: true,
        enumerable: true,
        configurable: true
      });
    return out;
  }
  return v;
}

// src/values/path.ts
function formatPath(segments) {
  let out = "";
  for (const s of segments) {
    if (typeof s === "number") out += `[${s}]`;
    else {
      const key = s.replace(/[\\.[\]]/g, (c) => `\\${c}`);
      out += out === "" ? key : `.${key}`;
    }
  }
  return out;
}

// src/values/origins.ts
var isChartDefault = (o) => "chart" in o;
var isFlag = (o) => "flag" in o;
var OriginIndex = class {
  /** Subchart value paths, whose `global` comes from the top-level `global`. */
  constructor(subchartPaths = []) {
    this.subchartPaths = subchartPaths;
  }
  subchartPaths;
  root = { children: /* @__PURE__ */ new Map() };
  setSubchartPaths(paths) {
    this.subchartPaths.splice(0, this.subchartPaths.length, ...paths);
  }
  /**
   * Records a value and everything inside it. `userReplaces`: the value replaces what earlier
   * user sources set below it (a `--set*` item), not only what it overrides key by key.
   */
  record(path, value, positions, originAt, userReplaces) {
    const node = this.node(path);
    if (!isMap(value)) node.children.clear();
    else if (userReplaces) clearUser(node);
    node.origin = originAt(positions?.at);
    const entries = Array.isArray(value) ? value.map((v, i) => [i, v]) : isMap(value) ? Object.entries(value) : [];
    for (const [k, v] of entries)
      this.record([...path, k], v, positions?.children?.get(k), originAt, userReplaces);
  }
  /**
   * A list the user set (or changed by index) replaces the chart's list: chart defaults below it
   * no longer apply. It counts as set by `origin` unless an earlier user source set it.
   */
  claim(path, origin) {
    const node = this.node(path);
    clearDefaults(node);
    if (!node.origin || isChartDefault(node.origin)) node.origin = origin;
  }
  /** The origin of the value at `path`, or of its nearest recorded ancestor. */
  locate(path) {
    for (const sub of this.subchartPaths) {
      const n = sub.length;
      if (path.length > n + 1 && path[n] === "global" && sub.every((s, i) => path[i] === s)) {
        const found = this.deepest(["global", ...path.slice(n + 1)], 2);
        if (found) return found;
      }
    }
    return this.deepest(path, 1);
  }
  /** Recorded origins as `path → origin`, user ones and chart defaults apart. */
  flatten() {
    const user = /* @__PURE__ */ new Map();
    const defaults = /* @__PURE__ */ new Map();
    const walk = (node, path) => {
      if (node.origin) {
        if (isChartDefault(node.origin)) defaults.set(formatPath(path), node.origin);
        else user.set(formatPath(path), node.origin);
      }
      for (const [k, child] of node.children) walk(child, [...path, k]);
    };
    walk(this.root, []);
    return { user, defaults };
  }
  deepest(path, minDepth) {
    let node = this.root;
    let found;
    for (let i = 0; i < path.length && node; i++) {
      node = node.children.get(path[i]);
      if (node?.origin && i + 1 >= minDepth) found = node.origin;
    }
    return found;
  }
  node(path) {
    let node = this.root;
    for (const s of path) {
      let next = node.children.get(s);
      if (!next) {
        next = { children: /* @__PURE__ */ new Map() };
        node.children.set(s, next);
      }
      node = next;
    }
    return node;
  }
};
function clearUser(node) {
  for (const [k, child] of node.children) {
    if (child.origin && !isChartDefault(child.origin)) child.origin = void 0;
    clearUser(child);
    if (!child.origin && child.children.size === 0) node.children.delete(k);
  }
}
function clearDefaults(node) {
  for (const [k, child] of node.children) {
    if (child.origin && isChartDefault(child.origin)) child.origin = void 0;
    clearDefaults(child);
    if (!child.origin && child.children.size === 0) node.children.delete(k);
  }
}

export {
  isMap,
  has,
  put,
  deepCopy,
  mergeMaps,
  describeValue,
  toJsonData,
  formatPath,
  isChartDefault,
  isFlag,
  OriginIndex
};
//# sourceMappingURL=chunk-3SFRGY3J.js.map
