// Chart values as Helm holds them after its YAML → JSON round trip: maps, lists, strings, bools,
// null and numbers. Numbers from YAML and JSON are float64 in Helm, so a JS number holds them
// exactly; `--set` integers are int64, kept as bigint when a JS number cannot hold them.

export type Value = null | boolean | number | bigint | string | Value[] | ValuesMap
export interface ValuesMap {
  [key: string]: Value
}

export const isMap = (v: Value | undefined): v is ValuesMap =>
  v !== null && v !== undefined && typeof v === 'object' && !Array.isArray(v)

/** Own keys only: a values key may be any string, `__proto__` and `constructor` included. */
export const has = (m: ValuesMap, key: string): boolean => Object.hasOwn(m, key)

export const get = (m: ValuesMap, key: string): Value | undefined =>
  Object.hasOwn(m, key) ? m[key] : undefined

export function put(m: ValuesMap, key: string, value: Value): void {
  if (key === '__proto__')
    Object.defineProperty(m, key, { value, writable: true, enumerable: true, configurable: true })
  else m[key] = value
}

export function deepCopy<T extends Value>(v: T): T {
  if (Array.isArray(v)) return v.map((x) => deepCopy(x)) as T
  if (isMap(v)) {
    const out: ValuesMap = {}
    for (const [k, x] of Object.entries(v)) put(out, k, deepCopy(x))
    return out as T
  }
  return v
}

/** Helm's `mergeMaps` for values files: maps merge key by key, anything else replaces. */
export function mergeMaps(a: ValuesMap, b: ValuesMap): ValuesMap {
  const out: ValuesMap = {}
  for (const [k, v] of Object.entries(a)) put(out, k, v)
  for (const [k, v] of Object.entries(b)) {
    const existing = get(out, k)
    put(out, k, isMap(v) && isMap(existing) ? mergeMaps(existing, v) : v)
  }
  return out
}

/** `string "two"`, `number 3`, `list`, `map`, `null`: what a value is, for messages. */
export function describeValue(v: Value | undefined): string {
  if (v === null || v === undefined) return 'null'
  if (Array.isArray(v)) return 'list'
  if (isMap(v)) return 'map'
  if (typeof v === 'bigint') return `number ${v}`
  const shown =
    typeof v === 'string' ? JSON.stringify(v.length > 60 ? `${v.slice(0, 57)}...` : v) : String(v)
  return `${typeof v} ${shown}`
}

/** Plain JSON data for validators that know no bigint. */
export function toJsonData(v: Value): unknown {
  if (typeof v === 'bigint') return Number(v)
  if (Array.isArray(v)) return v.map(toJsonData)
  if (isMap(v)) {
    const out: Record<string, unknown> = {}
    for (const [k, x] of Object.entries(v))
      Object.defineProperty(out, k, {
        value: toJsonData(x),
        writable: true,
        enumerable: true,
        configurable: true
      })
    return out
  }
  return v
}
