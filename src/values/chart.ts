// The parts of a chart that decide its values: Chart.yaml (name, version, dependencies),
// values.yaml, values.schema.json and the subcharts in charts/ (folders and .tgz archives), read
// the way Helm's loader reads them (pkg/chart/loader: load.go, directory.go, archive.go).

import { readdirSync, readFileSync, statSync, type Dirent } from 'node:fs'
import { join, relative, sep } from 'node:path'
import { fail, ok, type Result } from '../errors/result.js'
import { readTarGz } from './archive.js'
import { valuesDialectFor } from './dialect.js'
import { isMap, type Value } from './tree.js'
import { readValuesYaml } from './yaml.js'

/** A `dependencies:` entry of Chart.yaml (or requirements.yaml for apiVersion v1). */
export interface DependencySpec {
  name: string
  version: string
  alias: string
  condition: string
  tags: string[]
  importValues: Value[]
}

export interface ChartFile {
  /** Path for messages: a real path, or `<archive>.tgz/<file>` inside a packaged subchart. */
  path: string
  text: string
}

export interface LoadedChart {
  name: string
  version: string
  /** Folder or archive it was read from. */
  location: string
  values?: ChartFile
  schema?: ChartFile
  /** Chart.yaml `dependencies` (null when it has none, which matters to Helm). */
  dependencies: DependencySpec[] | null
  subcharts: LoadedChart[]
}

/** The files of one chart, relative to its root (`Chart.yaml`, `charts/x/values.yaml`). */
interface ChartSource {
  names: string[]
  read(name: string): Buffer | undefined
  display(name: string): string
}

const UTF8_BOM = '\ufeff'
const text = (b: Buffer): string => {
  const s = b.toString('utf8')
  return s.startsWith(UTF8_BOM) ? s.slice(1) : s
}

function directorySource(dir: string): ChartSource {
  const isFile = (e: Dirent): boolean =>
    e.isFile() || (e.isSymbolicLink() && statSync(join(e.parentPath, e.name)).isFile())
  const names = readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter(isFile)
    .map((e) => relative(dir, join(e.parentPath, e.name)).split(sep).join('/'))
  const known = new Set(names)
  return {
    names,
    read: (name) => (known.has(name) ? readFileSync(join(dir, name)) : undefined),
    display: (name) => join(dir, name)
  }
}

function memorySource(files: Map<string, Buffer>, display: (name: string) => string): ChartSource {
  return { names: [...files.keys()], read: (name) => files.get(name), display }
}

/** The files under `prefix` of another source, as a chart of their own. */
function subSource(parent: ChartSource, prefix: string, names: string[]): ChartSource {
  return {
    names,
    read: (name) => parent.read(prefix + name),
    display: (name) => parent.display(prefix + name)
  }
}

function archiveSource(data: Buffer, archivePath: string): Result<ChartSource> {
  let entries
  try {
    entries = readTarGz(data)
  } catch (e) {
    return fail(`${archivePath} is not a chart archive (.tgz): ${(e as Error).message}`)
  }
  const files = new Map<string, Buffer>()
  for (const entry of entries) {
    // Helm drops the archive's top folder (`child/values.yaml` → `values.yaml`).
    const parts = entry.name.split(entry.name.includes('\\') ? '\\' : '/')
    const name = parts.slice(1).join('/')
    if (name !== '') files.set(name, entry.data)
  }
  return ok(memorySource(files, (name) => `${archivePath}/${name}`))
}

function stringField(v: Value | undefined): string {
  // A list or a mapping is no string: Helm refuses such a Chart.yaml when it loads it.
  if (v === null || v === undefined || typeof v === 'object') return ''
  return typeof v === 'string' ? v : String(v)
}

function readDependencies(v: Value | undefined): DependencySpec[] | null {
  if (!Array.isArray(v)) return null
  return v.filter(isMap).map((d) => ({
    name: stringField(d.name),
    version: stringField(d.version),
    alias: stringField(d.alias),
    condition: stringField(d.condition),
    tags: Array.isArray(d.tags) ? d.tags.map(stringField) : [],
    importValues: Array.isArray(d['import-values']) ? d['import-values'] : []
  }))
}

function loadSource(source: ChartSource, location: string): Result<LoadedChart> {
  const chartYaml = source.read('Chart.yaml')
  if (!chartYaml) return fail(`${location} has no Chart.yaml`)
  // Helm reads Chart.yaml with the same YAML 1.1 reader as values (go-yaml v2).
  const meta = readValuesYaml(text(chartYaml), valuesDialectFor(3))
  if (!meta.ok)
    return fail(
      `${source.display('Chart.yaml')} cannot be read: ${meta.problems[0].message}${meta.problems[0].line ? ` (line ${meta.problems[0].line})` : ''}`
    )
  const name = stringField(meta.values.name)
  if (name === '') return fail(`${source.display('Chart.yaml')} has no name`)
  let dependencies = readDependencies(meta.values.dependencies)
  // apiVersion v1 charts keep dependencies in requirements.yaml.
  const requirements = source.read('requirements.yaml')
  if (requirements && stringField(meta.values.apiVersion) === 'v1') {
    const req = readValuesYaml(text(requirements), valuesDialectFor(3))
    if (req.ok) dependencies = readDependencies(req.values.dependencies)
  }
  const file = (n: string): ChartFile | undefined => {
    const data = source.read(n)
    return data ? { path: source.display(n), text: text(data) } : undefined
  }

  // charts/<name>/… folders and charts/<name>.tgz archives; `_` and `.` names are skipped.
  const groups = new Map<string, string[]>()
  for (const n of source.names) {
    if (!n.startsWith('charts/') || n.endsWith('.prov')) continue
    const rest = n.slice('charts/'.length)
    const group = rest.split('/')[0]
    if (group === '' || group.startsWith('_') || group.startsWith('.')) continue
    const names = groups.get(group) ?? []
    names.push(rest)
    groups.set(group, names)
  }
  const subcharts: LoadedChart[] = []
  for (const [group, names] of [...groups].sort(([a], [b]) => a.localeCompare(b))) {
    let sub: Result<LoadedChart>
    const subLocation = source.display(`charts/${group}`)
    if (group.endsWith('.tgz') && names.includes(group)) {
      const archive = archiveSource(source.read(`charts/${group}`) ?? Buffer.alloc(0), subLocation)
      sub = archive.ok ? loadSource(archive.value, subLocation) : archive
    } else {
      const inner = names.filter((n) => n.includes('/')).map((n) => n.slice(group.length + 1))
      sub = loadSource(subSource(source, `charts/${group}/`, inner), subLocation)
    }
    if (!sub.ok) return fail(`subchart ${group} of ${name} cannot be loaded: ${sub.error}`)
    subcharts.push(sub.value)
  }

  return ok({
    name,
    version: stringField(meta.values.version),
    location,
    values: file('values.yaml'),
    schema: file('values.schema.json'),
    dependencies,
    subcharts
  })
}

/** Reads a chart folder or a packaged chart (.tgz) with everything in its charts/ folder. */
export function loadChart(path: string): Result<LoadedChart> {
  let isDir: boolean
  try {
    isDir = statSync(path).isDirectory()
  } catch {
    return fail(`${path} does not exist`)
  }
  try {
    if (isDir) return loadSource(directorySource(path), path)
    const archive = archiveSource(readFileSync(path), path)
    return archive.ok ? loadSource(archive.value, path) : archive
  } catch (e) {
    return fail(`${path} cannot be read: ${(e as Error).message}`)
  }
}
