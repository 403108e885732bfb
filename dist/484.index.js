export const id = 484;
export const ids = [484];
export const modules = {

/***/ 1484:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  validateValues: () => (/* binding */ validateValues)
});

// EXTERNAL MODULE: ./node_modules/ajv/dist/ajv.js
var dist_ajv = __webpack_require__(2463);
// EXTERNAL MODULE: ./node_modules/ajv/dist/2019.js
var _2019 = __webpack_require__(878);
// EXTERNAL MODULE: ./node_modules/ajv/dist/2020.js
var _2020 = __webpack_require__(2210);
// EXTERNAL MODULE: ./node_modules/ajv-formats/dist/index.js
var dist = __webpack_require__(2815);
var dist_default = /*#__PURE__*/__webpack_require__.n(dist);
;// CONCATENATED MODULE: ./src/values/schema-draft07.ts
// Draft-04, draft-06, draft-07 (and gojsonschema's hybrid of them) schemas rewritten so that
// Ajv's draft-07 validator reads them as Helm's validators do. Hand-written because no library
// does this translation: Ajv 8 applies the siblings of a `$ref` in every draft, while before
// 2019-09 they are ignored (gojsonschema and santhosh-tekuri/jsonschema v6 alike), and Ajv knows
// neither draft-04's `id` and boolean exclusiveMaximum/exclusiveMinimum nor the keywords a draft
// does not have yet.
//
// Ignored keywords are not deleted but renamed (IGNORED + name), and every JSON-pointer `$ref`
// that passes through one is rewritten to the new name: a `$ref` may point anywhere in the
// document, into `$defs` next to a root `$ref` (charts generated from Go types do exactly that) or
// into the `properties` of another schema, and Helm's validators follow such pointers into the
// raw document. Only schemas Helm would evaluate are rewritten: those under schema keywords and
// those a `$ref` reaches (by pointer, `$id` or a draft-06/07 `#name` anchor).
/** Prefix of a keyword Helm's validator ignores in this place (Ajv ignores unknown keywords). */
const IGNORED = 'x-values-ignored:';
// Keywords whose value is a schema, a list of schemas, or a map of names to schemas (draft-07).
const SCHEMA_KEYWORDS = new Set([
    'additionalItems',
    'additionalProperties',
    'contains',
    'propertyNames',
    'not',
    'if',
    'then',
    'else',
    'items'
]);
const SCHEMA_LIST_KEYWORDS = new Set(['allOf', 'anyOf', 'oneOf', 'items']);
const SCHEMA_MAP_KEYWORDS = new Set(['properties', 'patternProperties', 'definitions']);
/** Keywords a draft does not have: its validators ignore them. */
const NOT_IN_DRAFT = {
    'draft-06': ['if', 'then', 'else'],
    'draft-04': ['if', 'then', 'else', 'const', 'contains', 'propertyNames']
};
/** Where a document without `$id` lives, so that relative `$id`s and `$ref`s resolve. */
const DEFAULT_BASE = 'https://values-schema.invalid/values.schema.json';
const isObj = (v) => v !== null && typeof v === 'object' && !Array.isArray(v);
function resolveUri(ref, base) {
    try {
        return new URL(ref, base).href;
    }
    catch {
        return undefined;
    }
}
const withoutFragment = (uri) => uri.replace(/#.*$/, '');
function decodeSegment(raw) {
    try {
        return decodeURIComponent(raw).replace(/~1/g, '/').replace(/~0/g, '~');
    }
    catch {
        return undefined;
    }
}
const encodeSegment = (key) => key.replace(/~/g, '~0').replace(/\//g, '~1');
function toDraft07(root, draft) {
    const dropped = new Set(NOT_IN_DRAFT[draft] ?? []);
    const oldForms = draft === 'draft-04' || draft === 'hybrid';
    const idOf = (o) => {
        // Next to a `$ref`, `$id` is ignored like every other sibling.
        if (typeof o.$ref === 'string')
            return undefined;
        const id = o.$id ?? (oldForms ? o.id : undefined);
        return typeof id === 'string' ? id : undefined;
    };
    // Pass 1: every `$id` (and `#name` anchor) of the raw document, by absolute URI, and the base
    // URI each object sits under.
    const resources = new Map();
    const baseOf = new Map();
    const index = (v, base) => {
        if (Array.isArray(v))
            return v.forEach((x) => index(x, base));
        if (!isObj(v))
            return;
        const id = idOf(v);
        const uri = id === undefined ? undefined : resolveUri(id, base);
        if (uri !== undefined) {
            if (id?.startsWith('#'))
                resources.set(uri, v);
            else {
                base = withoutFragment(uri);
                resources.set(base, v);
            }
        }
        baseOf.set(v, base);
        for (const x of Object.values(v))
            index(x, base);
    };
    const rootBase = idOf(root) ?? '';
    index(root, resolveUri(rootBase, DEFAULT_BASE) ?? DEFAULT_BASE);
    if (!resources.has(withoutFragment(baseOf.get(root) ?? DEFAULT_BASE)))
        resources.set(withoutFragment(baseOf.get(root) ?? DEFAULT_BASE), root);
    /** Keys of a schema its validator ignores here. */
    const ignoredKeys = (o) => new Set(typeof o.$ref === 'string'
        ? Object.keys(o).filter((k) => k !== '$ref')
        : Object.keys(o).filter((k) => dropped.has(k)));
    /** The node a `$ref` leads to, walked in the raw document, with the pointer's segments. */
    const target = (ref, from) => {
        const uri = resolveUri(ref, baseOf.get(from) ?? DEFAULT_BASE);
        if (uri === undefined)
            return undefined;
        const hash = uri.indexOf('#');
        const fragment = hash < 0 ? '' : uri.slice(hash + 1);
        if (fragment !== '' && !fragment.startsWith('/')) {
            const anchored = resources.get(uri);
            return anchored && { node: anchored, resource: anchored, segments: [] };
        }
        const resource = resources.get(withoutFragment(uri));
        if (!resource)
            return undefined;
        const segments = fragment === '' ? [] : fragment.slice(1).split('/');
        let node = resource;
        for (const raw of segments) {
            const key = decodeSegment(raw);
            if (key === undefined)
                return undefined;
            if (Array.isArray(node) && /^\d+$/.test(key))
                node = node[Number(key)];
            else if (isObj(node) && Object.hasOwn(node, key))
                node = node[key];
            else
                return undefined;
        }
        return { node, resource, segments };
    };
    // Pass 2: the schemas the validator evaluates, from the root and through every `$ref`.
    const schemas = new Set();
    const visit = (v) => {
        if (!isObj(v) || schemas.has(v))
            return;
        schemas.add(v);
        const ignored = ignoredKeys(v);
        for (const [k, x] of Object.entries(v)) {
            if (ignored.has(k))
                continue;
            if (SCHEMA_MAP_KEYWORDS.has(k) && isObj(x))
                Object.values(x).forEach(visit);
            else if (k === 'dependencies' && isObj(x))
                Object.values(x).forEach(visit);
            else if (SCHEMA_LIST_KEYWORDS.has(k) && Array.isArray(x))
                x.forEach(visit);
            else if (SCHEMA_KEYWORDS.has(k))
                visit(x);
        }
        if (typeof v.$ref === 'string')
            visit(target(v.$ref, v)?.node);
    };
    visit(root);
    /** A `$ref` whose pointer passes through renamed keys, spelled with the new names. */
    const rewriteRef = (ref, from) => {
        const hash = ref.indexOf('#');
        if (hash < 0 || !ref.slice(hash + 1).startsWith('/'))
            return ref;
        const found = target(ref, from);
        if (!found)
            return ref;
        let node = found.resource;
        const out = [];
        for (const raw of found.segments) {
            const key = decodeSegment(raw) ?? raw;
            const renamed = isObj(node) && schemas.has(node) && ignoredKeys(node).has(key);
            out.push(renamed ? encodeSegment(IGNORED + key) : raw);
            node = Array.isArray(node) ? node[Number(key)] : isObj(node) ? node[key] : undefined;
        }
        return `${ref.slice(0, hash)}#/${out.join('/')}`;
    };
    const copy = (v) => {
        if (Array.isArray(v))
            return v.map(copy);
        if (!isObj(v))
            return v;
        if (!schemas.has(v))
            return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, copy(x)]));
        const ignored = ignoredKeys(v);
        const out = {};
        for (const [k, x] of Object.entries(v))
            out[ignored.has(k) ? IGNORED + k : k] = copy(x);
        if (typeof out.$ref === 'string')
            out.$ref = rewriteRef(out.$ref, v);
        if (oldForms) {
            for (const [flag, bound] of [
                ['exclusiveMaximum', 'maximum'],
                ['exclusiveMinimum', 'minimum']
            ]) {
                if (typeof out[flag] !== 'boolean')
                    continue;
                if (out[flag] && typeof out[bound] === 'number') {
                    out[flag] = out[bound];
                    delete out[bound];
                }
                else
                    delete out[flag];
            }
            if (typeof out.id === 'string' && out.$id === undefined) {
                out.$id = out.id;
                delete out.id;
            }
        }
        return out;
    };
    return copy(root);
}

