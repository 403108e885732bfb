import { describe, expect, it } from '@jest/globals'
import type { CommandRunner } from '../../src/exec/runner.js'
import { connect, type ModeDeps } from '../../src/modes/mode.js'
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
