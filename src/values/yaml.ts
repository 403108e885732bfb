// Values files read as Helm reads them: sigs.k8s.io/yaml, that is go-yaml v2 (YAML 1.1 scalars:
// `yes`/`on`/`y` are booleans, `0777` is octal, `1_000` is 1000, a key `y:` becomes "true") and a
// JSON round trip (every number becomes a float64, .inf and .nan are errors). The parser is
// `yaml` for its positions; the scalar typing below is go-yaml v2's resolve(), not yaml's.

import {
  isAlias,
  isMap as isYamlMap,
  isScalar,
  isSeq,
  LineCounter,
  parseAllDocuments,
  type Document,
  type Scalar,
  type YAMLMap
} from 'yaml'
import type { ValuesDialect } from './dialect.js'
import type { PathSegment } from './path.js'
import { has, isMap, put, type Value, type ValuesMap } from './tree.js'

export interface Position {
  /** 1-based. */
  line: number
  /** 1-based. */
  column: number
}

/** Where each value of a document was written: a map entry at its key, a list item at the item. */
export interface PositionTree {
  at: Position
  children?: Map<PathSegment, PositionTree>
}

export interface YamlProblem {
  severity: 'error' | 'warning'
  message: string
  line?: number
  column?: number
}

export type ReadValuesResult =
  | { ok: true; values: ValuesMap; positions: PositionTree; warnings: YamlProblem[] }
  | { ok: false; problems: YamlProblem[] }

class YamlError extends Error {
  constructor(
    message: string,
    readonly at?: Position
  ) {
    super(message)
  }
}

export interface ReadValuesOptions {
  /** A chart's values.yaml (some releases read it unlike a user's values file). */
  chartDefaults?: boolean
}

/** k8s.io's LineReader reads through a bufio.Reader of this size. */
const LINE_READER_BUFFER = 4096

/**
 * A values file as a map, with the position of every value. Helm 4 merges all `---` documents
 * (as k8s.io's YAMLReader splits them); Helm 3 reads the first one only.
 */
