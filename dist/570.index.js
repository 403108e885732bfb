export const id = 570;
export const ids = [570];
export const modules = {

/***/ 3570:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  checkValuesAndLint: () => (/* binding */ checkValuesAndLint),
  describeObjects: () => (/* binding */ describeObjects),
  lint: () => (/* binding */ lint),
  lintAnnotations: () => (/* binding */ lintAnnotations),
  newPreflight: () => (/* binding */ newPreflight),
  objectsByKind: () => (/* binding */ objectsByKind),
  render: () => (/* binding */ render),
  renderAndCheck: () => (/* binding */ renderAndCheck),
  setKeys: () => (/* binding */ setKeys),
  startHelmChecks: () => (/* binding */ startHelmChecks),
  validateReport: () => (/* binding */ validateReport),
  warmUp: () => (/* binding */ warmUp)
});

// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __webpack_require__(3024);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(6760);
// EXTERNAL MODULE: ./node_modules/@actions/core/lib/core.js + 8 modules
var core = __webpack_require__(6058);
// EXTERNAL MODULE: ./src/helm/args.ts
var args = __webpack_require__(5119);
// EXTERNAL MODULE: ./src/helm/helm.ts + 1 modules
var helm = __webpack_require__(4582);
// EXTERNAL MODULE: ./node_modules/@cfworker/json-schema/dist/esm/dereference.js
var dereference = __webpack_require__(1176);
// EXTERNAL MODULE: ./node_modules/@cfworker/json-schema/dist/esm/validate.js + 3 modules
var validate = __webpack_require__(6623);
;// CONCATENATED MODULE: ./src/render/kube-schema.ts

// One dynamic import per file, so that the bundle keeps each minor in a chunk of its own.
const BUNDLED = {
    '1.32': () => __webpack_require__.e(/* import() */ 566).then(__webpack_require__.t.bind(__webpack_require__, 5566, 19)),
    '1.33': () => __webpack_require__.e(/* import() */ 753).then(__webpack_require__.t.bind(__webpack_require__, 9753, 19)),
    '1.34': () => __webpack_require__.e(/* import() */ 120).then(__webpack_require__.t.bind(__webpack_require__, 1120, 19)),
    '1.35': () => __webpack_require__.e(/* import() */ 459).then(__webpack_require__.t.bind(__webpack_require__, 1459, 19))
};
const BUNDLED_KUBE_VERSIONS = Object.keys(BUNDLED).sort((a, b) => minor(a) - minor(b));
function minor(v) {
    return Number(v.split('.')[1]);
}
/** The bundled version to check against: the requested one, else the nearest below (or the oldest). */
function pickKubeVersion(requested) {
    const newest = BUNDLED_KUBE_VERSIONS.at(-1);
    if (!requested)
        return { version: newest };
    if (BUNDLED[requested])
        return { version: requested };
    const below = BUNDLED_KUBE_VERSIONS.filter((v) => minor(v) <= minor(requested)).pop();
    const version = below ?? BUNDLED_KUBE_VERSIONS[0];
    return {
        version,
        note: `no bundled schemas for Kubernetes ${requested}; checked against ${version}`
    };
}
const INT_OR_STRING = { anyOf: [{ type: 'integer' }, { type: 'string' }] };
const NUMBER_OR_STRING = { anyOf: [{ type: 'number' }, { type: 'string' }] };
/**
 * OpenAPI v2 as JSON Schema: unknown fields are refused (what `kubectl apply` would drop or the
 * API server reject), IntOrString and Quantity accept both numbers and strings.
 */
function toJsonSchema(name, def) {
    if (name.endsWith('.util.intstr.IntOrString'))
        return INT_OR_STRING;
    if (name.endsWith('.api.resource.Quantity'))
        return NUMBER_OR_STRING;
    return closeObjects(def);
}
/** Walks schema positions only: property names such as "format" or "anyOf" stay names. */
function closeObjects(node) {
    if (!node || typeof node !== 'object' || Array.isArray(node))
        return node;
    const o = { ...node };
    if (o['x-kubernetes-int-or-string'] || o.format === 'int-or-string')
        return INT_OR_STRING;
    delete o.format;
    if (o.properties && typeof o.properties === 'object')
        o.properties = Object.fromEntries(Object.entries(o.properties).map(([k, v]) => [k, closeObjects(v)]));
    if (o.items)
        o.items = closeObjects(o.items);
    if (o.additionalProperties && typeof o.additionalProperties === 'object')
        o.additionalProperties = closeObjects(o.additionalProperties);
    for (const k of ['allOf', 'anyOf', 'oneOf'])
        if (Array.isArray(o[k]))
            o[k] = o[k].map(closeObjects);
    if (o.properties &&
        o.additionalProperties === undefined &&
        !o['x-kubernetes-preserve-unknown-fields'])
        o.additionalProperties = false;
    return o;
}
const REF_PREFIX = '#/definitions/';
/** The definitions `roots` refer to, directly or not (a Deployment needs ~140 of ~700). */
function definitionsClosure(defs, roots) {
    const seen = new Set();
    const visit = (node) => {
        if (!node || typeof node !== 'object')
            return;
        if (Array.isArray(node))
            return node.forEach(visit);
        const ref = node.$ref;
        if (typeof ref === 'string' && ref.startsWith(REF_PREFIX))
            add(ref.slice(REF_PREFIX.length));
        for (const v of Object.values(node))
            if (v && typeof v === 'object')
                visit(v);
    };
    const add = (name) => {
        if (seen.has(name) || !defs[name])
            return;
        seen.add(name);
        visit(defs[name]);
    };
    for (const r of roots)
        add(r);
    return seen;
}
/** The API server ignores null fields; so does the check. */
function dropNulls(v) {
    if (Array.isArray(v))
        return v.map(dropNulls);
    if (!v || typeof v !== 'object')
        return v;
    return Object.fromEntries(Object.entries(v)
        .filter(([, x]) => x !== null)
        .map(([k, x]) => [k, dropNulls(x)]));
}
class KubeSchemas {
    version;
    defs;
    byGvk = new Map();
    /** The definitions of one bundled minor, loaded on first use. */
    static async load(version) {
        const load = BUNDLED[version];
        if (!load)
            throw new Error(`no bundled Kubernetes schemas for ${version}`);
        return new KubeSchemas(version, (await load()).default.definitions);
    }
    constructor(version, defs) {
        this.version = version;
        this.defs = defs;
        for (const [name, def] of Object.entries(defs)) {
            for (const g of def['x-kubernetes-group-version-kind'] ?? [])
                this.byGvk.set(`${g.group ? `${g.group}/` : ''}${g.version}/${g.kind}`, name);
        }
    }
    /** Problems of every object; kinds without a bundled schema (CRDs) come back as `unchecked`. */
    check(objects) {
        const problems = [];
        const unchecked = new Set();
        const rootOf = new Map();
        for (const o of objects) {
            const def = this.byGvk.get(`${o.apiVersion}/${o.kind}`);
            if (def)
                rootOf.set(o, def);
            else
                unchecked.add(`${o.apiVersion}/${o.kind}`);
        }
        // Only what the rendered kinds need is converted and indexed.
        const definitions = {};
        for (const name of definitionsClosure(this.defs, new Set(rootOf.values())))
            definitions[name] = toJsonSchema(name, this.defs[name]);
        const lookup = (0,dereference/* dereference */.DS)({ definitions });
        for (const [o, def] of rootOf) {
            const r = (0,validate/* validate */.t)(dropNulls(o.object), definitions[def], '7', lookup, false);
            if (r.valid)
                continue;
            for (const message of describeErrors(r.errors))
                problems.push({ object: `${o.kind}/${o.name}`, source: o.source, message });
        }
        return { problems, unchecked: [...unchecked] };
    }
}
// Instance locations are JSON pointers in URI form, as the validator writes them.
const pointerSegment = (key) => encodeURI(key.replace(/~/g, '~0').replace(/\//g, '~1')).replace(/#/g, '%23');
function safeDecode(segment) {
    try {
        return decodeURI(segment).replace(/%23/g, '#');
    }
    catch {
        return segment;
    }
}
/** `#/spec/template/spec/containers/0/name` → `spec.template.spec.containers[0].name`. */
function path(instanceLocation) {
    return instanceLocation
        .replace(/^#\/?/, '')
        .split('/')
        .filter((p) => p !== '')
        .map((p) => safeDecode(p).replace(/~1/g, '/').replace(/~0/g, '~'))
        .map((p) => (/^\d+$/.test(p) ? `[${p}]` : `.${p}`))
        .join('')
        .replace(/^\./, '');
}
// The validator reports every level of the failing path ("Property "spec" does not match
// schema", "A subschema had errors"); the leaves say what is wrong.
const WRAPPERS = new Set([
    'properties',
    '$ref',
    'items',
    'allOf',
    'anyOf',
    'oneOf',
    'false',
    'additionalItems'
]);
/** One message per problem: leaves only, the types an anyOf accepts merged into one. */
function describeErrors(errors) {
    const out = new Map();
    const types = new Map();
    const forbidden = new Set(errors.filter((e) => e.keyword === 'false').map((e) => e.instanceLocation));
    for (const e of errors) {
        const at = path(e.instanceLocation) || '(top level)';
        if (e.keyword === 'type') {
            const expected = /Expected "([^"]+)"/.exec(e.error)?.[1] ?? 'another type';
            const list = types.get(at) ?? [];
            if (!list.includes(expected))
                list.push(expected);
            types.set(at, list);
            out.set(`${at}|type`, `${at}: must be ${list.join(' or ')}`);
        }
        else if (e.keyword === 'additionalProperties') {
            // A field no schema allows fails the `false` schema; a map value of the wrong type
            // fails its own schema, and that leaf error says what is wrong.
            const field = /Property "([^"]*)"/.exec(e.error)?.[1] ?? '?';
            const below = `${e.instanceLocation}/${pointerSegment(field)}`;
            if (forbidden.has(below))
                out.set(`${at}|unknown|${field}`, `${at}: unknown field "${field}"`);
        }
        else if (e.keyword === 'enum') {
            const allowed = /any of (\[.*\])\.?$/.exec(e.error)?.[1];
            const list = allowed ? JSON.parse(allowed) : [];
            out.set(`${at}|enum`, `${at}: must be one of ${list.map((v) => JSON.stringify(v)).join(', ')}`);
        }
        else if (e.keyword === 'required') {
            const field = /property "([^"]*)"/.exec(e.error)?.[1] ?? '?';
            out.set(`${at}|required|${field}`, `${at}: missing required field "${field}"`);
        }
        else if (!WRAPPERS.has(e.keyword)) {
            out.set(`${at}|${e.keyword}`, `${at}: ${e.error.replace(/^Instance /, '')}`);
        }
    }
    return [...out.values()];
}

// EXTERNAL MODULE: ./src/render/manifests.ts
var manifests = __webpack_require__(5246);
;// CONCATENATED MODULE: ./src/render/safety.ts

/**
 * Deploy-safety checks on rendered objects: what makes rollouts unsafe or unverifiable
 * although Kubernetes accepts it. Findings are warnings unless the `strict` input says otherwise.
 */
function safetyFindings(objects) {
    const findings = [];
    const seen = new Map();
    for (const o of objects) {
        const key = (0,manifests/* objectKey */.T5)(o);
        seen.set(key, (seen.get(key) ?? 0) + 1);
        const pod = (0,manifests/* podSpecOf */.qz)(o.object);
        if (!pod)
            continue;
        const testHook = isTestHook(o);
        const add = (message) => void findings.push({ object: key, source: o.source, message, ...(testHook && { testHook }) });
        for (const c of [...(pod.initContainers ?? []), ...(pod.containers ?? [])]) {
            const image = c.image ?? '';
            const tag = image.includes('@') ? 'digest' : /:([^/:]+)$/.exec(image)?.[1];
            if (!tag)
                add(`container ${c.name}: image "${image}" has no tag; pin a version so rollbacks restore the same code`);
            else if (tag === 'latest')
                add(`container ${c.name}: image "${image}" uses the latest tag; pin a version so rollbacks restore the same code`);
            if (!c.resources?.requests)
                add(`container ${c.name}: no resource requests; the scheduler cannot place it reliably`);
            if (!c.resources?.limits)
                add(`container ${c.name}: no resource limits`);
        }
        if (['Deployment', 'StatefulSet', 'DaemonSet'].includes(o.kind))
            for (const c of pod.containers ?? [])
                if (!c.readinessProbe)
                    add(`container ${c.name}: no readiness probe; a broken version would count as ready at once`);
    }
    for (const [key, n] of seen)
        if (n > 1)
            findings.push({
                object: key,
                message: `rendered ${n} times; the later copies overwrite the earlier ones`
            });
    return findings;
}
/** `helm.sh/hook: test` (or Helm 2's `test-success`), alone or among other hook events. */
function isTestHook(o) {
    const hooks = o.object.metadata?.annotations?.['helm.sh/hook'] ?? '';
    return hooks.split(',').some((h) => ['test', 'test-success'].includes(h.trim()));
}
/**
 * The findings as reported: those on `helm test` hooks folded into one, so that a chart with a
 * test pod per service does not bury the findings that matter (GitHub shows only the first ten
 * warnings of a step as annotations). Nothing is dropped: the one finding names every object.
 */
