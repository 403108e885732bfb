import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);
import {
  checkValuesAndLint,
  renderAndCheck
} from "./chunk-4QR2PZHU.js";
import "./chunk-FJ4TAWZR.js";
import {
  connectMeanwhile
} from "./chunk-BZNVXEAK.js";
import "./chunk-HVEAVWKQ.js";
import "./chunk-FCRLM365.js";
import {
  HelmError,
  MASK,
  imagesOf,
  looksSecret,
  objectKey,
  parseManifests,
  parseReleaseInfo,
  podSpecOf,
  require_dist,
  upgradeArgs
} from "./chunk-FNM5R2QI.js";
import {
  group,
  info
} from "./chunk-EJN3PRND.js";
import "./chunk-R5UD73HC.js";
import {
  __toESM
} from "./chunk-SK5B422H.js";

// node_modules/diff/libesm/diff/base.js
var Diff = class {
  diff(oldStr, newStr, options = {}) {
    let callback;
    if (typeof options === "function") {
      callback = options;
      options = {};
    } else if ("callback" in options) {
      callback = options.callback;
    }
    const oldString = this.castInput(oldStr, options);
    const newString = this.castInput(newStr, options);
    const oldTokens = this.removeEmpty(this.tokenize(oldString, options));
    const newTokens = this.removeEmpty(this.tokenize(newString, options));
    return this.diffWithOptionsObj(oldTokens, newTokens, options, callback);
  }
  diffWithOptionsObj(oldTokens, newTokens, options, callback) {
    var _a;
    const done = (value) => {
      value = this.postProcess(value, options);
      if (callback) {
        setTimeout(function() {
          callback(value);
        }, 0);
        return void 0;
      } else {
        return value;
      }
    };
    const newLen = newTokens.length, oldLen = oldTokens.length;
    let editLength = 1;
    let maxEditLength = newLen + oldLen;
    if (options.maxEditLength != null) {
      maxEditLength = Math.min(maxEditLength, options.maxEditLength);
    }
    const maxExecutionTime = (_a = options.timeout) !== null && _a !== void 0 ? _a : Infinity;
    const abortAfterTimestamp = Date.now() + maxExecutionTime;
    const bestPath = [{ oldPos: -1, lastComponent: void 0 }];
    let newPos = this.extractCommon(bestPath[0], newTokens, oldTokens, 0, options);
    if (bestPath[0].oldPos + 1 >= oldLen && newPos + 1 >= newLen) {
      return done(this.buildValues(bestPath[0].lastComponent, newTokens, oldTokens));
    }
    let minDiagonalToConsider = -Infinity, maxDiagonalToConsider = Infinity;
    const execEditLength = () => {
      for (let diagonalPath = Math.max(minDiagonalToConsider, -editLength); diagonalPath <= Math.min(maxDiagonalToConsider, editLength); diagonalPath += 2) {
        let basePath;
        const removePath = bestPath[diagonalPath - 1], addPath = bestPath[diagonalPath + 1];
        if (removePath) {
          bestPath[diagonalPath - 1] = void 0;
        }
        let canAdd = false;
        if (addPath) {
          const addPathNewPos = addPath.oldPos - diagonalPath;
          canAdd = addPath && 0 <= addPathNewPos && addPathNewPos < newLen;
        }
        const canRemove = removePath && removePath.oldPos + 1 < oldLen;
        if (!canAdd && !canRemove) {
          bestPath[diagonalPath] = void 0;
          continue;
        }
        if (!canRemove || canAdd && removePath.oldPos < addPath.oldPos) {
          basePath = this.addToPath(addPath, true, false, 0, options);
        } else {
          basePath = this.addToPath(removePath, false, true, 1, options);
        }
        newPos = this.extractCommon(basePath, newTokens, oldTokens, diagonalPath, options);
        if (basePath.oldPos + 1 >= oldLen && newPos + 1 >= newLen) {
          return done(this.buildValues(basePath.lastComponent, newTokens, oldTokens)) || true;
        } else {
          bestPath[diagonalPath] = basePath;
          if (basePath.oldPos + 1 >= oldLen) {
            maxDiagonalToConsider = Math.min(maxDiagonalToConsider, diagonalPath - 1);
          }
          if (newPos + 1 >= newLen) {
            minDiagonalToConsider = Math.max(minDiagonalToConsider, diagonalPath + 1);
          }
        }
      }
      editLength++;
    };
    if (callback) {
      (function exec() {
        setTimeout(function() {
          if (editLength > maxEditLength || Date.now() > abortAfterTimestamp) {
            return callback(void 0);
          }
          if (!execEditLength()) {
            exec();
          }
        }, 0);
      })();
    } else {
      while (editLength <= maxEditLength && Date.now() <= abortAfterTimestamp) {
        const ret = execEditLength();
        if (ret) {
          return ret;
        }
      }
    }
  }
  addToPath(path, added, removed, oldPosInc, options) {
    const last = path.lastComponent;
    if (last && !options.oneChangePerToken && last.added === added && last.removed === removed) {
      return {
        oldPos: path.oldPos + oldPosInc,
        lastComponent: { count: last.count + 1, added, removed, previousComponent: last.previousComponent }
      };
    } else {
      return {
        oldPos: path.oldPos + oldPosInc,
        lastComponent: { count: 1, added, removed, previousComponent: last }
      };
    }
  }
  extractCommon(basePath, newTokens, oldTokens, diagonalPath, options) {
    const newLen = newTokens.length, oldLen = oldTokens.length;
    let oldPos = basePath.oldPos, newPos = oldPos - diagonalPath, commonCount = 0;
    while (newPos + 1 < newLen && oldPos + 1 < oldLen && this.equals(oldTokens[oldPos + 1], newTokens[newPos + 1], options)) {
      newPos++;
      oldPos++;
      commonCount++;
      if (options.oneChangePerToken) {
        basePath.lastComponent = { count: 1, previousComponent: basePath.lastComponent, added: false, removed: false };
      }
    }
    if (commonCount && !options.oneChangePerToken) {
      basePath.lastComponent = { count: commonCount, previousComponent: basePath.lastComponent, added: false, removed: false };
    }
    basePath.oldPos = oldPos;
    return newPos;
  }
  equals(left, right, options) {
    if (options.comparator) {
      return options.comparator(left, right);
    } else {
      return left === right || !!options.ignoreCase && left.toLowerCase() === right.toLowerCase();
    }
  }
  removeEmpty(array) {
    const ret = [];
    for (let i = 0; i < array.length; i++) {
      if (array[i]) {
        ret.push(array[i]);
      }
    }
    return ret;
  }
  // eslint-disable-next-line @typescript-eslint/no-unused-vars
  castInput(value, options) {
    return value;
  }
  // eslint-disable-next-line @typescript-eslint/no-unused-vars
  tokenize(value, options) {
    return Array.from(value);
  }
  join(chars) {
    return chars.join("");
  }
  postProcess(changeObjects, options) {
    return changeObjects;
  }
  get useLongestToken() {
    return false;
  }
  buildValues(lastComponent, newTokens, oldTokens) {
    const components = [];
    let nextComponent;
    while (lastComponent) {
      components.push(lastComponent);
      nextComponent = lastComponent.previousComponent;
      delete lastComponent.previousComponent;
      lastComponent = nextComponent;
    }
    components.reverse();
    const componentLen = components.length;
    let componentPos = 0, newPos = 0, oldPos = 0;
    for (; componentPos < componentLen; componentPos++) {
      const component = components[componentPos];
      if (!component.removed) {
        if (!component.added && this.useLongestToken) {
          let value = newTokens.slice(newPos, newPos + component.count);
          value = value.map(function(value2, i) {
            const oldValue = oldTokens[oldPos + i];
            return oldValue.length > value2.length ? oldValue : value2;
          });
          component.value = this.join(value);
        } else {
          component.value = this.join(newTokens.slice(newPos, newPos + component.count));
        }
        newPos += component.count;
        if (!component.added) {
          oldPos += component.count;
        }
      } else {
        component.value = this.join(oldTokens.slice(oldPos, oldPos + component.count));
        oldPos += component.count;
      }
    }
    return components;
  }
};