export function readValuesYaml(
  text: string,
  dialect: ValuesDialect,
  options: ReadValuesOptions = {}
): ReadValuesResult {
  const warnings: YamlProblem[] = []
  const start: Position = { line: 1, column: 1 }
  let values: ValuesMap = {}
  let positions: PositionTree = { at: start }
  if (dialect.allDocuments && dialect.dropsLastLineAtBufferEdge) {
    const cut = text.lastIndexOf('\n') + 1
    const last = text.slice(cut)
    const bytes = Buffer.byteLength(last)
    if (bytes > 0 && bytes % LINE_READER_BUFFER === 0 && !last.startsWith('---')) {
      warnings.push({
        severity: 'warning',
        message: `the last line has no line end and is ${bytes} bytes long, a multiple of ${LINE_READER_BUFFER}: Helm before 4.3.0 loses it (end the file with a line break)`,
        line: text.slice(0, cut).split('\n').length,
        column: 1
      })
      text = text.slice(0, cut)
    }
  }
  const exactIntegers = dialect.exactChartIntegers && options.chartDefaults === true
  const chunks = dialect.allDocuments ? splitDocuments(text) : [{ text, startLine: 0 }]
  if ('error' in chunks) return { ok: false, problems: [chunks.error] }
  for (const chunk of chunks) {
    // Leading newlines keep line numbers those of the whole file.
    const source = '\n'.repeat(chunk.startLine) + chunk.text
    const lineCounter = new LineCounter()
    const docs = parseAllDocuments(source, {
      version: '1.1',
      schema: 'failsafe',
      merge: false,
      uniqueKeys: false,
      prettyErrors: false,
      lineCounter
    })
    const all = Array.isArray(docs) ? docs : []
    const ignored = dialect.allDocuments ? [] : all.slice(1).filter((d) => d.contents !== null)
    if (ignored.length > 0) {
      const { line, col } = lineCounter.linePos(ignored[0].range[0])
      warnings.push({
        severity: 'warning',
        message: `${ignored.length + 1} YAML documents: Helm 3 reads only the first one (Helm 4 merges them all)`,
        line,
        column: col
      })
    }
    const doc = all[0]
    if (!doc) continue
    if (doc.errors.length > 0)
      return {
        ok: false,
        problems: doc.errors.map((e) => {
          const message = e.message.split('\n')[0]
          // An unclosed quote is noticed at the end of the file; point at where it opens.
          const quote =
            e.code === 'MISSING_CHAR' ? /closing (["'])quote/.exec(message)?.[1] : undefined
          const opened = quote ? openingQuote(source, e.pos[0], quote) : -1
          const { line, col } = lineCounter.linePos(opened >= 0 ? opened : e.pos[0])
          return {
            severity: 'error' as const,
            message:
              opened >= 0
                ? `invalid YAML: the ${quote === '"' ? 'double' : 'single'} quote opened here is never closed`
                : `invalid YAML: ${message}`,
            line,
            column: col
          }
        })
      }
    try {
      const converted = new Converter(doc, lineCounter, warnings, exactIntegers).top()
      ;({ values, positions } = mergeLocated(
        values,
        positions,
        converted.values,
        converted.positions
      ))
    } catch (e) {
      if (!(e instanceof YamlError)) throw e
      return {
        ok: false,
        problems: [{ severity: 'error', message: e.message, ...(e.at ?? {}) }]
      }
    }
  }
  return { ok: true, values, positions, warnings }
}

/** Offset of the quote that opens an unclosed quoted scalar ending at `end`, or -1. */
function openingQuote(text: string, end: number, quote: string): number {
  for (let i = Math.min(end, text.length) - 1; i >= 0; i--) {
    if (text[i] !== quote) continue
    if (quote === '"' && text[i - 1] === '\\') continue
    if (quote === "'" && (text[i - 1] === "'" || text[i + 1] === "'")) {
      i--
      continue
    }
    return i
  }
  return -1
}

/** k8s.io/apimachinery YAMLReader: a line starting with `---` ends a document. */
function splitDocuments(
  text: string
): Array<{ text: string; startLine: number }> | { error: YamlProblem } {
  const lines = text.split(/(?<=\n)/)
  const chunks: Array<{ text: string; startLine: number }> = []
  let current = ''
  let startLine = 0
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]
    if (!line.startsWith('---')) {
      if (current === '') startLine = i
      current += line
      continue
    }
    const rest = line.slice(3).trim()
    // The `---` a directive needs is taken as a document break, so the directive stands alone.
    const directive = current.split('\n').findIndex((l) => l.startsWith('%'))
    if (directive >= 0)
      return {
        error: {
          severity: 'error',
          message:
            'a %YAML or %TAG directive breaks Helm 4, which splits documents at --- before parsing (did not find expected <document start>)',
          line: startLine + directive + 1,
          column: 1
        }
      }
    if (rest !== '' && !rest.startsWith('#'))
      return {
        error: {
          severity: 'error',
          message: `invalid document separator "${line.trimEnd()}": Helm 4 allows only a comment after ---`,
          line: i + 1,
          column: 1
        }
      }
    if (current !== '') chunks.push({ text: current, startLine })
    current = ''
  }
  if (current !== '') chunks.push({ text: current, startLine })
  return chunks
}

/** Helm's MergeMaps, carrying positions along. */
function mergeLocated(
  a: ValuesMap,
  aPos: PositionTree,
  b: ValuesMap,
  bPos: PositionTree
): { values: ValuesMap; positions: PositionTree } {
  const values: ValuesMap = {}
  const children = new Map(aPos.children)
  for (const [k, v] of Object.entries(a)) put(values, k, v)
  for (const [k, v] of Object.entries(b)) {
    const existing = has(values, k) ? values[k] : undefined
    const bChild = bPos.children?.get(k) ?? { at: bPos.at }
    if (isMap(v) && isMap(existing)) {
      const merged = mergeLocated(existing, children.get(k) ?? { at: bChild.at }, v, bChild)
      put(values, k, merged.values)
      children.set(k, { at: bChild.at, children: merged.positions.children })
    } else {
      put(values, k, v)
      children.set(k, bChild)
    }
  }
  return { values, positions: { at: aPos.at, children } }
}

