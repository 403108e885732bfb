// A port of Helm's `--set` parser (pkg/strvals/parser.go, the same in v3.17.3–v3.22.0 and
// v4.0.0–v4.3.1 but for the EOF check of v4.1.0+ in ValuesDialect): the same grammar, the same typing and the same quirks, so that the
// values computed here are the values Helm renders with. The differential test runs both.
//
//   a.b=c,d=e      nested keys, comma-separated pairs      \, \. \= \[ escape (any char, really)
//   a[0].b=x       list indexes, growing lists with nulls   {a,b,c} a list value
//   --set          true/false/null (any case), int64 for integers without a leading zero, else string
//   --set-string   always a string
//   --set-json     a JSON value per key (empty means null)

import { fail, ok, type Result } from '../errors/result.js'
import { valuesDialectFor, type ValuesDialect } from './dialect.js'
import { formatPath, type PathSegment } from './path.js'
import { describeValue, has, isMap, put, type Value, type ValuesMap } from './tree.js'

export type SetFlag = 'set' | 'set-string' | 'set-json'

export interface StrvalsOptions {
  flag: SetFlag
  /** Releases differ in one corner (a truncated `a[0`); the newest Helm 4 when not given. */
  dialect?: ValuesDialect
  /** Called with the path and value of everything the item sets (for origins). */
  onSet?: (path: PathSegment[], value: Value) => void
}

// Helm's limits: strvals.MaxIndex and strvals.MaxNestedNameLevel.
export const MAX_INDEX = 65536
export const MAX_NESTED_NAME_LEVEL = 30

const KEY_STOP = new Set(['=', '[', ',', '.'])
const INDEX_STOP = new Set([']'])
const AFTER_INDEX_STOP = new Set(['[', '.', '='])
const VALUE_STOP = new Set([','])
const LIST_STOP = new Set([',', '}'])
// Go's unicode.IsSpace.
const GO_SPACE = /^[\t\n\v\f\r \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]$/
const INT64_MIN = -(2n ** 63n)
const INT64_MAX = 2n ** 63n - 1n

class StrvalsError extends Error {}

type Step = 'ok' | 'eof'

/**
 * Parses one `--set`-style item into `dest`, as Helm's ParseInto / ParseIntoString / ParseJSON
 * do: `dest` is changed in place (lists set by earlier items grow, a string where a map is
 * needed is an error). On error `dest` may be partly changed, as in Helm, which then stops.
 */
export function parseStrvalsInto(
  item: string,
  dest: ValuesMap,
  options: StrvalsOptions
): Result<void> {
  const parser = new Parser(Array.from(item), dest, options)
  try {
    parser.parse()
    return ok(undefined)
  } catch (e) {
    if (e instanceof StrvalsError) return fail(e.message)
    throw e
  }
}

/** Parses one item on its own, like Helm's strvals.Parse / ParseString (`helm`: 4, `v3.22.0`). */
export function parseStrvals(
  item: string,
  flag: SetFlag,
  helm: 3 | 4 | string = 4
): Result<ValuesMap> {
  const dest: ValuesMap = {}
  const r = parseStrvalsInto(item, dest, { flag, dialect: valuesDialectFor(helm) })
  return r.ok ? ok(dest) : fail(r.error)
}

/** Helm's typedVal: the type `--set` gives a value. */
export function typedValue(text: string, asString: boolean): Value {
  if (asString) return text
  // strings.EqualFold: ASCII case-insensitive, plus U+017F (long s) folding to "s".
  const folded = text.replace(/\u017f/g, 's').toLowerCase()
  if (folded === 'true') return true
  if (folded === 'false') return false
  if (folded === 'null') return null
  if (text === '0') return 0
  // Numbers with a leading zero (007, 0x10) stay strings; so do floats (1.5, 1e3) and anything
  // beyond int64.
  if (text !== '' && text[0] !== '0' && /^[+-]?[0-9]+$/.test(text)) {
    const n = BigInt(text)
    if (n >= INT64_MIN && n <= INT64_MAX) return Number.isSafeInteger(Number(n)) ? Number(n) : n
  }
  return text
}