// node_modules/diff/libesm/diff/line.js
var LineDiff = class extends Diff {
  constructor() {
    super(...arguments);
    this.tokenize = tokenize;
  }
  equals(left, right, options) {
    if (options.ignoreWhitespace) {
      if (!options.newlineIsToken || !left.includes("\n")) {
        left = left.trim();
      }
      if (!options.newlineIsToken || !right.includes("\n")) {
        right = right.trim();
      }
    } else if (options.ignoreNewlineAtEof && !options.newlineIsToken) {
      if (left.endsWith("\n")) {
        left = left.slice(0, -1);
      }
      if (right.endsWith("\n")) {
        right = right.slice(0, -1);
      }
    }
    return super.equals(left, right, options);
  }
};
var lineDiff = new LineDiff();
function diffLines(oldStr, newStr, options) {
  return lineDiff.diff(oldStr, newStr, options);
}
function tokenize(value, options) {
  if (options.stripTrailingCr) {
    value = value.replace(/\r\n/g, "\n");
  }
  const retLines = [], linesAndNewlines = value.split(/(\n|\r\n)/);
  if (!linesAndNewlines[linesAndNewlines.length - 1]) {
    linesAndNewlines.pop();
  }
  for (let i = 0; i < linesAndNewlines.length; i++) {
    const line = linesAndNewlines[i];
    if (i % 2 && !options.newlineIsToken) {
      retLines[retLines.length - 1] += line;
    } else {
      retLines.push(line);
    }
  }
  return retLines;
}