// ---- go-yaml v2 scalar resolution (resolve.go) ----------------------------------------------

const TAG = 'tag:yaml.org,2002:'
const STR = `${TAG}str`
const BOOL = `${TAG}bool`
const INT = `${TAG}int`
const FLOAT = `${TAG}float`
const NULL = `${TAG}null`
const TIMESTAMP = `${TAG}timestamp`
const BINARY = `${TAG}binary`
const MERGE = `${TAG}merge`
const RESOLVABLE = new Set(['', STR, BOOL, INT, FLOAT, NULL, TIMESTAMP])

type GoScalar =
  | { tag: typeof NULL }
  | { tag: typeof BOOL; v: boolean }
  | { tag: typeof INT; v: bigint; unsigned?: true }
  | { tag: typeof FLOAT; v: number }
  | { tag: typeof STR; v: string }
  | { tag: typeof TIMESTAMP; v: string }

const RESOLVE_MAP = new Map<string, GoScalar>()
for (const [value, words] of [
  [true, ['y', 'Y', 'yes', 'Yes', 'YES', 'true', 'True', 'TRUE', 'on', 'On', 'ON']],
  [false, ['n', 'N', 'no', 'No', 'NO', 'false', 'False', 'FALSE', 'off', 'Off', 'OFF']]
] as const)
  for (const w of words) RESOLVE_MAP.set(w, { tag: BOOL, v: value })
for (const w of ['', '~', 'null', 'Null', 'NULL']) RESOLVE_MAP.set(w, { tag: NULL })
for (const [v, words] of [
  [NaN, ['.nan', '.NaN', '.NAN']],
  [Infinity, ['.inf', '.Inf', '.INF', '+.inf', '+.Inf', '+.INF']],
  [-Infinity, ['-.inf', '-.Inf', '-.INF']]
] as const)
  for (const w of words) RESOLVE_MAP.set(w, { tag: FLOAT, v })

const YAML_STYLE_FLOAT = /^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$/
const TIMESTAMP_LIKE =
  /^[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}([Tt ][0-9]{1,2}:[0-9]{1,2}:[0-9]{1,2}(\.[0-9]*)?(Z|[+-][0-9]{2}:[0-9]{2})?)?$/
const INT64_MIN = -(2n ** 63n)
const INT64_MAX = 2n ** 63n - 1n
const UINT64_MAX = 2n ** 64n - 1n

const shortTag = (tag: string): string => (tag.startsWith(TAG) ? `!!${tag.slice(TAG.length)}` : tag)

function hintOf(input: string): string | undefined {
  if (input === '') return 'N'
  const c = input[0]
  if (c === '+' || c === '-') return 'S'
  if (c >= '0' && c <= '9') return 'D'
  if ('yYnNtTfFoO~'.includes(c)) return 'M'
  if (c === '.') return '.'
  return undefined
}