class Parser {
  private pos = 0
  private pairStart = 0
  private readonly dialect: ValuesDialect
  private readonly asString: boolean
  private readonly json: boolean

  constructor(
    private readonly rs: readonly string[],
    private readonly data: ValuesMap,
    private readonly options: StrvalsOptions
  ) {
    this.dialect = options.dialect ?? valuesDialectFor(4)
    this.asString = options.flag === 'set-string'
    this.json = options.flag === 'set-json'
  }

  parse(): void {
    for (;;) {
      this.pairStart = this.pos
      if (this.key(this.data, 0, []) === 'eof') return
    }
  }

  private key(data: ValuesMap, level: number, path: PathSegment[]): Step {
    const { text: k, last } = this.runesUntil(KEY_STOP)
    if (last === undefined) {
      if (k === '') return 'eof'
      throw new StrvalsError(`key "${k}" has no value`)
    }
    if (last === '[') {
      const i = this.keyIndex()
      if (i === 'eof') return this.truncatedIndex()
      let list: Value[] = []
      if (has(data, k)) {
        const existing = data[k]
        if (!Array.isArray(existing)) throw this.mismatch([...path, k], existing, 'list')
        list = existing
      }
      const r = this.listItem(list, i, level, [...path, k])
      this.set(data, k, r.list)
      return r.step
    }
    if (last === '=') {
      if (this.json) {
        if (this.emptyVal()) {
          this.set(data, k, null, [...path, k])
          return 'ok'
        }
        this.set(data, k, this.jsonValue(), [...path, k])
        this.emptyVal()
        return 'ok'
      }
      const vl = this.valList()
      if (vl === 'eof') {
        this.set(data, k, '', [...path, k])
        return 'eof'
      }
      this.set(data, k, vl === 'not-list' ? this.reader(this.val()) : vl, [...path, k])
      return 'ok'
    }
    if (last === ',') throw new StrvalsError(`key "${k}" has no value (cannot end with ,)`)
    // last === '.'
    level++
    if (level > MAX_NESTED_NAME_LEVEL)
      throw new StrvalsError(
        `key "${this.pairKey()}" is nested deeper than Helm's limit of ${MAX_NESTED_NAME_LEVEL} levels`
      )
    let inner: ValuesMap = {}
    if (has(data, k)) {
      const existing = data[k]
      if (!isMap(existing)) throw this.mismatch([...path, k], existing, 'map')
      inner = existing
    }
    const step = this.key(inner, level, [...path, k])
    const empty = Object.keys(inner).length === 0
    if (step === 'ok' && empty) throw new StrvalsError(`key map "${k}" has no value`)
    if (!empty) this.set(data, k, inner)
    return step
  }

  private listItem(
    list: Value[],
    i: number,
    level: number,
    path: PathSegment[]
  ): { list: Value[]; step: Step } {
    if (i < 0) throw this.badIndex(`${i} is negative`)
    const { text: k, last } = this.runesUntil(AFTER_INDEX_STOP)
    if (k !== '')
      throw new StrvalsError(
        `key "${this.pairKey()}" has unexpected text "${k}" after a list index`
      )
    if (last === undefined) return { list, step: 'eof' }
    const here = [...path, i]
    if (last === '=') {
      if (this.json) {
        if (this.emptyVal()) return { list: this.setIndex(list, i, null, here), step: 'ok' }
        list = this.setIndex(list, i, this.jsonValue(), here)
        this.emptyVal()
        return { list, step: 'ok' }
      }
      const vl = this.valList()
      const value = vl === 'eof' ? '' : vl === 'not-list' ? this.reader(this.val()) : vl
      return { list: this.setIndex(list, i, value, here), step: 'ok' }
    }
    if (last === '[') {
      const next = this.keyIndex()
      if (next === 'eof') {
        if (this.dialect.wrappedEofEndsInput) return { list, step: 'eof' }
        throw this.unterminatedIndex()
      }
      let current: Value[] = []
      if (list.length > i && list[i] !== null) {
        const existing = list[i]
        if (!Array.isArray(existing)) throw this.mismatch(here, existing, 'list')
        current = existing
      }
      const r = this.listItem(current, next, level, here)
      if (r.step === 'eof') return { list, step: 'eof' }
      return { list: this.setIndex(list, i, r.list), step: 'ok' }
    }
    // last === '.': a map inside the list; whatever was at the index is replaced by one.
    let inner: ValuesMap = {}
    if (list.length > i) {
      const existing = list[i]
      if (isMap(existing)) inner = existing
      else list[i] = inner
    }
    if (this.key(inner, level, here) === 'eof') return { list, step: 'eof' }
    return { list: this.setIndex(list, i, inner), step: 'ok' }
  }

