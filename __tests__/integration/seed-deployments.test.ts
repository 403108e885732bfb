import { execFileSync } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from '@jest/globals'
import { parse } from 'yaml'
import { createProcessRunner } from '../../src/exec/runner.js'
import { readConfig } from '../../src/inputs/inputs.js'
import { parseManifests, type RenderedObject } from '../../src/render/manifests.js'
import { openSession, type Session } from '../../src/run/session.js'
import { lint } from '../../src/checks/lint.js'
import { render } from '../../src/render/render.js'
import { EXAMPLE_CHART, HELM_MAJORS, ROOT, helmBinary } from '../helpers/tools.js'

/**
 * The GoatFlow deployments of its "High Availability & Production Deployment" guide, rendered two
 * ways with the real Helm 3 and Helm 4: the guide's raw `helm install` commands (as `helm
 * template`), and the same deployments written as action inputs in examples/workflows/goatflow.yml,
 * rendered the way the action does (readConfig -> openSession -> render). The manifests must be
 * the same object for object, so the example is a faithful translation and the action adds,
 * drops or reorders no values.
 */

// Verbatim from the guide. The chart lives at ./charts/goatflow there and at
// examples/charts/goatflow here; adaptPath maps one to the other for both sides alike.
const GUIDE: Record<string, string> = {
  basic: 'helm install goatflow ./charts/goatflow',
  postgresql: 'helm install goatflow ./charts/goatflow -f charts/goatflow/values-postgresql.yaml',
  autoscaling: `helm install goatflow ./charts/goatflow \\
  --set backend.replicaCount=3 \\
  --set backend.autoscaling.enabled=true \\
  --set backend.autoscaling.minReplicas=3 \\
  --set backend.autoscaling.maxReplicas=10`,
  'external-database': `helm install goatflow ./charts/goatflow \\
  --set database.external.enabled=true \\
  --set database.external.host=your-rds-endpoint.amazonaws.com \\
  --set database.external.existingSecret=goatflow-db-credentials`,
  'external-cache': `helm install goatflow ./charts/goatflow \\
  --set valkey.enabled=false \\
  --set externalValkey.enabled=true \\
  --set externalValkey.host=your-elasticache-endpoint`
}

const EXAMPLE = 'examples/workflows/goatflow.yml'
/** Inputs that only matter with a cluster; the example fills them from secrets. */
const CLUSTER_ONLY = new Set(['kubeconfig'])

const adaptPath = (value: string): string =>
  value.replace(/^(\.\/)?charts\/goatflow(?=\/|$)/, EXAMPLE_CHART)

/** `helm install <release> <chart> <flags>` as the offline `helm template` of the same deploy. */
function rawHelmTemplate(command: string, major: 3 | 4): string {
  const words = command.replace(/\\\n/g, ' ').trim().split(/\s+/)
  expect(words.slice(0, 2)).toEqual(['helm', 'install'])
  const args = ['template', ...words.slice(2).map(adaptPath)]
  return execFileSync(helmBinary(major), args, { cwd: ROOT, encoding: 'utf8' })
}

interface Step {
  uses?: string
  with?: Record<string, unknown>
}
const workflow = parse(readFileSync(join(ROOT, EXAMPLE), 'utf8')) as {
  jobs: Record<string, { steps: Step[] }>
}

/** The `with:` block the example gives goatflow/deploy-action@v1 in job `id`. */
function exampleInputs(id: string): Record<string, string> {
  const steps = workflow.jobs[id]?.steps ?? []
  const step = steps.find((s) => s.uses?.startsWith('goatflow/deploy-action@'))
  if (!step?.with) throw new Error(`${EXAMPLE}: job "${id}" has no goatflow/deploy-action step`)
  const inputs: Record<string, string> = {}
  for (const [name, value] of Object.entries(step.with)) {
    const text = String(value)
    if (text.includes('${{')) {
      // Expressions are resolved by the runner; only cluster credentials may be left out here.
      expect(CLUSTER_ONLY.has(name) ? name : `${name} (uses an expression)`).toBe(name)
      continue
    }
    inputs[name] =
      name === 'chart' || name === 'values-files'
        ? text.split('\n').map(adaptPath).join('\n')
        : text
  }
  return inputs
}

const actionYml = parse(readFileSync(join(ROOT, 'action.yml'), 'utf8')) as {
  inputs: Record<string, { default?: string }>
}

/** Reads inputs as the runner provides them: the `with:` value, else action.yml's default. */
const runnerInputs =
  (given: Record<string, string>) =>
  (name: string): string => {
    if (name in given) return given[name]
    const dflt = actionYml.inputs[name]?.default ?? ''
    return dflt.includes('${{') ? '' : dflt
  }

const sessions: Session[] = []
afterAll(() => {
  for (const s of sessions) s.temp.removeAll()
})

/** Renders the deployment exactly as the action's validate phase does. */
async function actionRender(inputs: Record<string, string>, major: 3 | 4) {
  const config = readConfig(runnerInputs(inputs))
  const session = await openSession(config, {
    runner: createProcessRunner(() => undefined),
    log: () => undefined,
    mask: () => undefined,
    helmBinary: async () => helmBinary(major)
  })
  sessions.push(session)
  expect(session.helm.major).toBe(major)
  const warnings = await lint(session)
  const rendered = await render(session)
  return { config, warnings, objects: rendered.objects }
}

