import { existsSync } from 'node:fs'
import { describe, expect, it } from '@jest/globals'
import { post, postStep, type PostDeps } from '../../src/post.js'
import { TempFiles } from '../../src/run/temp-files.js'
import type { DeployState } from '../../src/run/step-state.js'

// The post step runs even when the job was cancelled: it repairs this run's interrupted deploy,
// frees the deploy lock the run may still hold and removes the temporary files. It only warns.

const state: DeployState = {
  helm: 'helm',
  release: 'goatflow',
  namespace: 'apps',
  attempted: 3,
  lock: { name: 'deploy-lock-goatflow', holder: 'acme/app run 7 attempt 1 #ab12cd' },
  finished: false
}

interface Faults {
  repair?: Error
  freeLock?: Error | false
  removeTemp?: Error
}

function run(
  s: DeployState | undefined,
  faults: Faults = {},
  paths = ['/tmp/goatflow-deploy-x1/kubeconfig']
) {
  const calls: string[] = []
  const lines: string[] = []
  const deps: PostDeps = {
    state: s,
    tempPaths: paths,
    async repair(st) {
      calls.push(`repair ${st.release} revision ${st.attempted}`)
      if (faults.repair) throw faults.repair
      return 'rolled back to revision 2'
    },
    async freeLock(_st, lock) {
      calls.push(`free ${lock.name}`)
      if (faults.freeLock instanceof Error) throw faults.freeLock
      return faults.freeLock ?? true
    },
    removeTemp(p) {
      calls.push(`remove ${p.length}`)
      if (faults.removeTemp) throw faults.removeTemp
      return [...p]
    },
    info: (l) => lines.push(`info: ${l}`),
    warning: (l) => lines.push(`warning: ${l}`)
  }
  return { done: postStep(deps), calls, lines }
}

describe('the post step', () => {
  it.each<[string, DeployState | undefined, string[]]>([
    [
      'repairs an interrupted deploy, then frees its lock, then removes the temporary files',
      state,
      ['repair goatflow revision 3', 'free deploy-lock-goatflow', 'remove 1']
    ],
    ['only cleans up after a run that did not deploy', undefined, ['remove 1']],
    [
      'does not repair a deploy that finished (it reported its own verdict)',
      { ...state, finished: true },
      ['free deploy-lock-goatflow', 'remove 1']
    ],
    [
      'does not repair a run that stopped before helm started (lock timeout, refused pending release)',
      { ...state, attempted: undefined },
      ['free deploy-lock-goatflow', 'remove 1']
    ],
    [
      'has no lock to free for a run without the deploy lock',
      { ...state, lock: undefined },
      ['repair goatflow revision 3', 'remove 1']
    ]
  ])('%s', async (_name, s, calls) => {
    const r = run(s)
    await r.done
    expect(r.calls).toEqual(calls)
    expect(r.lines.filter((l) => l.startsWith('warning'))).toEqual([])
  })

  it('says when it freed the lock and how many temporary paths it removed', async () => {
    const r = run(state)
    await r.done
    expect(r.lines).toEqual([
      'info: Freed the deploy lock deploy-lock-goatflow this run still held.',
      'info: Removed 1 temporary path(s) holding kubeconfig and values.'
    ])
  })

  it('is quiet about a lock another run holds by now and about nothing to remove', async () => {
    const r = run(state, { freeLock: false }, [])
    await r.done
    expect(r.lines).toEqual([])
  })

  it.each<[string, Faults, string]>([
    [
      'a repair that failed',
      { repair: new Error('helm history failed (exit 1): Kubernetes cluster unreachable') },
      'warning: Could not check the interrupted deploy of goatflow: helm history failed (exit 1): Kubernetes cluster unreachable'
    ],
    [
      'a lock it could not free',
      { freeLock: new Error('kubectl replace lease: forbidden') },
      'warning: Could not free the deploy lock deploy-lock-goatflow: kubectl replace lease: forbidden. It expires by itself.'
    ],
    [
      'a cleanup that failed',
      { removeTemp: new Error('EACCES: permission denied') },
      'warning: Cleanup: EACCES: permission denied'
    ]
  ])('warns about %s and goes on with the rest', async (_name, faults, warning) => {
    const r = run(state, faults)
    await expect(r.done).resolves.toBeUndefined()
    expect(r.lines).toContain(warning)
    expect(r.calls).toEqual(['repair goatflow revision 3', 'free deploy-lock-goatflow', 'remove 1'])
  })
})

describe('post()', () => {
  it('reads what the main step remembered and removes its temporary files', async () => {
    const temp = new TempFiles()
    const kubeconfig = temp.write('kubeconfig', 'apiVersion: v1')
    // What the runner hands the post step: the main step's saveState values as STATE_* variables.
    process.env.STATE_tempFiles = JSON.stringify([temp.dir])
    process.env.STATE_release = JSON.stringify({ ...state, finished: true, lock: undefined })
    try {
      await post()
    } finally {
      delete process.env.STATE_tempFiles
      delete process.env.STATE_release
    }
    expect(existsSync(kubeconfig)).toBe(false)
  })
})
