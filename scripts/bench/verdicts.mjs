#!/usr/bin/env node
// Verdict figures on the local cluster, not a test: for each doomed reason, the time from the first
// doomed evidence on a pod to the rollback starting and to a healthy release (median of
// BENCH_RUNS), beside Helm's own rollback (`--atomic` / `--rollback-on-failure`); and the number
// of false rollbacks on the transient corpus (kwok behaviours that recover).
//
//   node scripts/bench/verdicts.mjs       (npm run bench runs it too)
//   BENCH_MAJORS=3,4  BENCH_RUNS=3  BENCH_TIMEOUT=90s
import { spawn } from 'node:child_process'
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import {
  bundle,
  figure,
  freshNamespace,
  helm,
  kubeconfig,
  kubectl,
  majors,
  median,
  pathFor,
  root,
  runs
} from './lib.mjs'

const timeout = process.env.BENCH_VERDICT_TIMEOUT ?? '90s'
const chart = 'examples/charts/goatflow'
const sleep = (ms) => new Promise((r) => setTimeout(r, ms))

/** Runs the bundled action; notes when its log first says it rolls back. */
function action(major, inputs) {
  const dir = mkdtempSync(join(tmpdir(), 'bench-verdict-'))
  const env = {
    PATH: pathFor(major),
    RUNNER_TEMP: dir,
    HOME: dir,
    GITHUB_OUTPUT: join(dir, 'out'),
    GITHUB_STATE: join(dir, 'state'),
    GITHUB_WORKSPACE: root
  }
  writeFileSync(env.GITHUB_OUTPUT, '')
  writeFileSync(env.GITHUB_STATE, '')
  for (const [k, v] of Object.entries(inputs)) env[`INPUT_${k.toUpperCase()}`] = v
  const started = Date.now()
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [bundle], { env, cwd: root })
    let out = ''
    let rollbackAt
    child.stdout.on('data', (d) => {
      out += d
      if (rollbackAt === undefined && /Rolling back /.test(out)) rollbackAt = Date.now()
    })
    child.on('close', (code) =>
      resolve({
        code,
        started,
        ended: Date.now(),
        rollbackAt,
        out,
        outputs: readFileSync(env.GITHUB_OUTPUT, 'utf8')
      })
    )
  })
}

/** Polls the namespace's pods; returns when the evidence a rule looks at first appeared. */
function watchEvidence(ns, test) {
  let stop = false
  let seen
  const loop = (async () => {
    while (!stop && seen === undefined) {
      const r = kubectl(['get', 'pods', '-n', ns, '-o', 'json'])
      if (r.status === 0 && JSON.parse(r.stdout).items.some(test)) seen = Date.now()
      await sleep(250)
    }
  })()
  return {
    done: async () => {
      stop = true
      await loop
      return seen
    }
  }
}

const statuses = (p) => p.status?.containerStatuses ?? []
const DOOMED = [
  {
    reason: 'crash loop (second crash)',
    tag: 'e2e-crashloop',
    evidence: (p) => statuses(p).some((c) => c.restartCount >= 2)
  },
  {
    reason: 'image not found (first ErrImagePull)',
    tag: 'e2e-imagenotfound',
    evidence: (p) => statuses(p).some((c) => c.state?.waiting?.reason === 'ErrImagePull')
  },
  {
    reason: 'Secret never created (config-error-grace 20s)',
    tag: 'e2e-createcontainerconfigerror',
    inputs: { 'config-error-grace': '20s' },
    evidence: (p) =>
      statuses(p).some((c) => c.state?.waiting?.reason === 'CreateContainerConfigError'),
    graceSeconds: 20
  }
]

const TRANSIENT = ['e2e-crashonce', 'e2e-registryflaky', 'e2e-configlate']

export async function benchVerdicts(print = console.log) {
  print('\nVerdicts: first doomed evidence → rollback start → healthy release (median)')
  const falseRollbacks = {}
  for (const major of majors) {
    // The action's own timeout is far longer than any rule's grace: a verdict here is a rule's,
    // never the deadline's (helm's own rollback gets `timeout`, and waits all of it).
    const base = (ns) => ({
      mode: 'deploy',
      release: 'app',
      namespace: ns,
      chart,
      timeout: '5m',
      kubeconfig: readFileSync(kubeconfig, 'utf8'),
      summary: 'false'
    })
    for (const d of DOOMED) {
      const toStart = []
      const toHealthy = []
      const helmTimes = []
      for (let i = 0; i < runs; i++) {
        const ns = freshNamespace(`bench-verdict-h${major}`)
        await action(major, { ...base(ns), set: 'backend.image.tag=1.0.0' })
        const ev = watchEvidence(ns, d.evidence)
        const r = await action(major, {
          ...base(ns),
          set: `backend.image.tag=${d.tag}`,
          ...d.inputs
        })
        const at = await ev.done()
        if (at !== undefined && r.rollbackAt !== undefined) {
          toStart.push((r.rollbackAt - at) / 1000)
          toHealthy.push((r.ended - at) / 1000)
        }
        // Helm's own: the same upgrade with its rollback flag and wait, from start to end.
        helm(
          major,
          [
            'upgrade',
            '--install',
            'raw',
            chart,
            '-n',
            ns,
            '--set',
            'backend.image.tag=1.0.0',
            '--wait'
          ],
          { cluster: true }
        )
        const t1 = Date.now()
        helm(
          major,
          [
            'upgrade',
            'raw',
            chart,
            '-n',
            ns,
            '--set',
            `backend.image.tag=${d.tag}`,
            major === 3 ? '--atomic' : '--rollback-on-failure',
            '--timeout',
            timeout
          ],
          { cluster: true }
        )
        helmTimes.push((Date.now() - t1) / 1000)
        kubectl(['delete', 'namespace', ns, '--wait=false'])
      }
      figure(`Helm ${major}: ${d.reason}: first evidence → rollback starts`, median(toStart), {
        unit: 's',
        target: d.graceSeconds === undefined ? 5 : d.graceSeconds + 5
      })
      print(
        `  Helm ${major}: ${d.reason.padEnd(46)} evidence→rollback ${median(toStart)?.toFixed(1) ?? '?'}s, →healthy ${median(toHealthy)?.toFixed(1) ?? '?'}s | helm's own rollback ${median(helmTimes).toFixed(1)}s from its start (timeout ${timeout})`
      )
    }
    let count = 0
    for (const tag of TRANSIENT) {
      const ns = freshNamespace(`bench-transient-h${major}`)
      await action(major, { ...base(ns), set: 'backend.image.tag=1.0.0' })
      const r = await action(major, { ...base(ns), set: `backend.image.tag=${tag}` })
      if (r.rollbackAt !== undefined || r.code !== 0) count++
      kubectl(['delete', 'namespace', ns, '--wait=false'])
    }
    falseRollbacks[major] = count
    figure(`Helm ${major}: false rollbacks on the transient corpus`, count, {
      unit: 'rollbacks',
      target: 0
    })
    print(
      `  Helm ${major}: false rollbacks on the transient corpus (${TRANSIENT.join(', ')}): ${count}`
    )
  }
  return falseRollbacks
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await benchVerdicts()