// node_modules/diff/libesm/patch/create.js
function needsQuoting(s) {
  for (let i = 0; i < s.length; i++) {
    if (s[i] < " " || s[i] > "~" || s[i] === '"' || s[i] === "\\") {
      return true;
    }
  }
  return false;
}
function quoteFileNameIfNeeded(s) {
  if (!needsQuoting(s)) {
    return s;
  }
  let result = '"';
  const bytes = new TextEncoder().encode(s);
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i];
    if (b === 7) {
      result += "\\a";
    } else if (b === 8) {
      result += "\\b";
    } else if (b === 9) {
      result += "\\t";
    } else if (b === 10) {
      result += "\\n";
    } else if (b === 11) {
      result += "\\v";
    } else if (b === 12) {
      result += "\\f";
    } else if (b === 13) {
      result += "\\r";
    } else if (b === 34) {
      result += '\\"';
    } else if (b === 92) {
      result += "\\\\";
    } else if (b >= 32 && b <= 126) {
      result += String.fromCharCode(b);
    } else {
      result += "\\" + b.toString(8).padStart(3, "0");
    }
    i++;
  }
  result += '"';
  return result;
}
var INCLUDE_HEADERS = {
  includeIndex: true,
  includeUnderline: true,
  includeFileHeaders: true
};
function structuredPatch(oldFileName, newFileName, oldStr, newStr, oldHeader, newHeader, options) {
  let optionsObj;
  if (!options) {
    optionsObj = {};
  } else if (typeof options === "function") {
    optionsObj = { callback: options };
  } else {
    optionsObj = options;
  }
  if (typeof optionsObj.context === "undefined") {
    optionsObj.context = 4;
  }
  const context = optionsObj.context;
  if (optionsObj.newlineIsToken) {
    throw new Error("newlineIsToken may not be used with patch-generation functions, only with diffing functions");
  }
  if (!optionsObj.callback) {
    return diffLinesResultToPatch(diffLines(oldStr, newStr, optionsObj));
  } else {
    const { callback } = optionsObj;
    diffLines(oldStr, newStr, Object.assign(Object.assign({}, optionsObj), { callback: (diff) => {
      const patch = diffLinesResultToPatch(diff);
      callback(patch);
    } }));
  }
  function diffLinesResultToPatch(diff) {
    if (!diff) {
      return;
    }
    diff.push({ value: "", lines: [] });
    function contextLines(lines) {
      return lines.map(function(entry) {
        return " " + entry;
      });
    }
    const hunks = [];
    let oldRangeStart = 0, newRangeStart = 0, curRange = [], oldLine = 1, newLine = 1;
    for (let i = 0; i < diff.length; i++) {
      const current = diff[i], lines = current.lines || splitLines(current.value);
      current.lines = lines;
      if (current.added || current.removed) {
        if (!oldRangeStart) {
          const prev = diff[i - 1];
          oldRangeStart = oldLine;
          newRangeStart = newLine;
          if (prev) {
            curRange = context > 0 ? contextLines(prev.lines.slice(-context)) : [];
            oldRangeStart -= curRange.length;
            newRangeStart -= curRange.length;
          }
        }
        for (const line of lines) {
          curRange.push((current.added ? "+" : "-") + line);
        }
        if (current.added) {
          newLine += lines.length;
        } else {
          oldLine += lines.length;
        }
      } else {
        if (oldRangeStart) {
          if (lines.length <= context * 2 && i < diff.length - 2) {
            for (const line of contextLines(lines)) {
              curRange.push(line);
            }
          } else {
            const contextSize = Math.min(lines.length, context);
            for (const line of contextLines(lines.slice(0, contextSize))) {
              curRange.push(line);
            }
            const hunk = {
              oldStart: oldRangeStart,
              oldLines: oldLine - oldRangeStart + contextSize,
              newStart: newRangeStart,
              newLines: newLine - newRangeStart + contextSize,
              lines: curRange
            };
            hunks.push(hunk);
            oldRangeStart = 0;
            newRangeStart = 0;
            curRange = [];
          }
        }
        oldLine += lines.length;
        newLine += lines.length;
      }
    }
    for (const hunk of hunks) {
      for (let i = 0; i < hunk.lines.length; i++) {
        if (hunk.lines[i].endsWith("\n")) {
          hunk.lines[i] = hunk.lines[i].slice(0, -1);
        } else {
          hunk.lines.splice(i + 1, 0, "\\ No newline at end of file");
          i++;
        }
      }
    }
    return {
      oldFileName,
      newFileName,
      oldHeader,
      newHeader,
      hunks
    };
  }
}
function formatPatch(patch, headerOptions) {
  var _a, _b, _c, _d, _e, _f;
  if (!headerOptions) {
    headerOptions = INCLUDE_HEADERS;
  }
  if (Array.isArray(patch)) {
    if (patch.length > 1 && !headerOptions.includeFileHeaders && !patch.every((p) => p.isGit)) {
      throw new Error("Cannot omit file headers on a multi-file patch. (The result would be unparseable; how would a tool trying to apply the patch know which changes are to which file?)");
    }
    return patch.map((p) => formatPatch(p, headerOptions)).join("\n");
  }
  const ret = [];
  if (patch.isGit) {
    headerOptions = INCLUDE_HEADERS;
    if (!patch.oldFileName) {
      throw new Error("oldFileName must be specified for Git patches");
    }
    if (!patch.newFileName) {
      throw new Error("newFileName must be specified for Git patches");
    }
    let gitOldName = patch.oldFileName;
    let gitNewName = patch.newFileName;
    if (patch.isCreate && gitOldName === "/dev/null") {
      gitOldName = gitNewName.replace(/^b\//, "a/");
    } else if (patch.isDelete && gitNewName === "/dev/null") {
      gitNewName = gitOldName.replace(/^a\//, "b/");
    }
    ret.push("diff --git " + quoteFileNameIfNeeded(gitOldName) + " " + quoteFileNameIfNeeded(gitNewName));
    if (patch.isDelete) {
      ret.push("deleted file mode " + ((_a = patch.oldMode) !== null && _a !== void 0 ? _a : "100644"));
    }
    if (patch.isCreate) {
      ret.push("new file mode " + ((_b = patch.newMode) !== null && _b !== void 0 ? _b : "100644"));
    }
    if (patch.oldMode && patch.newMode && !patch.isDelete && !patch.isCreate) {
      ret.push("old mode " + patch.oldMode);
      ret.push("new mode " + patch.newMode);
    }
    if (patch.isRename) {
      ret.push("rename from " + quoteFileNameIfNeeded(((_c = patch.oldFileName) !== null && _c !== void 0 ? _c : "").replace(/^a\//, "")));
      ret.push("rename to " + quoteFileNameIfNeeded(((_d = patch.newFileName) !== null && _d !== void 0 ? _d : "").replace(/^b\//, "")));
    }
    if (patch.isCopy) {
      ret.push("copy from " + quoteFileNameIfNeeded(((_e = patch.oldFileName) !== null && _e !== void 0 ? _e : "").replace(/^a\//, "")));
      ret.push("copy to " + quoteFileNameIfNeeded(((_f = patch.newFileName) !== null && _f !== void 0 ? _f : "").replace(/^b\//, "")));
    }
  } else {
    if (headerOptions.includeIndex && patch.oldFileName == patch.newFileName && patch.oldFileName !== void 0) {
      ret.push("Index: " + patch.oldFileName);
    }
    if (headerOptions.includeUnderline) {
      ret.push("===================================================================");
    }
  }
  const hasHunks = patch.hunks.length > 0;
  if (headerOptions.includeFileHeaders && patch.oldFileName !== void 0 && patch.newFileName !== void 0 && (!patch.isGit || hasHunks)) {
    ret.push("--- " + quoteFileNameIfNeeded(patch.oldFileName) + (patch.oldHeader ? "	" + patch.oldHeader : ""));
    ret.push("+++ " + quoteFileNameIfNeeded(patch.newFileName) + (patch.newHeader ? "	" + patch.newHeader : ""));
  }
  for (let i = 0; i < patch.hunks.length; i++) {
    const hunk = patch.hunks[i];
    const oldStart = hunk.oldLines === 0 ? hunk.oldStart - 1 : hunk.oldStart;
    const newStart = hunk.newLines === 0 ? hunk.newStart - 1 : hunk.newStart;
    ret.push("@@ -" + oldStart + "," + hunk.oldLines + " +" + newStart + "," + hunk.newLines + " @@");
    for (const line of hunk.lines) {
      ret.push(line);
    }
  }
  return ret.join("\n") + "\n";
}
function createTwoFilesPatch(oldFileName, newFileName, oldStr, newStr, oldHeader, newHeader, options) {
  if (typeof options === "function") {
    options = { callback: options };
  }
  if (!(options === null || options === void 0 ? void 0 : options.callback)) {
    const patchObj = structuredPatch(oldFileName, newFileName, oldStr, newStr, oldHeader, newHeader, options);
    if (!patchObj) {
      return;
    }
    return formatPatch(patchObj, options === null || options === void 0 ? void 0 : options.headerOptions);
  } else {
    const { callback } = options;
    structuredPatch(oldFileName, newFileName, oldStr, newStr, oldHeader, newHeader, Object.assign(Object.assign({}, options), { callback: (patchObj) => {
      if (!patchObj) {
        callback(void 0);
      } else {
        callback(formatPatch(patchObj, options.headerOptions));
      }
    } }));
  }
}
function splitLines(text) {
  const hasTrailingNl = text.endsWith("\n");
  const result = text.split("\n").map((line) => line + "\n");
  if (hasTrailingNl) {
    result.pop();
  } else {
    result.push(result.pop().slice(0, -1));
  }
  return result;
}

// src/plan/diff.ts
var import_yaml = __toESM(require_dist(), 1);

// src/plan/mask.ts
var clone = (v) => JSON.parse(JSON.stringify(v));
function marker(before, after, marks) {
  if (!marks) return MASK;
  if (before === void 0) return `${MASK} (added)`;
  if (after === void 0) return `${MASK} (removed)`;
  return JSON.stringify(before) === JSON.stringify(after) ? MASK : `${MASK} (changed)`;
}
function maskMap(after, before, every, marks) {
  if (!after || typeof after !== "object") return after;
  const out = {};
  for (const [k, v] of Object.entries(after))
    out[k] = every || looksSecret(k) ? marker(before?.[k], v, marks) : v;
  return out;
}
function podTemplateContainers(o) {
  const pod = podSpecOf(o);
  return [...pod?.containers ?? [], ...pod?.initContainers ?? []];
}
function maskObject(after, before) {
  const marks = before !== void 0;
  const o = clone(after);
  const prev = before ? clone(before) : void 0;
  if (o.kind === "Secret") {
    o.data = maskMap(
      o.data,
      prev?.data,
      true,
      marks
    );
    o.stringData = maskMap(
      o.stringData,
      prev?.stringData,
      true,
      marks
    );
    if (o.data === void 0) delete o.data;
    if (o.stringData === void 0) delete o.stringData;
  } else if (o.kind === "ConfigMap") {
    o.data = maskMap(
      o.data,
      prev?.data,
      false,
      marks
    );
    if (o.data === void 0) delete o.data;
  }
  const prevContainers = prev ? podTemplateContainers(prev) : [];
  podTemplateContainers(o).forEach((c, i) => {
    for (const e of c.env ?? []) {
      if (e.value === void 0 || !looksSecret(e.name)) continue;
      const old = prevContainers[i]?.env?.find((x) => x.name === e.name)?.value;
      e.value = marker(old, e.value, marks);
    }
  });
  const annotations = o.metadata?.annotations;
  if (annotations?.["kubectl.kubernetes.io/last-applied-configuration"])
    annotations["kubectl.kubernetes.io/last-applied-configuration"] = MASK;
  return o;
}

// src/plan/diff.ts
var yamlOf = (o, masked) => o && masked ? (0, import_yaml.stringify)(masked, { sortMapEntries: true, lineWidth: 0 }) : "";
function diffManifests(live, next, namespace) {
  const keyOf = (o) => objectKey({ ...o, namespace: o.namespace ?? namespace });
  const before = new Map(live.map((o) => [keyOf(o), o]));
  const after = new Map(next.map((o) => [keyOf(o), o]));
  const keys = [.../* @__PURE__ */ new Set([...after.keys(), ...before.keys()])];
  const changes = keys.map((key) => {
    const b = before.get(key);
    const a = after.get(key);
    const maskedA = a ? maskObject(a.object, b?.object) : void 0;
    const maskedB = b ? maskObject(b.object) : void 0;
    const oldText = yamlOf(b, maskedB);
    const newText = yamlOf(a, maskedA);
    const change = !b ? "added" : !a ? "removed" : oldText === newText && sameRaw(a, b) ? "unchanged" : "changed";
    const diff = change === "unchanged" ? "" : createTwoFilesPatch(
      b ? key : "/dev/null",
      a ? key : "/dev/null",
      oldText,
      newText,
      "",
      "",
      { context: 3 }
    );
    const o = a ?? b;
    return {
      key,
      kind: o.kind,
      name: o.name,
      change,
      diff: diff.split("\n").slice(2).join("\n").trimEnd()
    };
  });
  const order = { added: 0, changed: 1, removed: 2, unchanged: 3 };
  changes.sort((x, y) => order[x.change] - order[y.change] || x.key.localeCompare(y.key));
  const counts = { added: 0, changed: 0, removed: 0, unchanged: 0 };
  for (const c of changes) counts[c.change]++;
  return { changes, counts, changed: counts.added + counts.changed + counts.removed > 0 };
}
function sameRaw(a, b) {
  return JSON.stringify(sortKeys(a.object)) === JSON.stringify(sortKeys(b.object));
}
function sortKeys(v) {
  if (Array.isArray(v)) return v.map(sortKeys);
  if (v && typeof v === "object")
    return Object.fromEntries(
      Object.entries(v).sort(([x], [y]) => x.localeCompare(y)).map(([k, x]) => [k, sortKeys(x)])
    );
  return v;
}

// src/plan/plan.ts
async function plan(s, offline, live = s.helm.status(s.target)) {
  const { helm, target, config } = s;
  const namespace = target.namespace ?? "default";
  const notes = [];
  live.catch(() => void 0);
  let next = offline;
  let source = "offline render";
  const dry = await helm.runAllowingFailure(
    upgradeArgs(helm.dialect, target, s.chart, s.values, {
      timeoutSeconds: config.timeoutSeconds,
      historyMax: config.historyMax,
      createNamespace: config.createNamespace,
      dryRun: "server"
    })
  );
  const current = await live;
  const liveObjects = current ? parseManifests(current.manifest) : [];
  if (dry.exitCode === 0) {
    next = parseManifests(parseReleaseInfo(dry.stdout).manifest);
    source = "server dry-run";
  } else {
    notes.push(
      `server-side dry run not possible, compared the offline render instead: ${new HelmError("upgrade --dry-run", dry).message.split("\n")[0]}`
    );
  }
  if (current && !["deployed", "superseded"].includes(current.status))
    notes.push(`live release is ${current.status} (revision ${current.revision})`);
  return {
    release: config.release,
    namespace,
    exists: !!current,
    liveRevision: current?.revision,
    source,
    imagesBefore: imagesOf(liveObjects),
    imagesAfter: imagesOf(next),
    diff: diffManifests(liveObjects, next, namespace),
    notes
  };
}

// src/report/plan-summary.ts
var fence = (s) => s.replace(/```/g, "'''");
function renderPlan(p) {
  const c = p.diff.counts;
  const title = !p.diff.changed ? `### \u{1F7F0} No changes for \`${p.release}\` in \`${p.namespace}\`` : `### \u{1F4DD} Plan for \`${p.release}\` in \`${p.namespace}\`: ${c.added} to add, ${c.changed} to change, ${c.removed} to remove`;
  const lines = [title, ""];
  lines.push(
    p.exists ? `Compared with live revision ${p.liveRevision} (${p.source}).` : `The release does not exist yet: everything would be installed (${p.source}).`
  );
  for (const n of p.notes) lines.push(`> ${n.replace(/\n/g, " ")}`);
  const changed = p.diff.changes.filter((x) => x.change !== "unchanged");
  if (changed.length > 0) {
    lines.push("", "| Change | Kind | Name |", "| --- | --- | --- |");
    const icon = { added: "\u2795 add", changed: "\u270F\uFE0F change", removed: "\u2796 remove", unchanged: "" };
    for (const x of changed) lines.push(`| ${icon[x.change]} | ${x.kind} | \`${x.name}\` |`);
  }
  if (p.imagesBefore.join() !== p.imagesAfter.join()) {
    lines.push(
      "",
      `Images: ${p.imagesBefore.map((i) => `\`${i}\``).join(", ") || "\u2014"} \u2192 ${p.imagesAfter.map((i) => `\`${i}\``).join(", ") || "\u2014"}`
    );
  }
  lines.push("", "_Secret values and credential-looking values are masked._");
  const details = changed.map(
    (x) => `<details><summary>${x.change} ${x.kind}/${x.name}</summary>

\`\`\`diff
${fence(x.diff)}
\`\`\`

</details>`
  );
  return { head: lines.join("\n"), details };
}

// src/modes/plan.ts
async function planMode(opened, deps) {
  let live;
  const cluster = connectMeanwhile(opened, deps, void 0, (c) => {
    live = c.session.helm.status(c.session.target);
    live.catch(() => void 0);
  });
  await checkValuesAndLint(opened);
  const { session: s, serverVersion } = await cluster;
  const rendered = await renderAndCheck(opened, serverVersion);
  const p = await group("Diff against the live release", () => plan(s, rendered.objects, live));
  for (const c of p.diff.changes.filter((x) => x.change !== "unchanged")) {
    info(`${c.change}: ${c.key}`);
    if (c.diff) info(c.diff);
  }
  const { head, details } = renderPlan(p);
  info(head.split("\n")[0].replace(/^#+ /, ""));
  await deps.reporter.summary([head, ...details].join("\n\n"));
  await deps.reporter.comment(head, details);
  return {
    outputs: {
      status: "planned",
      changed: p.diff.changed,
      revision: p.liveRevision,
      previousRevision: p.liveRevision,
      images: p.imagesAfter
    }
  };
}
export {
  planMode
};
//# sourceMappingURL=plan-JA64S22Q.js.map
