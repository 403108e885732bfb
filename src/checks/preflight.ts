// The checks that need no cluster: values against the charts' schemas, helm lint, the offline
// render, the Kubernetes API schemas and deploy safety. Validate mode is only these; plan and
// deploy run them first. helm lint and helm template are independent of each other and of the
// values check, so both start at once and the values are checked while they run.
import * as core from '@actions/core'
import { pickKubeVersion, KubeSchemas } from './kube-schema.js'
import { lintAnnotations } from './lint.js'
import { objectKey, type RenderedObject } from '../render/manifests.js'
import { render, startHelmChecks, type Rendered } from '../render/render.js'
import { groupSafetyFindings, safetyFindings } from './safety.js'
import { MASK } from '../exec/redact.js'
import type { ValidateCheck, ValidateFinding, ValidateReport } from '../report/validate-summary.js'
import { UserError } from '../errors/result.js'
import { chartSpec, masksFor, type Session } from '../run/session.js'
import { chartFile, workspacePath, type Annotation } from './annotation.js'
import { checkValues } from './values.js'

/** What the checks found, for the job summary; filled in as the checks run. */
export interface Preflight {
  checks: ValidateCheck[]
  findings: ValidateFinding[]
  rendered?: Rendered
}

export const newPreflight = (): Preflight => ({ checks: [], findings: [] })

/**
 * Loads what validate mode will need (the Kubernetes schemas it checks against) while the
 * process waits for helm, instead of when the check gets to it. The full values.schema.json
 * check is not among them: most runs never need it (checks/values.ts).
 */
export function warmUp(config: Session['config']): Promise<unknown> {
  return KubeSchemas.load(pickKubeVersion(config.kubeVersion).version).catch(() => undefined)
}

/** The plan as printed in the log: every object the release would hold, grouped by kind. */
export function describeObjects(objects: readonly RenderedObject[]): string[] {
  return objectsByKind(objects)
    .sort((x, y) => x.kind.localeCompare(y.kind))
    .map(({ kind, names }) => `${kind}: ${names.join(', ')}`)
}

/** Names per kind, kinds in the order helm rendered them. */
export function objectsByKind(
  objects: readonly RenderedObject[]
): Array<{ kind: string; names: string[] }> {
  const byKind = new Map<string, string[]>()
  for (const o of objects) {
    const names = byKind.get(o.kind) ?? []
    // Appended in place: a copy per object was quadratic (0.7 s for 1,500 ConfigMaps).
    names.push(objectKey(o).slice(o.kind.length + 1))
    byKind.set(o.kind, names)
  }
  return [...byKind].map(([kind, names]) => ({ kind, names }))
}

/** Reports one finding on the file and line it is about, as GitHub shows annotations. */
function annotate(x: Annotation): void {
  const props = { file: x.file, startLine: x.line, startColumn: x.column }
  if (x.level === 'error') core.error(x.message, props)
  else core.warning(x.message, props)
}

const where = (x: Annotation): string | undefined =>
  x.file ? `${x.file}${x.line ? `:${x.line}` : ''}` : undefined

/**
 * What can be checked before anything is rendered: values against the chart's schemas and helm
 * lint. Every problem is reported, and the run fails before any cluster call.
 */
export async function checkValuesAndLint(s: Session, p = newPreflight()): Promise<void> {
  const helmChecks = startHelmChecks(s)
  // The render is parsed when helm template exits, while the values are checked or lint runs.
  void render(s)
  await core.group('Validate values', async () => {
    const values = await checkValues(s)
    const valueErrors = values.annotations.filter((x) => x.level === 'error').length
    p.checks.push({
      name: 'Values',
      outcome: valueErrors > 0 ? 'failed' : 'passed',
      detail: values.checked
        ? `merged as Helm ${s.helm.version} merges them; ${values.schemas > 0 ? `checked against ${values.schemas} values.schema.json file(s)` : 'the chart has no values.schema.json'}${valueErrors > 0 ? `; ${valueErrors} error(s)` : ''}`
        : 'not a local chart: checked by helm template'
    })
    if (!values.checked)
      core.info(`Values schema of ${s.chart.ref}: checked by helm template (not a local chart).`)
    const annotations = [...values.annotations]
    for (const x of values.annotations)
      p.findings.push({ severity: x.level, check: 'values', where: where(x), message: x.message })
    if (valueErrors === 0) {
      const linted = lintAnnotations(s, await helmChecks.lint)
      const lintErrors = linted.filter((x) => x.level === 'error').length
      p.checks.push({
        name: 'helm lint',
        outcome: lintErrors > 0 ? 'failed' : 'passed',
        detail: `${lintErrors} error(s), ${linted.length - lintErrors} warning(s)`
      })
      for (const x of linted)
        p.findings.push({
          severity: x.level,
          check: 'helm lint',
          where: where(x),
          message: x.message.replace(/^helm lint: /, '')
        })
      annotations.push(...linted)
    } else p.checks.push({ name: 'helm lint', outcome: 'not run', detail: 'the values failed' })
    annotations.forEach(annotate)
    const errors = annotations.filter((x) => x.level === 'error')
    if (errors.length > 0)
      throw new UserError(
        `${errors.length} problem(s) in the chart values, nothing was deployed:\n- ${errors.map((e) => (e.file ? `${e.file}${e.line ? `:${e.line}` : ''}: ${e.message}` : e.message)).join('\n- ')}`
      )
  })
}

/**
 * The offline render, checked against the Kubernetes API schemas of `kubeVersion` (the input, the
 * cluster's, or the newest bundled) and for deploy safety.
 */
