import { describe, expect, it, jest } from '@jest/globals'
import type { CommandResult, CommandRunner } from '../../src/exec/runner.js'

const real = await import('@actions/core')
jest.unstable_mockModule('@actions/core', () => ({
  ...real,
  info: jest.fn(),
  warning: jest.fn()
}))
const { repairInterruptedDeploy } = await import('../../src/post.js')

/** helm as the post step sees it: a version, a history, and whatever it is asked to change. */
function fakeHelm(history: Array<{ revision: number; status: string }>) {
  const changes: string[][] = []
  const run: CommandRunner['run'] = async (_file, args): Promise<CommandResult> => {
    if (args[0] === 'version') return { exitCode: 0, stdout: 'v4.1.4', stderr: '' }
    if (args[0] === 'history')
      return {
        exitCode: 0,
        stdout: JSON.stringify(history.map((h) => ({ ...h, chart: 'goatflow-0.6.5' }))),
        stderr: ''
      }
    changes.push([...args])
    return { exitCode: 0, stdout: '', stderr: '' }
  }
  const runner: CommandRunner = {
    run,
    start: () => {
      throw new Error('not used')
    }
  }
  return { runner, changes }
}

const state = { helm: 'helm', release: 'goatflow', namespace: 'apps', finished: false }

describe('the post step after a cancelled deploy', () => {
  it('rolls back its own revision that was left pending', async () => {
    const helm = fakeHelm([
      { revision: 1, status: 'superseded' },
      { revision: 2, status: 'deployed' },
      { revision: 3, status: 'pending-upgrade' }
    ])
    expect(await repairInterruptedDeploy({ ...state, attempted: 3 }, helm.runner)).toBe(
      'rolled back to revision 2'
    )
    expect(helm.changes).toEqual([
      expect.arrayContaining(['rollback', 'goatflow', '2', '--namespace', 'apps'])
    ])
  })

  it('rolls back its own revision that helm applied but the run never verified', async () => {
    // helm applies without waiting; a run killed while it watched the rollout leaves it deployed.
    const helm = fakeHelm([
      { revision: 2, status: 'superseded' },
      { revision: 3, status: 'deployed' }
    ])
    expect(await repairInterruptedDeploy({ ...state, attempted: 3 }, helm.runner)).toBe(
      'rolled back to revision 2'
    )
  })

  it.each([
    [
      'a revision another deploy wrote after its own',
      [
        { revision: 2, status: 'superseded' },
        { revision: 3, status: 'failed' },
        { revision: 4, status: 'pending-upgrade' }
      ],
      3
    ],
    [
      'a pending revision that is not its own (cancelled before helm started)',
      [
        { revision: 2, status: 'deployed' },
        { revision: 3, status: 'pending-upgrade' }
      ],
      undefined
    ]
  ])('leaves %s alone', async (_name, history, attempted) => {
    const helm = fakeHelm(history)
    await repairInterruptedDeploy({ ...state, attempted }, helm.runner)
    expect(helm.changes).toEqual([])
  })
})
