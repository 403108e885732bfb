import { describe, expect, it } from '@jest/globals'
import {
  decideRemove,
  installedByLabels,
  markedNamespace,
  releaseLabelsSupported,
  type RemoveFacts
} from '../../src/remediate/marks.js'

const facts = (o: Partial<RemoveFacts> = {}): RemoveFacts => ({
  release: 'pr-42',
  namespace: 'pr-42',
  releaseExists: true,
  releaseMarked: true,
  deleteNamespace: false,
  namespaceState: { kind: 'present', createdFor: 'pr-42' },
  force: false,
  ...o
})

describe('what mode remove removes', () => {
  it.each<[string, Partial<RemoveFacts>, { uninstall: boolean; deleteNamespace: boolean }]>([
    ['the release the action installed', {}, { uninstall: true, deleteNamespace: false }],
    [
      'the release and the namespace created for it',
      { deleteNamespace: true },
      { uninstall: true, deleteNamespace: true }
    ],
    [
      'the namespace alone when the release is already gone',
      { releaseExists: false, releaseMarked: false, deleteNamespace: true },
      { uninstall: false, deleteNamespace: true }
    ],
    [
      'nothing when both are already gone',
      {
        releaseExists: false,
        releaseMarked: false,
        deleteNamespace: true,
        namespaceState: { kind: 'absent' }
      },
      { uninstall: false, deleteNamespace: false }
    ],
    [
      'an unmarked release with force',
      { releaseMarked: false, force: true },
      { uninstall: true, deleteNamespace: false }
    ],
    [
      'an unmarked namespace with force',
      { deleteNamespace: true, namespaceState: { kind: 'present' }, force: true },
      { uninstall: true, deleteNamespace: true }
    ]
  ])('removes %s', (_what, o, expected) => {
    expect(decideRemove(facts(o))).toMatchObject({ kind: 'remove', ...expected })
  })

  it.each<[string, Partial<RemoveFacts>, RegExp]>([
    [
      'a release the action did not install',
      { releaseMarked: false },
      /^Nothing was removed\. Input "release" "pr-42": release "pr-42" in namespace "pr-42" was not installed by this action.*force: true/
    ],
    [
      'a namespace the action did not create',
      { deleteNamespace: true, namespaceState: { kind: 'present' } },
      /Input "delete-namespace": true, but namespace "pr-42" was not created by this action.*delete-namespace: false/
    ],
    [
      'a namespace created for another release',
      { deleteNamespace: true, namespaceState: { kind: 'present', createdFor: 'pr-7' } },
      /created by this action for release "pr-7", not "pr-42"/
    ],
    [
      'a namespace it cannot read',
      { deleteNamespace: true, namespaceState: { kind: 'unreadable', reason: 'forbidden' } },
      /cannot be read \(forbidden\)/
    ],
    [
      'kube-system even with force',
      { namespace: 'kube-system', deleteNamespace: true, force: true },
      /never deletes kube-system, even with force/
    ],
    [
      'both at once, naming both',
      { releaseMarked: false, deleteNamespace: true, namespaceState: { kind: 'present' } },
      /not installed by this action.*not created by this action/
    ]
  ])('refuses %s', (_what, o, reason) => {
    const plan = decideRemove(facts(o))
    expect(plan.kind).toBe('refuse')
    expect(plan.kind === 'refuse' && plan.reason).toMatch(reason)
  })
})

describe('marks', () => {
  it.each([
    ['v3.13.3', false],
    ['v3.14.0', true],
    ['v3.22.0', true],
    ['v4.0.0', true],
    ['garbage', false]
  ])('Helm %s sets release labels: %s', (version, expected) => {
    expect(releaseLabelsSupported(version)).toBe(expected)
    expect(installedByLabels(version) !== undefined).toBe(expected)
  })

  it('marks a created namespace with the release and the run', () => {
    expect(markedNamespace('pr-42', 'pr-42', 'https://github.com/o/r/actions/runs/1')).toEqual({
      apiVersion: 'v1',
      kind: 'Namespace',
      metadata: {
        name: 'pr-42',
        labels: { 'deploy-action.goatflow.io/created-for': 'pr-42' },
        annotations: {
          'deploy-action.goatflow.io/created-by-run': 'https://github.com/o/r/actions/runs/1'
        }
      }
    })
  })
})
