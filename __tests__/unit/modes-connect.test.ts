import { describe, expect, it } from '@jest/globals'
import type { CommandRunner } from '../../src/exec/runner.js'
import { connect, connectMeanwhile, type ModeDeps } from '../../src/modes/mode.js'
import type { Session } from '../../src/run/session.js'

/** A runner that answers `kubectl config view` with the context's namespace and records calls. */
function kubeconfigRunner(contextNamespace: string) {
  const calls: string[][] = []
  const run: CommandRunner['run'] = async (file, args) => {
    calls.push([file, ...args])
    return { exitCode: 0, stdout: contextNamespace, stderr: '' }
  }
  const runner: CommandRunner = {
    run,
    start: (file, args) => ({ done: run(file, args), exited: () => true, signal: () => undefined })
  }
  return { runner, calls }
}

const opened = (namespace?: string): Session =>
  ({
    target: { release: 'web', namespace, kubeContext: 'ci' }
  }) as unknown as Session

const deps = (runner: CommandRunner) => ({ runner, kubectl: 'kubectl' }) as unknown as ModeDeps

describe('connect()', () => {
  it.each([
    { given: undefined, context: 'team-a', expected: 'team-a', kubectlCalls: 1 },
    { given: undefined, context: '', expected: 'default', kubectlCalls: 1 },
    { given: 'preview-7', context: 'team-a', expected: 'preview-7', kubectlCalls: 0 }
  ])(
    'binds namespace $given (context $context) to $expected in a new session, leaving the opened one as it was',
    async ({ given, context, expected, kubectlCalls }) => {
      const { runner, calls } = kubeconfigRunner(context)
      const session = opened(given)
      const before = structuredClone(session)
      const { session: bound } = await connect(session, deps(runner))
      expect(bound.target.namespace).toBe(expected)
      expect(bound.target.release).toBe('web')
      expect(session).toEqual(before)
      expect(calls).toHaveLength(kubectlCalls)
    }
  )
})

describe('connectMeanwhile()', () => {
  /** kubectl version answering 1.34, recording its calls. */
  function versionRunner() {
    const calls: string[][] = []
    const run: CommandRunner['run'] = async (file, args) => {
      calls.push([file, ...args])
      return {
        exitCode: 0,
        stdout: JSON.stringify({ serverVersion: { major: '1', minor: '34' } }),
        stderr: ''
      }
    }
    return { runner: { run, start: () => undefined } as unknown as CommandRunner, calls }
  }

  it.each([
    { how: 'with kubectl, by default', read: undefined, version: '1.34', kubectlCalls: 1 },
    {
      how: 'the cheaper way when given',
      read: async () => '1.35',
      version: '1.35',
      kubectlCalls: 0
    },
    {
      how: 'with kubectl when the cheaper way fails',
      read: () => Promise.reject(new Error('reading /version: HTTP 403')),
      version: '1.34',
      kubectlCalls: 1
    }
  ])("reads the cluster's version $how", async ({ read, version, kubectlCalls }) => {
    const { runner, calls } = versionRunner()
    const c = await connectMeanwhile(opened('apps'), deps(runner), read)
    expect(c.serverVersion).toBe(version)
    expect(calls.filter((a) => a.includes('version'))).toHaveLength(kubectlCalls)
  })

  it('tells the connection as soon as it is made, before the version is read', async () => {
    const { runner } = versionRunner()
    const order: string[] = []
    const c = await connectMeanwhile(
      opened('apps'),
      deps(runner),
      async () => {
        order.push('version read')
        return '1.35'
      },
      (conn) => order.push(`connected to ${conn.kube.target.namespace}`)
    )
    expect(order).toEqual(['connected to apps', 'version read'])
    expect(c.serverVersion).toBe('1.35')
  })
})