function groupSafetyFindings(findings) {
    const tests = findings.filter((f) => f.testHook);
    const rest = findings.filter((f) => !f.testHook);
    if (tests.length <= 1)
        return [...rest, ...tests];
    const objects = [...new Set(tests.map((f) => f.object))];
    const kinds = new Map();
    for (const f of tests) {
        const what = f.message.replace(/^container [^:]*: /, '').split(';')[0];
        kinds.set(what, (kinds.get(what) ?? 0) + 1);
    }
    const shown = objects.slice(0, 5).join(', ');
    return [
        ...rest,
        {
            object: `${objects.length} helm test hook(s)`,
            message: `${[...kinds].map(([what, n]) => `${what} (${n})`).join(', ')}: ${shown}${objects.length > 5 ? ` and ${objects.length - 5} more` : ''}`,
            testHook: true
        }
    ];
}

// EXTERNAL MODULE: ./src/exec/redact.ts
var redact = __webpack_require__(4524);
// EXTERNAL MODULE: ./src/result.ts
var result = __webpack_require__(1666);
// EXTERNAL MODULE: ./src/session.ts + 2 modules
var session = __webpack_require__(2451);
// EXTERNAL MODULE: external "node:zlib"
var external_node_zlib_ = __webpack_require__(8522);
;// CONCATENATED MODULE: ./src/values/archive.ts
// Just enough of tar.gz for packaged subcharts (charts/*.tgz): regular files with their names,
// ustar prefixes, PAX `path` records and GNU long names, as Go's archive/tar writes them.

const BLOCK = 512;
function field(header, start, length) {
    const raw = header.subarray(start, start + length);
    const end = raw.indexOf(0);
    return raw.subarray(0, end < 0 ? length : end).toString('utf8');
}
function octal(header, start, length) {
    // GNU base-256 for sizes of 8 GiB and more: a chart never has one.
    const text = field(header, start, length).trim();
    return text === '' ? 0 : parseInt(text, 8);
}
function paxPath(data) {
    let pos = 0;
    let path;
    while (pos < data.length) {
        const space = data.indexOf(0x20, pos);
        if (space < 0)
            break;
        const length = parseInt(data.subarray(pos, space).toString('utf8'), 10);
        if (!(length > 0))
            break;
        const record = data.subarray(space + 1, pos + length - 1).toString('utf8');
        const eq = record.indexOf('=');
        if (record.slice(0, eq) === 'path')
            path = record.slice(eq + 1);
        pos += length;
    }
    return path;
}
/** The regular files of a .tgz; throws when it is not a gzip-compressed tar. */
function readTarGz(data) {
    const tar = (0,external_node_zlib_.gunzipSync)(data);
    const files = [];
    let longName;
    for (let pos = 0; pos + BLOCK <= tar.length;) {
        const header = tar.subarray(pos, pos + BLOCK);
        if (header.every((b) => b === 0))
            break;
        const size = octal(header, 124, 12);
        const type = String.fromCharCode(header[156] || 0x30);
        const body = tar.subarray(pos + BLOCK, pos + BLOCK + size);
        pos += BLOCK + Math.ceil(size / BLOCK) * BLOCK;
        if (type === 'x')
            longName = paxPath(body) ?? longName;
        else if (type === 'L')
            longName = body.toString('utf8').replace(/\0+$/, '');
        else if (type === 'g')
            continue;
        else {
            const prefix = field(header, 345, 155);
            const short = field(header, 0, 100);
            const name = longName ?? (prefix ? `${prefix}/${short}` : short);
            longName = undefined;
            if (type === '0' || type === '7')
                files.push({ name, data: Buffer.from(body) });
        }
    }
    return files;
}

;// CONCATENATED MODULE: ./src/values/dialect.ts
// How a given Helm release computes and checks values, where releases differ. Helm 3 and Helm 4
// differ, and so do patch releases within a major: each rule below names the first release that
// has it. Facts: the Go sources of every helm.sh/helm/v3 release from v3.17.3 to v3.22.0 and
// helm.sh/helm/v4 from v4.0.0 to v4.3.1 on the Go module proxy (pkg/chartutil/{coalesce,
// dependencies,jsonschema,values}.go, pkg/chart/common/util/{coalesce,jsonschema}.go,
// pkg/strvals/parser.go, pkg/cli/values/options.go, pkg/chart/{,v2/}loader/load.go,
// internal/copystructure), and the binaries of v3.17.3, v3.18.0, v3.18.4, v3.19.0, v3.20.0,
// v3.22.0, v4.0.0, v4.1.0, v4.1.1, v4.1.4, v4.2.0 and v4.3.1: the differential tests run the
// ones in .tools/bin, and __fixtures__/values/recorded holds what all of them printed.
//
//   valuesDialectFor('v4.3.1')   the rules of that release
//   valuesDialectFor(4)          the newest rules of Helm 4 (the same as for any newer 4.x)
//
// A release older than the oldest one known here (v3.17.3, v4.0.0) gets the oldest rules.
const HELM3_OLDEST = {
    allDocuments: false,
    setJsonObject: false,
    wrappedEofEndsInput: false,
    userNulls: 'delete-chart-keys',
    dropNullDefaults: false,
    exactChartIntegers: false,
    dropsLastLineAtBufferEdge: false,
    crashesOnNullInList: false,
    importValuesStringsOnly: true,
    schemaValidator: 'gojsonschema',
    urnRefsPermissive: false
};
const HELM3_CHANGES = [
    // pkg/chartutil/values.go ReadValues and pkg/chart/loader/load.go: yaml.Unmarshal(…, UseNumber)
    { since: 'v3.18.0', set: { exactChartIntegers: true } },
    { since: 'v3.18.1', set: { exactChartIntegers: false } },
    // pkg/chartutil/jsonschema.go: santhosh-tekuri/jsonschema/v6; dependencies.go: %v of child/parent
    { since: 'v3.18.5', set: { schemaValidator: 'jsonschema-v6', importValuesStringsOnly: false } },
    // jsonschema.go: the urn: loader
    { since: 'v3.19.1', set: { urnRefsPermissive: true } },
    // coalesce.go: every nil of dst is copied into src before the loop
    { since: 'v3.19.5', set: { userNulls: 'delete-all' } },
    // coalesce.go: srcOriginalNonNil
    { since: 'v3.20.1', set: { userNulls: 'delete-non-null-defaults' } }
];
const HELM4_OLDEST = {
    allDocuments: true,
    setJsonObject: true,
    wrappedEofEndsInput: false,
    userNulls: 'delete-all',
    dropNullDefaults: false,
    exactChartIntegers: false,
    dropsLastLineAtBufferEdge: true,
    crashesOnNullInList: false,
    importValuesStringsOnly: false,
    schemaValidator: 'jsonschema-v6',
    urnRefsPermissive: false
};
const HELM4_CHANGES = [
    // pkg/strvals/parser.go errors.Is; internal/copystructure (slices of nil panic); the urn: loader
    {
        since: 'v4.1.0',
        set: { wrappedEofEndsInput: true, crashesOnNullInList: true, urnRefsPermissive: true }
    },
    // internal/copystructure: nil slice elements copied as they are
    { since: 'v4.1.1', set: { crashesOnNullInList: false } },
    // pkg/chart/common/util/coalesce.go: srcOriginalNonNil (there is no v4.1.2)
    { since: 'v4.1.3', set: { userNulls: 'delete-non-null-defaults' } },
    // coalesce.go: cleanNilValues
    { since: 'v4.2.0', set: { dropNullDefaults: true } },
    // pkg/chart/v2/loader/load.go LoadValues: io.ReadAll and a line end appended
    { since: 'v4.3.0', set: { dropsLastLineAtBufferEdge: false } }
];
/** `v4.3.1`, `4.3.1`, `v4.3.1+g1234`, `v4.0.0-rc.1`; undefined for anything else. */
function parseRelease(text) {
    const m = /^v?(\d+)\.(\d+)\.(\d+)(?:-([0-9A-Za-z.-]+))?(?:\+[0-9A-Za-z.-]+)?$/.exec(text.trim());
    if (!m)
        return undefined;
    return { major: +m[1], minor: +m[2], patch: +m[3], pre: m[4] ?? '' };
}
/** a ≥ b, where a pre-release comes before its release (v4.1.0-rc.1 has no v4.1.0 rules). */
function atLeast(a, b) {
    for (const k of ['major', 'minor', 'patch'])
        if (a[k] !== b[k])
            return a[k] > b[k];
    return a.pre === '' || b.pre !== '';
}
function rulesFor(major, release) {
    let rules = major === 3 ? HELM3_OLDEST : HELM4_OLDEST;
    for (const change of major === 3 ? HELM3_CHANGES : HELM4_CHANGES) {
        const since = parseRelease(change.since);
        if (release === undefined || atLeast(release, since))
            rules = { ...rules, ...change.set };
    }
    return rules;
}
/**
 * The rules of a Helm release (`v4.3.1`), or the newest rules of a major (`4`). Throws for a
 * version it cannot read or a major other than 3 and 4.
 */
function dialect_valuesDialectFor(version) {
    if (typeof version === 'number') {
        if (version !== 3 && version !== 4)
            throw new Error(`Helm ${String(version)} is not supported`);
        return { major: version, version: `v${version}`, ...rulesFor(version, undefined) };
    }
    const release = parseRelease(version);
    if (!release)
        throw new Error(`"${version}" is not a Helm version (like v3.22.0)`);
    if (release.major !== 3 && release.major !== 4)
        throw new Error(`Helm ${version} is not supported; use Helm 3 or Helm 4`);
    const major = release.major;
    const normalized = `v${release.major}.${release.minor}.${release.patch}${release.pre ? `-${release.pre}` : ''}`;
    return { major, version: normalized, ...rulesFor(major, release) };
}
/** `Helm 4.1.0`, `Helm 4` (newest rules): for messages. */
const helmLabel = (d) => `Helm ${d.version.replace(/^v/, '')}`;

// EXTERNAL MODULE: ./src/values/tree.ts
var tree = __webpack_require__(1468);
// EXTERNAL MODULE: ./node_modules/yaml/dist/index.js
var dist = __webpack_require__(8815);
;// CONCATENATED MODULE: ./src/values/yaml.ts
// Values files read as Helm reads them: sigs.k8s.io/yaml, that is go-yaml v2 (YAML 1.1 scalars:
// `yes`/`on`/`y` are booleans, `0777` is octal, `1_000` is 1000, a key `y:` becomes "true") and a
// JSON round trip (every number becomes a float64, .inf and .nan are errors). The parser is
// `yaml` for its positions; the scalar typing below is go-yaml v2's resolve(), not yaml's.


class YamlError extends Error {
    at;
    constructor(message, at) {
        super(message);
        this.at = at;
    }
}
/** k8s.io's LineReader reads through a bufio.Reader of this size. */
const LINE_READER_BUFFER = 4096;
/**
 * A values file as a map, with the position of every value. Helm 4 merges all `---` documents
 * (as k8s.io's YAMLReader splits them); Helm 3 reads the first one only.
 */