const RANDOM = '<randAlphaNum 24>'

/**
 * Objects by kind/namespace/name. The bundled database's password is `randAlphaNum` on every
 * render: keep its key, drop its value.
 */
function byKey(objects: RenderedObject[]): Map<string, unknown> {
  const out = new Map<string, unknown>()
  for (const o of objects) {
    const obj = structuredClone(o.object) as { data?: Record<string, string> }
    if (o.kind === 'Secret' && o.name.endsWith('-db') && obj.data?.password !== undefined) {
      expect(Buffer.from(obj.data.password, 'base64').toString()).toMatch(/^[A-Za-z0-9]{24}$/)
      obj.data.password = RANDOM
    }
    out.set(`${o.kind}/${o.namespace ?? ''}/${o.name}`, obj)
  }
  return out
}

/** The fields of the rendered objects that the expectations below read. */
interface Rendered {
  spec?: {
    replicas?: number
    minReplicas?: number
    maxReplicas?: number
    template?: { spec?: { containers?: Array<{ image?: string }> } }
  }
  data?: Record<string, string>
}

const find = (objects: RenderedObject[], kind: string, name: string) =>
  objects.find((o) => o.kind === kind && o.name === name)?.object as Rendered | undefined

/** What each deployment must visibly change, so equal renders cannot both be wrong the same way. */
const EXPECTED: Record<string, (objects: RenderedObject[]) => void> = {
  basic: (o) => {
    expect(find(o, 'StatefulSet', 'goatflow-db')?.spec?.template?.spec?.containers?.[0].image).toBe(
      'mariadb:11.4'
    )
    expect(find(o, 'Deployment', 'goatflow-backend')?.spec?.replicas).toBe(2)
    expect(find(o, 'Deployment', 'goatflow-valkey')).toBeDefined()
    expect(find(o, 'HorizontalPodAutoscaler', 'goatflow-backend')).toBeUndefined()
  },
  postgresql: (o) => {
    expect(find(o, 'StatefulSet', 'goatflow-db')?.spec?.template?.spec?.containers?.[0].image).toBe(
      'postgres:16'
    )
  },
  autoscaling: (o) => {
    const hpa = find(o, 'HorizontalPodAutoscaler', 'goatflow-backend')
    expect([hpa?.spec?.minReplicas, hpa?.spec?.maxReplicas]).toEqual([3, 10])
    // The HPA owns replicas: the Deployment must not set them (server-side apply would conflict).
    expect(find(o, 'Deployment', 'goatflow-backend')?.spec).not.toHaveProperty('replicas')
  },
  'external-database': (o) => {
    expect(find(o, 'StatefulSet', 'goatflow-db')).toBeUndefined()
    expect(find(o, 'Secret', 'goatflow-db')).toBeUndefined()
    expect(find(o, 'ConfigMap', 'goatflow-config')?.data?.DB_HOST).toBe(
      'your-rds-endpoint.amazonaws.com'
    )
    expect(JSON.stringify(find(o, 'Deployment', 'goatflow-backend'))).toContain(
      '"name":"goatflow-db-credentials"'
    )
  },
  'external-cache': (o) => {
    expect(find(o, 'Deployment', 'goatflow-valkey')).toBeUndefined()
    expect(find(o, 'ConfigMap', 'goatflow-config')?.data?.VALKEY_HOST).toBe(
      'your-elasticache-endpoint'
    )
  }
}

describe('the GoatFlow guide as action inputs (examples/workflows/goatflow.yml)', () => {
  it('has one job per deployment of the guide, each offered by the profile input', () => {
    expect(Object.keys(workflow.jobs).sort()).toEqual(Object.keys(GUIDE).sort())
    const wf = parse(readFileSync(join(ROOT, EXAMPLE), 'utf8')) as {
      on: { workflow_dispatch: { inputs: { profile: { options: string[] } } } }
      jobs: Record<string, { if: string }>
    }
    expect(wf.on.workflow_dispatch.inputs.profile.options.sort()).toEqual(Object.keys(GUIDE).sort())
    for (const id of Object.keys(GUIDE)) expect(wf.jobs[id].if).toBe(`inputs.profile == '${id}'`)
  })

  describe.each(HELM_MAJORS)('with real Helm %i', (major) => {
    it.each(Object.keys(GUIDE))(
      'renders "%s" exactly like the raw helm command of the guide',
      async (id) => {
        const raw = parseManifests(rawHelmTemplate(GUIDE[id], major))
        const { config, warnings, objects } = await actionRender(exampleInputs(id), major)

        expect(config.release).toBe('goatflow')
        expect(warnings).toEqual([])
        EXPECTED[id](raw)
        EXPECTED[id](objects)

        const want = byKey(raw)
        const got = byKey(objects)
        expect([...got.keys()].sort()).toEqual([...want.keys()].sort())
        for (const [key, object] of want) expect({ [key]: got.get(key) }).toEqual({ [key]: object })
      },
      60_000
    )
  })
})