// EXTERNAL MODULE: ./src/values/origins.ts
var origins = __webpack_require__(2805);
// EXTERNAL MODULE: ./src/values/path.ts
var values_path = __webpack_require__(5551);
// EXTERNAL MODULE: ./src/values/tree.ts
var tree = __webpack_require__(1468);
;// CONCATENATED MODULE: ./src/values/schema.ts
// Validates computed values against the chart's values.schema.json and each enabled subchart's
// (on that subchart's part of the values, `global` included), as Helm's ValidateAgainstSchema
// does before rendering, and says for every violation where the offending value was set.
//
// The rules are those of the Helm release the values were computed for (ComputedValues.dialect):
// - santhosh-tekuri/jsonschema v6 (Helm 4, Helm 3 from v3.18.5): the draft of `$schema`, 2020-12
//   when there is none; formats are checked for draft-07 and older only, annotations after.
// - gojsonschema (Helm 3 before v3.18.5): draft-04/06/07 by `$schema` (http URLs only), else a
//   hybrid of them, a 2019-09 or 2020-12 schema included (their keywords ignored); formats are
//   checked in every draft.
// Before 2019-09, the siblings of a `$ref` are ignored. Remote $refs and meta-schemas are not
// fetched; a `urn:` that cannot be resolved is `true` where Helm does that (v3.19.1+, v4.1.0+).