function readValuesYaml(text, dialect, options = {}) {
    const warnings = [];
    const start = { line: 1, column: 1 };
    let values = {};
    let positions = { at: start };
    if (dialect.allDocuments && dialect.dropsLastLineAtBufferEdge) {
        const cut = text.lastIndexOf('\n') + 1;
        const last = text.slice(cut);
        const bytes = Buffer.byteLength(last);
        if (bytes > 0 && bytes % LINE_READER_BUFFER === 0 && !last.startsWith('---')) {
            warnings.push({
                severity: 'warning',
                message: `the last line has no line end and is ${bytes} bytes long, a multiple of ${LINE_READER_BUFFER}: Helm before 4.3.0 loses it (end the file with a line break)`,
                line: text.slice(0, cut).split('\n').length,
                column: 1
            });
            text = text.slice(0, cut);
        }
    }
    const exactIntegers = dialect.exactChartIntegers && options.chartDefaults === true;
    const chunks = dialect.allDocuments ? splitDocuments(text) : [{ text, startLine: 0 }];
    if ('error' in chunks)
        return { ok: false, problems: [chunks.error] };
    for (const chunk of chunks) {
        // Leading newlines keep line numbers those of the whole file.
        const source = '\n'.repeat(chunk.startLine) + chunk.text;
        const lineCounter = new dist/* LineCounter */.HN();
        const docs = (0,dist/* parseAllDocuments */.hR)(source, {
            version: '1.1',
            schema: 'failsafe',
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
                severity: 'warning',
                message: `${ignored.length + 1} YAML documents: Helm 3 reads only the first one (Helm 4 merges them all)`,
                line,
                column: col
            });
        }
        const doc = all[0];
        if (!doc)
            continue;
        if (doc.errors.length > 0)
            return {
                ok: false,
                problems: doc.errors.map((e) => {
                    const message = e.message.split('\n')[0];
                    // An unclosed quote is noticed at the end of the file; point at where it opens.
                    const quote = e.code === 'MISSING_CHAR' ? /closing (["'])quote/.exec(message)?.[1] : undefined;
                    const opened = quote ? openingQuote(source, e.pos[0], quote) : -1;
                    const { line, col } = lineCounter.linePos(opened >= 0 ? opened : e.pos[0]);
                    return {
                        severity: 'error',
                        message: opened >= 0
                            ? `invalid YAML: the ${quote === '"' ? 'double' : 'single'} quote opened here is never closed`
                            : `invalid YAML: ${message}`,
                        line,
                        column: col
                    };
                })
            };
        try {
            const converted = new Converter(doc, lineCounter, warnings, exactIntegers).top();
            ({ values, positions } = mergeLocated(values, positions, converted.values, converted.positions));
        }
        catch (e) {
            if (!(e instanceof YamlError))
                throw e;
            return {
                ok: false,
                problems: [{ severity: 'error', message: e.message, ...(e.at ?? {}) }]
            };
        }
    }
    return { ok: true, values, positions, warnings };
}
/** Offset of the quote that opens an unclosed quoted scalar ending at `end`, or -1. */
function openingQuote(text, end, quote) {
    for (let i = Math.min(end, text.length) - 1; i >= 0; i--) {
        if (text[i] !== quote)
            continue;
        if (quote === '"' && text[i - 1] === '\\')
            continue;
        if (quote === "'" && (text[i - 1] === "'" || text[i + 1] === "'")) {
            i--;
            continue;
        }
        return i;
    }
    return -1;
}
/** k8s.io/apimachinery YAMLReader: a line starting with `---` ends a document. */
function splitDocuments(text) {
    const lines = text.split(/(?<=\n)/);
    const chunks = [];
    let current = '';
    let startLine = 0;
    for (let i = 0; i < lines.length; i++) {
        const line = lines[i];
        if (!line.startsWith('---')) {
            if (current === '')
                startLine = i;
            current += line;
            continue;
        }
        const rest = line.slice(3).trim();
        // The `---` a directive needs is taken as a document break, so the directive stands alone.
        const directive = current.split('\n').findIndex((l) => l.startsWith('%'));
        if (directive >= 0)
            return {
                error: {
                    severity: 'error',
                    message: 'a %YAML or %TAG directive breaks Helm 4, which splits documents at --- before parsing (did not find expected <document start>)',
                    line: startLine + directive + 1,
                    column: 1
                }
            };
        if (rest !== '' && !rest.startsWith('#'))
            return {
                error: {
                    severity: 'error',
                    message: `invalid document separator "${line.trimEnd()}": Helm 4 allows only a comment after ---`,
                    line: i + 1,
                    column: 1
                }
            };
        if (current !== '')
            chunks.push({ text: current, startLine });
        current = '';
    }
    if (current !== '')
        chunks.push({ text: current, startLine });
    return chunks;
}
/** Helm's MergeMaps, carrying positions along. */
function mergeLocated(a, aPos, b, bPos) {
    const values = {};
    const children = new Map(aPos.children);
    for (const [k, v] of Object.entries(a))
        (0,tree/* put */.yJ)(values, k, v);
    for (const [k, v] of Object.entries(b)) {
        const existing = (0,tree/* has */.zy)(values, k) ? values[k] : undefined;
        const bChild = bPos.children?.get(k) ?? { at: bPos.at };
        if ((0,tree/* isMap */.jh)(v) && (0,tree/* isMap */.jh)(existing)) {
            const merged = mergeLocated(existing, children.get(k) ?? { at: bChild.at }, v, bChild);
            (0,tree/* put */.yJ)(values, k, merged.values);
            children.set(k, { at: bChild.at, children: merged.positions.children });
        }
        else {
            (0,tree/* put */.yJ)(values, k, v);
            children.set(k, bChild);
        }
    }
    return { values, positions: { at: aPos.at, children } };
}
// ---- go-yaml v2 scalar resolution (resolve.go) ----------------------------------------------
const TAG = 'tag:yaml.org,2002:';
const STR = `${TAG}str`;
const BOOL = `${TAG}bool`;
const INT = `${TAG}int`;
const FLOAT = `${TAG}float`;
const NULL = `${TAG}null`;
const TIMESTAMP = `${TAG}timestamp`;
const BINARY = `${TAG}binary`;
const MERGE = `${TAG}merge`;
const RESOLVABLE = new Set(['', STR, BOOL, INT, FLOAT, NULL, TIMESTAMP]);
const RESOLVE_MAP = new Map();
for (const [value, words] of [
    [true, ['y', 'Y', 'yes', 'Yes', 'YES', 'true', 'True', 'TRUE', 'on', 'On', 'ON']],
    [false, ['n', 'N', 'no', 'No', 'NO', 'false', 'False', 'FALSE', 'off', 'Off', 'OFF']]
])
    for (const w of words)
        RESOLVE_MAP.set(w, { tag: BOOL, v: value });
for (const w of ['', '~', 'null', 'Null', 'NULL'])
    RESOLVE_MAP.set(w, { tag: NULL });
for (const [v, words] of [
    [NaN, ['.nan', '.NaN', '.NAN']],
    [Infinity, ['.inf', '.Inf', '.INF', '+.inf', '+.Inf', '+.INF']],
    [-Infinity, ['-.inf', '-.Inf', '-.INF']]
])
    for (const w of words)
        RESOLVE_MAP.set(w, { tag: FLOAT, v });
const YAML_STYLE_FLOAT = /^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$/;
const TIMESTAMP_LIKE = /^[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}([Tt ][0-9]{1,2}:[0-9]{1,2}:[0-9]{1,2}(\.[0-9]*)?(Z|[+-][0-9]{2}:[0-9]{2})?)?$/;
const INT64_MIN = -(2n ** 63n);
const INT64_MAX = 2n ** 63n - 1n;
const UINT64_MAX = 2n ** 64n - 1n;
const shortTag = (tag) => (tag.startsWith(TAG) ? `!!${tag.slice(TAG.length)}` : tag);
function hintOf(input) {
    if (input === '')
        return 'N';
    const c = input[0];
    if (c === '+' || c === '-')
        return 'S';
    if (c >= '0' && c <= '9')
        return 'D';
    if ('yYnNtTfFoO~'.includes(c))
        return 'M';
    if (c === '.')
        return '.';
    return undefined;
}
/** strconv.ParseUint / ParseInt with base 0 (0x, 0o, 0b and leading-0 octal prefixes). */
function parseGoInt(s, signed) {
    let neg = false;
    if (signed && (s[0] === '+' || s[0] === '-')) {
        neg = s[0] === '-';
        s = s.slice(1);
    }
    if (s === '')
        return undefined;
    let base = 10;
    let digits = s;
    if (s[0] === '0') {
        const p = s[1]?.toLowerCase();
        if (s.length >= 3 && (p === 'b' || p === 'o' || p === 'x')) {
            base = p === 'b' ? 2 : p === 'o' ? 8 : 16;
            digits = s.slice(2);
        }
        else {
            base = 8;
            digits = s.slice(1);
        }
    }
    const valid = { 2: /^[01]*$/, 8: /^[0-7]*$/, 10: /^[0-9]+$/, 16: /^[0-9a-fA-F]+$/ }[base];
    if (!valid?.test(digits))
        return undefined;
    let n = 0n;
    for (const d of digits)
        n = n * BigInt(base) + BigInt(parseInt(d, 16));
    if (neg)
        n = -n;
    if (signed ? n < INT64_MIN || n > INT64_MAX : n > UINT64_MAX)
        return undefined;
    return n;
}
function parseGoFloat(s) {
    const n = Number(s);
    return Number.isFinite(n) ? n : undefined;
}
function resolve(tag, input) {
    if (!RESOLVABLE.has(tag))
        return { tag: STR, v: input };
    let out = { tag: STR, v: input };
    const hint = hintOf(input);
    if (hint !== undefined && tag !== STR) {
        const known = RESOLVE_MAP.get(input);
        if (known)
            out = known;
        else if (hint === '.') {
            const f = /^\.[0-9]+([eE][-+]?[0-9]+)?$/.test(input) ? parseGoFloat(input) : undefined;
            if (f !== undefined)
                out = { tag: FLOAT, v: f };
        }
        else if (hint === 'D' || hint === 'S') {
            const plain = input.replace(/_/g, '');
            const i = parseGoInt(plain, true);
            const u = i === undefined ? parseGoInt(plain, false) : undefined;
            const f = YAML_STYLE_FLOAT.test(plain) ? parseGoFloat(plain) : undefined;
            if (tag === TIMESTAMP && TIMESTAMP_LIKE.test(input))
                out = { tag: TIMESTAMP, v: input };
            else if (i !== undefined)
                out = { tag: INT, v: i };
            else if (u !== undefined)
                out = { tag: INT, v: u, unsigned: true };
            else if (f !== undefined)
                out = { tag: FLOAT, v: f };
        }
    }
    if (tag === '' || tag === out.tag || tag === STR)
        return out;
    if (tag === FLOAT && out.tag === INT)
        return { tag: FLOAT, v: Number(out.v) };
    throw new YamlError(`the tag ${shortTag(tag)} does not fit \`${input}\` (go-yaml: cannot decode ${shortTag(out.tag)} as ${shortTag(tag)})`);
}
/**
 * The value after Helm's YAML → JSON → Go round trip: integers become float64, or keep every
 * digit when read with json.Decoder.UseNumber (`exactIntegers`).
 */
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
                throw new YamlError(`${Number.isNaN(s.v) ? '.nan' : s.v > 0 ? '.inf' : '-.inf'} is not a value Helm can use: it converts values to JSON, which has no NaN or infinity (json: unsupported value)`);
            return s.v;
    }
}
/** A map key as sigs.k8s.io/yaml turns it into a JSON object key. */
function toKey(s) {
    switch (s.tag) {
        case STR:
        case TIMESTAMP:
            return s.v;
        case BOOL:
            return s.v ? 'true' : 'false';
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
/** strconv.FormatFloat(f, 'g', -1, 32), the spelling of a float key. */
function formatFloat32g(x) {
    if (Number.isNaN(x))
        return '.nan';
    if (!Number.isFinite(x))
        return x > 0 ? '.inf' : '-.inf';
    const f = Math.fround(x);
    if (f === 0)
        return Object.is(f, -0) ? '-0' : '0';
    let mantissa = '';
    let exp = 0;
    for (let p = 1; p <= 9; p++) {
        const s = Math.abs(f).toExponential(p - 1);
        if (Math.fround(Number(s)) === Math.abs(f)) {
            const [m, e] = s.split('e');
            mantissa = m.replace('.', '').replace(/0+$/, '') || '0';
            exp = Number(e);
            break;
        }
    }
    const sign = f < 0 ? '-' : '';
    if (exp < -4 || exp >= 6) {
        const frac = mantissa.slice(1);
        const e = Math.abs(exp).toString().padStart(2, '0');
        return `${sign}${mantissa[0]}${frac ? `.${frac}` : ''}e${exp < 0 ? '-' : '+'}${e}`;
    }
    if (exp < 0)
        return `${sign}0.${'0'.repeat(-exp - 1)}${mantissa}`;
    const int = mantissa.slice(0, exp + 1).padEnd(exp + 1, '0');
    const frac = mantissa.slice(exp + 1);
    return `${sign}${int}${frac ? `.${frac}` : ''}`;
}
class Converter {
    doc;
    lines;
    warnings;
    exactIntegers;
    resolving = new Set();
    constructor(doc, lines, warnings, exactIntegers = false) {
        this.doc = doc;
        this.lines = lines;
        this.warnings = warnings;
        this.exactIntegers = exactIntegers;
    }
    top() {
        const node = this.doc.contents;
        const at = node ? this.pos(node) : { line: 1, column: 1 };
        if (!node)
            return { values: {}, positions: { at } };
        const target = (0,dist/* isAlias */.Vj)(node) ? node.resolve(this.doc) : node;
        if ((0,dist/* isSeq */.oP)(target))
            throw new YamlError('the top level is a list, but a values file must be a map of keys to values (Helm: cannot unmarshal array into Go value of type map[string]interface {})', at);
        if ((0,dist/* isScalar */.jn)(target)) {
            const v = this.scalar(target);
            if (v === null)
                return { values: {}, positions: { at } };
            const type = typeof v === 'string' ? 'string' : typeof v === 'boolean' ? 'bool' : 'number';
            throw new YamlError(`the top level is a single ${type === 'bool' ? 'boolean' : type}, but a values file must be a map of keys to values (Helm: cannot unmarshal ${type} into Go value of type map[string]interface {})`, at);
        }
        const c = this.convert(node, at);
        return { values: (0,tree/* isMap */.jh)(c.value) ? c.value : {}, positions: c.pos };
    }
    pos(node) {
        const { line, col } = this.lines.linePos(node.range?.[0] ?? 0);
        return { line, column: col };
    }
    convert(node, at) {
        if (node === null || node === undefined)
            return { value: null, pos: { at } };
        if ((0,dist/* isAlias */.Vj)(node)) {
            const target = node.resolve(this.doc);
            if (!target)
                throw new YamlError(`the alias *${node.source} has no anchor`, this.pos(node));
            if (this.resolving.has(target))
                throw new YamlError(`the anchor &${node.source} contains itself`, this.pos(node));
            this.resolving.add(target);
            try {
                const c = this.convert(target, this.pos(node));
                return { value: c.value, pos: { at: this.pos(node), children: c.pos.children } };
            }
            finally {
                this.resolving.delete(target);
            }
        }
        if ((0,dist/* isScalar */.jn)(node))
            return { value: this.scalar(node), pos: { at: this.pos(node) } };
        if ((0,dist/* isSeq */.oP)(node)) {
            const value = [];
            const children = new Map();
            node.items.forEach((item, i) => {
                const c = this.convert(item, item && typeof item === 'object' ? this.pos(item) : at);
                value.push(c.value);
                children.set(i, c.pos);
            });
            return { value, pos: { at: this.pos(node), children } };
        }
        if ((0,dist/* isMap */.jh)(node)) {
            const value = {};
            const children = new Map();
            this.fillMap(node, value, children);
            return { value, pos: { at: this.pos(node), children } };
        }
        throw new YamlError('a YAML node Helm cannot read', at);
    }
    /** go-yaml v2 decoder.mapping: pairs in order; a `<<` merge sets its keys where it stands. */
    fillMap(node, out, children) {
        const seen = new Map();
        for (const pair of node.items) {
            const keyNode = pair.key;
            const valueNode = pair.value;
            const at = keyNode ? this.pos(keyNode) : valueNode ? this.pos(valueNode) : this.pos(node);
            if ((0,dist/* isScalar */.jn)(keyNode) && keyNode.value === '<<' && this.isMergeKey(keyNode)) {
                this.merge(valueNode, out, children, at);
                continue;
            }
            const key = this.key(keyNode, at);
            const first = seen.get(key);
            if (first)
                this.warnings.push({
                    severity: 'warning',
                    message: `duplicate key "${key}" (first on line ${first.line}); Helm silently keeps the last one`,
                    ...at
                });
            if (!first)
                seen.set(key, at);
            const c = this.convert(valueNode, at);
            (0,tree/* put */.yJ)(out, key, c.value);
            children.set(key, { at, children: c.pos.children });
        }
    }
    isMergeKey(node) {
        return (node.type === 'PLAIN' && !node.tag) || node.tag === MERGE;
    }
    merge(node, out, children, at) {
        const wantMap = () => {
            throw new YamlError('a << merge needs a map or a list of maps as its value', at);
        };
        const mapOf = (n) => {
            const target = (0,dist/* isAlias */.Vj)(n) ? n.resolve(this.doc) : n;
            return (0,dist/* isMap */.jh)(target) ? target : wantMap();
        };
        if ((0,dist/* isSeq */.oP)(node)) {
            // Earlier maps take precedence: go-yaml applies them last.
            for (const item of [...node.items].reverse())
                this.fillMap(mapOf(item), out, children);
        }
        else
            this.fillMap(mapOf(node), out, children);
    }
    key(node, at) {
        if (node === null)
            return toKey({ tag: NULL });
        const target = (0,dist/* isAlias */.Vj)(node) ? node.resolve(this.doc) : node;
        if (!(0,dist/* isScalar */.jn)(target))
            throw new YamlError('a map key must be a plain value, not a map or a list', at);
        try {
            return toKey(this.goScalar(target));
        }
        catch (e) {
            if (e instanceof YamlError)
                throw new YamlError(e.message, e.at ?? at);
            throw e;
        }
    }
    goScalar(node) {
        const text = typeof node.value === 'string' ? node.value : String(node.value);
        const tag = node.tag ?? '';
        if (tag === BINARY)
            return { tag: STR, v: Buffer.from(text.replace(/\s+/g, ''), 'base64').toString('utf8') };
        // Quoted and block scalars without a tag are strings; plain ones are typed.
        if (tag === '' && node.type !== 'PLAIN')
            return { tag: STR, v: text };
        try {
            return resolve(tag, text);
        }
        catch (e) {
            if (e instanceof YamlError)
                throw new YamlError(e.message, this.pos(node));
            throw e;
        }
    }
    scalar(node) {
        try {
            return toValue(this.goScalar(node), this.exactIntegers);
        }
        catch (e) {
            if (e instanceof YamlError)
                throw new YamlError(e.message, e.at ?? this.pos(node));
            throw e;
        }
    }
}

;// CONCATENATED MODULE: ./src/values/chart.ts
// The parts of a chart that decide its values: Chart.yaml (name, version, dependencies),
// values.yaml, values.schema.json and the subcharts in charts/ (folders and .tgz archives), read
// the way Helm's loader reads them (pkg/chart/loader: load.go, directory.go, archive.go).







const UTF8_BOM = '\ufeff';
const chart_text = (b) => {
    const s = b.toString('utf8');
    return s.startsWith(UTF8_BOM) ? s.slice(1) : s;
};
function directorySource(dir) {
    const isFile = (e) => e.isFile() || (e.isSymbolicLink() && (0,external_node_fs_.statSync)((0,external_node_path_.join)(e.parentPath, e.name)).isFile());
    const names = (0,external_node_fs_.readdirSync)(dir, { recursive: true, withFileTypes: true })
        .filter(isFile)
        .map((e) => (0,external_node_path_.relative)(dir, (0,external_node_path_.join)(e.parentPath, e.name)).split(external_node_path_.sep).join('/'));
    const known = new Set(names);
    return {
        names,
        read: (name) => (known.has(name) ? (0,external_node_fs_.readFileSync)((0,external_node_path_.join)(dir, name)) : undefined),
        display: (name) => (0,external_node_path_.join)(dir, name)
    };
}
function memorySource(files, display) {
    return { names: [...files.keys()], read: (name) => files.get(name), display };
}
/** The files under `prefix` of another source, as a chart of their own. */
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
    }
    catch (e) {
        return (0,result/* fail */.f)(`${archivePath} is not a chart archive (.tgz): ${e.message}`);
    }
    const files = new Map();
    for (const entry of entries) {
        // Helm drops the archive's top folder (`child/values.yaml` → `values.yaml`).
        const parts = entry.name.split(entry.name.includes('\\') ? '\\' : '/');
        const name = parts.slice(1).join('/');
        if (name !== '')
            files.set(name, entry.data);
    }
    return (0,result.ok)(memorySource(files, (name) => `${archivePath}/${name}`));
}
function stringField(v) {
    if (v === null || v === undefined)
        return '';
    return typeof v === 'string' ? v : String(v);
}
function readDependencies(v) {
    if (!Array.isArray(v))
        return null;
    return v.filter(tree/* isMap */.jh).map((d) => ({
        name: stringField(d.name),
        version: stringField(d.version),
        alias: stringField(d.alias),
        condition: stringField(d.condition),
        tags: Array.isArray(d.tags) ? d.tags.map(stringField) : [],
        importValues: Array.isArray(d['import-values']) ? d['import-values'] : []
    }));
}
function loadSource(source, location) {
    const chartYaml = source.read('Chart.yaml');
    if (!chartYaml)
        return (0,result/* fail */.f)(`${location} has no Chart.yaml`);
    // Helm reads Chart.yaml with the same YAML 1.1 reader as values (go-yaml v2).
    const meta = readValuesYaml(chart_text(chartYaml), dialect_valuesDialectFor(3));
    if (!meta.ok)
        return (0,result/* fail */.f)(`${source.display('Chart.yaml')} cannot be read: ${meta.problems[0].message}${meta.problems[0].line ? ` (line ${meta.problems[0].line})` : ''}`);
    const name = stringField(meta.values.name);
    if (name === '')
        return (0,result/* fail */.f)(`${source.display('Chart.yaml')} has no name`);
    let dependencies = readDependencies(meta.values.dependencies);
    // apiVersion v1 charts keep dependencies in requirements.yaml.
    const requirements = source.read('requirements.yaml');
    if (requirements && stringField(meta.values.apiVersion) === 'v1') {
        const req = readValuesYaml(chart_text(requirements), dialect_valuesDialectFor(3));
        if (req.ok)
            dependencies = readDependencies(req.values.dependencies);
    }
    const file = (n) => {
        const data = source.read(n);
        return data ? { path: source.display(n), text: chart_text(data) } : undefined;
    };
    // charts/<name>/… folders and charts/<name>.tgz archives; `_` and `.` names are skipped.
    const groups = new Map();
    for (const n of source.names) {
        if (!n.startsWith('charts/') || n.endsWith('.prov'))
            continue;
        const rest = n.slice('charts/'.length);
        const group = rest.split('/')[0];
        if (group === '' || group.startsWith('_') || group.startsWith('.'))
            continue;
        groups.set(group, [...(groups.get(group) ?? []), rest]);
    }
    const subcharts = [];
    for (const [group, names] of [...groups].sort(([a], [b]) => a.localeCompare(b))) {
        let sub;
        const subLocation = source.display(`charts/${group}`);
        if (group.endsWith('.tgz') && names.includes(group)) {
            const archive = archiveSource(source.read(`charts/${group}`) ?? Buffer.alloc(0), subLocation);
            sub = archive.ok ? loadSource(archive.value, subLocation) : archive;
        }
        else {
            const inner = names.filter((n) => n.includes('/')).map((n) => n.slice(group.length + 1));
            sub = loadSource(subSource(source, `charts/${group}/`, inner), subLocation);
        }
        if (!sub.ok)
            return (0,result/* fail */.f)(`subchart ${group} of ${name} cannot be loaded: ${sub.error}`);
        subcharts.push(sub.value);
    }
    return (0,result.ok)({
        name,
        version: stringField(meta.values.version),
        location,
        values: file('values.yaml'),
        schema: file('values.schema.json'),
        dependencies,
        subcharts
    });
}
/** Reads a chart folder or a packaged chart (.tgz) with everything in its charts/ folder. */
function loadChart(path) {
    let isDir;
    try {
        isDir = (0,external_node_fs_.statSync)(path).isDirectory();
    }
    catch {
        return (0,result/* fail */.f)(`${path} does not exist`);
    }
    try {
        if (isDir)
            return loadSource(directorySource(path), path);
        const archive = archiveSource((0,external_node_fs_.readFileSync)(path), path);
        return archive.ok ? loadSource(archive.value, path) : archive;
    }
    catch (e) {
        return (0,result/* fail */.f)(`${path} cannot be read: ${e.message}`);
    }
}

