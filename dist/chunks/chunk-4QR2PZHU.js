import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);
import {
  OriginIndex,
  deepCopy,
  describeValue,
  formatPath,
  has,
  isMap,
  mergeMaps,
  prepareSchema,
  put,
  require_formats,
  resolvePointer,
  toJsonData,
  valueAt
} from "./chunk-FJ4TAWZR.js";
import {
  chartSpec,
  isCompatibleRange,
  masksFor,
  render,
  startHelmChecks
} from "./chunk-FCRLM365.js";
import {
  MASK,
  objectKey,
  podSpecOf,
  require_dist
} from "./chunk-FNM5R2QI.js";
import {
  error,
  group,
  info,
  warning
} from "./chunk-EJN3PRND.js";
import {
  UserError,
  fail,
  ok
} from "./chunk-R5UD73HC.js";
import {
  __toESM
} from "./chunk-SK5B422H.js";

// node_modules/@cfworker/json-schema/dist/esm/deep-compare-strict.js
function deepCompareStrict(a, b) {
  const typeofa = typeof a;
  if (typeofa !== typeof b) {
    return false;
  }
  const aIsArray = Array.isArray(a);
  const bIsArray = Array.isArray(b);
  if (aIsArray !== bIsArray) {
    return false;
  }
  if (aIsArray) {
    const length = a.length;
    if (length !== b.length) {
      return false;
    }
    for (let i = 0; i < length; i++) {
      if (!deepCompareStrict(a[i], b[i])) {
        return false;
      }
    }
    return true;
  }
  if (typeofa === "object") {
    if (!a || !b) {
      return a === b;
    }
    const aKeys = Object.keys(a);
    const bKeys = Object.keys(b);
    const length = aKeys.length;
    if (length !== bKeys.length) {
      return false;
    }
    for (const k of aKeys) {
      if (!Object.prototype.hasOwnProperty.call(b, k)) {
        return false;
      }
      if (!deepCompareStrict(a[k], b[k])) {
        return false;
      }
    }
    return true;
  }
  return a === b;
}