// ajv-formats is CommonJS: its plugin is module.exports and module.exports.default alike.
const addFormats = ((dist_default())["default"] ??
    (dist_default()));
function validateValues(computed) {
    const problems = [];
    const visit = (chart) => {
        if (chart.schema) {
            const data = valueAt(computed.values, chart.path);
            if ((0,tree/* isMap */.jh)(data))
                problems.push(...checkChart(chart, data, computed));
            else if (data !== undefined && data !== null)
                problems.push({
                    severity: 'error',
                    path: (0,values_path/* formatPath */.j)(chart.path),
                    message: `must be a map of values for subchart ${chart.name}`,
                    ...where(computed, chart.path)
                });
        }
        chart.subcharts.forEach(visit);
    };
    visit(computed.chart);
    return problems;
}
/**
 * The draft a validator reads a schema by: its `$schema`, else 2020-12 (jsonschema v6) or
 * gojsonschema's hybrid of draft-04 to draft-07. `{ unknown }` for a meta-schema jsonschema v6
 * would have to fetch.
 */
function draftOf(schema, validator) {
    if (typeof schema !== 'string')
        return validator === 'gojsonschema' ? 'hybrid' : '2020-12';
    if (validator === 'gojsonschema') {
        // gojsonschema knows the three http URLs of its drafts, with or without the empty fragment.
        const m = /^http:\/\/json-schema\.org\/draft-0([467])\/schema#?$/.exec(schema);
        return m ? `draft-0${m[1]}` : 'hybrid';
    }
    // jsonschema v6 (draftFromURL): http or https; another json-schema.org URL is one of its
    // embedded meta-schemas, whose own $schema names the draft.
    const m = /^https?:\/\/json-schema\.org\/(schema|draft\/2020-12\/schema|draft\/2019-09\/schema|draft-0[467]\/schema)(#.*)?$/.exec(schema);
    if (!m)
        return { unknown: schema };
    if (m[1] === 'schema' || m[1].includes('2020-12'))
        return '2020-12';
    if (m[1].includes('2019-09'))
        return '2019-09';
    return m[1].slice(0, 8);
}
function compile(file, text, dialect) {
    const problem = (message) => ({
        ok: false,
        problem: { severity: 'error', message, file }
    });
    const name = file.split(/[\\/]/).pop() ?? file;
    let schema;
    try {
        schema = JSON.parse(text);
    }
    catch (e) {
        return problem(`${name} is not valid JSON: ${e.message}`);
    }
    if (typeof schema === 'boolean')
        schema = schema ? {} : { not: {} };
    if (schema === null || typeof schema !== 'object' || Array.isArray(schema))
        return problem(`${name} is not a JSON Schema: its top level must be an object`);
    let root = { ...schema };
    const draft = draftOf(root.$schema, dialect.schemaValidator);
    if (typeof draft !== 'string')
        return problem(`${name} names ${draft.unknown} as its meta-schema ($schema), which is not fetched here; Helm downloads it, so the values were not checked`);
    // inlineRefs false: a circular $ref then fails only where the values reach it, as in Helm.
    // code.optimize false: each schema is compiled for one validation, and ajv's pass that tidies
    // the generated code took longer than the validation it speeds up.
    const options = {
        strict: false,
        allErrors: true,
        verbose: true,
        logger: false,
        inlineRefs: false,
        code: { optimize: false }
    };
    let ajv;
    if (draft === '2020-12')
        ajv = new _2020.Ajv2020({ ...options, validateFormats: false });
    else if (draft === '2019-09')
        ajv = new _2019.Ajv2019({ ...options, validateFormats: false });
    else {
        // Older drafts by the draft-07 rules, with what differs translated; formats are checked.
        delete root.$schema;
        root = toDraft07(root, draft);
        ajv = new dist_ajv.Ajv(options);
    }
    addFormats(ajv);
    root = breakRefCycles(root);
    // v3.19.1+ and v4.1.0+: a `urn:` Helm cannot resolve is the schema `true`.
    if (dialect.urnRefsPermissive)
        for (const urn of unresolvedUrns(root))
            ajv.addSchema(true, urn);
    try {
        return { ok: true, validate: ajv.compile(root) };
    }
    catch (e) {
        const err = e;
        if (err.missingRef !== undefined) {
            const remote = /^https?:/.test(err.missingRef);
            return problem(remote
                ? `${name} refers to ${err.missingRef} ($ref), which is not fetched here; the values it describes were not checked`
                : `${name} has a $ref that points nowhere: ${err.missingRef}`);
        }
        if (err instanceof RangeError)
            return problem(`${name} has a circular $ref (a $ref that leads back to itself)`);
        return problem(`${name} is not a valid JSON Schema: ${err.message}`);
    }
}
/** Marks the stand-in for a $ref that leads back to itself (see breakRefCycles). */
const CIRCULAR = 'values: a $ref that leads back to itself';
/**
 * The schema with every `$ref` on a loop of `$ref`s (`a` → `b` → `a`) replaced by a schema that
 * fails with CIRCULAR. Helm's validators fail on such a loop only where the values reach it (a
 * stack overflow in gojsonschema, a loop error in jsonschema v6); Ajv would not compile it.
 */
function breakRefCycles(root) {
    const resolve = (ref) => {
        if (ref === '#')
            return root;
        if (!ref.startsWith('#/'))
            return undefined;
        let cur = root;
        for (const raw of ref.slice(2).split('/')) {
            if (cur === null || typeof cur !== 'object')
                return undefined;
            let key;
            try {
                key = decodeURIComponent(raw).replace(/~1/g, '/').replace(/~0/g, '~');
            }
            catch {
                return undefined;
            }
            cur = Object.hasOwn(cur, key) ? cur[key] : undefined;
        }
        return cur;
    };
    const refOf = (v) => v !== null && typeof v === 'object' && !Array.isArray(v)
        ? typeof v.$ref === 'string'
            ? v.$ref
            : undefined
        : undefined;
    const looping = new Set();
    const find = (v) => {
        if (v === null || typeof v !== 'object')
            return;
        if (Array.isArray(v))
            return v.forEach(find);
        const chain = [];
        let cur = v;
        for (let ref = refOf(cur); ref !== undefined; ref = refOf(cur)) {
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
    if (looping.size === 0)
        return root;
    const copy = (v) => {
        if (looping.has(v))
            return { $comment: CIRCULAR, not: {} };
        if (v === null || typeof v !== 'object')
            return v;
        if (Array.isArray(v))
            return v.map(copy);
        return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, copy(x)]));
    };
    return copy(root);
}
/** `urn:` $refs (without fragment) that no `$id` in the schema declares. */
function unresolvedUrns(root) {
    const refs = new Set();
    const ids = new Set();
    const walk = (v) => {
        if (Array.isArray(v))
            return v.forEach(walk);
        if (v === null || typeof v !== 'object')
            return;
        const o = v;
        if (typeof o.$ref === 'string' && o.$ref.startsWith('urn:') && !o.$ref.includes('#'))
            refs.add(o.$ref);
        for (const id of [o.$id, o.id])
            if (typeof id === 'string')
                ids.add(id.replace(/#$/, ''));
        Object.values(o).forEach(walk);
    };
    walk(root);
    return [...refs].filter((r) => !ids.has(r));
}
function checkChart(chart, data, computed) {
    const schema = chart.schema;
    if (!schema)
        return [];
    const compiled = compile(schema.path, schema.text, computed.dialect);
    if (!compiled.ok)
        return [compiled.problem];
    const json = (0,tree/* toJsonData */._T)(data);
    try {
        if (compiled.validate(json))
            return [];
    }
    catch (e) {
        if (e instanceof RangeError)
            return [
                {
                    severity: 'error',
                    message: `${schema.path.split(/[\\/]/).pop()} has a circular $ref (a $ref that leads back to itself)`,
                    file: schema.path
                }
            ];
        throw e;
    }
    const errors = relevant(compiled.validate.errors ?? []);
    const seen = new Set();
    const problems = [];
    const name = schema.path.split(/[\\/]/).pop() ?? schema.path;
    for (const e of errors) {
        if (e.parentSchema?.$comment === CIRCULAR) {
            const path = (0,values_path/* formatPath */.j)([...chart.path, ...pointerToPath(e.instancePath, json)]);
            const message = `${name} has a circular $ref here (a $ref that leads back to itself), which Helm cannot check`;
            if (seen.has(`${path}\n${message}`))
                continue;
            seen.add(`${path}\n${message}`);
            problems.push({ severity: 'error', path, message, file: schema.path });
            continue;
        }
        const { segments, message } = describe(e, json);
        const path = [...chart.path, ...segments];
        // A missing property may be missing because the user set it to null: look there first.
        const missing = e.keyword === 'required' ? String(e.params.missingProperty) : undefined;
        const p = {
            severity: 'error',
            path: (0,values_path/* formatPath */.j)(path),
            message,
            ...where(computed, missing === undefined ? path : [...path, missing])
        };
        const key = `${p.path}\n${p.message}`;
        if (seen.has(key))
            continue;
        seen.add(key);
        problems.push(p);
    }
    return problems;
}
/** Drops the noise of combinators: what failed inside anyOf/oneOf branches, `if` markers. */
function relevant(errors) {
    const combinators = errors.filter((e) => e.keyword === 'anyOf' || e.keyword === 'oneOf');
    return errors.filter((e) => e.keyword !== 'if' &&
        !combinators.some((c) => c !== e && e.schemaPath.startsWith(`${c.schemaPath}/`)));
}
function describe(e, root) {
    const segments = pointerToPath(e.instancePath, root);
    const got = `(got ${describeJson(e.data)})`;
    const p = e.params;
    switch (e.keyword) {
        case 'type': {
            const types = Array.isArray(p.type) ? p.type : String(p.type).split(',');
            return { segments, message: `must be ${types.join(' or ')} ${got}` };
        }
        case 'enum': {
            const allowed = p.allowedValues.map((v) => JSON.stringify(v)).join(', ');
            return { segments, message: `must be one of ${allowed} ${got}` };
        }
        case 'const':
            return { segments, message: `must be ${JSON.stringify(p.allowedValue)} ${got}` };
        case 'required':
            return { segments, message: `must have the property "${String(p.missingProperty)}"` };
        case 'additionalProperties':
            return {
                segments: [...segments, String(p.additionalProperty)],
                message: 'is not a property the schema allows here (additionalProperties is false)'
            };
        case 'unevaluatedProperties':
            return {
                segments: [...segments, String(p.unevaluatedProperty)],
                message: 'is not a property the schema allows here (unevaluatedProperties is false)'
            };
        case 'pattern':
            return { segments, message: `must match the pattern ${String(p.pattern)} ${got}` };
        case 'format':
            return { segments, message: `must be a valid ${String(p.format)} ${got}` };
        case 'anyOf':
        case 'oneOf':
            return {
                segments,
                message: `must match ${e.keyword === 'anyOf' ? 'at least one' : 'exactly one'} of the forms the schema allows (${e.keyword}) ${got}`
            };
        case 'false schema':
            return { segments, message: 'is not allowed here (the schema is false)' };
        case 'not':
            return { segments, message: `must not match the schema under "not" ${got}` };
        default:
            return { segments, message: `${e.message ?? 'is invalid'} ${got}` };
    }
}
function describeJson(v) {
    if (v === null || v === undefined)
        return 'null';
    if (Array.isArray(v))
        return `array of ${v.length}`;
    if (typeof v === 'object')
        return 'object';
    if (typeof v === 'string')
        return `string ${JSON.stringify(v.length > 60 ? `${v.slice(0, 57)}...` : v)}`;
    return `${typeof v} ${String(v)}`;
}
/** `/backend/hosts/0` → ['backend', 'hosts', 0], indexes where the data has lists. */
function pointerToPath(pointer, root) {
    if (pointer === '')
        return [];
    const out = [];
    let cur = root;
    for (const raw of pointer.slice(1).split('/')) {
        const key = raw.replace(/~1/g, '/').replace(/~0/g, '~');
        if (Array.isArray(cur) && /^\d+$/.test(key)) {
            out.push(Number(key));
            cur = cur[Number(key)];
        }
        else {
            out.push(key);
            cur =
                cur !== null && typeof cur === 'object' && Object.hasOwn(cur, key)
                    ? cur[key]
                    : undefined;
        }
    }
    return out;
}
function valueAt(root, path) {
    let cur = root;
    for (const s of path) {
        if (typeof s === 'number')
            cur = Array.isArray(cur) ? cur[s] : undefined;
        else
            cur = (0,tree/* isMap */.jh)(cur) && Object.hasOwn(cur, s) ? cur[s] : undefined;
    }
    return cur;
}
/** Where a value was set, as problem fields. */
function where(computed, path) {
    const origin = computed.index.locate(path);
    if (!origin)
        return {};
    if ((0,origins/* isFlag */.RV)(origin))
        return { flag: origin.flag, item: origin.item };
    const at = { file: origin.file, line: origin.line, column: origin.column };
    return (0,origins/* isChartDefault */.Eb)(origin) ? { ...at, chartDefault: true } : at;
}


/***/ })

};

//# sourceMappingURL=484.index.js.map