// EXTERNAL MODULE: ./src/values/semver.ts
var semver = __webpack_require__(756);
;// CONCATENATED MODULE: ./src/values/coalesce.ts
// A port of how Helm turns a chart and the user's values into `.Values` for `helm template` and
// `helm upgrade --install`: ProcessDependencies (enabled subcharts by condition and tags,
// aliases, import-values) and then CoalesceValues (chart defaults under user values, subchart
// values nested under the subchart's name or alias, `global` copied down, user nulls deleting
// defaults). Sources: helm v3.17.3–v3.22.0 pkg/chartutil/{dependencies,coalesce,values}.go and
// v4.0.0–v4.3.1 pkg/chart/v2/util/dependencies.go, pkg/chart/common/util/coalesce.go; where
// releases differ, the dialect says which way.
//
// The port keeps Go's data sharing on purpose: where Helm copies a map this code copies it, and
// where Helm shares one (copyMap is shallow), so does this, because the results can show it.



class CoalesceError extends Error {
}
const GLOBAL = 'global';
const concatPrefix = (a, b) => (a === '' ? b : `${a}.${b}`);
class Coalescer {
    dialect;
    warn;
    constructor(dialect, warn = () => undefined) {
        this.dialect = dialect;
        this.warn = warn;
    }
    /** Helm's ProcessDependencies (install and upgrade), then CoalesceValues (ToRenderValues). */
    render(chart, userValues) {
        const quiet = new Coalescer(this.dialect);
        quiet.processDependencyEnabled(chart, userValues, '');
        quiet.processDependencyImportValues(chart, true);
        return this.coalesceValues(chart, userValues, false);
    }
    /** CoalesceValues (merge false: user nulls delete) and MergeValues (merge true: nulls stay). */
    coalesceValues(chart, values, merge) {
        return this.coalesce(chart, values ? (0,tree/* deepCopy */.A4)(values) : {}, '', merge);
    }
    coalesce(ch, dest, prefix, merge) {
        this.coalesceOwn(ch, dest, prefix, merge);
        return this.coalesceDeps(ch, dest, prefix, merge);
    }
    coalesceDeps(ch, dest, prefix, merge) {
        for (const sub of ch.dependencies) {
            if (!(0,tree/* has */.zy)(dest, sub.name))
                (0,tree/* put */.yJ)(dest, sub.name, {});
            const dv = dest[sub.name];
            if (!(0,tree/* isMap */.jh)(dv))
                throw new CoalesceError(`${concatPrefix(prefix, sub.name)} holds the values of subchart ${sub.name} and must be a map, but it is ${(0,tree/* describeValue */.bp)(dv)}`);
            const subPrefix = concatPrefix(prefix, ch.name);
            this.coalesceGlobals(dv, dest, subPrefix);
            (0,tree/* put */.yJ)(dest, sub.name, this.coalesce(sub, dv, subPrefix, merge));
        }
        return dest;
    }
    coalesceGlobals(dest, src, prefix) {
        const dg = (0,tree/* has */.zy)(dest, GLOBAL) ? dest[GLOBAL] : {};
        if (!(0,tree/* isMap */.jh)(dg))
            return this.warn(`skipping globals because destination global is not a table`);
        const sg = (0,tree/* has */.zy)(src, GLOBAL) ? src[GLOBAL] : {};
        if (!(0,tree/* isMap */.jh)(sg))
            return this.warn(`skipping globals because source global is not a table`);
        for (const [key, val] of Object.entries(sg)) {
            if ((0,tree/* isMap */.jh)(val)) {
                // A shallow copy, as in Helm: nested maps stay shared with the parent's globals.
                const vv = {};
                for (const [k, x] of Object.entries(val))
                    (0,tree/* put */.yJ)(vv, k, x);
                if (!(0,tree/* has */.zy)(dg, key))
                    (0,tree/* put */.yJ)(dg, key, vv);
                else {
                    const destv = dg[key];
                    if (!(0,tree/* isMap */.jh)(destv))
                        this.warn(`cannot merge map onto non-map for global.${key}; skipped`);
                    else {
                        this.coalesceTables(vv, destv, concatPrefix(prefix, key), true);
                        (0,tree/* put */.yJ)(dg, key, vv);
                    }
                }
            }
            else if ((0,tree/* has */.zy)(dg, key) && (0,tree/* isMap */.jh)(dg[key]))
                this.warn(`global.${key} is a table; skipped`);
            else
                (0,tree/* put */.yJ)(dg, key, val);
        }
        (0,tree/* put */.yJ)(dest, GLOBAL, dg);
    }
    coalesceOwn(c, v, prefix, merge) {
        const subPrefix = concatPrefix(prefix, c.name);
        const vc = (0,tree/* deepCopy */.A4)(c.values);
        const clean = this.dialect.dropNullDefaults;
        for (const [key, val] of Object.entries(vc)) {
            if (!(0,tree/* has */.zy)(v, key)) {
                // v4.2.0+: a chart's null defaults stay out of the result when coalescing.
                if (clean && !merge) {
                    if (val === null)
                        continue;
                    if ((0,tree/* isMap */.jh)(val))
                        cleanNulls(val);
                }
                (0,tree/* put */.yJ)(v, key, val);
                continue;
            }
            const value = v[key];
            if (value === null && !merge)
                delete v[key];
            else if ((0,tree/* isMap */.jh)(value)) {
                if (!(0,tree/* isMap */.jh)(val)) {
                    if (val !== null)
                        this.warn(`skipped value for ${subPrefix}.${key}: not a table`);
                }
                else {
                    const childMerge = c.dependencies.some((d) => d.name === key) || merge;
                    if (clean && !childMerge)
                        cleanNulls(val);
                    this.coalesceTables(value, val, concatPrefix(subPrefix, key), childMerge);
                }
            }
        }
    }
    /** coalesceTablesFullKey: `dst` wins; maps merge; a null in `dst` deletes unless merging. */
    coalesceTables(dst, src, prefix, merge) {
        const nulls = this.dialect.userNulls;
        const srcNonNull = new Set(Object.keys(src).filter((k) => src[k] !== null));
        // v3.19.5+ and Helm 4 copy every null of dst into src first, so that the loop sees it.
        if (nulls !== 'delete-chart-keys')
            for (const [key, val] of Object.entries(dst))
                if (val === null)
                    (0,tree/* put */.yJ)(src, key, null);
        for (const [key, val] of Object.entries(src)) {
            const fullKey = concatPrefix(prefix, key);
            const present = (0,tree/* has */.zy)(dst, key);
            const dv = present ? dst[key] : undefined;
            if (present &&
                !merge &&
                dv === null &&
                (nulls !== 'delete-non-null-defaults' || srcNonNull.has(key)))
                delete dst[key];
            else if (!present)
                (0,tree/* put */.yJ)(dst, key, val);
            else if ((0,tree/* isMap */.jh)(val)) {
                if ((0,tree/* isMap */.jh)(dv))
                    this.coalesceTables(dv, val, fullKey, merge);
                else
                    this.warn(`cannot overwrite table with non table for ${fullKey} (${(0,tree/* describeValue */.bp)(val)})`);
            }
            else if ((0,tree/* isMap */.jh)(dv) && val !== null)
                this.warn(`destination for ${fullKey} is a table; ignoring non-table value (${(0,tree/* describeValue */.bp)(val)})`);
        }
        return dst;
    }
    // ---- ProcessDependencies ------------------------------------------------------------------
    processDependencyEnabled(c, v, path) {
        const reqs = c.metadataDependencies;
        if (reqs === null)
            return;
        const chartDependencies = c.dependencies.filter((existing) => !reqs.some((r) => existing.name === r.name && (0,semver/* isCompatibleRange */.c)(r.version, existing.version)));
        for (const req of reqs) {
            const aliased = aliasDependency(c.dependencies, req);
            if (aliased)
                chartDependencies.push(aliased);
            if (req.alias !== '')
                req.name = req.alias;
        }
        c.dependencies = chartDependencies;
        for (const r of reqs)
            r.enabled = true;
        const cvals = this.coalesceValues(c, v, false);
        processTags(reqs, cvals);
        processConditions(reqs, cvals, path);
        const removed = new Set(reqs.filter((r) => !r.enabled).map((r) => r.name));
        const kept = c.dependencies.filter((d) => !removed.has(d.name));
        const keptReqs = reqs.filter((r) => !removed.has(r.name));
        for (const t of kept)
            this.processDependencyEnabled(t, cvals, `${path}${t.name}.`);
        c.metadataDependencies = keptReqs;
        c.dependencies = kept;
    }
    processDependencyImportValues(c, merge) {
        for (const d of c.dependencies)
            this.processDependencyImportValues(d, merge);
        this.processImportValues(c, merge);
    }
    processImportValues(c, merge) {
        if (c.metadataDependencies === null)
            return;
        const cvals = this.coalesceValues(c, null, merge);
        let b = {};
        const add = (src) => {
            b = this.coalesceTables(b, src, '', merge);
        };
        for (const r of c.metadataDependencies) {
            const normalized = [];
            for (const iv of r.importValues) {
                if ((0,tree/* isMap */.jh)(iv)) {
                    if (this.dialect.importValuesStringsOnly &&
                        (typeof iv.child !== 'string' || typeof iv.parent !== 'string'))
                        throw new CoalesceError(`import-values of dependency ${r.name} of ${c.name}: child is ${(0,tree/* describeValue */.bp)(iv.child)} and parent is ${(0,tree/* describeValue */.bp)(iv.parent)}, but ${helmLabel(this.dialect)} crashes unless both are strings (v3.18.5 and later take any value)`);
                    const child = goString(iv.child);
                    const parent = goString(iv.parent);
                    normalized.push({ child, parent });
                    const vv = table(cvals, `${r.name}.${child}`);
                    if (vv)
                        add(pathToMap(parent, vv));
                }
                else if (typeof iv === 'string') {
                    const child = `exports.${iv}`;
                    normalized.push({ child, parent: '.' });
                    const vm = table(cvals, `${r.name}.${child}`);
                    if (vm)
                        add(vm);
                }
            }
            r.importValues = normalized;
        }
        c.values = merge
            ? this.coalesceTables((0,tree/* deepCopy */.A4)(cvals), b, '', true)
            : this.coalesceTables(trimNulls(cvals), b, '', false);
    }
}
function aliasDependency(charts, dep) {
    const c = charts.find((x) => x.name === dep.name && (0,semver/* isCompatibleRange */.c)(dep.version, x.version));
    if (!c)
        return undefined;
    // Helm 4's copy (Helm 3 shares the nested dependency lists between two aliases of one chart).
    return {
        ...c,
        name: dep.alias !== '' ? dep.alias : c.name,
        metadataDependencies: c.metadataDependencies?.map((d) => ({ ...d })) ?? null,
        dependencies: c.dependencies.map((d) => ({ ...d }))
    };
}
function processTags(reqs, cvals) {
    const tags = table(cvals, 'tags');
    if (!tags)
        return;
    for (const r of reqs) {
        let hasTrue = false;
        let hasFalse = false;
        for (const k of r.tags) {
            const b = (0,tree/* has */.zy)(tags, k) ? tags[k] : undefined;
            if (b === true)
                hasTrue = true;
            else if (b === false)
                hasFalse = true;
        }
        if (!hasTrue && hasFalse)
            r.enabled = false;
        else
            r.enabled = true;
    }
}
function processConditions(reqs, cvals, path) {
    for (const r of reqs) {
        for (const c of r.condition.trim().split(',')) {
            if (c === '')
                continue;
            const found = pathValue(cvals, path + c);
            if (found !== undefined && typeof found.value === 'boolean') {
                r.enabled = found.value;
                break;
            }
        }
    }
}
/** Values.Table: the map at a dotted path, or undefined. */
function table(v, name) {
    let t = v;
    for (const n of name.split('.')) {
        const next = (0,tree/* has */.zy)(t, n) ? t[n] : undefined;
        if (!(0,tree/* isMap */.jh)(next))
            return undefined;
        t = next;
    }
    return t;
}
/** Values.PathValue: a non-map value at a dotted path. */
function pathValue(v, path) {
    if (path === '')
        return undefined;
    const parts = path.split('.');
    const key = parts.pop();
    const t = parts.length === 0 ? v : table(v, parts.join('.'));
    if (!t || !(0,tree/* has */.zy)(t, key) || (0,tree/* isMap */.jh)(t[key]))
        return undefined;
    return { value: t[key] };
}
function pathToMap(path, data) {
    if (path === '.')
        return data;
    let cur = data;
    for (const p of path.split('.').reverse()) {
        const next = {};
        (0,tree/* put */.yJ)(next, p, cur);
        cur = next;
    }
    return cur;
}
/** cleanNilValues: removes nulls from a map and the maps in it, in place (not inside lists). */
function cleanNulls(m) {
    for (const [k, v] of Object.entries(m)) {
        if (v === null)
            delete m[k];
        else if ((0,tree/* isMap */.jh)(v))
            cleanNulls(v);
    }
}
function trimNulls(vals) {
    const out = (0,tree/* deepCopy */.A4)(vals);
    for (const [k, v] of Object.entries(out)) {
        if (v === null)
            delete out[k];
        else if ((0,tree/* isMap */.jh)(v))
            (0,tree/* put */.yJ)(out, k, trimNulls(v));
    }
    return out;
}
/** fmt's %v of a value, for import-values paths. */
function goString(v) {
    if (v === undefined || v === null)
        return '<nil>';
    return typeof v === 'string' ? v : String(v);
}