  private set(data: ValuesMap, key: string, value: Value, recordAs?: PathSegment[]): void {
    // Helm skips an empty key (`--set =x` sets nothing).
    if (key === '') return
    put(data, key, value)
    if (recordAs) this.options.onSet?.(recordAs, value)
  }

  private setIndex(list: Value[], index: number, value: Value, recordAs?: PathSegment[]): Value[] {
    if (index < 0) throw this.badIndex(`${index} is negative`)
    if (index > MAX_INDEX) throw this.badIndex(`${index} is above Helm's limit of ${MAX_INDEX}`)
    if (list.length <= index) list = [...list, ...Array<Value>(index + 1 - list.length).fill(null)]
    list[index] = value
    if (recordAs) this.options.onSet?.(recordAs, value)
    return list
  }

  private keyIndex(): number | 'eof' {
    const { text, last } = this.runesUntil(INDEX_STOP)
    if (last === undefined) return 'eof'
    // strconv.Atoi: an optional sign and decimal digits that fit an int64.
    if (!/^[+-]?[0-9]+$/.test(text)) throw this.badIndex(`"${text}" is not a whole number`)
    const n = BigInt(text)
    if (n < INT64_MIN || n > INT64_MAX) throw this.badIndex(`"${text}" is out of range`)
    return Number(n)
  }

  private truncatedIndex(): Step {
    if (this.dialect.wrappedEofEndsInput) return 'eof'
    throw this.unterminatedIndex()
  }

  private emptyVal(): boolean {
    for (;;) {
      if (this.pos >= this.rs.length) return true
      const r = this.rs[this.pos++]
      if (r === ',') return true
      if (!GO_SPACE.test(r)) {
        this.pos--
        return false
      }
    }
  }

  private val(): string {
    return this.runesUntil(VALUE_STOP).text
  }

  private valList(): Value[] | 'eof' | 'not-list' {
    if (this.pos >= this.rs.length) return 'eof'
    if (this.rs[this.pos] !== '{') return 'not-list'
    this.pos++
    const list: Value[] = []
    for (;;) {
      const { text, last } = this.runesUntil(LIST_STOP)
      if (last === undefined)
        throw new StrvalsError(`the list value of key "${this.pairKey()}" must end with "}"`)
      list.push(this.reader(text))
      if (last === '}') {
        if (this.rs[this.pos] === ',') this.pos++
        return list
      }
    }
  }

  private reader(text: string): Value {
    return typedValue(text, this.asString)
  }

  /** One JSON value, read as Go's json.Decoder does: it ends where the value ends. */
  private jsonValue(): Value {
    const start = this.pos
    let end: number
    let value: unknown
    try {
      end = scanJson(this.rs, start)
      value = JSON.parse(this.rs.slice(start, end).join(''))
    } catch (e) {
      throw new StrvalsError(
        `the value of key "${this.pairKey()}" is not valid JSON: ${(e as Error).message}`
      )
    }
    if (!allFinite(value))
      throw new StrvalsError(
        `the value of key "${this.pairKey()}" has a number too large for a float64`
      )
    this.pos = end
    return value as Value
  }