/** strconv.ParseUint / ParseInt with base 0 (0x, 0o, 0b and leading-0 octal prefixes). */
function parseGoInt(s: string, signed: boolean): bigint | undefined {
  let neg = false
  if (signed && (s[0] === '+' || s[0] === '-')) {
    neg = s[0] === '-'
    s = s.slice(1)
  }
  if (s === '') return undefined
  let base = 10
  let digits = s
  if (s[0] === '0') {
    const p = s[1]?.toLowerCase()
    if (s.length >= 3 && (p === 'b' || p === 'o' || p === 'x')) {
      base = p === 'b' ? 2 : p === 'o' ? 8 : 16
      digits = s.slice(2)
    } else {
      base = 8
      digits = s.slice(1)
    }
  }
  const valid = { 2: /^[01]*$/, 8: /^[0-7]*$/, 10: /^[0-9]+$/, 16: /^[0-9a-fA-F]+$/ }[base]
  if (!valid?.test(digits)) return undefined
  let n = 0n
  for (const d of digits) n = n * BigInt(base) + BigInt(parseInt(d, 16))
  if (neg) n = -n
  if (signed ? n < INT64_MIN || n > INT64_MAX : n > UINT64_MAX) return undefined
  return n
}

function parseGoFloat(s: string): number | undefined {
  const n = Number(s)
  return Number.isFinite(n) ? n : undefined
}

function resolve(tag: string, input: string): GoScalar {
  if (!RESOLVABLE.has(tag)) return { tag: STR, v: input }
  let out: GoScalar = { tag: STR, v: input }
  const hint = hintOf(input)
  if (hint !== undefined && tag !== STR) {
    const known = RESOLVE_MAP.get(input)
    if (known) out = known
    else if (hint === '.') {
      const f = /^\.[0-9]+([eE][-+]?[0-9]+)?$/.test(input) ? parseGoFloat(input) : undefined
      if (f !== undefined) out = { tag: FLOAT, v: f }
    } else if (hint === 'D' || hint === 'S') {
      const plain = input.replace(/_/g, '')
      const i = parseGoInt(plain, true)
      const u = i === undefined ? parseGoInt(plain, false) : undefined
      const f = YAML_STYLE_FLOAT.test(plain) ? parseGoFloat(plain) : undefined
      if (tag === TIMESTAMP && TIMESTAMP_LIKE.test(input)) out = { tag: TIMESTAMP, v: input }
      else if (i !== undefined) out = { tag: INT, v: i }
      else if (u !== undefined) out = { tag: INT, v: u, unsigned: true }
      else if (f !== undefined) out = { tag: FLOAT, v: f }
    }
  }
  if (tag === '' || tag === out.tag || tag === STR) return out
  if (tag === FLOAT && out.tag === INT) return { tag: FLOAT, v: Number(out.v) }
  throw new YamlError(
    `the tag ${shortTag(tag)} does not fit \`${input}\` (go-yaml: cannot decode ${shortTag(out.tag)} as ${shortTag(tag)})`
  )
}

/**
 * The value after Helm's YAML → JSON → Go round trip: integers become float64, or keep every
 * digit when read with json.Decoder.UseNumber (`exactIntegers`).
 */
function toValue(s: GoScalar, exactIntegers: boolean): Value {
  switch (s.tag) {
    case NULL:
      return null
    case BOOL:
    case STR:
    case TIMESTAMP:
      return s.v
    case INT:
      return exactIntegers && !Number.isSafeInteger(Number(s.v)) ? s.v : Number(s.v)
    case FLOAT:
      if (!Number.isFinite(s.v))
        throw new YamlError(
          `${Number.isNaN(s.v) ? '.nan' : s.v > 0 ? '.inf' : '-.inf'} is not a value Helm can use: it converts values to JSON, which has no NaN or infinity (json: unsupported value)`
        )
      return s.v
  }
}

/** A map key as sigs.k8s.io/yaml turns it into a JSON object key. */
function toKey(s: GoScalar): string {
  switch (s.tag) {
    case STR:
    case TIMESTAMP:
      return s.v
    case BOOL:
      return s.v ? 'true' : 'false'
    case INT:
      if (s.unsigned)
        throw new YamlError(`the key ${s.v} is too large for Helm (unsupported key type uint64)`)
      return s.v.toString()
    case FLOAT:
      return formatFloat32g(s.v)
    case NULL:
      throw new YamlError('a key is null (~ or nothing); quote it to mean the text "null"')
  }
}