// EXTERNAL MODULE: ./src/values/origins.ts
var values_origins = __webpack_require__(2805);
// EXTERNAL MODULE: ./src/values/path.ts
var values_path = __webpack_require__(5551);
;// CONCATENATED MODULE: ./src/values/strvals.ts
// A port of Helm's `--set` parser (pkg/strvals/parser.go, the same in v3.17.3–v3.22.0 and
// v4.0.0–v4.3.1 but for the EOF check of v4.1.0+ in ValuesDialect): the same grammar, the same typing and the same quirks, so that the
// values computed here are the values Helm renders with. The differential test runs both.
//
//   a.b=c,d=e      nested keys, comma-separated pairs      \, \. \= \[ escape (any char, really)
//   a[0].b=x       list indexes, growing lists with nulls   {a,b,c} a list value
//   --set          true/false/null (any case), int64 for integers without a leading zero, else string
//   --set-string   always a string
//   --set-json     a JSON value per key (empty means null)




// Helm's limits: strvals.MaxIndex and strvals.MaxNestedNameLevel.
const MAX_INDEX = 65536;
const MAX_NESTED_NAME_LEVEL = 30;
const KEY_STOP = new Set(['=', '[', ',', '.']);
const INDEX_STOP = new Set([']']);
const AFTER_INDEX_STOP = new Set(['[', '.', '=']);
const VALUE_STOP = new Set([',']);
const LIST_STOP = new Set([',', '}']);
// Go's unicode.IsSpace.
const GO_SPACE = /^[\t\n\v\f\r \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]$/;
const strvals_INT64_MIN = -(2n ** 63n);
const strvals_INT64_MAX = 2n ** 63n - 1n;
class StrvalsError extends Error {
}
/**
 * Parses one `--set`-style item into `dest`, as Helm's ParseInto / ParseIntoString / ParseJSON
 * do: `dest` is changed in place (lists set by earlier items grow, a string where a map is
 * needed is an error). On error `dest` may be partly changed, as in Helm, which then stops.
 */