  private runesUntil(stop: ReadonlySet<string>): { text: string; last?: string } {
    let text = ''
    for (;;) {
      if (this.pos >= this.rs.length) return { text }
      const r = this.rs[this.pos++]
      if (stop.has(r)) return { text, last: r }
      if (r === '\\') {
        if (this.pos >= this.rs.length) return { text }
        text += this.rs[this.pos++]
      } else text += r
    }
  }

  /** The key of the pair being parsed, as written (escapes kept), for messages. */
  private pairKey(): string {
    let end = this.pairStart
    while (end < this.rs.length && this.rs[end] !== '=' && this.rs[end] !== ',') {
      end += this.rs[end] === '\\' ? 2 : 1
    }
    return this.rs.slice(this.pairStart, Math.min(end, this.rs.length)).join('')
  }

  private badIndex(why: string): StrvalsError {
    return new StrvalsError(`key "${this.pairKey()}" has an invalid list index: ${why}`)
  }

  private unterminatedIndex(): StrvalsError {
    return new StrvalsError(`key "${this.pairKey()}" has a list index without a closing "]"`)
  }

  private mismatch(at: PathSegment[], existing: Value, wanted: 'map' | 'list'): StrvalsError {
    return new StrvalsError(
      `cannot set key "${this.pairKey()}": ${formatPath(at)} is already ${describeValue(existing)}, not a ${wanted}`
    )
  }
}

const JSON_SPACE = new Set([' ', '\t', '\n', '\r'])
const isDigit = (c: string | undefined): boolean => c !== undefined && c >= '0' && c <= '9'

/** Index just past the first JSON value at `start`; throws where json.Decoder would fail. */
function scanJson(rs: readonly string[], start: number): number {
  let i = start
  while (JSON_SPACE.has(rs[i])) i++
  const c = rs[i]
  if (c === undefined) throw new Error('unexpected end of input')
  if (c === '{' || c === '[') {
    let depth = 0
    for (; i < rs.length; i++) {
      const d = rs[i]
      if (d === '"') i = scanString(rs, i) - 1
      else if (d === '{' || d === '[') depth++
      else if (d === '}' || d === ']') {
        depth--
        if (depth === 0) return i + 1
      }
    }
    throw new Error('unexpected end of input')
  }
  if (c === '"') return scanString(rs, i)
  if (c === '-' || isDigit(c)) {
    if (rs[i] === '-') i++
    if (rs[i] === '0') i++
    else if (isDigit(rs[i])) while (isDigit(rs[i])) i++
    else throw new Error('a number needs digits')
    if (rs[i] === '.') {
      i++
      if (!isDigit(rs[i])) throw new Error('a decimal point needs digits after it')
      while (isDigit(rs[i])) i++
    }
    if (rs[i] === 'e' || rs[i] === 'E') {
      i++
      if (rs[i] === '+' || rs[i] === '-') i++
      if (!isDigit(rs[i])) throw new Error('an exponent needs digits')
      while (isDigit(rs[i])) i++
    }
    return i
  }
  for (const literal of ['true', 'false', 'null']) {
    if (c !== literal[0]) continue
    for (let j = 0; j < literal.length; j++)
      if (rs[i + j] !== literal[j]) throw new Error(`invalid literal (expected ${literal})`)
    return i + literal.length
  }
  throw new Error(`invalid character "${c}" looking for the beginning of a value`)
}

function scanString(rs: readonly string[], start: number): number {
  for (let i = start + 1; i < rs.length; i++) {
    if (rs[i] === '\\') i++
    else if (rs[i] === '"') return i + 1
  }
  throw new Error('unterminated string')
}

function allFinite(v: unknown): boolean {
  if (typeof v === 'number') return Number.isFinite(v)
  if (Array.isArray(v)) return v.every(allFinite)
  if (v !== null && typeof v === 'object') return Object.values(v).every(allFinite)
  return true
}
