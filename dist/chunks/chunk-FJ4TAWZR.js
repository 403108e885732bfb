import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);
import {
  __commonJS
} from "./chunk-SK5B422H.js";

// node_modules/ajv-formats/dist/formats.js
var require_formats = __commonJS({
  "node_modules/ajv-formats/dist/formats.js"(exports) {
    "use strict";
    Object.defineProperty(exports, "__esModule", { value: true });
    exports.formatNames = exports.fastFormats = exports.fullFormats = void 0;
    function fmtDef(validate, compare) {
      return { validate, compare };
    }
    exports.fullFormats = {
      // date: http://tools.ietf.org/html/rfc3339#section-5.6
      date: fmtDef(date, compareDate),
      // date-time: http://tools.ietf.org/html/rfc3339#section-5.6
      time: fmtDef(getTime(true), compareTime),
      "date-time": fmtDef(getDateTime(true), compareDateTime),
      "iso-time": fmtDef(getTime(), compareIsoTime),
      "iso-date-time": fmtDef(getDateTime(), compareIsoDateTime),
      // duration: https://tools.ietf.org/html/rfc3339#appendix-A
      duration: /^P(?!$)((\d+Y)?(\d+M)?(\d+D)?(T(?=\d)(\d+H)?(\d+M)?(\d+S)?)?|(\d+W)?)$/,
      uri,
      "uri-reference": /^(?:[a-z][a-z0-9+\-.]*:)?(?:\/?\/(?:(?:[a-z0-9\-._~!$&'()*+,;=:]|%[0-9a-f]{2})*@)?(?:\[(?:(?:(?:(?:[0-9a-f]{1,4}:){6}|::(?:[0-9a-f]{1,4}:){5}|(?:[0-9a-f]{1,4})?::(?:[0-9a-f]{1,4}:){4}|(?:(?:[0-9a-f]{1,4}:){0,1}[0-9a-f]{1,4})?::(?:[0-9a-f]{1,4}:){3}|(?:(?:[0-9a-f]{1,4}:){0,2}[0-9a-f]{1,4})?::(?:[0-9a-f]{1,4}:){2}|(?:(?:[0-9a-f]{1,4}:){0,3}[0-9a-f]{1,4})?::[0-9a-f]{1,4}:|(?:(?:[0-9a-f]{1,4}:){0,4}[0-9a-f]{1,4})?::)(?:[0-9a-f]{1,4}:[0-9a-f]{1,4}|(?:(?:25[0-5]|2[0-4]\d|[01]?\d\d?)\.){3}(?:25[0-5]|2[0-4]\d|[01]?\d\d?))|(?:(?:[0-9a-f]{1,4}:){0,5}[0-9a-f]{1,4})?::[0-9a-f]{1,4}|(?:(?:[0-9a-f]{1,4}:){0,6}[0-9a-f]{1,4})?::)|[Vv][0-9a-f]+\.[a-z0-9\-._~!$&'()*+,;=:]+)\]|(?:(?:25[0-5]|2[0-4]\d|[01]?\d\d?)\.){3}(?:25[0-5]|2[0-4]\d|[01]?\d\d?)|(?:[a-z0-9\-._~!$&'"()*+,;=]|%[0-9a-f]{2})*)(?::\d*)?(?:\/(?:[a-z0-9\-._~!$&'"()*+,;=:@]|%[0-9a-f]{2})*)*|\/(?:(?:[a-z0-9\-._~!$&'"()*+,;=:@]|%[0-9a-f]{2})+(?:\/(?:[a-z0-9\-._~!$&'"()*+,;=:@]|%[0-9a-f]{2})*)*)?|(?:[a-z0-9\-._~!$&'"()*+,;=:@]|%[0-9a-f]{2})+(?:\/(?:[a-z0-9\-._~!$&'"()*+,;=:@]|%[0-9a-f]{2})*)*)?(?:\?(?:[a-z0-9\-._~!$&'"()*+,;=:@/?]|%[0-9a-f]{2})*)?(?:#(?:[a-z0-9\-._~!$&'"()*+,;=:@/?]|%[0-9a-f]{2})*)?$/i,
      // uri-template: https://tools.ietf.org/html/rfc6570
      "uri-template": /^(?:(?:[^\x00-\x20"'<>%\\^`{|}]|%[0-9a-f]{2})|\{[+#./;?&=,!@|]?(?:[a-z0-9_]|%[0-9a-f]{2})+(?::[1-9][0-9]{0,3}|\*)?(?:,(?:[a-z0-9_]|%[0-9a-f]{2})+(?::[1-9][0-9]{0,3}|\*)?)*\})*$/i,
      // For the source: https://gist.github.com/dperini/729294
      // For test cases: https://mathiasbynens.be/demo/url-regex
      url: /^(?:https?|ftp):\/\/(?:\S+(?::\S*)?@)?(?:(?!(?:10|127)(?:\.\d{1,3}){3})(?!(?:169\.254|192\.168)(?:\.\d{1,3}){2})(?!172\.(?:1[6-9]|2\d|3[0-1])(?:\.\d{1,3}){2})(?:[1-9]\d?|1\d\d|2[01]\d|22[0-3])(?:\.(?:1?\d{1,2}|2[0-4]\d|25[0-5])){2}(?:\.(?:[1-9]\d?|1\d\d|2[0-4]\d|25[0-4]))|(?:(?:[a-z0-9\u{00a1}-\u{ffff}]+-)*[a-z0-9\u{00a1}-\u{ffff}]+)(?:\.(?:[a-z0-9\u{00a1}-\u{ffff}]+-)*[a-z0-9\u{00a1}-\u{ffff}]+)*(?:\.(?:[a-z\u{00a1}-\u{ffff}]{2,})))(?::\d{2,5})?(?:\/[^\s]*)?$/iu,
      email: /^[a-z0-9!#$%&'*+/=?^_`{|}~-]+(?:\.[a-z0-9!#$%&'*+/=?^_`{|}~-]+)*@(?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?\.)+[a-z0-9](?:[a-z0-9-]*[a-z0-9])?$/i,
      hostname: /^(?=.{1,253}\.?$)[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\.[a-z0-9](?:[-0-9a-z]{0,61}[0-9a-z])?)*\.?$/i,
      // optimized https://www.safaribooksonline.com/library/view/regular-expressions-cookbook/9780596802837/ch07s16.html
      ipv4: /^(?:(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)\.){3}(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)$/,
      ipv6: /^((([0-9a-f]{1,4}:){7}([0-9a-f]{1,4}|:))|(([0-9a-f]{1,4}:){6}(:[0-9a-f]{1,4}|((25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(\.(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3})|:))|(([0-9a-f]{1,4}:){5}(((:[0-9a-f]{1,4}){1,2})|:((25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(\.(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3})|:))|(([0-9a-f]{1,4}:){4}(((:[0-9a-f]{1,4}){1,3})|((:[0-9a-f]{1,4})?:((25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(\.(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}))|:))|(([0-9a-f]{1,4}:){3}(((:[0-9a-f]{1,4}){1,4})|((:[0-9a-f]{1,4}){0,2}:((25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(\.(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}))|:))|(([0-9a-f]{1,4}:){2}(((:[0-9a-f]{1,4}){1,5})|((:[0-9a-f]{1,4}){0,3}:((25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(\.(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}))|:))|(([0-9a-f]{1,4}:){1}(((:[0-9a-f]{1,4}){1,6})|((:[0-9a-f]{1,4}){0,4}:((25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(\.(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}))|:))|(:(((:[0-9a-f]{1,4}){1,7})|((:[0-9a-f]{1,4}){0,5}:((25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(\.(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}))|:)))$/i,
      regex,
      // uuid: http://tools.ietf.org/html/rfc4122
      uuid: /^(?:urn:uuid:)?[0-9a-f]{8}-(?:[0-9a-f]{4}-){3}[0-9a-f]{12}$/i,
      // JSON-pointer: https://tools.ietf.org/html/rfc6901
      // uri fragment: https://tools.ietf.org/html/rfc3986#appendix-A
      "json-pointer": /^(?:\/(?:[^~/]|~0|~1)*)*$/,
      "json-pointer-uri-fragment": /^#(?:\/(?:[a-z0-9_\-.!$&'()*+,;:=@]|%[0-9a-f]{2}|~0|~1)*)*$/i,
      // relative JSON-pointer: http://tools.ietf.org/html/draft-luff-relative-json-pointer-00
      "relative-json-pointer": /^(?:0|[1-9][0-9]*)(?:#|(?:\/(?:[^~/]|~0|~1)*)*)$/,
      // the following formats are used by the openapi specification: https://spec.openapis.org/oas/v3.0.0#data-types
      // byte: https://github.com/miguelmota/is-base64
      byte,
      // signed 32 bit integer
      int32: { type: "number", validate: validateInt32 },
      // signed 64 bit integer
      int64: { type: "number", validate: validateInt64 },
      // C-type float
      float: { type: "number", validate: validateNumber },
      // C-type double
      double: { type: "number", validate: validateNumber },
      // hint to the UI to hide input strings
      password: true,
      // unchecked string payload
      binary: true
    };
    exports.fastFormats = {
      ...exports.fullFormats,
      date: fmtDef(/^\d\d\d\d-[0-1]\d-[0-3]\d$/, compareDate),
      time: fmtDef(/^(?:[0-2]\d:[0-5]\d:[0-5]\d|23:59:60)(?:\.\d+)?(?:z|[+-]\d\d(?::?\d\d)?)$/i, compareTime),
      "date-time": fmtDef(/^\d\d\d\d-[0-1]\d-[0-3]\dt(?:[0-2]\d:[0-5]\d:[0-5]\d|23:59:60)(?:\.\d+)?(?:z|[+-]\d\d(?::?\d\d)?)$/i, compareDateTime),
      "iso-time": fmtDef(/^(?:[0-2]\d:[0-5]\d:[0-5]\d|23:59:60)(?:\.\d+)?(?:z|[+-]\d\d(?::?\d\d)?)?$/i, compareIsoTime),
      "iso-date-time": fmtDef(/^\d\d\d\d-[0-1]\d-[0-3]\d[t\s](?:[0-2]\d:[0-5]\d:[0-5]\d|23:59:60)(?:\.\d+)?(?:z|[+-]\d\d(?::?\d\d)?)?$/i, compareIsoDateTime),
      // uri: https://github.com/mafintosh/is-my-json-valid/blob/master/formats.js
      uri: /^(?:[a-z][a-z0-9+\-.]*:)(?:\/?\/)?[^\s]*$/i,
      "uri-reference": /^(?:(?:[a-z][a-z0-9+\-.]*:)?\/?\/)?(?:[^\\\s#][^\s#]*)?(?:#[^\\\s]*)?$/i,
      // email (sources from jsen validator):
      // http://stackoverflow.com/questions/201323/using-a-regular-expression-to-validate-an-email-address#answer-8829363
      // http://www.w3.org/TR/html5/forms.html#valid-e-mail-address (search for 'wilful violation')
      email: /^[a-z0-9.!#$%&'*+/=?^_`{|}~-]+@[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)*$/i
    };
    exports.formatNames = Object.keys(exports.fullFormats);
    function isLeapYear(year) {
      return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
    }
    var DATE = /^(\d\d\d\d)-(\d\d)-(\d\d)$/;
    var DAYS = [0, 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
    function date(str) {
      const matches = DATE.exec(str);
      if (!matches)
        return false;
      const year = +matches[1];
      const month = +matches[2];
      const day = +matches[3];
      return month >= 1 && month <= 12 && day >= 1 && day <= (month === 2 && isLeapYear(year) ? 29 : DAYS[month]);
    }
    function compareDate(d1, d2) {
      if (!(d1 && d2))
        return void 0;
      if (d1 > d2)
        return 1;
      if (d1 < d2)
        return -1;
      return 0;
    }
    var TIME = /^(\d\d):(\d\d):(\d\d(?:\.\d+)?)(z|([+-])(\d\d)(?::?(\d\d))?)?$/i;
    function getTime(strictTimeZone) {
      return function time(str) {
        const matches = TIME.exec(str);
        if (!matches)
          return false;
        const hr = +matches[1];
        const min = +matches[2];
        const sec = +matches[3];
        const tz = matches[4];
        const tzSign = matches[5] === "-" ? -1 : 1;
        const tzH = +(matches[6] || 0);
        const tzM = +(matches[7] || 0);
        if (tzH > 23 || tzM > 59 || strictTimeZone && !tz)
          return false;
        if (hr <= 23 && min <= 59 && sec < 60)
          return true;
        const utcMin = min - tzM * tzSign;
        const utcHr = hr - tzH * tzSign - (utcMin < 0 ? 1 : 0);
        return (utcHr === 23 || utcHr === -1) && (utcMin === 59 || utcMin === -1) && sec < 61;
      };
    }
    function compareTime(s1, s2) {
      if (!(s1 && s2))
        return void 0;
      const t1 = (/* @__PURE__ */ new Date("2020-01-01T" + s1)).valueOf();
      const t2 = (/* @__PURE__ */ new Date("2020-01-01T" + s2)).valueOf();
      if (!(t1 && t2))
        return void 0;
      return t1 - t2;
    }
    function compareIsoTime(t1, t2) {
      if (!(t1 && t2))
        return void 0;
      const a1 = TIME.exec(t1);
      const a2 = TIME.exec(t2);
      if (!(a1 && a2))
        return void 0;
      t1 = a1[1] + a1[2] + a1[3];
      t2 = a2[1] + a2[2] + a2[3];
      if (t1 > t2)
        return 1;
      if (t1 < t2)
        return -1;
      return 0;
    }
    var DATE_TIME_SEPARATOR = /t|\s/i;
    function getDateTime(strictTimeZone) {
      const time = getTime(strictTimeZone);
      return function date_time(str) {
        const dateTime = str.split(DATE_TIME_SEPARATOR);
        return dateTime.length === 2 && date(dateTime[0]) && time(dateTime[1]);
      };
    }
    function compareDateTime(dt1, dt2) {
      if (!(dt1 && dt2))
        return void 0;
      const d1 = new Date(dt1).valueOf();
      const d2 = new Date(dt2).valueOf();
      if (!(d1 && d2))
        return void 0;
      return d1 - d2;
    }
    function compareIsoDateTime(dt1, dt2) {
      if (!(dt1 && dt2))
        return void 0;
      const [d1, t1] = dt1.split(DATE_TIME_SEPARATOR);
      const [d2, t2] = dt2.split(DATE_TIME_SEPARATOR);
      const res = compareDate(d1, d2);
      if (res === void 0)
        return void 0;
      return res || compareTime(t1, t2);
    }
    var NOT_URI_FRAGMENT = /\/|:/;
    var URI = /^(?:[a-z][a-z0-9+\-.]*:)(?:\/?\/(?:(?:[a-z0-9\-._~!$&'()*+,;=:]|%[0-9a-f]{2})*@)?(?:\[(?:(?:(?:(?:[0-9a-f]{1,4}:){6}|::(?:[0-9a-f]{1,4}:){5}|(?:[0-9a-f]{1,4})?::(?:[0-9a-f]{1,4}:){4}|(?:(?:[0-9a-f]{1,4}:){0,1}[0-9a-f]{1,4})?::(?:[0-9a-f]{1,4}:){3}|(?:(?:[0-9a-f]{1,4}:){0,2}[0-9a-f]{1,4})?::(?:[0-9a-f]{1,4}:){2}|(?:(?:[0-9a-f]{1,4}:){0,3}[0-9a-f]{1,4})?::[0-9a-f]{1,4}:|(?:(?:[0-9a-f]{1,4}:){0,4}[0-9a-f]{1,4})?::)(?:[0-9a-f]{1,4}:[0-9a-f]{1,4}|(?:(?:25[0-5]|2[0-4]\d|[01]?\d\d?)\.){3}(?:25[0-5]|2[0-4]\d|[01]?\d\d?))|(?:(?:[0-9a-f]{1,4}:){0,5}[0-9a-f]{1,4})?::[0-9a-f]{1,4}|(?:(?:[0-9a-f]{1,4}:){0,6}[0-9a-f]{1,4})?::)|[Vv][0-9a-f]+\.[a-z0-9\-._~!$&'()*+,;=:]+)\]|(?:(?:25[0-5]|2[0-4]\d|[01]?\d\d?)\.){3}(?:25[0-5]|2[0-4]\d|[01]?\d\d?)|(?:[a-z0-9\-._~!$&'()*+,;=]|%[0-9a-f]{2})*)(?::\d*)?(?:\/(?:[a-z0-9\-._~!$&'()*+,;=:@]|%[0-9a-f]{2})*)*|\/(?:(?:[a-z0-9\-._~!$&'()*+,;=:@]|%[0-9a-f]{2})+(?:\/(?:[a-z0-9\-._~!$&'()*+,;=:@]|%[0-9a-f]{2})*)*)?|(?:[a-z0-9\-._~!$&'()*+,;=:@]|%[0-9a-f]{2})+(?:\/(?:[a-z0-9\-._~!$&'()*+,;=:@]|%[0-9a-f]{2})*)*)(?:\?(?:[a-z0-9\-._~!$&'()*+,;=:@/?]|%[0-9a-f]{2})*)?(?:#(?:[a-z0-9\-._~!$&'()*+,;=:@/?]|%[0-9a-f]{2})*)?$/i;
    function uri(str) {
      return NOT_URI_FRAGMENT.test(str) && URI.test(str);
    }
    var BYTE = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/gm;
    function byte(str) {
      BYTE.lastIndex = 0;
      return BYTE.test(str);
    }
    var MIN_INT32 = -(2 ** 31);
    var MAX_INT32 = 2 ** 31 - 1;
    function validateInt32(value) {
      return Number.isInteger(value) && value <= MAX_INT32 && value >= MIN_INT32;
    }
    function validateInt64(value) {
      return Number.isInteger(value);
    }
    function validateNumber() {
      return true;
    }
    var Z_ANCHOR = /[^\\]\\Z/;
    function regex(str) {
      if (Z_ANCHOR.test(str))
        return false;
      try {
        new RegExp(str);
        return true;
      } catch (e) {
        return false;
      }
    }
  }
});

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

// src/values/schema-draft07.ts
var IGNORED = "x-values-ignored:";
var SCHEMA_KEYWORDS = /* @__PURE__ */ new Set([
  "additionalItems",
  "additionalProperties",
  "contains",
  "propertyNames",
  "not",
  "if",
  "then",
  "else",
  "items"
]);
var SCHEMA_LIST_KEYWORDS = /* @__PURE__ */ new Set(["allOf", "anyOf", "oneOf", "items"]);
var SCHEMA_MAP_KEYWORDS = /* @__PURE__ */ new Set(["properties", "patternProperties", "definitions"]);
var NOT_IN_DRAFT = {
  "draft-06": ["if", "then", "else"],
  "draft-04": ["if", "then", "else", "const", "contains", "propertyNames"]
};
var DEFAULT_BASE = "https://values-schema.invalid/values.schema.json";
var isObj = (v) => v !== null && typeof v === "object" && !Array.isArray(v);
function resolveUri(ref, base) {
  try {
    return new URL(ref, base).href;
  } catch {
    return void 0;
  }
}
var withoutFragment = (uri) => uri.replace(/#.*$/, "");
function decodeSegment(raw) {
  try {
    return decodeURIComponent(raw).replace(/~1/g, "/").replace(/~0/g, "~");
  } catch {
    return void 0;
  }
}
var encodeSegment = (key) => key.replace(/~/g, "~0").replace(/\//g, "~1");
function toDraft07(root, draft) {
  const dropped = new Set(NOT_IN_DRAFT[draft] ?? []);
  const oldForms = draft === "draft-04" || draft === "hybrid";
  const idOf = (o) => {
    if (typeof o.$ref === "string") return void 0;
    const id = o.$id ?? (oldForms ? o.id : void 0);
    return typeof id === "string" ? id : void 0;
  };
  const resources = /* @__PURE__ */ new Map();
  const baseOf = /* @__PURE__ */ new Map();
  const index = (v, base) => {
    if (Array.isArray(v)) return v.forEach((x) => index(x, base));
    if (!isObj(v)) return;
    const id = idOf(v);
    const uri = id === void 0 ? void 0 : resolveUri(id, base);
    if (uri !== void 0) {
      if (id?.startsWith("#")) resources.set(uri, v);
      else {
        base = withoutFragment(uri);
        resources.set(base, v);
      }
    }
    baseOf.set(v, base);
    for (const x of Object.values(v)) index(x, base);
  };
  const rootBase = idOf(root) ?? "";
  index(root, resolveUri(rootBase, DEFAULT_BASE) ?? DEFAULT_BASE);
  if (!resources.has(withoutFragment(baseOf.get(root) ?? DEFAULT_BASE)))
    resources.set(withoutFragment(baseOf.get(root) ?? DEFAULT_BASE), root);
  const ignoredKeys = (o) => new Set(
    typeof o.$ref === "string" ? Object.keys(o).filter((k) => k !== "$ref") : Object.keys(o).filter((k) => dropped.has(k))
  );
  const target = (ref, from) => {
    const uri = resolveUri(ref, baseOf.get(from) ?? DEFAULT_BASE);
    if (uri === void 0) return void 0;
    const hash = uri.indexOf("#");
    const fragment = hash < 0 ? "" : uri.slice(hash + 1);
    if (fragment !== "" && !fragment.startsWith("/")) {
      const anchored = resources.get(uri);
      return anchored && { node: anchored, resource: anchored, segments: [] };
    }
    const resource = resources.get(withoutFragment(uri));
    if (!resource) return void 0;
    const segments = fragment === "" ? [] : fragment.slice(1).split("/");
    let node = resource;
    for (const raw of segments) {
      const key = decodeSegment(raw);
      if (key === void 0) return void 0;
      if (Array.isArray(node) && /^\d+$/.test(key)) node = node[Number(key)];
      else if (isObj(node) && Object.hasOwn(node, key)) node = node[key];
      else return void 0;
    }
    return { node, resource, segments };
  };
  const schemas = /* @__PURE__ */ new Set();
  const visit = (v) => {
    if (!isObj(v) || schemas.has(v)) return;
    schemas.add(v);
    const ignored = ignoredKeys(v);
    for (const [k, x] of Object.entries(v)) {
      if (ignored.has(k)) continue;
      if (SCHEMA_MAP_KEYWORDS.has(k) && isObj(x)) Object.values(x).forEach(visit);
      else if (k === "dependencies" && isObj(x)) Object.values(x).forEach(visit);
      else if (SCHEMA_LIST_KEYWORDS.has(k) && Array.isArray(x)) x.forEach(visit);
      else if (SCHEMA_KEYWORDS.has(k)) visit(x);
    }
    if (typeof v.$ref === "string") visit(target(v.$ref, v)?.node);
  };
  visit(root);
  const rewriteRef = (ref, from) => {
    const hash = ref.indexOf("#");
    if (hash < 0 || !ref.slice(hash + 1).startsWith("/")) return ref;
    const found = target(ref, from);
    if (!found) return ref;
    let node = found.resource;
    const out = [];
    for (const raw of found.segments) {
      const key = decodeSegment(raw) ?? raw;
      const renamed = isObj(node) && schemas.has(node) && ignoredKeys(node).has(key);
      out.push(renamed ? encodeSegment(IGNORED + key) : raw);
      node = Array.isArray(node) ? node[Number(key)] : isObj(node) ? node[key] : void 0;
    }
    return `${ref.slice(0, hash)}#/${out.join("/")}`;
  };
  const copy = (v) => {
    if (Array.isArray(v)) return v.map(copy);
    if (!isObj(v)) return v;
    if (!schemas.has(v)) return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, copy(x)]));
    const ignored = ignoredKeys(v);
    const out = {};
    for (const [k, x] of Object.entries(v)) out[ignored.has(k) ? IGNORED + k : k] = copy(x);
    if (typeof out.$ref === "string") out.$ref = rewriteRef(out.$ref, v);
    if (oldForms) {
      for (const [flag, bound] of [
        ["exclusiveMaximum", "maximum"],
        ["exclusiveMinimum", "minimum"]
      ]) {
        if (typeof out[flag] !== "boolean") continue;
        if (out[flag] && typeof out[bound] === "number") {
          out[flag] = out[bound];
          delete out[bound];
        } else delete out[flag];
      }
      if (typeof out.id === "string" && out.$id === void 0) {
        out.$id = out.id;
        delete out.id;
      }
    }
    return out;
  };
  return copy(root);
}

// src/values/schema-prepare.ts
var schemaFileName = (file) => file.split(/[\\/]/).pop() ?? file;
function prepareSchema(file, text, dialect) {
  const problem = (message) => ({ ok: false, message });
  const name = schemaFileName(file);
  let schema;
  try {
    schema = JSON.parse(text);
  } catch (e) {
    return problem(`${name} is not valid JSON: ${e.message}`);
  }
  if (typeof schema === "boolean") schema = schema ? {} : { not: {} };
  if (schema === null || typeof schema !== "object" || Array.isArray(schema))
    return problem(`${name} is not a JSON Schema: its top level must be an object`);
  let root = { ...schema };
  const draft = draftOf(root.$schema, dialect.schemaValidator);
  if (typeof draft !== "string")
    return problem(
      `${name} names ${draft.unknown} as its meta-schema ($schema), which is not fetched here; Helm downloads it, so the values were not checked`
    );
  if (draft !== "2020-12" && draft !== "2019-09") {
    delete root.$schema;
    root = toDraft07(root, draft);
  }
  root = breakRefCycles(root);
  return {
    ok: true,
    root,
    rules: draft === "2020-12" || draft === "2019-09" ? draft : "draft-07",
    permissiveUrns: dialect.urnRefsPermissive ? unresolvedUrns(root) : []
  };
}
function draftOf(schema, validator) {
  if (typeof schema !== "string") return validator === "gojsonschema" ? "hybrid" : "2020-12";
  if (validator === "gojsonschema") {
    const m2 = /^http:\/\/json-schema\.org\/draft-0([467])\/schema#?$/.exec(schema);
    return m2 ? `draft-0${m2[1]}` : "hybrid";
  }
  const m = /^https?:\/\/json-schema\.org\/(schema|draft\/2020-12\/schema|draft\/2019-09\/schema|draft-0[467]\/schema)(#.*)?$/.exec(
    schema
  );
  if (!m) return { unknown: schema };
  if (m[1] === "schema" || m[1].includes("2020-12")) return "2020-12";
  if (m[1].includes("2019-09")) return "2019-09";
  return m[1].slice(0, 8);
}
function resolvePointer(root, ref) {
  if (ref === "#") return root;
  if (!ref.startsWith("#/")) return void 0;
  let cur = root;
  for (const raw of ref.slice(2).split("/")) {
    if (cur === null || typeof cur !== "object") return void 0;
    let key;
    try {
      key = decodeURIComponent(raw).replace(/~1/g, "/").replace(/~0/g, "~");
    } catch {
      return void 0;
    }
    cur = Object.hasOwn(cur, key) ? cur[key] : void 0;
  }
  return cur;
}
var CIRCULAR = "values: a $ref that leads back to itself";
function breakRefCycles(root) {
  const resolve = (ref) => resolvePointer(root, ref);
  const refOf = (v) => v !== null && typeof v === "object" && !Array.isArray(v) ? typeof v.$ref === "string" ? v.$ref : void 0 : void 0;
  const looping = /* @__PURE__ */ new Set();
  const find = (v) => {
    if (v === null || typeof v !== "object") return;
    if (Array.isArray(v)) return v.forEach(find);
    const chain = [];
    let cur = v;
    for (let ref = refOf(cur); ref !== void 0; ref = refOf(cur)) {
      const at = chain.indexOf(cur);
      if (at >= 0) {
        chain.slice(at).forEach((n) => looping.add(n));
        break;
      }
      chain.push(cur);
      cur = resolve(ref);
    }
    Object.values(v).forEach(find);
  };
  find(root);
  if (looping.size === 0) return root;
  const copy = (v) => {
    if (looping.has(v)) return { $comment: CIRCULAR, not: {} };
    if (v === null || typeof v !== "object") return v;
    if (Array.isArray(v)) return v.map(copy);
    return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, copy(x)]));
  };
  return copy(root);
}
function unresolvedUrns(root) {
  const refs = /* @__PURE__ */ new Set();
  const ids = /* @__PURE__ */ new Set();
  const walk = (v) => {
    if (Array.isArray(v)) return v.forEach(walk);
    if (v === null || typeof v !== "object") return;
    const o = v;
    if (typeof o.$ref === "string" && o.$ref.startsWith("urn:") && !o.$ref.includes("#"))
      refs.add(o.$ref);
    for (const id of [o.$id, o.id]) if (typeof id === "string") ids.add(id.replace(/#$/, ""));
    Object.values(o).forEach(walk);
  };
  walk(root);
  return [...refs].filter((r) => !ids.has(r));
}
function valueAt(root, path) {
  let cur = root;
  for (const s of path) {
    if (typeof s === "number") cur = Array.isArray(cur) ? cur[s] : void 0;
    else cur = isMap(cur) && Object.hasOwn(cur, s) ? cur[s] : void 0;
  }
  return cur;
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
  OriginIndex,
  require_formats,
  schemaFileName,
  prepareSchema,
  resolvePointer,
  CIRCULAR,
  valueAt
};
//# sourceMappingURL=chunk-FJ4TAWZR.js.map