function parseStrvalsInto(item, dest, options) {
    const parser = new Parser(Array.from(item), dest, options);
    try {
        parser.parse();
        return (0,result.ok)(undefined);
    }
    catch (e) {
        if (e instanceof StrvalsError)
            return (0,result/* fail */.f)(e.message);
        throw e;
    }
}
/** Parses one item on its own, like Helm's strvals.Parse / ParseString (`helm`: 4, `v3.22.0`). */
function parseStrvals(item, flag, helm = 4) {
    const dest = {};
    const r = parseStrvalsInto(item, dest, { flag, dialect: valuesDialectFor(helm) });
    return r.ok ? ok(dest) : fail(r.error);
}
/** Helm's typedVal: the type `--set` gives a value. */
function typedValue(text, asString) {
    if (asString)
        return text;
    // strings.EqualFold: ASCII case-insensitive, plus U+017F (long s) folding to "s".
    const folded = text.replace(/\u017f/g, 's').toLowerCase();
    if (folded === 'true')
        return true;
    if (folded === 'false')
        return false;
    if (folded === 'null')
        return null;
    if (text === '0')
        return 0;
    // Numbers with a leading zero (007, 0x10) stay strings; so do floats (1.5, 1e3) and anything
    // beyond int64.
    if (text !== '' && text[0] !== '0' && /^[+-]?[0-9]+$/.test(text)) {
        const n = BigInt(text);
        if (n >= strvals_INT64_MIN && n <= strvals_INT64_MAX)
            return Number.isSafeInteger(Number(n)) ? Number(n) : n;
    }
    return text;
}
class Parser {
    rs;
    data;
    options;
    pos = 0;
    pairStart = 0;
    dialect;
    asString;
    json;
    constructor(rs, data, options) {
        this.rs = rs;
        this.data = data;
        this.options = options;
        this.dialect = options.dialect ?? dialect_valuesDialectFor(4);
        this.asString = options.flag === 'set-string';
        this.json = options.flag === 'set-json';
    }
    parse() {
        for (;;) {
            this.pairStart = this.pos;
            if (this.key(this.data, 0, []) === 'eof')
                return;
        }
    }
    key(data, level, path) {
        const { text: k, last } = this.runesUntil(KEY_STOP);
        if (last === undefined) {
            if (k === '')
                return 'eof';
            throw new StrvalsError(`key "${k}" has no value`);
        }
        if (last === '[') {
            const i = this.keyIndex();
            if (i === 'eof')
                return this.truncatedIndex();
            let list = [];
            if ((0,tree/* has */.zy)(data, k)) {
                const existing = data[k];
                if (!Array.isArray(existing))
                    throw this.mismatch([...path, k], existing, 'list');
                list = existing;
            }
            const r = this.listItem(list, i, level, [...path, k]);
            this.set(data, k, r.list);
            return r.step;
        }
        if (last === '=') {
            if (this.json) {
                if (this.emptyVal()) {
                    this.set(data, k, null, [...path, k]);
                    return 'ok';
                }
                this.set(data, k, this.jsonValue(), [...path, k]);
                this.emptyVal();
                return 'ok';
            }
            const vl = this.valList();
            if (vl === 'eof') {
                this.set(data, k, '', [...path, k]);
                return 'eof';
            }
            this.set(data, k, vl === 'not-list' ? this.reader(this.val()) : vl, [...path, k]);
            return 'ok';
        }
        if (last === ',')
            throw new StrvalsError(`key "${k}" has no value (cannot end with ,)`);
        // last === '.'
        level++;
        if (level > MAX_NESTED_NAME_LEVEL)
            throw new StrvalsError(`key "${this.pairKey()}" is nested deeper than Helm's limit of ${MAX_NESTED_NAME_LEVEL} levels`);
        let inner = {};
        if ((0,tree/* has */.zy)(data, k)) {
            const existing = data[k];
            if (!(0,tree/* isMap */.jh)(existing))
                throw this.mismatch([...path, k], existing, 'map');
            inner = existing;
        }
        const step = this.key(inner, level, [...path, k]);
        const empty = Object.keys(inner).length === 0;
        if (step === 'ok' && empty)
            throw new StrvalsError(`key map "${k}" has no value`);
        if (!empty)
            this.set(data, k, inner);
        return step;
    }
    listItem(list, i, level, path) {
        if (i < 0)
            throw this.badIndex(`${i} is negative`);
        const { text: k, last } = this.runesUntil(AFTER_INDEX_STOP);
        if (k !== '')
            throw new StrvalsError(`key "${this.pairKey()}" has unexpected text "${k}" after a list index`);
        if (last === undefined)
            return { list, step: 'eof' };
        const here = [...path, i];
        if (last === '=') {
            if (this.json) {
                if (this.emptyVal())
                    return { list: this.setIndex(list, i, null, here), step: 'ok' };
                list = this.setIndex(list, i, this.jsonValue(), here);
                this.emptyVal();
                return { list, step: 'ok' };
            }
            const vl = this.valList();
            const value = vl === 'eof' ? '' : vl === 'not-list' ? this.reader(this.val()) : vl;
            return { list: this.setIndex(list, i, value, here), step: 'ok' };
        }
        if (last === '[') {
            const next = this.keyIndex();
            if (next === 'eof') {
                if (this.dialect.wrappedEofEndsInput)
                    return { list, step: 'eof' };
                throw this.unterminatedIndex();
            }
            let current = [];
            if (list.length > i && list[i] !== null) {
                const existing = list[i];
                if (!Array.isArray(existing))
                    throw this.mismatch(here, existing, 'list');
                current = existing;
            }
            const r = this.listItem(current, next, level, here);
            if (r.step === 'eof')
                return { list, step: 'eof' };
            return { list: this.setIndex(list, i, r.list), step: 'ok' };
        }
        // last === '.': a map inside the list; whatever was at the index is replaced by one.
        let inner = {};
        if (list.length > i) {
            const existing = list[i];
            if ((0,tree/* isMap */.jh)(existing))
                inner = existing;
            else
                list[i] = inner;
        }
        if (this.key(inner, level, here) === 'eof')
            return { list, step: 'eof' };
        return { list: this.setIndex(list, i, inner), step: 'ok' };
    }
    set(data, key, value, recordAs) {
        // Helm skips an empty key (`--set =x` sets nothing).
        if (key === '')
            return;
        (0,tree/* put */.yJ)(data, key, value);
        if (recordAs)
            this.options.onSet?.(recordAs, value);
    }
    setIndex(list, index, value, recordAs) {
        if (index < 0)
            throw this.badIndex(`${index} is negative`);
        if (index > MAX_INDEX)
            throw this.badIndex(`${index} is above Helm's limit of ${MAX_INDEX}`);
        if (list.length <= index)
            list = [...list, ...Array(index + 1 - list.length).fill(null)];
        list[index] = value;
        if (recordAs)
            this.options.onSet?.(recordAs, value);
        return list;
    }
    keyIndex() {
        const { text, last } = this.runesUntil(INDEX_STOP);
        if (last === undefined)
            return 'eof';
        // strconv.Atoi: an optional sign and decimal digits that fit an int64.
        if (!/^[+-]?[0-9]+$/.test(text))
            throw this.badIndex(`"${text}" is not a whole number`);
        const n = BigInt(text);
        if (n < strvals_INT64_MIN || n > strvals_INT64_MAX)
            throw this.badIndex(`"${text}" is out of range`);
        return Number(n);
    }
    truncatedIndex() {
        if (this.dialect.wrappedEofEndsInput)
            return 'eof';
        throw this.unterminatedIndex();
    }
    emptyVal() {
        for (;;) {
            if (this.pos >= this.rs.length)
                return true;
            const r = this.rs[this.pos++];
            if (r === ',')
                return true;
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
        if (this.pos >= this.rs.length)
            return 'eof';
        if (this.rs[this.pos] !== '{')
            return 'not-list';
        this.pos++;
        const list = [];
        for (;;) {
            const { text, last } = this.runesUntil(LIST_STOP);
            if (last === undefined)
                throw new StrvalsError(`the list value of key "${this.pairKey()}" must end with "}"`);
            list.push(this.reader(text));
            if (last === '}') {
                if (this.rs[this.pos] === ',')
                    this.pos++;
                return list;
            }
        }
    }
    reader(text) {
        return typedValue(text, this.asString);
    }
    /** One JSON value, read as Go's json.Decoder does: it ends where the value ends. */
    jsonValue() {
        const start = this.pos;
        let end;
        let value;
        try {
            end = scanJson(this.rs, start);
            value = JSON.parse(this.rs.slice(start, end).join(''));
        }
        catch (e) {
            throw new StrvalsError(`the value of key "${this.pairKey()}" is not valid JSON: ${e.message}`);
        }
        if (!allFinite(value))
            throw new StrvalsError(`the value of key "${this.pairKey()}" has a number too large for a float64`);
        this.pos = end;
        return value;
    }
    runesUntil(stop) {
        let text = '';
        for (;;) {
            if (this.pos >= this.rs.length)
                return { text };
            const r = this.rs[this.pos++];
            if (stop.has(r))
                return { text, last: r };
            if (r === '\\') {
                if (this.pos >= this.rs.length)
                    return { text };
                text += this.rs[this.pos++];
            }
            else
                text += r;
        }
    }
    /** The key of the pair being parsed, as written (escapes kept), for messages. */
    pairKey() {
        let end = this.pairStart;
        while (end < this.rs.length && this.rs[end] !== '=' && this.rs[end] !== ',') {
            end += this.rs[end] === '\\' ? 2 : 1;
        }
        return this.rs.slice(this.pairStart, Math.min(end, this.rs.length)).join('');
    }
    badIndex(why) {
        return new StrvalsError(`key "${this.pairKey()}" has an invalid list index: ${why}`);
    }
    unterminatedIndex() {
        return new StrvalsError(`key "${this.pairKey()}" has a list index without a closing "]"`);
    }
    mismatch(at, existing, wanted) {
        return new StrvalsError(`cannot set key "${this.pairKey()}": ${(0,values_path/* formatPath */.j)(at)} is already ${(0,tree/* describeValue */.bp)(existing)}, not a ${wanted}`);
    }
}
const JSON_SPACE = new Set([' ', '\t', '\n', '\r']);
const isDigit = (c) => c !== undefined && c >= '0' && c <= '9';
/** Index just past the first JSON value at `start`; throws where json.Decoder would fail. */
function scanJson(rs, start) {
    let i = start;
    while (JSON_SPACE.has(rs[i]))
        i++;
    const c = rs[i];
    if (c === undefined)
        throw new Error('unexpected end of input');
    if (c === '{' || c === '[') {
        let depth = 0;
        for (; i < rs.length; i++) {
            const d = rs[i];
            if (d === '"')
                i = scanString(rs, i) - 1;
            else if (d === '{' || d === '[')
                depth++;
            else if (d === '}' || d === ']') {
                depth--;
                if (depth === 0)
                    return i + 1;
            }
        }
        throw new Error('unexpected end of input');
    }
    if (c === '"')
        return scanString(rs, i);
    if (c === '-' || isDigit(c)) {
        if (rs[i] === '-')
            i++;
        if (rs[i] === '0')
            i++;
        else if (isDigit(rs[i]))
            while (isDigit(rs[i]))
                i++;
        else
            throw new Error('a number needs digits');
        if (rs[i] === '.') {
            i++;
            if (!isDigit(rs[i]))
                throw new Error('a decimal point needs digits after it');
            while (isDigit(rs[i]))
                i++;
        }
        if (rs[i] === 'e' || rs[i] === 'E') {
            i++;
            if (rs[i] === '+' || rs[i] === '-')
                i++;
            if (!isDigit(rs[i]))
                throw new Error('an exponent needs digits');
            while (isDigit(rs[i]))
                i++;
        }
        return i;
    }
    for (const literal of ['true', 'false', 'null']) {
        if (c !== literal[0])
            continue;
        for (let j = 0; j < literal.length; j++)
            if (rs[i + j] !== literal[j])
                throw new Error(`invalid literal (expected ${literal})`);
        return i + literal.length;
    }
    throw new Error(`invalid character "${c}" looking for the beginning of a value`);
}
function scanString(rs, start) {
    for (let i = start + 1; i < rs.length; i++) {
        if (rs[i] === '\\')
            i++;
        else if (rs[i] === '"')
            return i + 1;
    }
    throw new Error('unterminated string');
}
function allFinite(v) {
    if (typeof v === 'number')
        return Number.isFinite(v);
    if (Array.isArray(v))
        return v.every(allFinite);
    if (v !== null && typeof v === 'object')
        return Object.values(v).every(allFinite);
    return true;
}

;// CONCATENATED MODULE: ./src/values/merge.ts
// computeValues: the `.Values` Helm renders a chart with, from values files and `--set*` flags,
// with the origin of every value. Order as Helm's values.Options.MergeValues: values files in
// order (maps merge, anything else replaces), then --set-json, --set and --set-string whatever
// their order on the command line; then the chart's defaults and its subcharts' underneath.








function computeValues(input) {
    let dialect;
    try {
        dialect = dialect_valuesDialectFor(input.helmVersion ?? input.helmMajor ?? 4);
    }
    catch (e) {
        return { ok: false, problems: [{ severity: 'error', message: e.message }] };
    }
    const problems = [];
    const warnings = [];
    const loaded = loadChart(input.chartDir);
    if (!loaded.ok)
        return {
            ok: false,
            problems: [{ severity: 'error', message: loaded.error, file: input.chartDir }]
        };
    const missing = (loaded.value.dependencies ?? [])
        .map((d) => d.name)
        .filter((n) => !loaded.value.subcharts.some((s) => s.name === n));
    if (missing.length > 0)
        problems.push({
            severity: 'error',
            message: `Chart.yaml lists ${missing.join(', ')} as ${missing.length > 1 ? 'dependencies' : 'a dependency'}, but charts/ has no such chart; run helm dependency build`,
            file: `${input.chartDir}/Chart.yaml`
        });
    const work = toWorkChart(loaded.value, dialect, problems, warnings);
    const user = userValues(input, dialect, problems, warnings);
    if (!work || problems.some((p) => p.severity === 'error'))
        return { ok: false, problems };
    if (dialect.crashesOnNullInList) {
        const found = nullInUserList(user.values) ?? nullInChartList(work);
        if (found)
            return {
                ok: false,
                problems: [
                    {
                        severity: 'error',
                        message: `${helmLabel(dialect)} crashes on a null inside a list (reflect: call of reflect.Value.Set on zero Value); Helm 4.1.1 and later do not`,
                        path: found.path,
                        ...(found.file ? { file: found.file, chartDefault: true } : {})
                    }
                ]
            };
    }
    const notes = [];
    let values;
    try {
        values = new Coalescer(dialect, (m) => notes.push(m)).render(work, user.values);
    }
    catch (e) {
        if (!(e instanceof CoalesceError))
            throw e;
        return { ok: false, problems: [{ severity: 'error', message: e.message }] };
    }
    const chart = chartNode(work, []);
    const index = new values_origins/* OriginIndex */.$F(subchartPaths(chart));
    recordDefaults(index, work, []);
    for (const layer of user.layers)
        layer(index);
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
/** The path of the first null inside a list, if any. */
function nullInList(v, path) {
    if (Array.isArray(v)) {
        for (let i = 0; i < v.length; i++) {
            const found = v[i] === null ? [...path, i] : nullInList(v[i], [...path, i]);
            if (found)
                return found;
        }
    }
    else if ((0,tree/* isMap */.jh)(v))
        for (const [k, x] of Object.entries(v)) {
            const found = nullInList(x, [...path, k]);
            if (found)
                return found;
        }
    return undefined;
}
function nullInUserList(v) {
    const found = nullInList(v, []);
    return found && { path: (0,values_path/* formatPath */.j)(found) };
}
function nullInChartList(c) {
    const own = nullInList(c.values, []);
    if (own)
        return { path: (0,values_path/* formatPath */.j)(own), file: c.loaded.values?.path };
    for (const d of c.dependencies) {
        const found = nullInChartList(d);
        if (found)
            return found;
    }
    return undefined;
}
function toWorkChart(c, dialect, problems, warnings) {
    let values = {};
    let positions;
    if (c.values) {
        const r = readValuesYaml(c.values.text, dialect, { chartDefaults: true });
        const file = c.values.path;
        if (!r.ok) {
            problems.push(...r.problems.map((p) => ({ ...p, file, chartDefault: true })));
            return undefined;
        }
        warnings.push(...r.warnings.map((p) => ({ ...p, file, chartDefault: true })));
        values = r.values;
        positions = r.positions;
    }
    const subcharts = c.subcharts.map((s) => toWorkChart(s, dialect, problems, warnings));
    if (subcharts.some((s) => s === undefined))
        return undefined;
    return {
        name: c.name,
        version: c.version,
        values,
        defaults: values,
        positions,
        metadataDependencies: c.dependencies?.map((d) => ({ ...d, importValues: [...d.importValues], enabled: true })) ??
            null,
        dependencies: subcharts,
        loaded: c
    };
}
function userValues(input, dialect, problems, warnings) {
    let base = {};
    const layers = [];
    for (const { path: file, text } of input.files) {
        const r = readValuesYaml(text, dialect);
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
        base = (0,tree/* mergeMaps */.MT)(base, r.values);
    }
    const flags = [
        ['set-json', input.setJson],
        ['set', input.set],
        ['set-string', input.setString]
    ];
    for (const [flag, items] of flags) {
        for (const item of items) {
            const origin = () => ({ flag, item });
            const trimmed = item.trim();
            if (flag === 'set-json' && !dialect.setJsonObject && trimmed.startsWith('{')) {
                problems.push({
                    severity: 'error',
                    message: 'a whole JSON object needs Helm 4; for Helm 3 write key=<JSON>, for example image={"tag":"1.0"}',
                    flag,
                    item
                });
                continue;
            }
            if (flag === 'set-json' && dialect.setJsonObject && trimmed.startsWith('{')) {
                // Helm 4: a whole JSON object, merged like a values file.
                const parsed = parseJsonObject(trimmed);
                if (typeof parsed === 'string') {
                    problems.push({ severity: 'error', message: parsed, flag, item });
                    continue;
                }
                layers.push((index) => {
                    for (const [k, v] of Object.entries(parsed))
                        index.record([k], v, undefined, origin, false);
                });
                base = (0,tree/* mergeMaps */.MT)(base, parsed);
                continue;
            }
            const sets = [];
            const r = parseStrvalsInto(item, base, {
                flag,
                dialect,
                onSet: (path, value) => sets.push({ path, value })
            });
            if (!r.ok) {
                problems.push({ severity: 'error', message: r.error, flag, item });
                continue;
            }
            layers.push((index) => {
                for (const s of sets) {
                    // Lists on the way (`a[0].b`, `m[1][2]`) are the user's now, in place of the chart's.
                    s.path.forEach((seg, i) => {
                        if (typeof seg === 'number')
                            index.claim(s.path.slice(0, i), origin());
                    });
                    index.record(s.path, s.value, undefined, origin, true);
                }
            });
        }
    }
    return { values: base, layers };
}
function parseJsonObject(text) {
    let parsed;
    try {
        parsed = JSON.parse(text);
    }
    catch (e) {
        return `not a valid JSON object: ${e.message}`;
    }
    if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed))
        return 'not a JSON object';
    return parsed;
}
function chartNode(c, path) {
    return {
        name: c.name,
        path,
        location: c.loaded.location,
        values: c.loaded.values,
        schema: c.loaded.schema,
        subcharts: c.dependencies.map((d) => chartNode(d, [...path, d.name]))
    };
}
function subchartPaths(c) {
    return c.subcharts.flatMap((s) => [s.path, ...subchartPaths(s)]);
}
/** Chart defaults, deepest subcharts first: a parent's values.yaml overrides its subcharts'. */
function recordDefaults(index, c, path) {
    for (const d of c.dependencies)
        recordDefaults(index, d, [...path, d.name]);
    const file = c.loaded.values?.path;
    const positions = c.positions;
    if (!file || !positions)
        return;
    const at = (pos) => ({
        chart: c.name,
        file,
        line: pos?.line ?? 1,
        column: pos?.column ?? 1
    });
    for (const [k, v] of Object.entries(c.defaults))
        index.record([...path, k], v, positions.children?.get(k), at, false);
}
/** `file:line:column: path: message` or `--set item: message`, for logs. */
function formatProblem(p) {
    const where = p.file
        ? `${p.file}${p.line ? `:${p.line}${p.column ? `:${p.column}` : ''}` : ''}`
        : p.flag
            ? `--${p.flag} ${p.item ?? ''}`.trim()
            : '';
    const what = p.path ? `${p.path}: ${p.message}` : p.message;
    const suffix = p.chartDefault ? ' (chart default)' : '';
    return `${where ? `${where}: ` : ''}${what}${suffix}`;
}