/** strconv.FormatFloat(f, 'g', -1, 32), the spelling of a float key. */
export function formatFloat32g(x: number): string {
  if (Number.isNaN(x)) return '.nan'
  if (!Number.isFinite(x)) return x > 0 ? '.inf' : '-.inf'
  const f = Math.fround(x)
  if (f === 0) return Object.is(f, -0) ? '-0' : '0'
  let mantissa = ''
  let exp = 0
  for (let p = 1; p <= 9; p++) {
    const s = Math.abs(f).toExponential(p - 1)
    if (Math.fround(Number(s)) === Math.abs(f)) {
      const [m, e] = s.split('e')
      mantissa = m.replace('.', '').replace(/0+$/, '') || '0'
      exp = Number(e)
      break
    }
  }
  const sign = f < 0 ? '-' : ''
  if (exp < -4 || exp >= 6) {
    const frac = mantissa.slice(1)
    const e = Math.abs(exp).toString().padStart(2, '0')
    return `${sign}${mantissa[0]}${frac ? `.${frac}` : ''}e${exp < 0 ? '-' : '+'}${e}`
  }
  if (exp < 0) return `${sign}0.${'0'.repeat(-exp - 1)}${mantissa}`
  const int = mantissa.slice(0, exp + 1).padEnd(exp + 1, '0')
  const frac = mantissa.slice(exp + 1)
  return `${sign}${int}${frac ? `.${frac}` : ''}`
}

// ---- the document walk ----------------------------------------------------------------------

type YamlNode = NonNullable<Document['contents']>

class Converter {
  private readonly resolving = new Set<unknown>()

  constructor(
    private readonly doc: Document,
    private readonly lines: LineCounter,
    private readonly warnings: YamlProblem[],
    private readonly exactIntegers = false
  ) {}

  top(): { values: ValuesMap; positions: PositionTree } {
    const node = this.doc.contents
    const at = node ? this.pos(node) : { line: 1, column: 1 }
    if (!node) return { values: {}, positions: { at } }
    const target = isAlias(node) ? node.resolve(this.doc) : node
    if (isSeq(target))
      throw new YamlError(
        'the top level is a list, but a values file must be a map of keys to values (Helm: cannot unmarshal array into Go value of type map[string]interface {})',
        at
      )
    if (isScalar(target)) {
      const v = this.scalar(target)
      if (v === null) return { values: {}, positions: { at } }
      const type = typeof v === 'string' ? 'string' : typeof v === 'boolean' ? 'bool' : 'number'
      throw new YamlError(
        `the top level is a single ${type === 'bool' ? 'boolean' : type}, but a values file must be a map of keys to values (Helm: cannot unmarshal ${type} into Go value of type map[string]interface {})`,
        at
      )
    }
    const c = this.convert(node, at)
    return { values: isMap(c.value) ? c.value : {}, positions: c.pos }
  }

  private pos(node: { range?: readonly number[] | null }): Position {
    const { line, col } = this.lines.linePos(node.range?.[0] ?? 0)
    return { line, column: col }
  }

  private convert(node: unknown, at: Position): { value: Value; pos: PositionTree } {
    if (node === null || node === undefined) return { value: null, pos: { at } }
    if (isAlias(node)) {
      const target = node.resolve(this.doc)
      if (!target) throw new YamlError(`the alias *${node.source} has no anchor`, this.pos(node))
      if (this.resolving.has(target))
        throw new YamlError(`the anchor &${node.source} contains itself`, this.pos(node))
      this.resolving.add(target)
      try {
        const c = this.convert(target, this.pos(node))
        return { value: c.value, pos: { at: this.pos(node), children: c.pos.children } }
      } finally {
        this.resolving.delete(target)
      }
    }
    if (isScalar(node)) return { value: this.scalar(node), pos: { at: this.pos(node) } }
    if (isSeq(node)) {
      const value: Value[] = []
      const children = new Map<PathSegment, PositionTree>()
      node.items.forEach((item, i) => {
        const c = this.convert(item, item && typeof item === 'object' ? this.pos(item) : at)
        value.push(c.value)
        children.set(i, c.pos)
      })
      return { value, pos: { at: this.pos(node), children } }
    }
    if (isYamlMap(node)) {
      const value: ValuesMap = {}
      const children = new Map<PathSegment, PositionTree>()
      this.fillMap(node, value, children)
      return { value, pos: { at: this.pos(node), children } }
    }
    throw new YamlError('a YAML node Helm cannot read', at)
  }