export async function renderAndCheck(
  s: Session,
  clusterVersion?: string,
  p = newPreflight()
): Promise<Rendered> {
  return core.group('Render and check manifests', async () => {
    const picked = pickKubeVersion(s.config.kubeVersion ?? clusterVersion)
    // The schemas load while helm template finishes.
    const schemas = KubeSchemas.load(picked.version)
    schemas.catch(() => undefined)
    let rendered: Rendered
    try {
      rendered = await render(s)
    } catch (e) {
      p.checks.push({ name: 'helm template', outcome: 'failed', detail: 'see the findings' })
      p.findings.push({ severity: 'error', check: 'helm template', message: (e as Error).message })
      throw e
    }
    p.rendered = rendered
    p.checks.push({
      name: 'helm template',
      outcome: 'passed',
      detail: `${rendered.objects.length} object(s), ${rendered.images.length} image(s)`
    })
    if (picked.note) {
      core.warning(picked.note)
      p.findings.push({ severity: 'warning', check: 'Kubernetes API', message: picked.note })
    }
    const api = `Kubernetes ${picked.version} API`
    const { problems, unchecked } = (await schemas).check(rendered.objects)
    for (const x of problems) {
      core.error(`${x.object}: ${x.message}`, { file: sourceFile(s, x.source) })
      p.findings.push({ severity: 'error', check: api, where: x.object, message: x.message })
    }
    if (unchecked.length > 0) {
      const message = `Not in the Kubernetes ${picked.version} schemas (custom resources?): ${unchecked.join(', ')}`
      core.info(message)
      p.findings.push({ severity: 'info', check: api, message })
    }
    p.checks.push({
      name: `${api} schemas`,
      outcome: problems.length > 0 ? 'failed' : 'passed',
      detail: `${problems.length} problem(s)${unchecked.length > 0 ? `; ${unchecked.length} custom kind(s) not checked` : ''}`
    })
    if (problems.length > 0) {
      p.checks.push({ name: 'Deploy safety', outcome: 'not run', detail: 'the schemas failed' })
      throw new UserError(
        `${problems.length} rendered object problem(s) against the Kubernetes ${picked.version} API, nothing was deployed:\n- ${problems.map((x) => `${x.object}: ${x.message}`).join('\n- ')}`
      )
    }
    const findings = groupSafetyFindings(safetyFindings(rendered.objects))
    const severity = s.config.strict ? 'error' : 'warning'
    for (const f of findings) {
      const message = `${f.object}: ${f.message}`
      if (s.config.strict) core.error(message, { file: sourceFile(s, f.source) })
      else core.warning(message, { file: sourceFile(s, f.source) })
      p.findings.push({ severity, check: 'deploy safety', where: f.object, message: f.message })
    }
    p.checks.push({
      name: 'Deploy safety',
      outcome: s.config.strict && findings.length > 0 ? 'failed' : 'passed',
      detail: `${findings.length} ${s.config.strict ? 'error' : 'warning'}(s)${s.config.strict ? ' (strict)' : ''}`
    })
    if (s.config.strict && findings.length > 0)
      throw new UserError(
        `${findings.length} deploy-safety problem(s) and strict is on, nothing was deployed (see the annotations).`
      )
    core.info(
      `Rendered ${rendered.objects.length} objects: valid against the Kubernetes ${picked.version} API, ${findings.length} safety warning(s).`
    )
    return rendered
  })
}

/** `goatflow/templates/x.yaml` (helm's Source comment) as a workspace path, for annotations. */
function sourceFile(s: Pick<Session, 'config'>, source?: string): string | undefined {
  if (!source || s.config.chart.kind !== 'local' || s.config.chart.packaged) return undefined
  return chartFile(s.config.chart.path, source.split('/').slice(1).join('/'))
}

/** The job summary's data: the run's chart and values, and what the checks found. */
export function validateReport(
  s: Pick<Session, 'config' | 'helm' | 'values' | 'inlineValuesFile'>,
  p: Preflight,
  seconds: number
): ValidateReport {
  const objects = p.rendered?.objects ?? []
  const report: ValidateReport = {
    release: s.config.release,
    namespace: s.config.namespace,
    // As the user named it: a repository or OCI chart is checked from a pulled copy.
    chart: chartSpec(s.config).ref,
    chartVersion: s.config.chartVersion,
    helmVersion: s.helm.version,
    valuesFiles: s.values.files.map((f) =>
      f === s.inlineValuesFile ? 'input "values"' : workspacePath(f)
    ),
    setKeys: setKeys(s.values),
    checks: p.checks,
    findings: p.findings,
    objects: objectsByKind(objects),
    hooks: objects.filter((o) => o.object.metadata?.annotations?.['helm.sh/hook']).length,
    durationSeconds: Math.round(seconds * 10) / 10
  }
  // Findings quote helm and the values engine, which may quote a value: the summary is not a
  // log, so nothing masks it but this.
  const secrets = masksFor(s.config)
  const mask = (text: string): string =>
    secrets.reduce((t, secret) => t.split(secret).join(MASK), text)
  report.findings = report.findings.map((f) => ({ ...f, message: mask(f.message) }))
  return report
}

/**
 * The keys the --set flags set (`a.b=1,c=2` → `a.b`, `c`); their values stay out of the
 * summary. A --set-json item holds one key, and its JSON may hold commas.
 */
export function setKeys(v: Pick<Session['values'], 'set' | 'setString' | 'setJson'>): string[] {
  const keyOf = (pair: string): string =>
    pair.slice(0, pair.indexOf('=') < 0 ? undefined : pair.indexOf('='))
  return [
    ...[...v.set, ...v.setString].flatMap((item) => item.split(/(?<!\\),/).map(keyOf)),
    ...v.setJson.map(keyOf)
  ].filter((k) => k !== '')
}