;// CONCATENATED MODULE: ./src/values-check.ts



/**
 * Merges the values exactly as Helm will and checks them against the chart's (and subcharts')
 * values.schema.json, before anything is rendered or sent to a cluster. Each problem points at
 * the values file and line that set the value, or names the --set item.
 */
async function checkValues(s) {
    const { config } = s;
    if (config.chart.kind !== 'local')
        return { annotations: [], checked: false, schemas: 0 };
    const files = s.values.files.map((path) => ({ path, text: (0,external_node_fs_.readFileSync)(path, 'utf8') }));
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
    // The JSON Schema engine is loaded only for charts that ship a values.schema.json.
    const problems = [
        ...computed.warnings,
        ...(schemas > 0 ? (await Promise.all(/* import() */[__webpack_require__.e(745), __webpack_require__.e(484)]).then(__webpack_require__.bind(__webpack_require__, 1484))).validateValues(computed) : [])
    ];
    return {
        annotations: problems.map((p) => annotation(p, s.inlineValuesFile)),
        checked: true,
        schemas
    };
}
function countSchemas(chart) {
    return (chart.schema ? 1 : 0) + chart.subcharts.reduce((n, c) => n + countSchemas(c), 0);
}
function annotation(p, inlineValuesFile) {
    const what = p.path ? `${p.path}: ${p.message}` : p.message;
    if (p.file && p.file === inlineValuesFile)
        return { level: p.severity, message: `input "values" line ${p.line ?? '?'}: ${what}` };
    if (p.flag)
        return { level: p.severity, message: `--${p.flag} ${p.item ?? ''}: ${what}` };
    const workspace = process.env.GITHUB_WORKSPACE || process.cwd();
    const file = p.file ? (0,external_node_path_.relative)(workspace, p.file) || p.file : undefined;
    return {
        level: p.severity,
        message: `${what}${p.chartDefault ? ' (chart default)' : ''}`,
        file,
        line: p.line,
        column: p.column
    };
}

;// CONCATENATED MODULE: ./src/validate.ts
// The checks that need no cluster: values against the charts' schemas, helm lint, the offline
// render, the Kubernetes API schemas and deploy safety. Validate mode is only these; plan and
// deploy run them first. helm lint and helm template are independent of each other and of the
// values check, so both start at once and the values are checked while they run.












const newPreflight = () => ({ checks: [], findings: [] });
/**
 * Loads what validate mode will need (the values JSON Schema engine, the Kubernetes schemas it
 * checks against) while the process waits for helm, instead of when the check gets to it.
 */
function warmUp(config) {
    const quiet = (p) => p.catch(() => undefined);
    const loads = [quiet(KubeSchemas.load(pickKubeVersion(config.kubeVersion).version))];
    if (config.chart.kind === 'local' && (0,external_node_fs_.existsSync)((0,external_node_path_.join)(config.chart.path, 'values.schema.json')))
        loads.push(quiet(Promise.all(/* import() */[__webpack_require__.e(745), __webpack_require__.e(484)]).then(__webpack_require__.bind(__webpack_require__, 1484))));
    return Promise.all(loads);
}
const started = new WeakMap();
/** Starts `helm lint` and `helm template` side by side, once per session. */
function startHelmChecks(s) {
    let h = started.get(s);
    if (!h) {
        h = {
            lint: s.helm.try(args/* lintArgs */.Jm(s.chart, s.values, {
                namespace: s.config.namespace,
                kubeVersion: s.config.kubeVersion
            })),
            template: s.helm.try(args/* templateArgs */.gg(s.target, s.chart, s.values, { kubeVersion: s.config.kubeVersion }))
        };
        // Either may never be awaited (the values failed first): that must not be an unhandled
        // rejection. Whoever awaits it still sees the error.
        h.lint.catch(() => undefined);
        h.template.catch(() => undefined);
        started.set(s, h);
    }
    return h;
}
/**
 * `helm lint` with the run's values, as annotations: `[ERROR] templates/x.yaml: …` points at
 * that file of the chart. Lint errors fail the run; warnings are reported.
 */
async function lint(s) {
    return lintAnnotations(s, await startHelmChecks(s).lint);
}
function lintAnnotations(s, r) {
    const lines = `${r.stdout}\n${r.stderr}`.split('\n').map((l) => l.trim());
    const found = [];
    for (const l of lines) {
        const m = /^\[(ERROR|WARNING)\] (?:([^:\s]+): )?(.*)$/.exec(l);
        if (!m)
            continue;
        const file = m[2] && s.config.chart.kind === 'local' && !s.config.chart.packaged
            ? chartFile(s.config.chart.path, m[2])
            : undefined;
        const line = /line (\d+)/.exec(m[3])?.[1];
        found.push({
            level: m[1] === 'ERROR' ? 'error' : 'warning',
            message: `helm lint: ${m[2] ? `${m[2]}: ` : ''}${m[3]}`,
            file,
            line: line ? Number(line) : undefined
        });
    }
    if (r.exitCode !== 0 && !found.some((f) => f.level === 'error'))
        found.push({
            level: 'error',
            message: `helm lint failed: ${(lines.find((l) => l.startsWith('Error:')) ?? lines.join(' ')).slice(0, 500)}`
        });
    return found;
}
function chartFile(chartPath, file) {
    const path = (0,external_node_path_.join)(chartPath, file);
    if (!(0,external_node_fs_.existsSync)(path))
        return undefined;
    return (0,external_node_path_.relative)(process.env.GITHUB_WORKSPACE || process.cwd(), path);
}
/** Renders the chart offline with exactly the values the deploy would use. */
async function render(s) {
    const r = await startHelmChecks(s).template;
    if (r.exitCode !== 0)
        throw new result/* UserError */.y(`helm template could not render ${s.chart.ref}:\n${new helm/* HelmError */.t('template', r).message}`);
    const objects = (0,manifests/* parseManifests */.Ye)(r.stdout);
    return { manifest: r.stdout, objects, images: (0,manifests/* imagesOf */.IC)(objects) };
}
/** The plan as printed in the log: every object the release would hold, grouped by kind. */
function describeObjects(objects) {
    return objectsByKind(objects)
        .sort((x, y) => x.kind.localeCompare(y.kind))
        .map(({ kind, names }) => `${kind}: ${names.join(', ')}`);
}
/** Names per kind, kinds in the order helm rendered them. */
function objectsByKind(objects) {
    const byKind = new Map();
    for (const o of objects)
        byKind.set(o.kind, [...(byKind.get(o.kind) ?? []), (0,manifests/* objectKey */.T5)(o).slice(o.kind.length + 1)]);
    return [...byKind].map(([kind, names]) => ({ kind, names }));
}
/** Reports one finding on the file and line it is about, as GitHub shows annotations. */
function annotate(x) {
    const props = { file: x.file, startLine: x.line, startColumn: x.column };
    if (x.level === 'error')
        core/* error */.z3(x.message, props);
    else
        core/* warning */.$e(x.message, props);
}
const where = (x) => x.file ? `${x.file}${x.line ? `:${x.line}` : ''}` : undefined;
/**
 * What can be checked before anything is rendered: values against the chart's schemas and helm
 * lint. Every problem is reported, and the run fails before any cluster call.
 */
async function checkValuesAndLint(s, p = newPreflight()) {
    const helmChecks = startHelmChecks(s);
    await core/* group */.Os('Validate values', async () => {
        const values = await checkValues(s);
        const valueErrors = values.annotations.filter((x) => x.level === 'error').length;
        p.checks.push({
            name: 'Values',
            outcome: valueErrors > 0 ? 'failed' : 'passed',
            detail: values.checked
                ? `merged as Helm ${s.helm.version} merges them; ${values.schemas > 0 ? `checked against ${values.schemas} values.schema.json file(s)` : 'the chart has no values.schema.json'}${valueErrors > 0 ? `; ${valueErrors} error(s)` : ''}`
                : 'not a local chart: checked by helm template'
        });
        if (!values.checked)
            core/* info */.pq(`Values schema of ${s.chart.ref}: checked by helm template (not a local chart).`);
        const annotations = [...values.annotations];
        for (const x of values.annotations)
            p.findings.push({ severity: x.level, check: 'values', where: where(x), message: x.message });
        if (valueErrors === 0) {
            const linted = lintAnnotations(s, await helmChecks.lint);
            const lintErrors = linted.filter((x) => x.level === 'error').length;
            p.checks.push({
                name: 'helm lint',
                outcome: lintErrors > 0 ? 'failed' : 'passed',
                detail: `${lintErrors} error(s), ${linted.length - lintErrors} warning(s)`
            });
            for (const x of linted)
                p.findings.push({
                    severity: x.level,
                    check: 'helm lint',
                    where: where(x),
                    message: x.message.replace(/^helm lint: /, '')
                });
            annotations.push(...linted);
        }
        else
            p.checks.push({ name: 'helm lint', outcome: 'not run', detail: 'the values failed' });
        annotations.forEach(annotate);
        const errors = annotations.filter((x) => x.level === 'error');
        if (errors.length > 0)
            throw new result/* UserError */.y(`${errors.length} problem(s) in the chart values, nothing was deployed:\n- ${errors.map((e) => (e.file ? `${e.file}${e.line ? `:${e.line}` : ''}: ${e.message}` : e.message)).join('\n- ')}`);
    });
}
/**
 * The offline render, checked against the Kubernetes API schemas of `kubeVersion` (the input, the
 * cluster's, or the newest bundled) and for deploy safety.
 */