// node_modules/@cfworker/json-schema/dist/esm/pointer.js
function encodePointer(p) {
  return encodeURI(escapePointer(p)).replace(/#/g, "%23");
}
function escapePointer(p) {
  return p.replace(/~/g, "~0").replace(/\//g, "~1");
}

// node_modules/@cfworker/json-schema/dist/esm/dereference.js
var uriFragmentCharacter = /^[A-Za-z0-9._~!$&'()*+,;=:@/?-]$/;
var uriPercentEncoding = /^%[0-9A-Fa-f]{2}$/;
var uriUnreservedCharacter = /^[A-Za-z0-9._~-]$/;
function normalizeURIFragment(fragment) {
  let normalized = "";
  for (let index = 0; index < fragment.length; ) {
    const character = fragment[index];
    const encoded = fragment.slice(index, index + 3);
    if (character === "%" && uriPercentEncoding.test(encoded)) {
      const decoded = String.fromCharCode(parseInt(encoded.slice(1), 16));
      normalized += uriUnreservedCharacter.test(decoded) ? decoded : encoded.toUpperCase();
      index += 3;
      continue;
    }
    const codePoint = String.fromCodePoint(fragment.codePointAt(index));
    normalized += uriFragmentCharacter.test(codePoint) ? codePoint : encodeURIComponent(codePoint);
    index += codePoint.length;
  }
  return normalized;
}
function resolveURI(reference, baseURI) {
  const url = new URL(reference, baseURI.href);
  url.hash = url.hash ? normalizeURIFragment(url.hash.slice(1)) : "";
  return url;
}
var schemaArrayKeyword = {
  prefixItems: true,
  items: true,
  allOf: true,
  anyOf: true,
  oneOf: true
};
var schemaMapKeyword = {
  $defs: true,
  definitions: true,
  properties: true,
  patternProperties: true,
  dependentSchemas: true
};
var ignoredKeyword = {
  id: true,
  $id: true,
  $ref: true,
  $schema: true,
  $anchor: true,
  $vocabulary: true,
  $comment: true,
  default: true,
  enum: true,
  const: true,
  required: true,
  dependentRequired: true,
  type: true,
  maximum: true,
  minimum: true,
  exclusiveMaximum: true,
  exclusiveMinimum: true,
  multipleOf: true,
  maxLength: true,
  minLength: true,
  pattern: true,
  format: true,
  maxItems: true,
  minItems: true,
  uniqueItems: true,
  maxProperties: true,
  minProperties: true
};
var initialBaseURI = typeof self !== "undefined" && self.location && self.location.origin !== "null" ? new URL(self.location.origin + self.location.pathname + location.search) : new URL("https://github.com/cfworker");
function dereference(schema, lookup = /* @__PURE__ */ Object.create(null), baseURI = initialBaseURI, basePointer = "") {
  if (schema && typeof schema === "object" && !Array.isArray(schema)) {
    const id = schema.$id || schema["id"];
    if (id) {
      const url = resolveURI(id, baseURI);
      if (url.hash.length > 1) {
        lookup[url.href] = schema;
      } else {
        url.hash = "";
        if (basePointer === "") {
          baseURI = url;
        } else {
          dereference(schema, lookup, baseURI);
        }
      }
    }
  } else if (schema !== true && schema !== false) {
    return lookup;
  }
  const schemaURI = baseURI.href + (basePointer ? "#" + basePointer : "");
  if (lookup[schemaURI] !== void 0 && lookup[schemaURI] !== schema) {
    throw new Error(`Duplicate schema URI "${schemaURI}".`);
  }
  lookup[schemaURI] = schema;
  if (schema === true || schema === false) {
    return lookup;
  }
  if (schema.__absolute_uri__ === void 0) {
    Object.defineProperty(schema, "__absolute_uri__", {
      enumerable: false,
      value: schemaURI
    });
  }
  if (schema.$ref && schema.__absolute_ref__ === void 0) {
    const url = resolveURI(schema.$ref, baseURI);
    Object.defineProperty(schema, "__absolute_ref__", {
      enumerable: false,
      value: url.href
    });
  }
  if (schema.$recursiveRef && schema.__absolute_recursive_ref__ === void 0) {
    const url = resolveURI(schema.$recursiveRef, baseURI);
    Object.defineProperty(schema, "__absolute_recursive_ref__", {
      enumerable: false,
      value: url.href
    });
  }
  if (schema.$anchor) {
    const url = resolveURI("#" + schema.$anchor, baseURI);
    lookup[url.href] = schema;
  }
  for (let key in schema) {
    if (ignoredKeyword[key]) {
      continue;
    }
    const keyBase = `${basePointer}/${encodePointer(key)}`;
    const subSchema = schema[key];
    if (Array.isArray(subSchema)) {
      if (schemaArrayKeyword[key]) {
        const length = subSchema.length;
        for (let i = 0; i < length; i++) {
          dereference(subSchema[i], lookup, baseURI, `${keyBase}/${i}`);
        }
      }
    } else if (schemaMapKeyword[key]) {
      for (let subKey in subSchema) {
        dereference(subSchema[subKey], lookup, baseURI, `${keyBase}/${encodePointer(subKey)}`);
      }
    } else {
      dereference(subSchema, lookup, baseURI, keyBase);
    }
  }
  return lookup;
}

// node_modules/@cfworker/json-schema/dist/esm/format.js
var DATE = /^(\d\d\d\d)-(\d\d)-(\d\d)$/;
var DAYS = [0, 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
var TIME = /^(\d\d):(\d\d):(\d\d)(\.\d+)?(z|([+-])(\d\d):(\d\d))?$/i;
var HOSTNAME = /^(?=.{1,253}$)[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\.[a-z0-9](?:[-0-9a-z]{0,61}[0-9a-z])?)*$/i;
var URIREF = /^(?:[a-z][a-z0-9+\-.]*:)?(?:\/?\/(?:(?:[a-z0-9\-._~!$&'()*+,;=:]|%[0-9a-f]{2})*@)?(?:\[(?:(?:(?:(?:[0-9a-f]{1,4}:){6}|::(?:[0-9a-f]{1,4}:){5}|(?:[0-9a-f]{1,4})?::(?:[0-9a-f]{1,4}:){4}|(?:(?:[0-9a-f]{1,4}:){0,1}[0-9a-f]{1,4})?::(?:[0-9a-f]{1,4}:){3}|(?:(?:[0-9a-f]{1,4}:){0,2}[0-9a-f]{1,4})?::(?:[0-9a-f]{1,4}:){2}|(?:(?:[0-9a-f]{1,4}:){0,3}[0-9a-f]{1,4})?::[0-9a-f]{1,4}:|(?:(?:[0-9a-f]{1,4}:){0,4}[0-9a-f]{1,4})?::)(?:[0-9a-f]{1,4}:[0-9a-f]{1,4}|(?:(?:25[0-5]|2[0-4]\d|[01]?\d\d?)\.){3}(?:25[0-5]|2[0-4]\d|[01]?\d\d?))|(?:(?:[0-9a-f]{1,4}:){0,5}[0-9a-f]{1,4})?::[0-9a-f]{1,4}|(?:(?:[0-9a-f]{1,4}:){0,6}[0-9a-f]{1,4})?::)|[Vv][0-9a-f]+\.[a-z0-9\-._~!$&'()*+,;=:]+)\]|(?:(?:25[0-5]|2[0-4]\d|[01]?\d\d?)\.){3}(?:25[0-5]|2[0-4]\d|[01]?\d\d?)|(?:[a-z0-9\-._~!$&'"()*+,;=]|%[0-9a-f]{2})*)(?::\d*)?(?:\/(?:[a-z0-9\-._~!$&'"()*+,;=:@]|%[0-9a-f]{2})*)*|\/(?:(?:[a-z0-9\-._~!$&'"()*+,;=:@]|%[0-9a-f]{2})+(?:\/(?:[a-z0-9\-._~!$&'"()*+,;=:@]|%[0-9a-f]{2})*)*)?|(?:[a-z0-9\-._~!$&'"()*+,;=:@]|%[0-9a-f]{2})+(?:\/(?:[a-z0-9\-._~!$&'"()*+,;=:@]|%[0-9a-f]{2})*)*)?(?:\?(?:[a-z0-9\-._~!$&'"()*+,;=:@/?]|%[0-9a-f]{2})*)?(?:#(?:[a-z0-9\-._~!$&'"()*+,;=:@/?]|%[0-9a-f]{2})*)?$/i;
var URITEMPLATE = /^(?:(?:[^\x00-\x20\x7f"<>%\\^`{|}]|%[0-9a-f]{2})|\{[+#./;?&=,!@|]?(?:[a-z0-9_]|%[0-9a-f]{2})+(?:\.(?:[a-z0-9_]|%[0-9a-f]{2})+)*(?::[1-9][0-9]{0,3}|\*)?(?:,(?:[a-z0-9_]|%[0-9a-f]{2})+(?:\.(?:[a-z0-9_]|%[0-9a-f]{2})+)*(?::[1-9][0-9]{0,3}|\*)?)*\})*$/i;
var URL_ = /^(?:(?:https?|ftp):\/\/)(?:\S+(?::\S*)?@)?(?:(?!10(?:\.\d{1,3}){3})(?!127(?:\.\d{1,3}){3})(?!169\.254(?:\.\d{1,3}){2})(?!192\.168(?:\.\d{1,3}){2})(?!172\.(?:1[6-9]|2\d|3[0-1])(?:\.\d{1,3}){2})(?:[1-9]\d?|1\d\d|2[01]\d|22[0-3])(?:\.(?:1?\d{1,2}|2[0-4]\d|25[0-5])){2}(?:\.(?:[1-9]\d?|1\d\d|2[0-4]\d|25[0-4]))|(?:(?:[a-z\u{00a1}-\u{ffff}0-9]+-?)*[a-z\u{00a1}-\u{ffff}0-9]+)(?:\.(?:[a-z\u{00a1}-\u{ffff}0-9]+-?)*[a-z\u{00a1}-\u{ffff}0-9]+)*(?:\.(?:[a-z\u{00a1}-\u{ffff}]{2,})))(?::\d{2,5})?(?:\/[^\s]*)?$/iu;
var UUID = /^[0-9a-f]{8}-(?:[0-9a-f]{4}-){3}[0-9a-f]{12}$/i;
var JSON_POINTER = /^(?:\/(?:[^~/]|~0|~1)*)*$/;
var JSON_POINTER_URI_FRAGMENT = /^#(?:\/(?:[a-z0-9_\-.!$&'()*+,;:=@]|%[0-9a-f]{2}|~0|~1)*)*$/i;
var RELATIVE_JSON_POINTER = /^(?:0|[1-9][0-9]*)(?:#|(?:\/(?:[^~/]|~0|~1)*)*)$/;
var EMAIL_ADDRESS = /^("(?:[\x20-\x21\x23-\x5b\x5d-\x7e]|\\[\x20-\x7e])*"|[a-z0-9.!#$%&'*+/=?^_`{|}~-]+)@(.+)$/i;
var EMAIL = (input) => {
  const matches = input.match(EMAIL_ADDRESS);
  if (!matches)
    return false;
  const name = matches[1];
  const host = matches[2];
  if (!name || !host || name.length > 64 || host.length > 253)
    return false;
  if (name[0] !== '"' && (name[0] === "." || name.endsWith(".") || name.includes(".."))) {
    return false;
  }
  if (host.startsWith("[") && host.endsWith("]")) {
    const address = host.slice(1, -1);
    if (/^ipv6:/i.test(address))
      return IPV6.test(address.slice(5));
    return IPV4.test(address);
  }
  return HOSTNAME.test(host);
};
var IPV4 = /^(?:(?:25[0-5]|2[0-4]\d|[01]?\d\d?)\.){3}(?:25[0-5]|2[0-4]\d|[01]?\d\d?)$/;
var IPV6 = /^((([0-9a-f]{1,4}:){7}([0-9a-f]{1,4}|:))|(([0-9a-f]{1,4}:){6}(:[0-9a-f]{1,4}|((25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(\.(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3})|:))|(([0-9a-f]{1,4}:){5}(((:[0-9a-f]{1,4}){1,2})|:((25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(\.(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3})|:))|(([0-9a-f]{1,4}:){4}(((:[0-9a-f]{1,4}){1,3})|((:[0-9a-f]{1,4})?:((25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(\.(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}))|:))|(([0-9a-f]{1,4}:){3}(((:[0-9a-f]{1,4}){1,4})|((:[0-9a-f]{1,4}){0,2}:((25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(\.(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}))|:))|(([0-9a-f]{1,4}:){2}(((:[0-9a-f]{1,4}){1,5})|((:[0-9a-f]{1,4}){0,3}:((25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(\.(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}))|:))|(([0-9a-f]{1,4}:){1}(((:[0-9a-f]{1,4}){1,6})|((:[0-9a-f]{1,4}){0,4}:((25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(\.(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}))|:))|(:(((:[0-9a-f]{1,4}){1,7})|((:[0-9a-f]{1,4}){0,5}:((25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(\.(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}))|:)))$/i;
var DURATION = (input) => /^P(?:\d+W|(?:(?:\d+Y(?:\d+M(?:\d+D)?)?|\d+M(?:\d+D)?|\d+D)(?:T(?:\d+H(?:\d+M(?:\d+S)?)?|\d+M(?:\d+S)?|\d+S))?|T(?:\d+H(?:\d+M(?:\d+S)?)?|\d+M(?:\d+S)?|\d+S)))$/.test(input);
function bind(r) {
  return r.test.bind(r);
}
var format = {
  date,
  time: time.bind(void 0, true),
  "date-time": date_time,
  duration: DURATION,
  uri,
  "uri-reference": bind(URIREF),
  "uri-template": bind(URITEMPLATE),
  url: bind(URL_),
  email: EMAIL,
  hostname: bind(HOSTNAME),
  ipv4: bind(IPV4),
  ipv6: bind(IPV6),
  regex,
  uuid: bind(UUID),
  "json-pointer": bind(JSON_POINTER),
  "json-pointer-uri-fragment": bind(JSON_POINTER_URI_FRAGMENT),
  "relative-json-pointer": bind(RELATIVE_JSON_POINTER)
};
function isLeapYear(year) {
  return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
}
function date(str) {
  const matches = str.match(DATE);
  if (!matches)
    return false;
  const yearPart = matches[1];
  const monthPart = matches[2];
  const dayPart = matches[3];
  if (!yearPart || !monthPart || !dayPart)
    return false;
  const year = +yearPart;
  const month = +monthPart;
  const day = +dayPart;
  const maxDay = month == 2 && isLeapYear(year) ? 29 : DAYS[month];
  return month >= 1 && month <= 12 && day >= 1 && maxDay !== void 0 && day <= maxDay;
}
function time(full, str) {
  const matches = str.match(TIME);
  if (!matches)
    return false;
  const hourPart = matches[1];
  const minutePart = matches[2];
  const secondPart = matches[3];
  if (!hourPart || !minutePart || !secondPart)
    return false;
  const hour = +hourPart;
  const minute = +minutePart;
  const second = +secondPart;
  const timeZone = matches[5];
  const offsetSign = matches[6];
  const offsetHour = +(matches[7] ?? 0);
  const offsetMinute = +(matches[8] ?? 0);
  if (hour > 23 || minute > 59 || second > 60 || offsetHour > 23 || offsetMinute > 59 || full && timeZone === void 0) {
    return false;
  }
  if (second < 60)
    return true;
  const offsetDirection = offsetSign === "+" ? 1 : offsetSign === "-" ? -1 : 0;
  const utcMinute = (hour * 60 + minute - offsetDirection * (offsetHour * 60 + offsetMinute) + 24 * 60) % (24 * 60);
  return utcMinute === 23 * 60 + 59;
}
var DATE_TIME_SEPARATOR = /t|\s/i;
function date_time(str) {
  const [datePart, timePart, extra] = str.split(DATE_TIME_SEPARATOR);
  return datePart !== void 0 && timePart !== void 0 && extra === void 0 && date(datePart) && time(true, timePart);
}
var NOT_URI_FRAGMENT = /\/|:/;
var URI_PATTERN = /^(?:[a-z][a-z0-9+\-.]*:)(?:\/?\/(?:(?:[a-z0-9\-._~!$&'()*+,;=:]|%[0-9a-f]{2})*@)?(?:\[(?:(?:(?:(?:[0-9a-f]{1,4}:){6}|::(?:[0-9a-f]{1,4}:){5}|(?:[0-9a-f]{1,4})?::(?:[0-9a-f]{1,4}:){4}|(?:(?:[0-9a-f]{1,4}:){0,1}[0-9a-f]{1,4})?::(?:[0-9a-f]{1,4}:){3}|(?:(?:[0-9a-f]{1,4}:){0,2}[0-9a-f]{1,4})?::(?:[0-9a-f]{1,4}:){2}|(?:(?:[0-9a-f]{1,4}:){0,3}[0-9a-f]{1,4})?::[0-9a-f]{1,4}:|(?:(?:[0-9a-f]{1,4}:){0,4}[0-9a-f]{1,4})?::)(?:[0-9a-f]{1,4}:[0-9a-f]{1,4}|(?:(?:25[0-5]|2[0-4]\d|[01]?\d\d?)\.){3}(?:25[0-5]|2[0-4]\d|[01]?\d\d?))|(?:(?:[0-9a-f]{1,4}:){0,5}[0-9a-f]{1,4})?::[0-9a-f]{1,4}|(?:(?:[0-9a-f]{1,4}:){0,6}[0-9a-f]{1,4})?::)|[Vv][0-9a-f]+\.[a-z0-9\-._~!$&'()*+,;=:]+)\]|(?:(?:25[0-5]|2[0-4]\d|[01]?\d\d?)\.){3}(?:25[0-5]|2[0-4]\d|[01]?\d\d?)|(?:[a-z0-9\-._~!$&'()*+,;=]|%[0-9a-f]{2})*)(?::\d*)?(?:\/(?:[a-z0-9\-._~!$&'()*+,;=:@]|%[0-9a-f]{2})*)*|\/(?:(?:[a-z0-9\-._~!$&'()*+,;=:@]|%[0-9a-f]{2})+(?:\/(?:[a-z0-9\-._~!$&'()*+,;=:@]|%[0-9a-f]{2})*)*)?|(?:[a-z0-9\-._~!$&'()*+,;=:@]|%[0-9a-f]{2})+(?:\/(?:[a-z0-9\-._~!$&'()*+,;=:@]|%[0-9a-f]{2})*)*)(?:\?(?:[a-z0-9\-._~!$&'()*+,;=:@/?]|%[0-9a-f]{2})*)?(?:#(?:[a-z0-9\-._~!$&'()*+,;=:@/?]|%[0-9a-f]{2})*)?$/i;
function uri(str) {
  return NOT_URI_FRAGMENT.test(str) && URI_PATTERN.test(str);
}
var Z_ANCHOR = /[^\\]\\Z/;
function regex(str) {
  if (Z_ANCHOR.test(str))
    return false;
  try {
    new RegExp(str, "u");
    return true;
  } catch (e) {
    return false;
  }
}

// node_modules/@cfworker/json-schema/dist/esm/ucs2-length.js
function ucs2length(s) {
  let result = 0;
  let length = s.length;
  let index = 0;
  let charCode;
  while (index < length) {
    result++;
    charCode = s.charCodeAt(index++);
    if (charCode >= 55296 && charCode <= 56319 && index < length) {
      charCode = s.charCodeAt(index);
      if ((charCode & 64512) == 56320) {
        index++;
      }
    }
  }
  return result;
}

// node_modules/@cfworker/json-schema/dist/esm/validate.js
function hasOwnProperty(instance, key) {
  return Object.prototype.hasOwnProperty.call(instance, key);
}
function decimalInteger(value) {
  const coefficientAndExponent = Math.abs(value).toString().split("e");
  const coefficient = coefficientAndExponent[0];
  const exponent = coefficientAndExponent[1] ?? "0";
  const point = coefficient.indexOf(".");
  const fractionLength = point === -1 ? 0 : coefficient.length - point - 1;
  return [
    BigInt(coefficient.replace(".", "")),
    Number(exponent) - fractionLength
  ];
}
function isMultipleOf(instance, divisor) {
  if (!Number.isFinite(instance) || !Number.isFinite(divisor) || divisor <= 0) {
    return false;
  }
  const [instanceCoefficient, instanceExponent] = decimalInteger(instance);
  const [divisorCoefficient, divisorExponent] = decimalInteger(divisor);
  const exponentDifference = instanceExponent - divisorExponent;
  if (exponentDifference >= 0) {
    return instanceCoefficient * 10n ** BigInt(exponentDifference) % divisorCoefficient === 0n;
  }
  return instanceCoefficient % (divisorCoefficient * 10n ** BigInt(-exponentDifference)) === 0n;
}
function validate(instance, schema, draft = "2019-09", lookup = dereference(schema), shortCircuit = true, recursiveAnchor = null, instanceLocation = "#", schemaLocation = "#", evaluated = /* @__PURE__ */ Object.create(null)) {
  if (schema === true) {
    return { valid: true, errors: [] };
  }
  if (schema === false) {
    return {
      valid: false,
      errors: [
        {
          instanceLocation,
          keyword: "false",
          keywordLocation: instanceLocation,
          error: "False boolean schema."
        }
      ]
    };
  }
  const rawInstanceType = typeof instance;
  let instanceType;
  switch (rawInstanceType) {
    case "boolean":
    case "number":
    case "string":
      instanceType = rawInstanceType;
      break;
    case "object":
      if (instance === null) {
        instanceType = "null";
      } else if (Array.isArray(instance)) {
        instanceType = "array";
      } else {
        instanceType = "object";
      }
      break;
    default:
      throw new Error(`Instances of "${rawInstanceType}" type are not supported.`);
  }
  const { $ref, $recursiveRef, $recursiveAnchor, type: $type, const: $const, enum: $enum, required: $required, not: $not, anyOf: $anyOf, allOf: $allOf, oneOf: $oneOf, if: $if, then: $then, else: $else, format: $format, properties: $properties, patternProperties: $patternProperties, additionalProperties: $additionalProperties, unevaluatedProperties: $unevaluatedProperties, minProperties: $minProperties, maxProperties: $maxProperties, propertyNames: $propertyNames, dependentRequired: $dependentRequired, dependentSchemas: $dependentSchemas, dependencies: $dependencies, prefixItems: $prefixItems, items: $items, additionalItems: $additionalItems, unevaluatedItems: $unevaluatedItems, contains: $contains, minContains: $minContains, maxContains: $maxContains, minItems: $minItems, maxItems: $maxItems, uniqueItems: $uniqueItems, minimum: $minimum, maximum: $maximum, exclusiveMinimum: $exclusiveMinimum, exclusiveMaximum: $exclusiveMaximum, multipleOf: $multipleOf, minLength: $minLength, maxLength: $maxLength, pattern: $pattern, __absolute_ref__, __absolute_recursive_ref__ } = schema;
  const errors = [];
  if ($recursiveAnchor === true && recursiveAnchor === null) {
    recursiveAnchor = schema;
  }
  if ($recursiveRef === "#") {
    const refSchema = recursiveAnchor === null ? lookup[__absolute_recursive_ref__] : recursiveAnchor;
    const keywordLocation = `${schemaLocation}/$recursiveRef`;
    const result = validate(instance, recursiveAnchor === null ? schema : recursiveAnchor, draft, lookup, shortCircuit, refSchema, instanceLocation, keywordLocation, evaluated);
    if (!result.valid) {
      errors.push({
        instanceLocation,
        keyword: "$recursiveRef",
        keywordLocation,
        error: "A subschema had errors."
      }, ...result.errors);
    }
  }
  if ($ref !== void 0) {
    const uri2 = __absolute_ref__ || $ref;
    const refSchema = lookup[uri2];
    if (refSchema === void 0) {
      let message = `Unresolved $ref "${$ref}".`;
      if (__absolute_ref__ && __absolute_ref__ !== $ref) {
        message += `  Absolute URI "${__absolute_ref__}".`;
      }
      message += `
Known schemas:
- ${Object.keys(lookup).join("\n- ")}`;
      throw new Error(message);
    }
    const keywordLocation = `${schemaLocation}/$ref`;
    const result = validate(instance, refSchema, draft, lookup, shortCircuit, recursiveAnchor, instanceLocation, keywordLocation, evaluated);
    if (!result.valid) {
      errors.push({
        instanceLocation,
        keyword: "$ref",
        keywordLocation,
        error: "A subschema had errors."
      }, ...result.errors);
    }
    if (draft === "4" || draft === "7") {
      return { valid: errors.length === 0, errors };
    }
  }
  if (Array.isArray($type)) {
    let length = $type.length;
    let valid = false;
    for (let i = 0; i < length; i++) {
      if (instanceType === $type[i] || $type[i] === "integer" && instanceType === "number" && instance % 1 === 0 && instance === instance) {
        valid = true;
        break;
      }
    }
    if (!valid) {
      errors.push({
        instanceLocation,
        keyword: "type",
        keywordLocation: `${schemaLocation}/type`,
        error: `Instance type "${instanceType}" is invalid. Expected "${$type.join('", "')}".`
      });
    }
  } else if ($type === "integer") {
    if (instanceType !== "number" || instance % 1 || instance !== instance) {
      errors.push({
        instanceLocation,
        keyword: "type",
        keywordLocation: `${schemaLocation}/type`,
        error: `Instance type "${instanceType}" is invalid. Expected "${$type}".`
      });
    }
  } else if ($type !== void 0 && instanceType !== $type) {
    errors.push({
      instanceLocation,
      keyword: "type",
      keywordLocation: `${schemaLocation}/type`,
      error: `Instance type "${instanceType}" is invalid. Expected "${$type}".`
    });
  }
  if ($const !== void 0) {
    if (instanceType === "object" || instanceType === "array") {
      if (!deepCompareStrict(instance, $const)) {
        errors.push({
          instanceLocation,
          keyword: "const",
          keywordLocation: `${schemaLocation}/const`,
          error: `Instance does not match ${JSON.stringify($const)}.`
        });
      }
    } else if (instance !== $const) {
      errors.push({
        instanceLocation,
        keyword: "const",
        keywordLocation: `${schemaLocation}/const`,
        error: `Instance does not match ${JSON.stringify($const)}.`
      });
    }
  }
  if ($enum !== void 0) {
    if (instanceType === "object" || instanceType === "array") {
      if (!$enum.some((value) => deepCompareStrict(instance, value))) {
        errors.push({
          instanceLocation,
          keyword: "enum",
          keywordLocation: `${schemaLocation}/enum`,
          error: `Instance does not match any of ${JSON.stringify($enum)}.`
        });
      }
    } else if (!$enum.some((value) => instance === value)) {
      errors.push({
        instanceLocation,
        keyword: "enum",
        keywordLocation: `${schemaLocation}/enum`,
        error: `Instance does not match any of ${JSON.stringify($enum)}.`
      });
    }
  }
  if ($not !== void 0) {
    const keywordLocation = `${schemaLocation}/not`;
    const result = validate(instance, $not, draft, lookup, shortCircuit, recursiveAnchor, instanceLocation, keywordLocation);
    if (result.valid) {
      errors.push({
        instanceLocation,
        keyword: "not",
        keywordLocation,
        error: 'Instance matched "not" schema.'
      });
    }
  }
  let subEvaluateds = [];
  if ($anyOf !== void 0) {
    const keywordLocation = `${schemaLocation}/anyOf`;
    const errorsLength = errors.length;
    let anyValid = false;
    for (const [i, subSchema] of $anyOf.entries()) {
      const subEvaluated = Object.create(evaluated);
      const result = validate(instance, subSchema, draft, lookup, shortCircuit, $recursiveAnchor === true ? recursiveAnchor : null, instanceLocation, `${keywordLocation}/${i}`, subEvaluated);
      errors.push(...result.errors);
      anyValid = anyValid || result.valid;
      if (result.valid) {
        subEvaluateds.push(subEvaluated);
      }
    }
    if (anyValid) {
      errors.length = errorsLength;
    } else {
      errors.splice(errorsLength, 0, {
        instanceLocation,
        keyword: "anyOf",
        keywordLocation,
        error: "Instance does not match any subschemas."
      });
    }
  }
  if ($allOf !== void 0) {
    const keywordLocation = `${schemaLocation}/allOf`;
    const errorsLength = errors.length;
    let allValid = true;
    for (const [i, subSchema] of $allOf.entries()) {
      const subEvaluated = Object.create(evaluated);
      const result = validate(instance, subSchema, draft, lookup, shortCircuit, $recursiveAnchor === true ? recursiveAnchor : null, instanceLocation, `${keywordLocation}/${i}`, subEvaluated);
      errors.push(...result.errors);
      allValid = allValid && result.valid;
      if (result.valid) {
        subEvaluateds.push(subEvaluated);
      }
    }
    if (allValid) {
      errors.length = errorsLength;
    } else {
      errors.splice(errorsLength, 0, {
        instanceLocation,
        keyword: "allOf",
        keywordLocation,
        error: `Instance does not match every subschema.`
      });
    }
  }
  if ($oneOf !== void 0) {
    const keywordLocation = `${schemaLocation}/oneOf`;
    const errorsLength = errors.length;
    const matches = $oneOf.filter((subSchema, i) => {
      const subEvaluated = Object.create(evaluated);
      const result = validate(instance, subSchema, draft, lookup, shortCircuit, $recursiveAnchor === true ? recursiveAnchor : null, instanceLocation, `${keywordLocation}/${i}`, subEvaluated);
      errors.push(...result.errors);
      if (result.valid) {
        subEvaluateds.push(subEvaluated);
      }
      return result.valid;
    }).length;
    if (matches === 1) {
      errors.length = errorsLength;
    } else {
      errors.splice(errorsLength, 0, {
        instanceLocation,
        keyword: "oneOf",
        keywordLocation,
        error: `Instance does not match exactly one subschema (${matches} matches).`
      });
    }
  }
  if (instanceType === "object" || instanceType === "array") {
    Object.assign(evaluated, ...subEvaluateds);
  }
  if ($if !== void 0) {
    const keywordLocation = `${schemaLocation}/if`;
    const ifEvaluated = /* @__PURE__ */ Object.create(null);
    const conditionResult = validate(instance, $if, draft, lookup, shortCircuit, recursiveAnchor, instanceLocation, keywordLocation, ifEvaluated).valid;
    if (conditionResult) {
      Object.assign(evaluated, ifEvaluated);
      if ($then !== void 0) {
        const thenResult = validate(instance, $then, draft, lookup, shortCircuit, recursiveAnchor, instanceLocation, `${schemaLocation}/then`, evaluated);
        if (!thenResult.valid) {
          errors.push({
            instanceLocation,
            keyword: "if",
            keywordLocation,
            error: `Instance does not match "then" schema.`
          }, ...thenResult.errors);
        }
      }
    } else if ($else !== void 0) {
      const elseResult = validate(instance, $else, draft, lookup, shortCircuit, recursiveAnchor, instanceLocation, `${schemaLocation}/else`, evaluated);
      if (!elseResult.valid) {
        errors.push({
          instanceLocation,
          keyword: "if",
          keywordLocation,
          error: `Instance does not match "else" schema.`
        }, ...elseResult.errors);
      }
    }
  }
  if (instanceType === "object") {
    if ($required !== void 0) {
      for (const key of $required) {
        if (!hasOwnProperty(instance, key)) {
          errors.push({
            instanceLocation,
            keyword: "required",
            keywordLocation: `${schemaLocation}/required`,
            error: `Instance does not have required property "${key}".`
          });
        }
      }
    }
    const keys = Object.keys(instance);
    if ($minProperties !== void 0 && keys.length < $minProperties) {
      errors.push({
        instanceLocation,
        keyword: "minProperties",
        keywordLocation: `${schemaLocation}/minProperties`,
        error: `Instance does not have at least ${$minProperties} properties.`
      });
    }
    if ($maxProperties !== void 0 && keys.length > $maxProperties) {
      errors.push({
        instanceLocation,
        keyword: "maxProperties",
        keywordLocation: `${schemaLocation}/maxProperties`,
        error: `Instance does not have at least ${$maxProperties} properties.`
      });
    }
    if ($propertyNames !== void 0) {
      const keywordLocation = `${schemaLocation}/propertyNames`;
      for (const key in instance) {
        const subInstancePointer = `${instanceLocation}/${encodePointer(key)}`;
        const result = validate(key, $propertyNames, draft, lookup, shortCircuit, recursiveAnchor, subInstancePointer, keywordLocation);
        if (!result.valid) {
          errors.push({
            instanceLocation,
            keyword: "propertyNames",
            keywordLocation,
            error: `Property name "${key}" does not match schema.`
          }, ...result.errors);
        }
      }
    }
    if ($dependentRequired !== void 0) {
      const keywordLocation = `${schemaLocation}/dependantRequired`;
      for (const key in $dependentRequired) {
        if (hasOwnProperty(instance, key)) {
          const required = $dependentRequired[key];
          for (const dependantKey of required) {
            if (!hasOwnProperty(instance, dependantKey)) {
              errors.push({
                instanceLocation,
                keyword: "dependentRequired",
                keywordLocation,
                error: `Instance has "${key}" but does not have "${dependantKey}".`
              });
            }
          }
        }
      }
    }
    if ($dependentSchemas !== void 0) {
      for (const [key, dependentSchema] of Object.entries($dependentSchemas)) {
        const keywordLocation = `${schemaLocation}/dependentSchemas`;
        if (hasOwnProperty(instance, key)) {
          const result = validate(instance, dependentSchema, draft, lookup, shortCircuit, recursiveAnchor, instanceLocation, `${keywordLocation}/${encodePointer(key)}`, evaluated);
          if (!result.valid) {
            errors.push({
              instanceLocation,
              keyword: "dependentSchemas",
              keywordLocation,
              error: `Instance has "${key}" but does not match dependant schema.`
            }, ...result.errors);
          }
        }
      }
    }
    if ($dependencies !== void 0) {
      const keywordLocation = `${schemaLocation}/dependencies`;
      for (const key in $dependencies) {
        if (hasOwnProperty(instance, key)) {
          const propsOrSchema = $dependencies[key];
          if (Array.isArray(propsOrSchema)) {
            for (const dependantKey of propsOrSchema) {
              if (!hasOwnProperty(instance, dependantKey)) {
                errors.push({
                  instanceLocation,
                  keyword: "dependencies",
                  keywordLocation,
                  error: `Instance has "${key}" but does not have "${dependantKey}".`
                });
              }
            }
          } else {
            const result = validate(instance, propsOrSchema, draft, lookup, shortCircuit, recursiveAnchor, instanceLocation, `${keywordLocation}/${encodePointer(key)}`);
            if (!result.valid) {
              errors.push({
                instanceLocation,
                keyword: "dependencies",
                keywordLocation,
                error: `Instance has "${key}" but does not match dependant schema.`
              }, ...result.errors);
            }
          }
        }
      }
    }
    const thisEvaluated = /* @__PURE__ */ Object.create(null);
    let stop = false;
    if ($properties !== void 0) {
      const keywordLocation = `${schemaLocation}/properties`;
      for (const [key, propertySchema] of Object.entries($properties)) {
        if (!hasOwnProperty(instance, key)) {
          continue;
        }
        const subInstancePointer = `${instanceLocation}/${encodePointer(key)}`;
        const result = validate(instance[key], propertySchema, draft, lookup, shortCircuit, recursiveAnchor, subInstancePointer, `${keywordLocation}/${encodePointer(key)}`);
        thisEvaluated[key] = true;
        if (result.valid) {
          evaluated[key] = true;
        } else {
          stop = shortCircuit;
          errors.push({
            instanceLocation,
            keyword: "properties",
            keywordLocation,
            error: `Property "${key}" does not match schema.`
          }, ...result.errors);
          if (stop)
            break;
        }
      }
    }
    if (!stop && $patternProperties !== void 0) {
      const keywordLocation = `${schemaLocation}/patternProperties`;
      for (const [pattern, subSchema] of Object.entries($patternProperties)) {
        const regex2 = new RegExp(pattern, "u");
        for (const key in instance) {
          if (!regex2.test(key)) {
            continue;
          }
          const subInstancePointer = `${instanceLocation}/${encodePointer(key)}`;
          const result = validate(instance[key], subSchema, draft, lookup, shortCircuit, recursiveAnchor, subInstancePointer, `${keywordLocation}/${encodePointer(pattern)}`);
          thisEvaluated[key] = true;
          if (result.valid) {
            evaluated[key] = true;
          } else {
            stop = shortCircuit;
            errors.push({
              instanceLocation,
              keyword: "patternProperties",
              keywordLocation,
              error: `Property "${key}" matches pattern "${pattern}" but does not match associated schema.`
            }, ...result.errors);
          }
        }
      }
    }
    if (!stop && $additionalProperties !== void 0) {
      const keywordLocation = `${schemaLocation}/additionalProperties`;
      for (const key in instance) {
        if (thisEvaluated[key]) {
          continue;
        }
        const subInstancePointer = `${instanceLocation}/${encodePointer(key)}`;
        const result = validate(instance[key], $additionalProperties, draft, lookup, shortCircuit, recursiveAnchor, subInstancePointer, keywordLocation);
        if (result.valid) {
          evaluated[key] = true;
        } else {
          stop = shortCircuit;
          errors.push({
            instanceLocation,
            keyword: "additionalProperties",
            keywordLocation,
            error: `Property "${key}" does not match additional properties schema.`
          }, ...result.errors);
        }
      }
    } else if (!stop && $unevaluatedProperties !== void 0) {
      const keywordLocation = `${schemaLocation}/unevaluatedProperties`;
      for (const key in instance) {
        if (!evaluated[key]) {
          const subInstancePointer = `${instanceLocation}/${encodePointer(key)}`;
          const result = validate(instance[key], $unevaluatedProperties, draft, lookup, shortCircuit, recursiveAnchor, subInstancePointer, keywordLocation);
          if (result.valid) {
            evaluated[key] = true;
          } else {
            errors.push({
              instanceLocation,
              keyword: "unevaluatedProperties",
              keywordLocation,
              error: `Property "${key}" does not match unevaluated properties schema.`
            }, ...result.errors);
          }
        }
      }
    }
  } else if (instanceType === "array") {
    if ($maxItems !== void 0 && instance.length > $maxItems) {
      errors.push({
        instanceLocation,
        keyword: "maxItems",
        keywordLocation: `${schemaLocation}/maxItems`,
        error: `Array has too many items (${instance.length} > ${$maxItems}).`
      });
    }
    if ($minItems !== void 0 && instance.length < $minItems) {
      errors.push({
        instanceLocation,
        keyword: "minItems",
        keywordLocation: `${schemaLocation}/minItems`,
        error: `Array has too few items (${instance.length} < ${$minItems}).`
      });
    }
    const length = instance.length;
    let i = 0;
    let stop = false;
    if ($prefixItems !== void 0) {
      const keywordLocation = `${schemaLocation}/prefixItems`;
      const length2 = Math.min($prefixItems.length, length);
      for (; i < length2; i++) {
        const result = validate(instance[i], $prefixItems[i], draft, lookup, shortCircuit, recursiveAnchor, `${instanceLocation}/${i}`, `${keywordLocation}/${i}`);
        evaluated[i] = true;
        if (!result.valid) {
          stop = shortCircuit;
          errors.push({
            instanceLocation,
            keyword: "prefixItems",
            keywordLocation,
            error: `Items did not match schema.`
          }, ...result.errors);
          if (stop)
            break;
        }
      }
    }
    if ($items !== void 0) {
      const keywordLocation = `${schemaLocation}/items`;
      if (Array.isArray($items)) {
        const length2 = Math.min($items.length, length);
        for (; i < length2; i++) {
          const result = validate(instance[i], $items[i], draft, lookup, shortCircuit, recursiveAnchor, `${instanceLocation}/${i}`, `${keywordLocation}/${i}`);
          evaluated[i] = true;
          if (!result.valid) {
            stop = shortCircuit;
            errors.push({
              instanceLocation,
              keyword: "items",
              keywordLocation,
              error: `Items did not match schema.`
            }, ...result.errors);
            if (stop)
              break;
          }
        }
      } else {
        for (; i < length; i++) {
          const result = validate(instance[i], $items, draft, lookup, shortCircuit, recursiveAnchor, `${instanceLocation}/${i}`, keywordLocation);
          evaluated[i] = true;
          if (!result.valid) {
            stop = shortCircuit;
            errors.push({
              instanceLocation,
              keyword: "items",
              keywordLocation,
              error: `Items did not match schema.`
            }, ...result.errors);
            if (stop)
              break;
          }
        }
      }
      if (!stop && $additionalItems !== void 0) {
        const keywordLocation2 = `${schemaLocation}/additionalItems`;
        for (; i < length; i++) {
          const result = validate(instance[i], $additionalItems, draft, lookup, shortCircuit, recursiveAnchor, `${instanceLocation}/${i}`, keywordLocation2);
          evaluated[i] = true;
          if (!result.valid) {
            stop = shortCircuit;
            errors.push({
              instanceLocation,
              keyword: "additionalItems",
              keywordLocation: keywordLocation2,
              error: `Items did not match additional items schema.`
            }, ...result.errors);
          }
        }
      }
    }
    if ($contains !== void 0) {
      if (length === 0 && $minContains === void 0) {
        errors.push({
          instanceLocation,
          keyword: "contains",
          keywordLocation: `${schemaLocation}/contains`,
          error: `Array is empty. It must contain at least one item matching the schema.`
        });
      } else if ($minContains !== void 0 && length < $minContains) {
        errors.push({
          instanceLocation,
          keyword: "minContains",
          keywordLocation: `${schemaLocation}/minContains`,
          error: `Array has less items (${length}) than minContains (${$minContains}).`
        });
      } else {
        const keywordLocation = `${schemaLocation}/contains`;
        const errorsLength = errors.length;
        let contained = 0;
        for (let j = 0; j < length; j++) {
          const result = validate(instance[j], $contains, draft, lookup, shortCircuit, recursiveAnchor, `${instanceLocation}/${j}`, keywordLocation);
          if (result.valid) {
            evaluated[j] = true;
            contained++;
          } else {
            errors.push(...result.errors);
          }
        }
        if (contained >= ($minContains || 0)) {
          errors.length = errorsLength;
        }
        if ($minContains === void 0 && contained === 0) {
          errors.splice(errorsLength, 0, {
            instanceLocation,
            keyword: "contains",
            keywordLocation,
            error: `Array does not contain item matching schema.`
          });
        } else if ($minContains !== void 0 && contained < $minContains) {
          errors.push({
            instanceLocation,
            keyword: "minContains",
            keywordLocation: `${schemaLocation}/minContains`,
            error: `Array must contain at least ${$minContains} items matching schema. Only ${contained} items were found.`
          });
        } else if ($maxContains !== void 0 && contained > $maxContains) {
          errors.push({
            instanceLocation,
            keyword: "maxContains",
            keywordLocation: `${schemaLocation}/maxContains`,
            error: `Array may contain at most ${$maxContains} items matching schema. ${contained} items were found.`
          });
        }
      }
    }
    if (!stop && $unevaluatedItems !== void 0) {
      const keywordLocation = `${schemaLocation}/unevaluatedItems`;
      for (i; i < length; i++) {
        if (evaluated[i]) {
          continue;
        }
        const result = validate(instance[i], $unevaluatedItems, draft, lookup, shortCircuit, recursiveAnchor, `${instanceLocation}/${i}`, keywordLocation);
        evaluated[i] = true;
        if (!result.valid) {
          errors.push({
            instanceLocation,
            keyword: "unevaluatedItems",
            keywordLocation,
            error: `Items did not match unevaluated items schema.`
          }, ...result.errors);
        }
      }
    }
    if ($uniqueItems) {
      for (let j = 0; j < length; j++) {
        const a = instance[j];
        const ao = typeof a === "object" && a !== null;
        for (let k = 0; k < length; k++) {
          if (j === k) {
            continue;
          }
          const b = instance[k];
          const bo = typeof b === "object" && b !== null;
          if (a === b || ao && bo && deepCompareStrict(a, b)) {
            errors.push({
              instanceLocation,
              keyword: "uniqueItems",
              keywordLocation: `${schemaLocation}/uniqueItems`,
              error: `Duplicate items at indexes ${j} and ${k}.`
            });
            j = Number.MAX_SAFE_INTEGER;
            k = Number.MAX_SAFE_INTEGER;
          }
        }
      }
    }
  } else if (instanceType === "number") {
    if (draft === "4") {
      if ($minimum !== void 0 && ($exclusiveMinimum === true && instance <= $minimum || instance < $minimum)) {
        errors.push({
          instanceLocation,
          keyword: "minimum",
          keywordLocation: `${schemaLocation}/minimum`,
          error: `${instance} is less than ${$exclusiveMinimum ? "or equal to " : ""} ${$minimum}.`
        });
      }
      if ($maximum !== void 0 && ($exclusiveMaximum === true && instance >= $maximum || instance > $maximum)) {
        errors.push({
          instanceLocation,
          keyword: "maximum",
          keywordLocation: `${schemaLocation}/maximum`,
          error: `${instance} is greater than ${$exclusiveMaximum ? "or equal to " : ""} ${$maximum}.`
        });
      }
    } else {
      if ($minimum !== void 0 && instance < $minimum) {
        errors.push({
          instanceLocation,
          keyword: "minimum",
          keywordLocation: `${schemaLocation}/minimum`,
          error: `${instance} is less than ${$minimum}.`
        });
      }
      if ($maximum !== void 0 && instance > $maximum) {
        errors.push({
          instanceLocation,
          keyword: "maximum",
          keywordLocation: `${schemaLocation}/maximum`,
          error: `${instance} is greater than ${$maximum}.`
        });
      }
      if ($exclusiveMinimum !== void 0 && instance <= $exclusiveMinimum) {
        errors.push({
          instanceLocation,
          keyword: "exclusiveMinimum",
          keywordLocation: `${schemaLocation}/exclusiveMinimum`,
          error: `${instance} is less than ${$exclusiveMinimum}.`
        });
      }
      if ($exclusiveMaximum !== void 0 && instance >= $exclusiveMaximum) {
        errors.push({
          instanceLocation,
          keyword: "exclusiveMaximum",
          keywordLocation: `${schemaLocation}/exclusiveMaximum`,
          error: `${instance} is greater than or equal to ${$exclusiveMaximum}.`
        });
      }
    }
    if ($multipleOf !== void 0) {
      if (!isMultipleOf(instance, $multipleOf)) {
        errors.push({
          instanceLocation,
          keyword: "multipleOf",
          keywordLocation: `${schemaLocation}/multipleOf`,
          error: `${instance} is not a multiple of ${$multipleOf}.`
        });
      }
    }
  } else if (instanceType === "string") {
    const length = $minLength === void 0 && $maxLength === void 0 ? 0 : ucs2length(instance);
    if ($minLength !== void 0 && length < $minLength) {
      errors.push({
        instanceLocation,
        keyword: "minLength",
        keywordLocation: `${schemaLocation}/minLength`,
        error: `String is too short (${length} < ${$minLength}).`
      });
    }
    if ($maxLength !== void 0 && length > $maxLength) {
      errors.push({
        instanceLocation,
        keyword: "maxLength",
        keywordLocation: `${schemaLocation}/maxLength`,
        error: `String is too long (${length} > ${$maxLength}).`
      });
    }
    if ($pattern !== void 0 && !new RegExp($pattern, "u").test(instance)) {
      errors.push({
        instanceLocation,
        keyword: "pattern",
        keywordLocation: `${schemaLocation}/pattern`,
        error: `String does not match pattern.`
      });
    }
    if ($format !== void 0 && format[$format] && !format[$format](instance)) {
      errors.push({
        instanceLocation,
        keyword: "format",
        keywordLocation: `${schemaLocation}/format`,
        error: `String does not match format "${$format}".`
      });
    }
  }
  return { valid: errors.length === 0, errors };
}

// src/checks/kube-schema.ts
var BUNDLED = {
  "1.32": () => import("./1.32-TQKBXL3T.js"),
  "1.33": () => import("./1.33-XURFXLU5.js"),
  "1.34": () => import("./1.34-TEASGLJ5.js"),
  "1.35": () => import("./1.35-WTONHGAZ.js")
};
var BUNDLED_KUBE_VERSIONS = Object.keys(BUNDLED).sort((a, b) => minor(a) - minor(b));
function minor(v) {
  return Number(v.split(".")[1]);
}
function pickKubeVersion(requested) {
  const newest = BUNDLED_KUBE_VERSIONS.at(-1);
  if (!requested) return { version: newest };
  if (BUNDLED[requested]) return { version: requested };
  const below = BUNDLED_KUBE_VERSIONS.filter((v) => minor(v) <= minor(requested)).pop();
  const version = below ?? BUNDLED_KUBE_VERSIONS[0];
  return {
    version,
    note: `no bundled schemas for Kubernetes ${requested}; checked against ${version}`
  };
}
var INT_OR_STRING = { anyOf: [{ type: "integer" }, { type: "string" }] };
var NUMBER_OR_STRING = { anyOf: [{ type: "number" }, { type: "string" }] };
function toJsonSchema(name, def) {
  if (name.endsWith(".util.intstr.IntOrString")) return INT_OR_STRING;
  if (name.endsWith(".api.resource.Quantity")) return NUMBER_OR_STRING;
  return closeObjects(def);
}
function closeObjects(node) {
  if (!node || typeof node !== "object" || Array.isArray(node)) return node;
  const o = { ...node };
  if (o["x-kubernetes-int-or-string"] || o.format === "int-or-string") return INT_OR_STRING;
  delete o.format;
  if (o.properties && typeof o.properties === "object")
    o.properties = Object.fromEntries(
      Object.entries(o.properties).map(([k, v]) => [k, closeObjects(v)])
    );
  if (o.items) o.items = closeObjects(o.items);
  if (o.additionalProperties && typeof o.additionalProperties === "object")
    o.additionalProperties = closeObjects(o.additionalProperties);
  for (const k of ["allOf", "anyOf", "oneOf"])
    if (Array.isArray(o[k])) o[k] = o[k].map(closeObjects);
  if (o.properties && o.additionalProperties === void 0 && !o["x-kubernetes-preserve-unknown-fields"])
    o.additionalProperties = false;
  return o;
}
var REF_PREFIX = "#/definitions/";
function lookupOf(definitions) {
  return Object.fromEntries(
    Object.entries(definitions).map(([name, schema]) => [`${REF_PREFIX}${name}`, schema])
  );
}
function definitionsClosure(defs, roots) {
  const seen = /* @__PURE__ */ new Set();
  const visit = (node) => {
    if (!node || typeof node !== "object") return;
    if (Array.isArray(node)) return node.forEach(visit);
    const ref = node.$ref;
    if (typeof ref === "string" && ref.startsWith(REF_PREFIX)) add(ref.slice(REF_PREFIX.length));
    for (const v of Object.values(node)) if (v && typeof v === "object") visit(v);
  };
  const add = (name) => {
    if (seen.has(name) || !defs[name]) return;
    seen.add(name);
    visit(defs[name]);
  };
  for (const r of roots) add(r);
  return seen;
}
function dropNulls(v) {
  if (Array.isArray(v)) return v.map(dropNulls);
  if (!v || typeof v !== "object") return v;
  return Object.fromEntries(
    Object.entries(v).filter(([, x]) => x !== null).map(([k, x]) => [k, dropNulls(x)])
  );
}
var KubeSchemas = class _KubeSchemas {
  constructor(version, defs) {
    this.version = version;
    this.defs = defs;
    for (const [name, def] of Object.entries(defs)) {
      for (const g of def["x-kubernetes-group-version-kind"] ?? [])
        this.byGvk.set(`${g.group ? `${g.group}/` : ""}${g.version}/${g.kind}`, name);
    }
  }
  version;
  defs;
  byGvk = /* @__PURE__ */ new Map();
  /** The definitions of one bundled minor, loaded on first use. */
  static async load(version) {
    const load = BUNDLED[version];
    if (!load) throw new Error(`no bundled Kubernetes schemas for ${version}`);
    return new _KubeSchemas(version, (await load()).default.definitions);
  }
  /** Problems of every object; kinds without a bundled schema (CRDs) come back as `unchecked`. */
  check(objects) {
    const problems = [];
    const unchecked = /* @__PURE__ */ new Set();
    const rootOf = /* @__PURE__ */ new Map();
    for (const o of objects) {
      const def = this.byGvk.get(`${o.apiVersion}/${o.kind}`);
      if (def) rootOf.set(o, def);
      else unchecked.add(`${o.apiVersion}/${o.kind}`);
    }
    const definitions = {};
    for (const name of definitionsClosure(this.defs, new Set(rootOf.values())))
      definitions[name] = toJsonSchema(name, this.defs[name]);
    const lookup = lookupOf(definitions);
    for (const [o, def] of rootOf) {
      const r = validate(dropNulls(o.object), definitions[def], "7", lookup, false);
      if (r.valid) continue;
      for (const message of describeErrors(r.errors))
        problems.push({ object: `${o.kind}/${o.name}`, source: o.source, message });
    }
    return { problems, unchecked: [...unchecked] };
  }
};
var pointerSegment = (key) => encodeURI(key.replace(/~/g, "~0").replace(/\//g, "~1")).replace(/#/g, "%23");
function safeDecode(segment) {
  try {
    return decodeURI(segment).replace(/%23/g, "#");
  } catch {
    return segment;
  }
}
function path(instanceLocation) {
  return instanceLocation.replace(/^#\/?/, "").split("/").filter((p) => p !== "").map((p) => safeDecode(p).replace(/~1/g, "/").replace(/~0/g, "~")).map((p) => /^\d+$/.test(p) ? `[${p}]` : `.${p}`).join("").replace(/^\./, "");
}
var WRAPPERS = /* @__PURE__ */ new Set([
  "properties",
  "$ref",
  "items",
  "allOf",
  "anyOf",
  "oneOf",
  "false",
  "additionalItems"
]);
function describeErrors(errors) {
  const out = /* @__PURE__ */ new Map();
  const types = /* @__PURE__ */ new Map();
  const forbidden = new Set(
    errors.filter((e) => e.keyword === "false").map((e) => e.instanceLocation)
  );
  for (const e of errors) {
    const at = path(e.instanceLocation) || "(top level)";
    if (e.keyword === "type") {
      const expected = /Expected "([^"]+)"/.exec(e.error)?.[1] ?? "another type";
      const list = types.get(at) ?? [];
      if (!list.includes(expected)) list.push(expected);
      types.set(at, list);
      out.set(`${at}|type`, `${at}: must be ${list.join(" or ")}`);
    } else if (e.keyword === "additionalProperties") {
      const field2 = /Property "([^"]*)"/.exec(e.error)?.[1] ?? "?";
      const below = `${e.instanceLocation}/${pointerSegment(field2)}`;
      if (forbidden.has(below)) out.set(`${at}|unknown|${field2}`, `${at}: unknown field "${field2}"`);
    } else if (e.keyword === "enum") {
      const allowed = /any of (\[.*\])\.?$/.exec(e.error)?.[1];
      const list = allowed ? JSON.parse(allowed) : [];
      out.set(
        `${at}|enum`,
        `${at}: must be one of ${list.map((v) => JSON.stringify(v)).join(", ")}`
      );
    } else if (e.keyword === "required") {
      const field2 = /property "([^"]*)"/.exec(e.error)?.[1] ?? "?";
      out.set(`${at}|required|${field2}`, `${at}: missing required field "${field2}"`);
    } else if (!WRAPPERS.has(e.keyword)) {
      out.set(`${at}|${e.keyword}`, `${at}: ${e.error.replace(/^Instance /, "")}`);
    }
  }
  return [...out.values()];
}

// src/checks/annotation.ts
import { existsSync } from "node:fs";
import { join, relative } from "node:path";
var workspacePath = (path2) => relative(process.env.GITHUB_WORKSPACE || process.cwd(), path2) || path2;
function chartFile(chartPath, file) {
  const path2 = join(chartPath, file);
  return existsSync(path2) ? workspacePath(path2) : void 0;
}

// src/checks/lint.ts
function lintAnnotations(s, r) {
  const lines = `${r.stdout}
${r.stderr}`.split("\n").map((l) => l.trim());
  const found = [];
  for (const l of lines) {
    const m = /^\[(ERROR|WARNING)\] (?:([^:\s]+): )?(.*)$/.exec(l);
    if (!m) continue;
    const file = m[2] && s.config.chart.kind === "local" && !s.config.chart.packaged ? chartFile(s.config.chart.path, m[2]) : void 0;
    const line = /line (\d+)/.exec(m[3])?.[1];
    found.push({
      level: m[1] === "ERROR" ? "error" : "warning",
      message: `helm lint: ${m[2] ? `${m[2]}: ` : ""}${m[3]}`,
      file,
      line: line ? Number(line) : void 0
    });
  }
  if (r.exitCode !== 0 && !found.some((f) => f.level === "error"))
    found.push({
      level: "error",
      message: `helm lint failed: ${(lines.find((l) => l.startsWith("Error:")) ?? lines.join(" ")).slice(0, 500)}`
    });
  return found;
}

// src/checks/safety.ts
function safetyFindings(objects) {
  const findings = [];
  const seen = /* @__PURE__ */ new Map();
  for (const o of objects) {
    const key = objectKey(o);
    seen.set(key, (seen.get(key) ?? 0) + 1);
    const pod = podSpecOf(o.object);
    if (!pod) continue;
    const testHook = isTestHook(o);
    const add = (message) => void findings.push({ object: key, source: o.source, message, ...testHook && { testHook } });
    for (const c of [...pod.initContainers ?? [], ...pod.containers ?? []]) {
      const image = c.image ?? "";
      const tag = image.includes("@") ? "digest" : /:([^/:]+)$/.exec(image)?.[1];
      if (!tag)
        add(
          `container ${c.name}: image "${image}" has no tag; pin a version so rollbacks restore the same code`
        );
      else if (tag === "latest")
        add(
          `container ${c.name}: image "${image}" uses the latest tag; pin a version so rollbacks restore the same code`
        );
      if (!c.resources?.requests)
        add(`container ${c.name}: no resource requests; the scheduler cannot place it reliably`);
      if (!c.resources?.limits) add(`container ${c.name}: no resource limits`);
    }
    if (["Deployment", "StatefulSet", "DaemonSet"].includes(o.kind)) {
      for (const c of pod.containers ?? [])
        if (!c.readinessProbe)
          add(
            `container ${c.name}: no readiness probe; a broken version would count as ready at once`
          );
    }
  }
  for (const [key, n] of seen)
    if (n > 1)
      findings.push({
        object: key,
        message: `rendered ${n} times; the later copies overwrite the earlier ones`
      });
  return findings;
}
function isTestHook(o) {
  const hooks = o.object.metadata?.annotations?.["helm.sh/hook"] ?? "";
  return hooks.split(",").some((h) => ["test", "test-success"].includes(h.trim()));
}
function groupSafetyFindings(findings) {
  const tests = findings.filter((f) => f.testHook);
  const rest = findings.filter((f) => !f.testHook);
  if (tests.length <= 1) return [...rest, ...tests];
  const objects = [...new Set(tests.map((f) => f.object))];
  const kinds = /* @__PURE__ */ new Map();
  for (const f of tests) {
    const what = f.message.replace(/^container [^:]*: /, "").split(";")[0];
    kinds.set(what, (kinds.get(what) ?? 0) + 1);
  }
  const shown = objects.slice(0, 5).join(", ");
  return [
    ...rest,
    {
      object: `${objects.length} helm test hook(s)`,
      message: `${[...kinds].map(([what, n]) => `${what} (${n})`).join(", ")}: ${shown}${objects.length > 5 ? ` and ${objects.length - 5} more` : ""}`,
      testHook: true
    }
  ];
}

// src/checks/values.ts
import { readFileSync as readFileSync2 } from "node:fs";

// src/values/chart.ts
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join as join2, relative as relative2, sep } from "node:path";

// src/values/archive.ts
import { gunzipSync } from "node:zlib";
var BLOCK = 512;
function field(header, start, length) {
  const raw = header.subarray(start, start + length);
  const end = raw.indexOf(0);
  return raw.subarray(0, end < 0 ? length : end).toString("utf8");
}
function octal(header, start, length) {
  const text2 = field(header, start, length).trim();
  return text2 === "" ? 0 : parseInt(text2, 8);
}
function paxPath(data) {
  let pos = 0;
  let path2;
  while (pos < data.length) {
    const space = data.indexOf(32, pos);
    if (space < 0) break;
    const length = parseInt(data.subarray(pos, space).toString("utf8"), 10);
    if (!(length > 0)) break;
    const record = data.subarray(space + 1, pos + length - 1).toString("utf8");
    const eq = record.indexOf("=");
    if (record.slice(0, eq) === "path") path2 = record.slice(eq + 1);
    pos += length;
  }
  return path2;
}
function readTarGz(data) {
  const tar = gunzipSync(data);
  const files = [];
  let longName;
  for (let pos = 0; pos + BLOCK <= tar.length; ) {
    const header = tar.subarray(pos, pos + BLOCK);
    if (header.every((b) => b === 0)) break;
    const size = octal(header, 124, 12);
    const type = String.fromCharCode(header[156] || 48);
    const body = tar.subarray(pos + BLOCK, pos + BLOCK + size);
    pos += BLOCK + Math.ceil(size / BLOCK) * BLOCK;
    if (type === "x") longName = paxPath(body) ?? longName;
    else if (type === "L") longName = body.toString("utf8").replace(/\0+$/, "");
    else if (type === "g") continue;
    else {
      const prefix = field(header, 345, 155);
      const short = field(header, 0, 100);
      const name = longName ?? (prefix ? `${prefix}/${short}` : short);
      longName = void 0;
      if (type === "0" || type === "7") files.push({ name, data: Buffer.from(body) });
    }
  }
  return files;
}

// src/values/dialect.ts
var HELM3_OLDEST = {
  allDocuments: false,
  setJsonObject: false,
  wrappedEofEndsInput: false,
  userNulls: "delete-chart-keys",
  dropNullDefaults: false,
  exactChartIntegers: false,
  dropsLastLineAtBufferEdge: false,
  crashesOnNullInList: false,
  importValuesStringsOnly: true,
  schemaValidator: "gojsonschema",
  urnRefsPermissive: false
};
var HELM3_CHANGES = [
  // pkg/chartutil/values.go ReadValues and pkg/chart/loader/load.go: yaml.Unmarshal(…, UseNumber)
  { since: "v3.18.0", set: { exactChartIntegers: true } },
  { since: "v3.18.1", set: { exactChartIntegers: false } },
  // pkg/chartutil/jsonschema.go: santhosh-tekuri/jsonschema/v6; dependencies.go: %v of child/parent
  { since: "v3.18.5", set: { schemaValidator: "jsonschema-v6", importValuesStringsOnly: false } },
  // jsonschema.go: the urn: loader
  { since: "v3.19.1", set: { urnRefsPermissive: true } },
  // coalesce.go: every nil of dst is copied into src before the loop
  { since: "v3.19.5", set: { userNulls: "delete-all" } },
  // coalesce.go: srcOriginalNonNil
  { since: "v3.20.1", set: { userNulls: "delete-non-null-defaults" } }
];
var HELM4_OLDEST = {
  allDocuments: true,
  setJsonObject: true,
  wrappedEofEndsInput: false,
  userNulls: "delete-all",
  dropNullDefaults: false,
  exactChartIntegers: false,
  dropsLastLineAtBufferEdge: true,
  crashesOnNullInList: false,
  importValuesStringsOnly: false,
  schemaValidator: "jsonschema-v6",
  urnRefsPermissive: false
};
var HELM4_CHANGES = [
  // pkg/strvals/parser.go errors.Is; internal/copystructure (slices of nil panic); the urn: loader
  {
    since: "v4.1.0",
    set: { wrappedEofEndsInput: true, crashesOnNullInList: true, urnRefsPermissive: true }
  },
  // internal/copystructure: nil slice elements copied as they are
  { since: "v4.1.1", set: { crashesOnNullInList: false } },
  // pkg/chart/common/util/coalesce.go: srcOriginalNonNil (there is no v4.1.2)
  { since: "v4.1.3", set: { userNulls: "delete-non-null-defaults" } },
  // coalesce.go: cleanNilValues
  { since: "v4.2.0", set: { dropNullDefaults: true } },
  // pkg/chart/v2/loader/load.go LoadValues: io.ReadAll and a line end appended
  { since: "v4.3.0", set: { dropsLastLineAtBufferEdge: false } }
];
function parseHelmVersionNumber(text2) {
  const m = /^v?(\d+)\.(\d+)\.(\d+)(?:-([0-9A-Za-z.-]+))?(?:\+[0-9A-Za-z.-]+)?$/.exec(text2.trim());
  if (!m) return void 0;
  return { major: +m[1], minor: +m[2], patch: +m[3], pre: m[4] ?? "" };
}
function atLeast(a, b) {
  for (const k of ["major", "minor", "patch"]) if (a[k] !== b[k]) return a[k] > b[k];
  return a.pre === "" || b.pre !== "";
}
function rulesFor(major, release) {
  let rules = major === 3 ? HELM3_OLDEST : HELM4_OLDEST;
  for (const change of major === 3 ? HELM3_CHANGES : HELM4_CHANGES) {
    const since = parseHelmVersionNumber(change.since);
    if (release === void 0 || atLeast(release, since)) rules = { ...rules, ...change.set };
  }
  return rules;
}
function valuesDialectFor(version) {
  if (typeof version === "number") {
    if (version !== 3 && version !== 4) throw new Error(`Helm ${String(version)} is not supported`);
    return { major: version, version: `v${version}`, ...rulesFor(version, void 0) };
  }
  const release = parseHelmVersionNumber(version);
  if (!release) throw new Error(`"${version}" is not a Helm version (like v3.22.0)`);
  if (release.major !== 3 && release.major !== 4)
    throw new Error(`Helm ${version} is not supported; use Helm 3 or Helm 4`);
  const major = release.major;
  const normalized = `v${release.major}.${release.minor}.${release.patch}${release.pre ? `-${release.pre}` : ""}`;
  return { major, version: normalized, ...rulesFor(major, release) };
}
var helmLabel = (d) => `Helm ${d.version.replace(/^v/, "")}`;

// src/values/yaml.ts
var import_yaml = __toESM(require_dist(), 1);
var YamlError = class extends Error {
  constructor(message, at) {
    super(message);
    this.at = at;
  }
  at;
};
var LINE_READER_BUFFER = 4096;
function readValuesYaml(text2, dialect, options = {}) {
  const warnings = [];
  const start = { line: 1, column: 1 };
  let values = {};
  let positions = { at: start };
  if (dialect.allDocuments && dialect.dropsLastLineAtBufferEdge) {
    const cut = text2.lastIndexOf("\n") + 1;
    const last = text2.slice(cut);
    const bytes = Buffer.byteLength(last);
    if (bytes > 0 && bytes % LINE_READER_BUFFER === 0 && !last.startsWith("---")) {
      warnings.push({
        severity: "warning",
        message: `the last line has no line end and is ${bytes} bytes long, a multiple of ${LINE_READER_BUFFER}: Helm before 4.3.0 loses it (end the file with a line break)`,
        line: text2.slice(0, cut).split("\n").length,
        column: 1
      });
      text2 = text2.slice(0, cut);
    }
  }
  const exactIntegers = dialect.exactChartIntegers && options.chartDefaults === true;
  const chunks = dialect.allDocuments ? splitDocuments(text2) : [{ text: text2, startLine: 0 }];
  if ("error" in chunks) return { ok: false, problems: [chunks.error] };
  for (const chunk of chunks) {
    const source = "\n".repeat(chunk.startLine) + chunk.text;
    const lineCounter = new import_yaml.LineCounter();
    const docs = (0, import_yaml.parseAllDocuments)(source, {
      version: "1.1",
      schema: "failsafe",
      merge: false,
      uniqueKeys: false,
      prettyErrors: false,
      lineCounter
    });
    const all = Array.isArray(docs) ? docs : [];
    const ignored = dialect.allDocuments ? [] : all.slice(1).filter((d) => d.contents !== null);
    if (ignored.length > 0) {
      const { line, col } = lineCounter.linePos(ignored[0].range[0]);
      warnings.push({
        severity: "warning",
        message: `${ignored.length + 1} YAML documents: Helm 3 reads only the first one (Helm 4 merges them all)`,
        line,
        column: col
      });
    }
    const doc = all[0];
    if (!doc) continue;
    if (doc.errors.length > 0)
      return {
        ok: false,
        problems: doc.errors.map((e) => {
          const message = e.message.split("\n")[0];
          const quote = e.code === "MISSING_CHAR" ? /closing (["'])quote/.exec(message)?.[1] : void 0;
          const opened = quote ? openingQuote(source, e.pos[0], quote) : -1;
          const { line, col } = lineCounter.linePos(opened >= 0 ? opened : e.pos[0]);
          return {
            severity: "error",
            message: opened >= 0 ? `invalid YAML: the ${quote === '"' ? "double" : "single"} quote opened here is never closed` : `invalid YAML: ${message}`,
            line,
            column: col
          };
        })
      };
    try {
      const converted = new Converter(doc, lineCounter, warnings, exactIntegers).top();
      ({ values, positions } = mergeLocated(
        values,
        positions,
        converted.values,
        converted.positions
      ));
    } catch (e) {
      if (!(e instanceof YamlError)) throw e;
      return {
        ok: false,
        problems: [{ severity: "error", message: e.message, ...e.at ?? {} }]
      };
    }
  }
  return { ok: true, values, positions, warnings };
}
function openingQuote(text2, end, quote) {
  for (let i = Math.min(end, text2.length) - 1; i >= 0; i--) {
    if (text2[i] !== quote) continue;
    if (quote === '"' && text2[i - 1] === "\\") continue;
    if (quote === "'" && (text2[i - 1] === "'" || text2[i + 1] === "'")) {
      i--;
      continue;
    }
    return i;
  }
  return -1;
}
function splitDocuments(text2) {
  const lines = text2.split(/(?<=\n)/);
  const chunks = [];
  let current = "";
  let startLine = 0;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    if (!line.startsWith("---")) {
      if (current === "") startLine = i;
      current += line;
      continue;
    }
    const rest = line.slice(3).trim();
    const directive = current.split("\n").findIndex((l) => l.startsWith("%"));
    if (directive >= 0)
      return {
        error: {
          severity: "error",
          message: "a %YAML or %TAG directive breaks Helm 4, which splits documents at --- before parsing (did not find expected <document start>)",
          line: startLine + directive + 1,
          column: 1
        }
      };
    if (rest !== "" && !rest.startsWith("#"))
      return {
        error: {
          severity: "error",
          message: `invalid document separator "${line.trimEnd()}": Helm 4 allows only a comment after ---`,
          line: i + 1,
          column: 1
        }
      };
    if (current !== "") chunks.push({ text: current, startLine });
    current = "";
  }
  if (current !== "") chunks.push({ text: current, startLine });
  return chunks;
}
function mergeLocated(a, aPos, b, bPos) {
  const values = {};
  const children = new Map(aPos.children);
  for (const [k, v] of Object.entries(a)) put(values, k, v);
  for (const [k, v] of Object.entries(b)) {
    const existing = has(values, k) ? values[k] : void 0;
    const bChild = bPos.children?.get(k) ?? { at: bPos.at };
    if (isMap(v) && isMap(existing)) {
      const merged = mergeLocated(existing, children.get(k) ?? { at: bChild.at }, v, bChild);
      put(values, k, merged.values);
      children.set(k, { at: bChild.at, children: merged.positions.children });
    } else {
      put(values, k, v);
      children.set(k, bChild);
    }
  }
  return { values, positions: { at: aPos.at, children } };
}
var TAG = "tag:yaml.org,2002:";
var STR = `${TAG}str`;
var BOOL = `${TAG}bool`;
var INT = `${TAG}int`;
var FLOAT = `${TAG}float`;
var NULL = `${TAG}null`;
var TIMESTAMP = `${TAG}timestamp`;
var BINARY = `${TAG}binary`;
var MERGE = `${TAG}merge`;
var RESOLVABLE = /* @__PURE__ */ new Set(["", STR, BOOL, INT, FLOAT, NULL, TIMESTAMP]);
var RESOLVE_MAP = /* @__PURE__ */ new Map();
for (const [value, words] of [
  [true, ["y", "Y", "yes", "Yes", "YES", "true", "True", "TRUE", "on", "On", "ON"]],
  [false, ["n", "N", "no", "No", "NO", "false", "False", "FALSE", "off", "Off", "OFF"]]
])
  for (const w of words) RESOLVE_MAP.set(w, { tag: BOOL, v: value });
for (const w of ["", "~", "null", "Null", "NULL"]) RESOLVE_MAP.set(w, { tag: NULL });
for (const [v, words] of [
  [NaN, [".nan", ".NaN", ".NAN"]],
  [Infinity, [".inf", ".Inf", ".INF", "+.inf", "+.Inf", "+.INF"]],
  [-Infinity, ["-.inf", "-.Inf", "-.INF"]]
])
  for (const w of words) RESOLVE_MAP.set(w, { tag: FLOAT, v });
var YAML_STYLE_FLOAT = /^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$/;
var TIMESTAMP_LIKE = /^[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}([Tt ][0-9]{1,2}:[0-9]{1,2}:[0-9]{1,2}(\.[0-9]*)?(Z|[+-][0-9]{2}:[0-9]{2})?)?$/;
var INT64_MIN = -(2n ** 63n);
var INT64_MAX = 2n ** 63n - 1n;
var UINT64_MAX = 2n ** 64n - 1n;
var shortTag = (tag) => tag.startsWith(TAG) ? `!!${tag.slice(TAG.length)}` : tag;
function hintOf(input) {
  if (input === "") return "N";
  const c = input[0];
  if (c === "+" || c === "-") return "S";
  if (c >= "0" && c <= "9") return "D";
  if ("yYnNtTfFoO~".includes(c)) return "M";
  if (c === ".") return ".";
  return void 0;
}
function parseGoInt(s, signed) {
  let neg = false;
  if (signed && (s[0] === "+" || s[0] === "-")) {
    neg = s[0] === "-";
    s = s.slice(1);
  }
  if (s === "") return void 0;
  let base = 10;
  let digits = s;
  if (s[0] === "0") {
    const p = s[1]?.toLowerCase();
    if (s.length >= 3 && (p === "b" || p === "o" || p === "x")) {
      base = p === "b" ? 2 : p === "o" ? 8 : 16;
      digits = s.slice(2);
    } else {
      base = 8;
      digits = s.slice(1);
    }
  }
  const valid = { 2: /^[01]*$/, 8: /^[0-7]*$/, 10: /^[0-9]+$/, 16: /^[0-9a-fA-F]+$/ }[base];
  if (!valid?.test(digits)) return void 0;
  let n = 0n;
  for (const d of digits) n = n * BigInt(base) + BigInt(parseInt(d, 16));
  if (neg) n = -n;
  if (signed ? n < INT64_MIN || n > INT64_MAX : n > UINT64_MAX) return void 0;
  return n;
}
function parseGoFloat(s) {
  const n = Number(s);
  return Number.isFinite(n) ? n : void 0;
}
function resolve(tag, input) {
  if (!RESOLVABLE.has(tag)) return { tag: STR, v: input };
  let out = { tag: STR, v: input };
  const hint = hintOf(input);
  if (hint !== void 0 && tag !== STR) {
    const known = RESOLVE_MAP.get(input);
    if (known) out = known;
    else if (hint === ".") {
      const f = /^\.[0-9]+([eE][-+]?[0-9]+)?$/.test(input) ? parseGoFloat(input) : void 0;
      if (f !== void 0) out = { tag: FLOAT, v: f };
    } else if (hint === "D" || hint === "S") {
      const plain = input.replace(/_/g, "");
      const i = parseGoInt(plain, true);
      const u = i === void 0 ? parseGoInt(plain, false) : void 0;
      const f = YAML_STYLE_FLOAT.test(plain) ? parseGoFloat(plain) : void 0;
      if (tag === TIMESTAMP && TIMESTAMP_LIKE.test(input)) out = { tag: TIMESTAMP, v: input };
      else if (i !== void 0) out = { tag: INT, v: i };
      else if (u !== void 0) out = { tag: INT, v: u, unsigned: true };
      else if (f !== void 0) out = { tag: FLOAT, v: f };
    }
  }
  if (tag === "" || tag === out.tag || tag === STR) return out;
  if (tag === FLOAT && out.tag === INT) return { tag: FLOAT, v: Number(out.v) };
  throw new YamlError(
    `the tag ${shortTag(tag)} does not fit \`${input}\` (go-yaml: cannot decode ${shortTag(out.tag)} as ${shortTag(tag)})`
  );
}
function toValue(s, exactIntegers) {
  switch (s.tag) {
    case NULL:
      return null;
    case BOOL:
    case STR:
    case TIMESTAMP:
      return s.v;
    case INT:
      return exactIntegers && !Number.isSafeInteger(Number(s.v)) ? s.v : Number(s.v);
    case FLOAT:
      if (!Number.isFinite(s.v))
        throw new YamlError(
          `${Number.isNaN(s.v) ? ".nan" : s.v > 0 ? ".inf" : "-.inf"} is not a value Helm can use: it converts values to JSON, which has no NaN or infinity (json: unsupported value)`
        );
      return s.v;
  }
}
function toKey(s) {
  switch (s.tag) {
    case STR:
    case TIMESTAMP:
      return s.v;
    case BOOL:
      return s.v ? "true" : "false";
    case INT:
      if (s.unsigned)
        throw new YamlError(`the key ${s.v} is too large for Helm (unsupported key type uint64)`);
      return s.v.toString();
    case FLOAT:
      return formatFloat32g(s.v);
    case NULL:
      throw new YamlError('a key is null (~ or nothing); quote it to mean the text "null"');
  }
}
function formatFloat32g(x) {
  if (Number.isNaN(x)) return ".nan";
  if (!Number.isFinite(x)) return x > 0 ? ".inf" : "-.inf";
  const f = Math.fround(x);
  if (f === 0) return Object.is(f, -0) ? "-0" : "0";
  let mantissa = "";
  let exp = 0;
  for (let p = 1; p <= 9; p++) {
    const s = Math.abs(f).toExponential(p - 1);
    if (Math.fround(Number(s)) === Math.abs(f)) {
      const [m, e] = s.split("e");
      mantissa = m.replace(".", "").replace(/0+$/, "") || "0";
      exp = Number(e);
      break;
    }
  }
  const sign = f < 0 ? "-" : "";
  if (exp < -4 || exp >= 6) {
    const frac2 = mantissa.slice(1);
    const e = Math.abs(exp).toString().padStart(2, "0");
    return `${sign}${mantissa[0]}${frac2 ? `.${frac2}` : ""}e${exp < 0 ? "-" : "+"}${e}`;
  }
  if (exp < 0) return `${sign}0.${"0".repeat(-exp - 1)}${mantissa}`;
  const int = mantissa.slice(0, exp + 1).padEnd(exp + 1, "0");
  const frac = mantissa.slice(exp + 1);
  return `${sign}${int}${frac ? `.${frac}` : ""}`;
}
var Converter = class {
  constructor(doc, lines, warnings, exactIntegers = false) {
    this.doc = doc;
    this.lines = lines;
    this.warnings = warnings;
    this.exactIntegers = exactIntegers;
  }
  doc;
  lines;
  warnings;
  exactIntegers;
  resolving = /* @__PURE__ */ new Set();
  top() {
    const node = this.doc.contents;
    const at = node ? this.pos(node) : { line: 1, column: 1 };
    if (!node) return { values: {}, positions: { at } };
    const target = (0, import_yaml.isAlias)(node) ? node.resolve(this.doc) : node;
    if ((0, import_yaml.isSeq)(target))
      throw new YamlError(
        "the top level is a list, but a values file must be a map of keys to values (Helm: cannot unmarshal array into Go value of type map[string]interface {})",
        at
      );
    if ((0, import_yaml.isScalar)(target)) {
      const v = this.scalar(target);
      if (v === null) return { values: {}, positions: { at } };
      const type = typeof v === "string" ? "string" : typeof v === "boolean" ? "bool" : "number";
      throw new YamlError(
        `the top level is a single ${type === "bool" ? "boolean" : type}, but a values file must be a map of keys to values (Helm: cannot unmarshal ${type} into Go value of type map[string]interface {})`,
        at
      );
    }
    const c = this.convert(node, at);
    return { values: isMap(c.value) ? c.value : {}, positions: c.pos };
  }
  pos(node) {
    const { line, col } = this.lines.linePos(node.range?.[0] ?? 0);
    return { line, column: col };
  }
  convert(node, at) {
    if (node === null || node === void 0) return { value: null, pos: { at } };
    if ((0, import_yaml.isAlias)(node)) {
      const target = node.resolve(this.doc);
      if (!target) throw new YamlError(`the alias *${node.source} has no anchor`, this.pos(node));
      if (this.resolving.has(target))
        throw new YamlError(`the anchor &${node.source} contains itself`, this.pos(node));
      this.resolving.add(target);
      try {
        const c = this.convert(target, this.pos(node));
        return { value: c.value, pos: { at: this.pos(node), children: c.pos.children } };
      } finally {
        this.resolving.delete(target);
      }
    }
    if ((0, import_yaml.isScalar)(node)) return { value: this.scalar(node), pos: { at: this.pos(node) } };
    if ((0, import_yaml.isSeq)(node)) {
      const value = [];
      const children = /* @__PURE__ */ new Map();
      node.items.forEach((item, i) => {
        const c = this.convert(item, item && typeof item === "object" ? this.pos(item) : at);
        value.push(c.value);
        children.set(i, c.pos);
      });
      return { value, pos: { at: this.pos(node), children } };
    }
    if ((0, import_yaml.isMap)(node)) {
      const value = {};
      const children = /* @__PURE__ */ new Map();
      this.fillMap(node, value, children);
      return { value, pos: { at: this.pos(node), children } };
    }
    throw new YamlError("a YAML node Helm cannot read", at);
  }
  /** go-yaml v2 decoder.mapping: pairs in order; a `<<` merge sets its keys where it stands. */
  fillMap(node, out, children) {
    const seen = /* @__PURE__ */ new Map();
    for (const pair of node.items) {
      const keyNode = pair.key;
      const valueNode = pair.value;
      const at = keyNode ? this.pos(keyNode) : valueNode ? this.pos(valueNode) : this.pos(node);
      if ((0, import_yaml.isScalar)(keyNode) && keyNode.value === "<<" && this.isMergeKey(keyNode)) {
        this.merge(valueNode, out, children, at);
        continue;
      }
      const key = this.key(keyNode, at);
      const first = seen.get(key);
      if (first)
        this.warnings.push({
          severity: "warning",
          message: `duplicate key "${key}" (first on line ${first.line}); Helm silently keeps the last one`,
          ...at
        });
      if (!first) seen.set(key, at);
      const c = this.convert(valueNode, at);
      put(out, key, c.value);
      children.set(key, { at, children: c.pos.children });
    }
  }
  isMergeKey(node) {
    return node.type === "PLAIN" && !node.tag || node.tag === MERGE;
  }
  merge(node, out, children, at) {
    const wantMap = () => {
      throw new YamlError("a << merge needs a map or a list of maps as its value", at);
    };
    const mapOf = (n) => {
      const target = (0, import_yaml.isAlias)(n) ? n.resolve(this.doc) : n;
      return (0, import_yaml.isMap)(target) ? target : wantMap();
    };
    if ((0, import_yaml.isSeq)(node)) {
      for (const item of [...node.items].reverse()) this.fillMap(mapOf(item), out, children);
    } else this.fillMap(mapOf(node), out, children);
  }
  key(node, at) {
    if (node === null) return toKey({ tag: NULL });
    const target = (0, import_yaml.isAlias)(node) ? node.resolve(this.doc) : node;
    if (!(0, import_yaml.isScalar)(target))
      throw new YamlError("a map key must be a plain value, not a map or a list", at);
    try {
      return toKey(this.goScalar(target));
    } catch (e) {
      if (e instanceof YamlError) throw new YamlError(e.message, e.at ?? at);
      throw e;
    }
  }
  goScalar(node) {
    const text2 = typeof node.value === "string" ? node.value : String(node.value);
    const tag = node.tag ?? "";
    if (tag === BINARY)
      return { tag: STR, v: Buffer.from(text2.replace(/\s+/g, ""), "base64").toString("utf8") };
    if (tag === "" && node.type !== "PLAIN") return { tag: STR, v: text2 };
    try {
      return resolve(tag, text2);
    } catch (e) {
      if (e instanceof YamlError) throw new YamlError(e.message, this.pos(node));
      throw e;
    }
  }
  scalar(node) {
    try {
      return toValue(this.goScalar(node), this.exactIntegers);
    } catch (e) {
      if (e instanceof YamlError) throw new YamlError(e.message, e.at ?? this.pos(node));
      throw e;
    }
  }
};

// src/values/chart.ts
var UTF8_BOM = "\uFEFF";
var text = (b) => {
  const s = b.toString("utf8");
  return s.startsWith(UTF8_BOM) ? s.slice(1) : s;
};
function directorySource(dir) {
  const isFile = (e) => e.isFile() || e.isSymbolicLink() && statSync(join2(e.parentPath, e.name)).isFile();
  const names = readdirSync(dir, { recursive: true, withFileTypes: true }).filter(isFile).map((e) => relative2(dir, join2(e.parentPath, e.name)).split(sep).join("/"));
  const known = new Set(names);
  return {
    names,
    read: (name) => known.has(name) ? readFileSync(join2(dir, name)) : void 0,
    display: (name) => join2(dir, name)
  };
}
function memorySource(files, display) {
  return { names: [...files.keys()], read: (name) => files.get(name), display };
}
function subSource(parent, prefix, names) {
  return {
    names,
    read: (name) => parent.read(prefix + name),
    display: (name) => parent.display(prefix + name)
  };
}
function archiveSource(data, archivePath) {
  let entries;
  try {
    entries = readTarGz(data);
  } catch (e) {
    return fail(`${archivePath} is not a chart archive (.tgz): ${e.message}`);
  }
  const files = /* @__PURE__ */ new Map();
  for (const entry of entries) {
    const parts = entry.name.split(entry.name.includes("\\") ? "\\" : "/");
    const name = parts.slice(1).join("/");
    if (name !== "") files.set(name, entry.data);
  }
  return ok(memorySource(files, (name) => `${archivePath}/${name}`));
}
function stringField(v) {
  if (v === null || v === void 0 || typeof v === "object") return "";
  return typeof v === "string" ? v : String(v);
}
function readDependencies(v) {
  if (!Array.isArray(v)) return null;
  return v.filter(isMap).map((d) => ({
    name: stringField(d.name),
    version: stringField(d.version),
    alias: stringField(d.alias),
    condition: stringField(d.condition),
    tags: Array.isArray(d.tags) ? d.tags.map(stringField) : [],
    importValues: Array.isArray(d["import-values"]) ? d["import-values"] : []
  }));
}
function loadSource(source, location2) {
  const chartYaml = source.read("Chart.yaml");
  if (!chartYaml) return fail(`${location2} has no Chart.yaml`);
  const meta = readValuesYaml(text(chartYaml), valuesDialectFor(3));
  if (!meta.ok)
    return fail(
      `${source.display("Chart.yaml")} cannot be read: ${meta.problems[0].message}${meta.problems[0].line ? ` (line ${meta.problems[0].line})` : ""}`
    );
  const name = stringField(meta.values.name);
  if (name === "") return fail(`${source.display("Chart.yaml")} has no name`);
  let dependencies = readDependencies(meta.values.dependencies);
  const requirements = source.read("requirements.yaml");
  if (requirements && stringField(meta.values.apiVersion) === "v1") {
    const req = readValuesYaml(text(requirements), valuesDialectFor(3));
    if (req.ok) dependencies = readDependencies(req.values.dependencies);
  }
  const file = (n) => {
    const data = source.read(n);
    return data ? { path: source.display(n), text: text(data) } : void 0;
  };
  const groups = /* @__PURE__ */ new Map();
  for (const n of source.names) {
    if (!n.startsWith("charts/") || n.endsWith(".prov")) continue;
    const rest = n.slice("charts/".length);
    const group2 = rest.split("/")[0];
    if (group2 === "" || group2.startsWith("_") || group2.startsWith(".")) continue;
    const names = groups.get(group2) ?? [];
    names.push(rest);
    groups.set(group2, names);
  }
  const subcharts = [];
  for (const [group2, names] of [...groups].sort(([a], [b]) => a.localeCompare(b))) {
    let sub;
    const subLocation = source.display(`charts/${group2}`);
    if (group2.endsWith(".tgz") && names.includes(group2)) {
      const archive = archiveSource(source.read(`charts/${group2}`) ?? Buffer.alloc(0), subLocation);
      sub = archive.ok ? loadSource(archive.value, subLocation) : archive;
    } else {
      const inner = names.filter((n) => n.includes("/")).map((n) => n.slice(group2.length + 1));
      sub = loadSource(subSource(source, `charts/${group2}/`, inner), subLocation);
    }
    if (!sub.ok) return fail(`subchart ${group2} of ${name} cannot be loaded: ${sub.error}`);
    subcharts.push(sub.value);
  }
  return ok({
    name,
    version: stringField(meta.values.version),
    location: location2,
    values: file("values.yaml"),
    schema: file("values.schema.json"),
    dependencies,
    subcharts
  });
}
function loadChart(path2) {
  let isDir;
  try {
    isDir = statSync(path2).isDirectory();
  } catch {
    return fail(`${path2} does not exist`);
  }
  try {
    if (isDir) return loadSource(directorySource(path2), path2);
    const archive = archiveSource(readFileSync(path2), path2);
    return archive.ok ? loadSource(archive.value, path2) : archive;
  } catch (e) {
    return fail(`${path2} cannot be read: ${e.message}`);
  }
}

// src/values/coalesce.ts
var CoalesceError = class extends Error {
};
var GLOBAL = "global";
var concatPrefix = (a, b) => a === "" ? b : `${a}.${b}`;
var Coalescer = class _Coalescer {
  constructor(dialect, warn = () => void 0) {
    this.dialect = dialect;
    this.warn = warn;
  }
  dialect;
  warn;
  /** Helm's ProcessDependencies (install and upgrade), then CoalesceValues (ToRenderValues). */
  render(chart, userValues2) {
    const quiet = new _Coalescer(this.dialect);
    quiet.processDependencyEnabled(chart, userValues2, "");
    quiet.processDependencyImportValues(chart, true);
    return this.coalesceValues(chart, userValues2, false);
  }
  /** CoalesceValues (merge false: user nulls delete) and MergeValues (merge true: nulls stay). */
  coalesceValues(chart, values, merge) {
    return this.coalesce(chart, values ? deepCopy(values) : {}, "", merge);
  }
  coalesce(ch, dest, prefix, merge) {
    this.coalesceOwn(ch, dest, prefix, merge);
    return this.coalesceDeps(ch, dest, prefix, merge);
  }
  coalesceDeps(ch, dest, prefix, merge) {
    for (const sub of ch.dependencies) {
      if (!has(dest, sub.name)) put(dest, sub.name, {});
      const dv = dest[sub.name];
      if (!isMap(dv))
        throw new CoalesceError(
          `${concatPrefix(prefix, sub.name)} holds the values of subchart ${sub.name} and must be a map, but it is ${describeValue(dv)}`
        );
      const subPrefix = concatPrefix(prefix, ch.name);
      this.coalesceGlobals(dv, dest, subPrefix);
      put(dest, sub.name, this.coalesce(sub, dv, subPrefix, merge));
    }
    return dest;
  }
  coalesceGlobals(dest, src, prefix) {
    const dg = has(dest, GLOBAL) ? dest[GLOBAL] : {};
    if (!isMap(dg)) return this.warn(`skipping globals because destination global is not a table`);
    const sg = has(src, GLOBAL) ? src[GLOBAL] : {};
    if (!isMap(sg)) return this.warn(`skipping globals because source global is not a table`);
    for (const [key, val] of Object.entries(sg)) {
      if (isMap(val)) {
        const vv = {};
        for (const [k, x] of Object.entries(val)) put(vv, k, x);
        if (!has(dg, key)) put(dg, key, vv);
        else {
          const destv = dg[key];
          if (!isMap(destv)) this.warn(`cannot merge map onto non-map for global.${key}; skipped`);
          else {
            this.coalesceTables(vv, destv, concatPrefix(prefix, key), true);
            put(dg, key, vv);
          }
        }
      } else if (has(dg, key) && isMap(dg[key])) this.warn(`global.${key} is a table; skipped`);
      else put(dg, key, val);
    }
    put(dest, GLOBAL, dg);
  }
  coalesceOwn(c, v, prefix, merge) {
    const subPrefix = concatPrefix(prefix, c.name);
    const vc = deepCopy(c.values);
    const clean = this.dialect.dropNullDefaults;
    for (const [key, val] of Object.entries(vc)) {
      if (!has(v, key)) {
        if (clean && !merge) {
          if (val === null) continue;
          if (isMap(val)) cleanNulls(val);
        }
        put(v, key, val);
        continue;
      }
      const value = v[key];
      if (value === null && !merge) delete v[key];
      else if (isMap(value)) {
        if (!isMap(val)) {
          if (val !== null) this.warn(`skipped value for ${subPrefix}.${key}: not a table`);
        } else {
          const childMerge = c.dependencies.some((d) => d.name === key) || merge;
          if (clean && !childMerge) cleanNulls(val);
          this.coalesceTables(value, val, concatPrefix(subPrefix, key), childMerge);
        }
      }
    }
  }
  /** coalesceTablesFullKey: `dst` wins; maps merge; a null in `dst` deletes unless merging. */
  coalesceTables(dst, src, prefix, merge) {
    const nulls = this.dialect.userNulls;
    const srcNonNull = new Set(Object.keys(src).filter((k) => src[k] !== null));
    if (nulls !== "delete-chart-keys") {
      for (const [key, val] of Object.entries(dst)) if (val === null) put(src, key, null);
    }
    for (const [key, val] of Object.entries(src)) {
      const fullKey = concatPrefix(prefix, key);
      const present = has(dst, key);
      const dv = present ? dst[key] : void 0;
      if (present && !merge && dv === null && (nulls !== "delete-non-null-defaults" || srcNonNull.has(key)))
        delete dst[key];
      else if (!present) put(dst, key, val);
      else if (isMap(val)) {
        if (isMap(dv)) this.coalesceTables(dv, val, fullKey, merge);
        else
          this.warn(`cannot overwrite table with non table for ${fullKey} (${describeValue(val)})`);
      } else if (isMap(dv) && val !== null)
        this.warn(
          `destination for ${fullKey} is a table; ignoring non-table value (${describeValue(val)})`
        );
    }
    return dst;
  }
  // ---- ProcessDependencies ------------------------------------------------------------------
  processDependencyEnabled(c, v, path2) {
    const reqs = c.metadataDependencies;
    if (reqs === null) return;
    const chartDependencies = c.dependencies.filter(
      (existing) => !reqs.some(
        (r) => existing.name === r.name && isCompatibleRange(r.version, existing.version)
      )
    );
    for (const req of reqs) {
      const aliased = aliasDependency(c.dependencies, req);
      if (aliased) chartDependencies.push(aliased);
      if (req.alias !== "") req.name = req.alias;
    }
    c.dependencies = chartDependencies;
    for (const r of reqs) r.enabled = true;
    const cvals = this.coalesceValues(c, v, false);
    processTags(reqs, cvals);
    processConditions(reqs, cvals, path2);
    const removed = new Set(reqs.filter((r) => !r.enabled).map((r) => r.name));
    const kept = c.dependencies.filter((d) => !removed.has(d.name));
    const keptReqs = reqs.filter((r) => !removed.has(r.name));
    for (const t of kept) this.processDependencyEnabled(t, cvals, `${path2}${t.name}.`);
    c.metadataDependencies = keptReqs;
    c.dependencies = kept;
  }
  processDependencyImportValues(c, merge) {
    for (const d of c.dependencies) this.processDependencyImportValues(d, merge);
    this.processImportValues(c, merge);
  }
  processImportValues(c, merge) {
    if (c.metadataDependencies === null) return;
    const cvals = this.coalesceValues(c, null, merge);
    let b = {};
    const add = (src) => {
      b = this.coalesceTables(b, src, "", merge);
    };
    for (const r of c.metadataDependencies) {
      const normalized = [];
      for (const iv of r.importValues) {
        if (isMap(iv)) {
          if (this.dialect.importValuesStringsOnly && (typeof iv.child !== "string" || typeof iv.parent !== "string"))
            throw new CoalesceError(
              `import-values of dependency ${r.name} of ${c.name}: child is ${describeValue(iv.child)} and parent is ${describeValue(iv.parent)}, but ${helmLabel(this.dialect)} crashes unless both are strings (v3.18.5 and later take any value)`
            );
          const child = goString(iv.child);
          const parent = goString(iv.parent);
          normalized.push({ child, parent });
          const vv = table(cvals, `${r.name}.${child}`);
          if (vv) add(pathToMap(parent, vv));
        } else if (typeof iv === "string") {
          const child = `exports.${iv}`;
          normalized.push({ child, parent: "." });
          const vm = table(cvals, `${r.name}.${child}`);
          if (vm) add(vm);
        }
      }
      r.importValues = normalized;
    }
    c.values = merge ? this.coalesceTables(deepCopy(cvals), b, "", true) : this.coalesceTables(trimNulls(cvals), b, "", false);
  }
};
function aliasDependency(charts, dep) {
  const c = charts.find((x) => x.name === dep.name && isCompatibleRange(dep.version, x.version));
  if (!c) return void 0;
  return {
    ...c,
    name: dep.alias !== "" ? dep.alias : c.name,
    metadataDependencies: c.metadataDependencies?.map((d) => ({ ...d })) ?? null,
    dependencies: c.dependencies.map((d) => ({ ...d }))
  };
}
function processTags(reqs, cvals) {
  const tags = table(cvals, "tags");
  if (!tags) return;
  for (const r of reqs) {
    let hasTrue = false;
    let hasFalse = false;
    for (const k of r.tags) {
      const b = has(tags, k) ? tags[k] : void 0;
      if (b === true) hasTrue = true;
      else if (b === false) hasFalse = true;
    }
    if (!hasTrue && hasFalse) r.enabled = false;
    else r.enabled = true;
  }
}
function processConditions(reqs, cvals, path2) {
  for (const r of reqs) {
    for (const c of r.condition.trim().split(",")) {
      if (c === "") continue;
      const found = pathValue(cvals, path2 + c);
      if (found !== void 0 && typeof found.value === "boolean") {
        r.enabled = found.value;
        break;
      }
    }
  }
}
function table(v, name) {
  let t = v;
  for (const n of name.split(".")) {
    const next = has(t, n) ? t[n] : void 0;
    if (!isMap(next)) return void 0;
    t = next;
  }
  return t;
}
function pathValue(v, path2) {
  if (path2 === "") return void 0;
  const parts = path2.split(".");
  const key = parts.pop();
  const t = parts.length === 0 ? v : table(v, parts.join("."));
  if (!t || !has(t, key) || isMap(t[key])) return void 0;
  return { value: t[key] };
}
function pathToMap(path2, data) {
  if (path2 === ".") return data;
  let cur = data;
  for (const p of path2.split(".").reverse()) {
    const next = {};
    put(next, p, cur);
    cur = next;
  }
  return cur;
}
function cleanNulls(m) {
  for (const [k, v] of Object.entries(m)) {
    if (v === null) delete m[k];
    else if (isMap(v)) cleanNulls(v);
  }
}
function trimNulls(vals) {
  const out = deepCopy(vals);
  for (const [k, v] of Object.entries(out)) {
    if (v === null) delete out[k];
    else if (isMap(v)) put(out, k, trimNulls(v));
  }
  return out;
}
function goString(v) {
  if (v === void 0 || v === null) return "<nil>";
  if (Array.isArray(v)) return `[${v.map(goString).join(" ")}]`;
  if (typeof v === "object")
    return `map[${Object.keys(v).sort().map((k) => `${k}:${goString(v[k])}`).join(" ")}]`;
  return typeof v === "string" ? v : String(v);
}

// src/values/strvals.ts
var MAX_INDEX = 65536;
var MAX_NESTED_NAME_LEVEL = 30;
var KEY_STOP = /* @__PURE__ */ new Set(["=", "[", ",", "."]);
var INDEX_STOP = /* @__PURE__ */ new Set(["]"]);
var AFTER_INDEX_STOP = /* @__PURE__ */ new Set(["[", ".", "="]);
var VALUE_STOP = /* @__PURE__ */ new Set([","]);
var LIST_STOP = /* @__PURE__ */ new Set([",", "}"]);
var GO_SPACE = /^[\t\n\v\f\r \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]$/;
var INT64_MIN2 = -(2n ** 63n);
var INT64_MAX2 = 2n ** 63n - 1n;
var StrvalsError = class extends Error {
};
function parseStrvalsInto(item, dest, options) {
  const parser = new Parser(Array.from(item), dest, options);
  try {
    parser.parse();
    return ok(void 0);
  } catch (e) {
    if (e instanceof StrvalsError) return fail(e.message);
    throw e;
  }
}
function typedValue(text2, asString) {
  if (asString) return text2;
  const folded = text2.replace(/\u017f/g, "s").toLowerCase();
  if (folded === "true") return true;
  if (folded === "false") return false;
  if (folded === "null") return null;
  if (text2 === "0") return 0;
  if (text2 !== "" && text2[0] !== "0" && /^[+-]?[0-9]+$/.test(text2)) {
    const n = BigInt(text2);
    if (n >= INT64_MIN2 && n <= INT64_MAX2) return Number.isSafeInteger(Number(n)) ? Number(n) : n;
  }
  return text2;
}
var Parser = class {
  constructor(rs, data, options) {
    this.rs = rs;
    this.data = data;
    this.options = options;
    this.dialect = options.dialect ?? valuesDialectFor(4);
    this.asString = options.flag === "set-string";
    this.json = options.flag === "set-json";
  }
  rs;
  data;
  options;
  pos = 0;
  pairStart = 0;
  dialect;
  asString;
  json;
  parse() {
    for (; ; ) {
      this.pairStart = this.pos;
      if (this.key(this.data, 0, []) === "eof") return;
    }
  }
  key(data, level, path2) {
    const { text: k, last } = this.runesUntil(KEY_STOP);
    if (last === void 0) {
      if (k === "") return "eof";
      throw new StrvalsError(`key "${k}" has no value`);
    }
    if (last === "[") {
      const i = this.keyIndex();
      if (i === "eof") return this.truncatedIndex();
      let list = [];
      if (has(data, k)) {
        const existing = data[k];
        if (!Array.isArray(existing)) throw this.mismatch([...path2, k], existing, "list");
        list = existing;
      }
      const r = this.listItem(list, i, level, [...path2, k]);
      this.set(data, k, r.list);
      return r.step;
    }
    if (last === "=") {
      if (this.json) {
        if (this.emptyVal()) {
          this.set(data, k, null, [...path2, k]);
          return "ok";
        }
        this.set(data, k, this.jsonValue(), [...path2, k]);
        this.emptyVal();
        return "ok";
      }
      const vl = this.valList();
      if (vl === "eof") {
        this.set(data, k, "", [...path2, k]);
        return "eof";
      }
      this.set(data, k, vl === "not-list" ? this.reader(this.val()) : vl, [...path2, k]);
      return "ok";
    }
    if (last === ",") throw new StrvalsError(`key "${k}" has no value (cannot end with ,)`);
    level++;
    if (level > MAX_NESTED_NAME_LEVEL)
      throw new StrvalsError(
        `key "${this.pairKey()}" is nested deeper than Helm's limit of ${MAX_NESTED_NAME_LEVEL} levels`
      );
    let inner = {};
    if (has(data, k)) {
      const existing = data[k];
      if (!isMap(existing)) throw this.mismatch([...path2, k], existing, "map");
      inner = existing;
    }
    const step = this.key(inner, level, [...path2, k]);
    const empty = Object.keys(inner).length === 0;
    if (step === "ok" && empty) throw new StrvalsError(`key map "${k}" has no value`);
    if (!empty) this.set(data, k, inner);
    return step;
  }
  listItem(list, i, level, path2) {
    if (i < 0) throw this.badIndex(`${i} is negative`);
    const { text: k, last } = this.runesUntil(AFTER_INDEX_STOP);
    if (k !== "")
      throw new StrvalsError(
        `key "${this.pairKey()}" has unexpected text "${k}" after a list index`
      );
    if (last === void 0) return { list, step: "eof" };
    const here = [...path2, i];
    if (last === "=") {
      if (this.json) {
        if (this.emptyVal()) return { list: this.setIndex(list, i, null, here), step: "ok" };
        list = this.setIndex(list, i, this.jsonValue(), here);
        this.emptyVal();
        return { list, step: "ok" };
      }
      const vl = this.valList();
      const value = vl === "eof" ? "" : vl === "not-list" ? this.reader(this.val()) : vl;
      return { list: this.setIndex(list, i, value, here), step: "ok" };
    }
    if (last === "[") {
      const next = this.keyIndex();
      if (next === "eof") {
        if (this.dialect.wrappedEofEndsInput) return { list, step: "eof" };
        throw this.unterminatedIndex();
      }
      let current = [];
      if (list.length > i && list[i] !== null) {
        const existing = list[i];
        if (!Array.isArray(existing)) throw this.mismatch(here, existing, "list");
        current = existing;
      }
      const r = this.listItem(current, next, level, here);
      if (r.step === "eof") return { list, step: "eof" };
      return { list: this.setIndex(list, i, r.list), step: "ok" };
    }
    let inner = {};
    if (list.length > i) {
      const existing = list[i];
      if (isMap(existing)) inner = existing;
      else list[i] = inner;
    }
    if (this.key(inner, level, here) === "eof") return { list, step: "eof" };
    return { list: this.setIndex(list, i, inner), step: "ok" };
  }
  set(data, key, value, recordAs) {
    if (key === "") return;
    put(data, key, value);
    if (recordAs) this.options.onSet?.(recordAs, value);
  }
  setIndex(list, index, value, recordAs) {
    if (index < 0) throw this.badIndex(`${index} is negative`);
    if (index > MAX_INDEX) throw this.badIndex(`${index} is above Helm's limit of ${MAX_INDEX}`);
    if (list.length <= index) list = [...list, ...Array(index + 1 - list.length).fill(null)];
    list[index] = value;
    if (recordAs) this.options.onSet?.(recordAs, value);
    return list;
  }
  keyIndex() {
    const { text: text2, last } = this.runesUntil(INDEX_STOP);
    if (last === void 0) return "eof";
    if (!/^[+-]?[0-9]+$/.test(text2)) throw this.badIndex(`"${text2}" is not a whole number`);
    const n = BigInt(text2);
    if (n < INT64_MIN2 || n > INT64_MAX2) throw this.badIndex(`"${text2}" is out of range`);
    return Number(n);
  }
  truncatedIndex() {
    if (this.dialect.wrappedEofEndsInput) return "eof";
    throw this.unterminatedIndex();
  }
  emptyVal() {
    for (; ; ) {
      if (this.pos >= this.rs.length) return true;
      const r = this.rs[this.pos++];
      if (r === ",") return true;
      if (!GO_SPACE.test(r)) {
        this.pos--;
        return false;
      }
    }
  }
  val() {
    return this.runesUntil(VALUE_STOP).text;
  }
  valList() {
    if (this.pos >= this.rs.length) return "eof";
    if (this.rs[this.pos] !== "{") return "not-list";
    this.pos++;
    const list = [];
    for (; ; ) {
      const { text: text2, last } = this.runesUntil(LIST_STOP);
      if (last === void 0)
        throw new StrvalsError(`the list value of key "${this.pairKey()}" must end with "}"`);
      list.push(this.reader(text2));
      if (last === "}") {
        if (this.rs[this.pos] === ",") this.pos++;
        return list;
      }
    }
  }
  reader(text2) {
    return typedValue(text2, this.asString);
  }
  /** One JSON value, read as Go's json.Decoder does: it ends where the value ends. */
  jsonValue() {
    const start = this.pos;
    let end;
    let value;
    try {
      end = scanJson(this.rs, start);
      value = JSON.parse(this.rs.slice(start, end).join(""));
    } catch (e) {
      throw new StrvalsError(
        `the value of key "${this.pairKey()}" is not valid JSON: ${e.message}`
      );
    }
    if (!allFinite(value))
      throw new StrvalsError(
        `the value of key "${this.pairKey()}" has a number too large for a float64`
      );
    this.pos = end;
    return value;
  }
  runesUntil(stop) {
    let text2 = "";
    for (; ; ) {
      if (this.pos >= this.rs.length) return { text: text2 };
      const r = this.rs[this.pos++];
      if (stop.has(r)) return { text: text2, last: r };
      if (r === "\\") {
        if (this.pos >= this.rs.length) return { text: text2 };
        text2 += this.rs[this.pos++];
      } else text2 += r;
    }
  }
  /** The key of the pair being parsed, as written (escapes kept), for messages. */
  pairKey() {
    let end = this.pairStart;
    while (end < this.rs.length && this.rs[end] !== "=" && this.rs[end] !== ",") {
      end += this.rs[end] === "\\" ? 2 : 1;
    }
    return this.rs.slice(this.pairStart, Math.min(end, this.rs.length)).join("");
  }
  badIndex(why) {
    return new StrvalsError(`key "${this.pairKey()}" has an invalid list index: ${why}`);
  }
  unterminatedIndex() {
    return new StrvalsError(`key "${this.pairKey()}" has a list index without a closing "]"`);
  }
  mismatch(at, existing, wanted) {
    return new StrvalsError(
      `cannot set key "${this.pairKey()}": ${formatPath(at)} is already ${describeValue(existing)}, not a ${wanted}`
    );
  }
};
var JSON_SPACE = /* @__PURE__ */ new Set([" ", "	", "\n", "\r"]);
var isDigit = (c) => c !== void 0 && c >= "0" && c <= "9";
function scanJson(rs, start) {
  let i = start;
  while (JSON_SPACE.has(rs[i])) i++;
  const c = rs[i];
  if (c === void 0) throw new Error("unexpected end of input");
  if (c === "{" || c === "[") {
    let depth = 0;
    for (; i < rs.length; i++) {
      const d = rs[i];
      if (d === '"') i = scanString(rs, i) - 1;
      else if (d === "{" || d === "[") depth++;
      else if (d === "}" || d === "]") {
        depth--;
        if (depth === 0) return i + 1;
      }
    }
    throw new Error("unexpected end of input");
  }
  if (c === '"') return scanString(rs, i);
  if (c === "-" || isDigit(c)) {
    if (rs[i] === "-") i++;
    if (rs[i] === "0") i++;
    else if (isDigit(rs[i])) while (isDigit(rs[i])) i++;
    else throw new Error("a number needs digits");
    if (rs[i] === ".") {
      i++;
      if (!isDigit(rs[i])) throw new Error("a decimal point needs digits after it");
      while (isDigit(rs[i])) i++;
    }
    if (rs[i] === "e" || rs[i] === "E") {
      i++;
      if (rs[i] === "+" || rs[i] === "-") i++;
      if (!isDigit(rs[i])) throw new Error("an exponent needs digits");
      while (isDigit(rs[i])) i++;
    }
    return i;
  }
  for (const literal of ["true", "false", "null"]) {
    if (c !== literal[0]) continue;
    for (let j = 0; j < literal.length; j++)
      if (rs[i + j] !== literal[j]) throw new Error(`invalid literal (expected ${literal})`);
    return i + literal.length;
  }
  throw new Error(`invalid character "${c}" looking for the beginning of a value`);
}
function scanString(rs, start) {
  for (let i = start + 1; i < rs.length; i++) {
    if (rs[i] === "\\") i++;
    else if (rs[i] === '"') return i + 1;
  }
  throw new Error("unterminated string");
}
function allFinite(v) {
  if (typeof v === "number") return Number.isFinite(v);
  if (Array.isArray(v)) return v.every(allFinite);
  if (v !== null && typeof v === "object") return Object.values(v).every(allFinite);
  return true;
}

// src/values/merge.ts
function computeValues(input) {
  let dialect;
  try {
    dialect = valuesDialectFor(input.helmVersion ?? input.helmMajor ?? 4);
  } catch (e) {
    return { ok: false, problems: [{ severity: "error", message: e.message }] };
  }
  const problems = [];
  const warnings = [];
  const loaded = loadChart(input.chartDir);
  if (!loaded.ok)
    return {
      ok: false,
      problems: [{ severity: "error", message: loaded.error, file: input.chartDir }]
    };
  const missing = (loaded.value.dependencies ?? []).map((d) => d.name).filter((n) => !loaded.value.subcharts.some((s) => s.name === n));
  if (missing.length > 0)
    problems.push({
      severity: "error",
      message: `Chart.yaml lists ${missing.join(", ")} as ${missing.length > 1 ? "dependencies" : "a dependency"}, but charts/ has no such chart; run helm dependency build`,
      file: `${input.chartDir}/Chart.yaml`
    });
  const work = toWorkChart(loaded.value, dialect, problems, warnings);
  const user = userValues(input, dialect, problems, warnings);
  if (!work || problems.some((p) => p.severity === "error")) return { ok: false, problems };
  if (dialect.crashesOnNullInList) {
    const found = nullInUserList(user.values) ?? nullInChartList(work);
    if (found)
      return {
        ok: false,
        problems: [
          {
            severity: "error",
            message: `${helmLabel(dialect)} crashes on a null inside a list (reflect: call of reflect.Value.Set on zero Value); Helm 4.1.1 and later do not`,
            path: found.path,
            ...found.file ? { file: found.file, chartDefault: true } : {}
          }
        ]
      };
  }
  const notes = [];
  let values;
  try {
    values = new Coalescer(dialect, (m) => notes.push(m)).render(work, user.values);
  } catch (e) {
    if (!(e instanceof CoalesceError)) throw e;
    return { ok: false, problems: [{ severity: "error", message: e.message }] };
  }
  const chart = chartNode(work, []);
  const index = new OriginIndex(subchartPaths(chart));
  recordDefaults(index, work, []);
  for (const layer of user.layers) layer(index);
  const { user: origins, defaults } = index.flatten();
  return {
    ok: true,
    values,
    origins,
    defaults,
    index,
    chart,
    warnings,
    notes: [...new Set(notes)],
    dialect
  };
}
function nullInList(v, path2) {
  if (Array.isArray(v)) {
    for (let i = 0; i < v.length; i++) {
      const found = v[i] === null ? [...path2, i] : nullInList(v[i], [...path2, i]);
      if (found) return found;
    }
  } else if (isMap(v))
    for (const [k, x] of Object.entries(v)) {
      const found = nullInList(x, [...path2, k]);
      if (found) return found;
    }
  return void 0;
}
function nullInUserList(v) {
  const found = nullInList(v, []);
  return found && { path: formatPath(found) };
}
function nullInChartList(c) {
  const own = nullInList(c.values, []);
  if (own) return { path: formatPath(own), file: c.loaded.values?.path };
  for (const d of c.dependencies) {
    const found = nullInChartList(d);
    if (found) return found;
  }
  return void 0;
}
function toWorkChart(c, dialect, problems, warnings) {
  let values = {};
  let positions;
  if (c.values) {
    const r = readValuesYaml(c.values.text, dialect, { chartDefaults: true });
    const file = c.values.path;
    if (!r.ok) {
      problems.push(...r.problems.map((p) => ({ ...p, file, chartDefault: true })));
      return void 0;
    }
    warnings.push(...r.warnings.map((p) => ({ ...p, file, chartDefault: true })));
    values = r.values;
    positions = r.positions;
  }
  const subcharts = c.subcharts.map((s) => toWorkChart(s, dialect, problems, warnings));
  if (subcharts.some((s) => s === void 0)) return void 0;
  return {
    name: c.name,
    version: c.version,
    values,
    defaults: values,
    positions,
    metadataDependencies: c.dependencies?.map((d) => ({ ...d, importValues: [...d.importValues], enabled: true })) ?? null,
    dependencies: subcharts,
    loaded: c
  };
}
function userValues(input, dialect, problems, warnings) {
  let base = {};
  const layers = [];
  for (const { path: file, text: text2 } of input.files) {
    const r = readValuesYaml(text2, dialect);
    if (!r.ok) {
      problems.push(...r.problems.map((p) => ({ ...p, file })));
      continue;
    }
    warnings.push(...r.warnings.map((p) => ({ ...p, file })));
    const at = (pos) => ({
      file,
      line: pos?.line ?? 1,
      column: pos?.column ?? 1
    });
    layers.push((index) => {
      for (const [k, v] of Object.entries(r.values))
        index.record([k], v, r.positions.children?.get(k), at, false);
    });
    base = mergeMaps(base, r.values);
  }
  const flags = [
    ["set-json", input.setJson],
    ["set", input.set],
    ["set-string", input.setString]
  ];
  for (const [flag, items] of flags) {
    for (const item of items) {
      const origin = () => ({ flag, item });
      const trimmed = item.trim();
      if (flag === "set-json" && !dialect.setJsonObject && trimmed.startsWith("{")) {
        problems.push({
          severity: "error",
          message: 'a whole JSON object needs Helm 4; for Helm 3 write key=<JSON>, for example image={"tag":"1.0"}',
          flag,
          item
        });
        continue;
      }
      if (flag === "set-json" && dialect.setJsonObject && trimmed.startsWith("{")) {
        const parsed = parseJsonObject(trimmed);
        if (typeof parsed === "string") {
          problems.push({ severity: "error", message: parsed, flag, item });
          continue;
        }
        layers.push((index) => {
          for (const [k, v] of Object.entries(parsed))
            index.record([k], v, void 0, origin, false);
        });
        base = mergeMaps(base, parsed);
        continue;
      }
      const sets = [];
      const r = parseStrvalsInto(item, base, {
        flag,
        dialect,
        onSet: (path2, value) => sets.push({ path: path2, value })
      });
      if (!r.ok) {
        problems.push({ severity: "error", message: r.error, flag, item });
        continue;
      }
      layers.push((index) => {
        for (const s of sets) {
          s.path.forEach((seg, i) => {
            if (typeof seg === "number") index.claim(s.path.slice(0, i), origin());
          });
          index.record(s.path, s.value, void 0, origin, true);
        }
      });
    }
  }
  return { values: base, layers };
}
function parseJsonObject(text2) {
  let parsed;
  try {
    parsed = JSON.parse(text2);
  } catch (e) {
    return `not a valid JSON object: ${e.message}`;
  }
  if (parsed === null || typeof parsed !== "object" || Array.isArray(parsed))
    return "not a JSON object";
  return parsed;
}
function chartNode(c, path2) {
  return {
    name: c.name,
    path: path2,
    location: c.loaded.location,
    values: c.loaded.values,
    schema: c.loaded.schema,
    subcharts: c.dependencies.map((d) => chartNode(d, [...path2, d.name]))
  };
}
function subchartPaths(c) {
  return c.subcharts.flatMap((s) => [s.path, ...subchartPaths(s)]);
}
function recordDefaults(index, c, path2) {
  for (const d of c.dependencies) recordDefaults(index, d, [...path2, d.name]);
  const file = c.loaded.values?.path;
  const positions = c.positions;
  if (!file || !positions) return;
  const at = (pos) => ({
    chart: c.name,
    file,
    line: pos?.line ?? 1,
    column: pos?.column ?? 1
  });
  for (const [k, v] of Object.entries(c.defaults))
    index.record([...path2, k], v, positions.children?.get(k), at, false);
}

// src/values/schema-quick.ts
var import_formats = __toESM(require_formats(), 1);
async function quicklyAccepted(computed) {
  let meta;
  const accepts = async (chart) => {
    if (chart.schema) {
      const data = valueAt(computed.values, chart.path);
      if (!isMap(data)) return false;
      const prepared = prepareSchema(chart.schema.path, chart.schema.text, computed.dialect);
      if (!prepared.ok || prepared.rules !== "draft-07") return false;
      if (quickBlocker(prepared.root) !== void 0) return false;
      if (!meta) {
        const schema = (await import("./json-schema-draft-07-SK633BKA.js")).default;
        meta = { schema, lookup: refLookup(schema) };
      }
      if (!accepted(prepared.root, meta.schema, meta.lookup)) return false;
      if (!accepted(toJsonData(data), prepared.root, refLookup(prepared.root))) return false;
    }
    for (const sub of chart.subcharts) if (!await accepts(sub)) return false;
    return true;
  };
  return accepts(computed.chart);
}
function accepted(data, schema, lookup) {
  const own = { ...format };
  for (const name of Object.keys(format)) delete format[name];
  Object.assign(format, ajvStringFormats());
  try {
    return validate(data, schema, "7", lookup, true).valid;
  } catch {
    return false;
  } finally {
    for (const name of Object.keys(format)) delete format[name];
    Object.assign(format, own);
  }
}
function refLookup(root) {
  const lookup = {};
  const walk = (v) => {
    if (Array.isArray(v)) return v.forEach(walk);
    if (v === null || typeof v !== "object") return;
    for (const [key, x] of Object.entries(v)) {
      if (key === "$ref" && typeof x === "string" && PLAIN_REF.test(x)) {
        const target = resolvePointer(root, x);
        if (typeof target === "boolean" || target !== null && typeof target === "object")
          lookup[x] = target;
      }
      walk(x);
    }
  };
  walk(root);
  return lookup;
}
var NUMBER_FORMATS = /* @__PURE__ */ new Set(["int32", "int64", "float", "double"]);
var stringFormats;
var PLAIN_FRAGMENT = /^#[A-Za-z0-9\-._~$/]*$/;
function ajvStringFormats() {
  if (stringFormats) return stringFormats;
  stringFormats = {};
  for (const [name, def] of Object.entries(import_formats.fullFormats)) {
    if (NUMBER_FORMATS.has(name)) continue;
    const check = def !== null && typeof def === "object" && !(def instanceof RegExp) ? def.validate : def;
    const re = typeof check === "string" ? new RegExp(check, "u") : check;
    if (re === true) stringFormats[name] = () => true;
    else if (re instanceof RegExp)
      stringFormats[name] = name === "uri-reference" ? (x) => PLAIN_FRAGMENT.test(x) || re.test(x) : (x) => re.test(x);
    else if (typeof re === "function")
      stringFormats[name] = (x) => Boolean(re(x));
  }
  return stringFormats;
}
var BLOCKERS = {
  format: (v) => typeof v === "string" && NUMBER_FORMATS.has(v),
  formatMinimum: () => true,
  formatMaximum: () => true,
  formatExclusiveMinimum: () => true,
  formatExclusiveMaximum: () => true,
  multipleOf: (v) => typeof v === "number",
  $id: (v) => typeof v === "string",
  id: (v) => typeof v === "string",
  $anchor: (v) => typeof v === "string",
  $dynamicAnchor: (v) => typeof v === "string",
  $dynamicRef: (v) => typeof v === "string",
  $recursiveRef: (v) => typeof v === "string",
  $recursiveAnchor: (v) => typeof v === "boolean",
  minContains: (v) => typeof v === "number",
  maxContains: (v) => typeof v === "number",
  dependencies: () => true,
  dependentSchemas: () => true,
  dependentRequired: () => true,
  unevaluatedProperties: () => true,
  unevaluatedItems: () => true
};
var PLAIN_REF = /^#(\/[A-Za-z0-9_.$-]+)*$/;
function quickBlocker(root) {
  const walk = (v, top) => {
    if (Array.isArray(v)) {
      for (const x of v) {
        const found = walk(x, false);
        if (found !== void 0) return found;
      }
      return void 0;
    }
    if (v === null || typeof v !== "object") return void 0;
    for (const [key, x] of Object.entries(v)) {
      if (Object.hasOwn(BLOCKERS, key) && BLOCKERS[key](x)) return key;
      if (key === "$ref" && typeof x === "string") {
        if (!PLAIN_REF.test(x)) return `$ref ${x}`;
        const target = resolvePointer(root, x);
        if (typeof target !== "boolean" && (target === null || typeof target !== "object"))
          return `$ref ${x} points nowhere`;
      }
      if (key === "$schema" && typeof x === "string" && !top) return "$schema below the top";
      if (key === "pattern" && typeof x === "string" && !compiles(x)) return `pattern ${x}`;
      if (key === "patternProperties" && x !== null && typeof x === "object") {
        for (const p of Object.keys(x)) if (!compiles(p)) return `pattern ${p}`;
      }
      const found = walk(x, false);
      if (found !== void 0) return found;
    }
    return void 0;
  };
  return walk(root, true);
}
function compiles(pattern) {
  try {
    new RegExp(pattern, "u");
    return true;
  } catch {
    return false;
  }
}

// src/checks/values.ts
async function checkValues(s) {
  const { config } = s;
  if (config.chart.kind !== "local") return { annotations: [], checked: false, schemas: 0 };
  const files = s.values.files.map((path2) => ({ path: path2, text: readFileSync2(path2, "utf8") }));
  const computed = computeValues({
    chartDir: config.chart.path,
    files,
    set: [...s.values.set],
    setString: [...s.values.setString],
    setJson: [...s.values.setJson],
    helmMajor: s.helm.major,
    helmVersion: s.helm.version
  });
  if (!computed.ok)
    return {
      annotations: computed.problems.map((p) => annotation(p, s.inlineValuesFile)),
      checked: true,
      schemas: 0
    };
  const schemas = countSchemas(computed.chart);
  const problems = [
    ...computed.warnings,
    ...schemas > 0 ? await schemaProblems(computed) : []
  ];
  return {
    annotations: problems.map((p) => annotation(p, s.inlineValuesFile)),
    checked: true,
    schemas
  };
}
async function schemaProblems(computed) {
  if (await quicklyAccepted(computed)) return [];
  return (await import("./schema-JW3PQ3OW.js")).validateValues(computed);
}
function countSchemas(chart) {
  return (chart.schema ? 1 : 0) + chart.subcharts.reduce((n, c) => n + countSchemas(c), 0);
}
function annotation(p, inlineValuesFile) {
  const what = p.path ? `${p.path}: ${p.message}` : p.message;
  if (p.file && p.file === inlineValuesFile)
    return { level: p.severity, message: `input "values" line ${p.line ?? "?"}: ${what}` };
  if (p.flag) return { level: p.severity, message: `--${p.flag} ${p.item ?? ""}: ${what}` };
  const file = p.file ? workspacePath(p.file) : void 0;
  return {
    level: p.severity,
    message: `${what}${p.chartDefault ? " (chart default)" : ""}`,
    file,
    line: p.line,
    column: p.column
  };
}

// src/checks/preflight.ts
var newPreflight = () => ({ checks: [], findings: [] });
function warmUp(config) {
  return KubeSchemas.load(pickKubeVersion(config.kubeVersion).version).catch(() => void 0);
}
function describeObjects(objects) {
  return objectsByKind(objects).sort((x, y) => x.kind.localeCompare(y.kind)).map(({ kind, names }) => `${kind}: ${names.join(", ")}`);
}
function objectsByKind(objects) {
  const byKind = /* @__PURE__ */ new Map();
  for (const o of objects) {
    const names = byKind.get(o.kind) ?? [];
    names.push(objectKey(o).slice(o.kind.length + 1));
    byKind.set(o.kind, names);
  }
  return [...byKind].map(([kind, names]) => ({ kind, names }));
}
function annotate(x) {
  const props = { file: x.file, startLine: x.line, startColumn: x.column };
  if (x.level === "error") error(x.message, props);
  else warning(x.message, props);
}
var where = (x) => x.file ? `${x.file}${x.line ? `:${x.line}` : ""}` : void 0;
async function checkValuesAndLint(s, p = newPreflight()) {
  const helmChecks = startHelmChecks(s);
  void render(s);
  await group("Validate values", async () => {
    const values = await checkValues(s);
    const valueErrors = values.annotations.filter((x) => x.level === "error").length;
    p.checks.push({
      name: "Values",
      outcome: valueErrors > 0 ? "failed" : "passed",
      detail: values.checked ? `merged as Helm ${s.helm.version} merges them; ${values.schemas > 0 ? `checked against ${values.schemas} values.schema.json file(s)` : "the chart has no values.schema.json"}${valueErrors > 0 ? `; ${valueErrors} error(s)` : ""}` : "not a local chart: checked by helm template"
    });
    if (!values.checked)
      info(`Values schema of ${s.chart.ref}: checked by helm template (not a local chart).`);
    const annotations = [...values.annotations];
    for (const x of values.annotations)
      p.findings.push({ severity: x.level, check: "values", where: where(x), message: x.message });
    if (valueErrors === 0) {
      const linted = lintAnnotations(s, await helmChecks.lint);
      const lintErrors = linted.filter((x) => x.level === "error").length;
      p.checks.push({
        name: "helm lint",
        outcome: lintErrors > 0 ? "failed" : "passed",
        detail: `${lintErrors} error(s), ${linted.length - lintErrors} warning(s)`
      });
      for (const x of linted)
        p.findings.push({
          severity: x.level,
          check: "helm lint",
          where: where(x),
          message: x.message.replace(/^helm lint: /, "")
        });
      annotations.push(...linted);
    } else p.checks.push({ name: "helm lint", outcome: "not run", detail: "the values failed" });
    annotations.forEach(annotate);
    const errors = annotations.filter((x) => x.level === "error");
    if (errors.length > 0)
      throw new UserError(
        `${errors.length} problem(s) in the chart values, nothing was deployed:
- ${errors.map((e) => e.file ? `${e.file}${e.line ? `:${e.line}` : ""}: ${e.message}` : e.message).join("\n- ")}`
      );
  });
}
async function renderAndCheck(s, clusterVersion, p = newPreflight()) {
  return group("Render and check manifests", async () => {
    const picked = pickKubeVersion(s.config.kubeVersion ?? clusterVersion);
    const schemas = KubeSchemas.load(picked.version);
    schemas.catch(() => void 0);
    let rendered;
    try {
      rendered = await render(s);
    } catch (e) {
      p.checks.push({ name: "helm template", outcome: "failed", detail: "see the findings" });
      p.findings.push({ severity: "error", check: "helm template", message: e.message });
      throw e;
    }
    p.rendered = rendered;
    p.checks.push({
      name: "helm template",
      outcome: "passed",
      detail: `${rendered.objects.length} object(s), ${rendered.images.length} image(s)`
    });
    if (picked.note) {
      warning(picked.note);
      p.findings.push({ severity: "warning", check: "Kubernetes API", message: picked.note });
    }
    const api = `Kubernetes ${picked.version} API`;
    const { problems, unchecked } = (await schemas).check(rendered.objects);
    for (const x of problems) {
      error(`${x.object}: ${x.message}`, { file: sourceFile(s, x.source) });
      p.findings.push({ severity: "error", check: api, where: x.object, message: x.message });
    }
    if (unchecked.length > 0) {
      const message = `Not in the Kubernetes ${picked.version} schemas (custom resources?): ${unchecked.join(", ")}`;
      info(message);
      p.findings.push({ severity: "info", check: api, message });
    }
    p.checks.push({
      name: `${api} schemas`,
      outcome: problems.length > 0 ? "failed" : "passed",
      detail: `${problems.length} problem(s)${unchecked.length > 0 ? `; ${unchecked.length} custom kind(s) not checked` : ""}`
    });
    if (problems.length > 0) {
      p.checks.push({ name: "Deploy safety", outcome: "not run", detail: "the schemas failed" });
      throw new UserError(
        `${problems.length} rendered object problem(s) against the Kubernetes ${picked.version} API, nothing was deployed:
- ${problems.map((x) => `${x.object}: ${x.message}`).join("\n- ")}`
      );
    }
    const findings = groupSafetyFindings(safetyFindings(rendered.objects));
    const severity = s.config.strict ? "error" : "warning";
    for (const f of findings) {
      const message = `${f.object}: ${f.message}`;
      if (s.config.strict) error(message, { file: sourceFile(s, f.source) });
      else warning(message, { file: sourceFile(s, f.source) });
      p.findings.push({ severity, check: "deploy safety", where: f.object, message: f.message });
    }
    p.checks.push({
      name: "Deploy safety",
      outcome: s.config.strict && findings.length > 0 ? "failed" : "passed",
      detail: `${findings.length} ${s.config.strict ? "error" : "warning"}(s)${s.config.strict ? " (strict)" : ""}`
    });
    if (s.config.strict && findings.length > 0)
      throw new UserError(
        `${findings.length} deploy-safety problem(s) and strict is on, nothing was deployed (see the annotations).`
      );
    info(
      `Rendered ${rendered.objects.length} objects: valid against the Kubernetes ${picked.version} API, ${findings.length} safety warning(s).`
    );
    return rendered;
  });
}
function sourceFile(s, source) {
  if (!source || s.config.chart.kind !== "local" || s.config.chart.packaged) return void 0;
  return chartFile(s.config.chart.path, source.split("/").slice(1).join("/"));
}
function validateReport(s, p, seconds) {
  const objects = p.rendered?.objects ?? [];
  const report = {
    release: s.config.release,
    namespace: s.config.namespace,
    // As the user named it: a repository or OCI chart is checked from a pulled copy.
    chart: chartSpec(s.config).ref,
    chartVersion: s.config.chartVersion,
    helmVersion: s.helm.version,
    valuesFiles: s.values.files.map(
      (f) => f === s.inlineValuesFile ? 'input "values"' : workspacePath(f)
    ),
    setKeys: setKeys(s.values),
    checks: p.checks,
    findings: p.findings,
    objects: objectsByKind(objects),
    hooks: objects.filter((o) => o.object.metadata?.annotations?.["helm.sh/hook"]).length,
    durationSeconds: Math.round(seconds * 10) / 10
  };
  const secrets = masksFor(s.config);
  const mask = (text2) => secrets.reduce((t, secret) => t.split(secret).join(MASK), text2);
  report.findings = report.findings.map((f) => ({ ...f, message: mask(f.message) }));
  return report;
}
function setKeys(v) {
  const keyOf = (pair) => pair.slice(0, pair.indexOf("=") < 0 ? void 0 : pair.indexOf("="));
  return [
    ...[...v.set, ...v.setString].flatMap((item) => item.split(/(?<!\\),/).map(keyOf)),
    ...v.setJson.map(keyOf)
  ].filter((k) => k !== "");
}

export {
  newPreflight,
  warmUp,
  describeObjects,
  checkValuesAndLint,
  renderAndCheck,
  validateReport
};
//# sourceMappingURL=chunk-4QR2PZHU.js.map