  /** go-yaml v2 decoder.mapping: pairs in order; a `<<` merge sets its keys where it stands. */
  private fillMap(node: YAMLMap, out: ValuesMap, children: Map<PathSegment, PositionTree>): void {
    const seen = new Map<string, Position>()
    for (const pair of node.items) {
      const keyNode = pair.key as YamlNode | null
      const valueNode = pair.value as YamlNode | null
      const at = keyNode ? this.pos(keyNode) : valueNode ? this.pos(valueNode) : this.pos(node)
      if (isScalar(keyNode) && keyNode.value === '<<' && this.isMergeKey(keyNode)) {
        this.merge(valueNode, out, children, at)
        continue
      }
      const key = this.key(keyNode, at)
      const first = seen.get(key)
      if (first)
        this.warnings.push({
          severity: 'warning',
          message: `duplicate key "${key}" (first on line ${first.line}); Helm silently keeps the last one`,
          ...at
        })
      if (!first) seen.set(key, at)
      const c = this.convert(valueNode, at)
      put(out, key, c.value)
      children.set(key, { at, children: c.pos.children })
    }
  }

  private isMergeKey(node: Scalar): boolean {
    return (node.type === 'PLAIN' && !node.tag) || node.tag === MERGE
  }

  private merge(
    node: YamlNode | null,
    out: ValuesMap,
    children: Map<PathSegment, PositionTree>,
    at: Position
  ): void {
    const wantMap = (): never => {
      throw new YamlError('a << merge needs a map or a list of maps as its value', at)
    }
    const mapOf = (n: unknown): YAMLMap => {
      const target = isAlias(n) ? n.resolve(this.doc) : n
      return isYamlMap(target) ? target : wantMap()
    }
    if (isSeq(node)) {
      // Earlier maps take precedence: go-yaml applies them last.
      for (const item of [...node.items].reverse()) this.fillMap(mapOf(item), out, children)
    } else this.fillMap(mapOf(node), out, children)
  }

  private key(node: YamlNode | null, at: Position): string {
    if (node === null) return toKey({ tag: NULL })
    const target = isAlias(node) ? node.resolve(this.doc) : node
    if (!isScalar(target))
      throw new YamlError('a map key must be a plain value, not a map or a list', at)
    try {
      return toKey(this.goScalar(target))
    } catch (e) {
      if (e instanceof YamlError) throw new YamlError(e.message, e.at ?? at)
      throw e
    }
  }

  private goScalar(node: Scalar): GoScalar {
    const text = typeof node.value === 'string' ? node.value : String(node.value)
    const tag = node.tag ?? ''
    if (tag === BINARY)
      return { tag: STR, v: Buffer.from(text.replace(/\s+/g, ''), 'base64').toString('utf8') }
    // Quoted and block scalars without a tag are strings; plain ones are typed.
    if (tag === '' && node.type !== 'PLAIN') return { tag: STR, v: text }
    try {
      return resolve(tag, text)
    } catch (e) {
      if (e instanceof YamlError) throw new YamlError(e.message, this.pos(node))
      throw e
    }
  }

  private scalar(node: Scalar): Value {
    try {
      return toValue(this.goScalar(node), this.exactIntegers)
    } catch (e) {
      if (e instanceof YamlError) throw new YamlError(e.message, e.at ?? this.pos(node))
      throw e
    }
  }
}