async function renderAndCheck(s, clusterVersion, p = newPreflight()) {
    return core/* group */.Os('Render and check manifests', async () => {
        const picked = pickKubeVersion(s.config.kubeVersion ?? clusterVersion);
        // The schemas load while helm template finishes.
        const schemas = KubeSchemas.load(picked.version);
        schemas.catch(() => undefined);
        let rendered;
        try {
            rendered = await render(s);
        }
        catch (e) {
            p.checks.push({ name: 'helm template', outcome: 'failed', detail: 'see the findings' });
            p.findings.push({ severity: 'error', check: 'helm template', message: e.message });
            throw e;
        }
        p.rendered = rendered;
        p.checks.push({
            name: 'helm template',
            outcome: 'passed',
            detail: `${rendered.objects.length} object(s), ${rendered.images.length} image(s)`
        });
        if (picked.note) {
            core/* warning */.$e(picked.note);
            p.findings.push({ severity: 'warning', check: 'Kubernetes API', message: picked.note });
        }
        const api = `Kubernetes ${picked.version} API`;
        const { problems, unchecked } = (await schemas).check(rendered.objects);
        for (const x of problems) {
            core/* error */.z3(`${x.object}: ${x.message}`, { file: sourceFile(s, x.source) });
            p.findings.push({ severity: 'error', check: api, where: x.object, message: x.message });
        }
        if (unchecked.length > 0) {
            const message = `Not in the Kubernetes ${picked.version} schemas (custom resources?): ${unchecked.join(', ')}`;
            core/* info */.pq(message);
            p.findings.push({ severity: 'info', check: api, message });
        }
        p.checks.push({
            name: `${api} schemas`,
            outcome: problems.length > 0 ? 'failed' : 'passed',
            detail: `${problems.length} problem(s)${unchecked.length > 0 ? `; ${unchecked.length} custom kind(s) not checked` : ''}`
        });
        if (problems.length > 0) {
            p.checks.push({ name: 'Deploy safety', outcome: 'not run', detail: 'the schemas failed' });
            throw new result/* UserError */.y(`${problems.length} rendered object problem(s) against the Kubernetes ${picked.version} API, nothing was deployed:\n- ${problems.map((x) => `${x.object}: ${x.message}`).join('\n- ')}`);
        }
        const findings = groupSafetyFindings(safetyFindings(rendered.objects));
        const severity = s.config.strict ? 'error' : 'warning';
        for (const f of findings) {
            const message = `${f.object}: ${f.message}`;
            if (s.config.strict)
                core/* error */.z3(message, { file: sourceFile(s, f.source) });
            else
                core/* warning */.$e(message, { file: sourceFile(s, f.source) });
            p.findings.push({ severity, check: 'deploy safety', where: f.object, message: f.message });
        }
        p.checks.push({
            name: 'Deploy safety',
            outcome: s.config.strict && findings.length > 0 ? 'failed' : 'passed',
            detail: `${findings.length} ${s.config.strict ? 'error' : 'warning'}(s)${s.config.strict ? ' (strict)' : ''}`
        });
        if (s.config.strict && findings.length > 0)
            throw new result/* UserError */.y(`${findings.length} deploy-safety problem(s) and strict is on, nothing was deployed (see the annotations).`);
        core/* info */.pq(`Rendered ${rendered.objects.length} objects: valid against the Kubernetes ${picked.version} API, ${findings.length} safety warning(s).`);
        return rendered;
    });
}
/** `goatflow/templates/x.yaml` (helm's Source comment) as a workspace path, for annotations. */
function sourceFile(s, source) {
    if (!source || s.config.chart.kind !== 'local' || s.config.chart.packaged)
        return undefined;
    const inChart = source.split('/').slice(1).join('/');
    const path = (0,external_node_path_.join)(s.config.chart.path, inChart);
    return (0,external_node_fs_.existsSync)(path)
        ? (0,external_node_path_.relative)(process.env.GITHUB_WORKSPACE || process.cwd(), path)
        : undefined;
}
/** The job summary's data: the run's chart and values, and what the checks found. */
function validateReport(s, p, seconds) {
    const workspace = process.env.GITHUB_WORKSPACE || process.cwd();
    const objects = p.rendered?.objects ?? [];
    const report = {
        release: s.config.release,
        namespace: s.config.namespace,
        // As the user named it: a repository or OCI chart is checked from a pulled copy.
        chart: (0,session/* chartSpec */.Ez)(s.config).ref,
        chartVersion: s.config.chartVersion,
        helmVersion: s.helm.version,
        valuesFiles: s.values.files.map((f) => f === s.inlineValuesFile ? 'input "values"' : (0,external_node_path_.relative)(workspace, f) || f),
        setKeys: setKeys(s.values),
        checks: p.checks,
        findings: p.findings,
        objects: objectsByKind(objects),
        hooks: objects.filter((o) => o.object.metadata?.annotations?.['helm.sh/hook']).length,
        durationSeconds: Math.round(seconds * 10) / 10
    };
    // Findings quote helm and the values engine, which may quote a value: the summary is not a
    // log, so nothing masks it but this.
    const secrets = (0,session/* masksFor */.RM)(s.config);
    const mask = (text) => secrets.reduce((t, secret) => t.split(secret).join(redact/* MASK */.v5), text);
    report.findings = report.findings.map((f) => ({ ...f, message: mask(f.message) }));
    return report;
}
/**
 * The keys the --set flags set (`a.b=1,c=2` → `a.b`, `c`); their values stay out of the
 * summary. A --set-json item holds one key, and its JSON may hold commas.
 */
function setKeys(v) {
    const keyOf = (pair) => pair.slice(0, pair.indexOf('=') < 0 ? undefined : pair.indexOf('='));
    return [
        ...[...v.set, ...v.setString].flatMap((item) => item.split(/(?<!\\),/).map(keyOf)),
        ...v.setJson.map(keyOf)
    ].filter((k) => k !== '');
}


/***/ }),

/***/ 2805:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   $F: () => (/* binding */ OriginIndex),
/* harmony export */   Eb: () => (/* binding */ isChartDefault),
/* harmony export */   RV: () => (/* binding */ isFlag)
/* harmony export */ });
/* harmony import */ var _path_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(5551);
/* harmony import */ var _tree_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(1468);
// Where each value comes from: a line of a values file, a `--set*` item, or a chart's own
// values.yaml. Sources are recorded in Helm's order, each one replacing what it replaces in Helm:
// a scalar, a list or a null replaces everything below it; a map from a file merges; a map set by
// a flag replaces what earlier user sources put there but still merges with chart defaults.


const isChartDefault = (o) => 'chart' in o;
const isFlag = (o) => 'flag' in o;
/** Origins by path, with the nearest-ancestor lookup validation messages need. */
class OriginIndex {
    subchartPaths;
    root = { children: new Map() };
    /** Subchart value paths, whose `global` comes from the top-level `global`. */
    constructor(subchartPaths = []) {
        this.subchartPaths = subchartPaths;
    }
    setSubchartPaths(paths) {
        this.subchartPaths.splice(0, this.subchartPaths.length, ...paths);
    }
    /**
     * Records a value and everything inside it. `userReplaces`: the value replaces what earlier
     * user sources set below it (a `--set*` item), not only what it overrides key by key.
     */
    record(path, value, positions, originAt, userReplaces) {
        const node = this.node(path);
        if (!(0,_tree_js__WEBPACK_IMPORTED_MODULE_0__/* .isMap */ .jh)(value))
            node.children.clear();
        else if (userReplaces)
            clearUser(node);
        node.origin = originAt(positions?.at);
        const entries = Array.isArray(value)
            ? value.map((v, i) => [i, v])
            : (0,_tree_js__WEBPACK_IMPORTED_MODULE_0__/* .isMap */ .jh)(value)
                ? Object.entries(value)
                : [];
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
        if (!node.origin || isChartDefault(node.origin))
            node.origin = origin;
    }
    /** The origin of the value at `path`, or of its nearest recorded ancestor. */
    locate(path) {
        // A subchart's global.x is the top-level global.x wherever the user or parent set that.
        for (const sub of this.subchartPaths) {
            const n = sub.length;
            if (path.length > n + 1 && path[n] === 'global' && sub.every((s, i) => path[i] === s)) {
                const found = this.deepest(['global', ...path.slice(n + 1)], 2);
                if (found)
                    return found;
            }
        }
        return this.deepest(path, 1);
    }
    /** Recorded origins as `path → origin`, user ones and chart defaults apart. */
    flatten() {
        const user = new Map();
        const defaults = new Map();
        const walk = (node, path) => {
            if (node.origin) {
                if (isChartDefault(node.origin))
                    defaults.set((0,_path_js__WEBPACK_IMPORTED_MODULE_1__/* .formatPath */ .j)(path), node.origin);
                else
                    user.set((0,_path_js__WEBPACK_IMPORTED_MODULE_1__/* .formatPath */ .j)(path), node.origin);
            }
            for (const [k, child] of node.children)
                walk(child, [...path, k]);
        };
        walk(this.root, []);
        return { user, defaults };
    }
    deepest(path, minDepth) {
        let node = this.root;
        let found;
        for (let i = 0; i < path.length && node; i++) {
            node = node.children.get(path[i]);
            if (node?.origin && i + 1 >= minDepth)
                found = node.origin;
        }
        return found;
    }
    node(path) {
        let node = this.root;
        for (const s of path) {
            let next = node.children.get(s);
            if (!next) {
                next = { children: new Map() };
                node.children.set(s, next);
            }
            node = next;
        }
        return node;
    }
}
/** Drops what user sources recorded below a node, keeping chart defaults. */
function clearUser(node) {
    for (const [k, child] of node.children) {
        if (child.origin && !isChartDefault(child.origin))
            child.origin = undefined;
        clearUser(child);
        if (!child.origin && child.children.size === 0)
            node.children.delete(k);
    }
}
/** Drops chart defaults below a node, keeping what user sources recorded. */
function clearDefaults(node) {
    for (const [k, child] of node.children) {
        if (child.origin && isChartDefault(child.origin))
            child.origin = undefined;
        clearDefaults(child);
        if (!child.origin && child.children.size === 0)
            node.children.delete(k);
    }
}


/***/ }),

/***/ 5551:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   j: () => (/* binding */ formatPath)
/* harmony export */ });
// A values path in `--set` key syntax: `backend.replicaCount`, `ingress.hosts[0].host`. A key that
// holds `.`, `[` or `\` is escaped with a backslash, as `--set` itself reads it (`a\.b`).
function formatPath(segments) {
    let out = '';
    for (const s of segments) {
        if (typeof s === 'number')
            out += `[${s}]`;
        else {
            const key = s.replace(/[\\.[\]]/g, (c) => `\\${c}`);
            out += out === '' ? key : `.${key}`;
        }
    }
    return out;
}


/***/ }),

/***/ 1468:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   A4: () => (/* binding */ deepCopy),
/* harmony export */   MT: () => (/* binding */ mergeMaps),
/* harmony export */   _T: () => (/* binding */ toJsonData),
/* harmony export */   bp: () => (/* binding */ describeValue),
/* harmony export */   jh: () => (/* binding */ isMap),
/* harmony export */   yJ: () => (/* binding */ put),
/* harmony export */   zy: () => (/* binding */ has)
/* harmony export */ });
/* unused harmony export get */
// Chart values as Helm holds them after its YAML → JSON round trip: maps, lists, strings, bools,
// null and numbers. Numbers from YAML and JSON are float64 in Helm, so a JS number holds them
// exactly; `--set` integers are int64, kept as bigint when a JS number cannot hold them.
const isMap = (v) => v !== null && v !== undefined && typeof v === 'object' && !Array.isArray(v);
/** Own keys only: a values key may be any string, `__proto__` and `constructor` included. */
const has = (m, key) => Object.hasOwn(m, key);
const get = (m, key) => Object.hasOwn(m, key) ? m[key] : undefined;
function put(m, key, value) {
    if (key === '__proto__')
        Object.defineProperty(m, key, { value, writable: true, enumerable: true, configurable: true });
    else
        m[key] = value;
}
function deepCopy(v) {
    if (Array.isArray(v))
        return v.map((x) => deepCopy(x));
    if (isMap(v)) {
        const out = {};
        for (const [k, x] of Object.entries(v))
            put(out, k, deepCopy(x));
        return out;
    }
    return v;
}
/** Helm's `mergeMaps` for values files: maps merge key by key, anything else replaces. */
function mergeMaps(a, b) {
    const out = {};
    for (const [k, v] of Object.entries(a))
        put(out, k, v);
    for (const [k, v] of Object.entries(b)) {
        const existing = get(out, k);
        put(out, k, isMap(v) && isMap(existing) ? mergeMaps(existing, v) : v);
    }
    return out;
}
/** `string "two"`, `number 3`, `list`, `map`, `null`: what a value is, for messages. */
function describeValue(v) {
    if (v === null || v === undefined)
        return 'null';
    if (Array.isArray(v))
        return 'list';
    if (isMap(v))
        return 'map';
    if (typeof v === 'bigint')
        return `number ${v}`;
    const shown = typeof v === 'string' ? JSON.stringify(v.length > 60 ? `${v.slice(0, 57)}...` : v) : String(v);
    return `${typeof v} ${shown}`;
}
/** Plain JSON data for validators that know no bigint. */
function toJsonData(v) {
    if (typeof v === 'bigint')
        return Number(v);
    if (Array.isArray(v))
        return v.map(toJsonData);
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


/***/ })

};

//# sourceMappingURL=570.index.js.map