// Where each value comes from: a line of a values file, a `--set*` item, or a chart's own
// values.yaml. Sources are recorded in Helm's order, each one replacing what it replaces in Helm:
// a scalar, a list or a null replaces everything below it; a map from a file merges; a map set by
// a flag replaces what earlier user sources put there but still merges with chart defaults.

import { formatPath, type PathSegment } from './path.js'
import type { SetFlag } from './strvals.js'
import { isMap, type Value } from './tree.js'
import type { Position, PositionTree } from './yaml.js'

/** A line of a values file the user gave. */
export interface FileOrigin {
  file: string
  line: number
  column: number
}

/** A `--set`, `--set-string` or `--set-json` item. */
export interface FlagOrigin {
  flag: SetFlag
  item: string
}

/** A line of a chart's (or subchart's) own values.yaml. */
export interface ChartDefaultOrigin extends FileOrigin {
  chart: string
}

export type UserOrigin = FileOrigin | FlagOrigin
export type Origin = UserOrigin | ChartDefaultOrigin

export const isChartDefault = (o: Origin): o is ChartDefaultOrigin => 'chart' in o
export const isFlag = (o: Origin): o is FlagOrigin => 'flag' in o

interface Node {
  origin?: Origin
  children: Map<PathSegment, Node>
}

/** Origins by path, with the nearest-ancestor lookup validation messages need. */
export class OriginIndex {
  private readonly root: Node = { children: new Map() }

  /** Subchart value paths, whose `global` comes from the top-level `global`. */
  constructor(private readonly subchartPaths: PathSegment[][] = []) {}

  setSubchartPaths(paths: PathSegment[][]): void {
    this.subchartPaths.splice(0, this.subchartPaths.length, ...paths)
  }

  /**
   * Records a value and everything inside it. `userReplaces`: the value replaces what earlier
   * user sources set below it (a `--set*` item), not only what it overrides key by key.
   */
  record(
    path: PathSegment[],
    value: Value,
    positions: PositionTree | undefined,
    originAt: (at: Position | undefined) => Origin,
    userReplaces: boolean
  ): void {
    const node = this.node(path)
    if (!isMap(value)) node.children.clear()
    else if (userReplaces) clearUser(node)
    node.origin = originAt(positions?.at)
    const entries: Array<[PathSegment, Value]> = Array.isArray(value)
      ? value.map((v, i) => [i, v])
      : isMap(value)
        ? Object.entries(value)
        : []
    for (const [k, v] of entries)
      this.record([...path, k], v, positions?.children?.get(k), originAt, userReplaces)
  }

  /**
   * A list the user set (or changed by index) replaces the chart's list: chart defaults below it
   * no longer apply. It counts as set by `origin` unless an earlier user source set it.
   */
  claim(path: PathSegment[], origin: Origin): void {
    const node = this.node(path)
    clearDefaults(node)
    if (!node.origin || isChartDefault(node.origin)) node.origin = origin
  }

  /** The origin of the value at `path`, or of its nearest recorded ancestor. */
  locate(path: readonly PathSegment[]): Origin | undefined {
    // A subchart's global.x is the top-level global.x wherever the user or parent set that.
    for (const sub of this.subchartPaths) {
      const n = sub.length
      if (path.length > n + 1 && path[n] === 'global' && sub.every((s, i) => path[i] === s)) {
        const found = this.deepest(['global', ...path.slice(n + 1)], 2)
        if (found) return found
      }
    }
    return this.deepest(path, 1)
  }

  /** Recorded origins as `path → origin`, user ones and chart defaults apart. */
  flatten(): { user: Map<string, UserOrigin>; defaults: Map<string, ChartDefaultOrigin> } {
    const user = new Map<string, UserOrigin>()
    const defaults = new Map<string, ChartDefaultOrigin>()
    const walk = (node: Node, path: PathSegment[]) => {
      if (node.origin) {
        if (isChartDefault(node.origin)) defaults.set(formatPath(path), node.origin)
        else user.set(formatPath(path), node.origin)
      }
      for (const [k, child] of node.children) walk(child, [...path, k])
    }
    walk(this.root, [])
    return { user, defaults }
  }

  private deepest(path: readonly PathSegment[], minDepth: number): Origin | undefined {
    let node: Node | undefined = this.root
    let found: Origin | undefined
    for (let i = 0; i < path.length && node; i++) {
      node = node.children.get(path[i])
      if (node?.origin && i + 1 >= minDepth) found = node.origin
    }
    return found
  }

  private node(path: readonly PathSegment[]): Node {
    let node = this.root
    for (const s of path) {
      let next = node.children.get(s)
      if (!next) {
        next = { children: new Map() }
        node.children.set(s, next)
      }
      node = next
    }
    return node
  }
}

/** Drops what user sources recorded below a node, keeping chart defaults. */
function clearUser(node: Node): void {
  for (const [k, child] of node.children) {
    if (child.origin && !isChartDefault(child.origin)) child.origin = undefined
    clearUser(child)
    if (!child.origin && child.children.size === 0) node.children.delete(k)
  }
}

/** Drops chart defaults below a node, keeping what user sources recorded. */
function clearDefaults(node: Node): void {
  for (const [k, child] of node.children) {
    if (child.origin && isChartDefault(child.origin)) child.origin = undefined
    clearDefaults(child)
    if (!child.origin && child.children.size === 0) node.children.delete(k)
  }
}
