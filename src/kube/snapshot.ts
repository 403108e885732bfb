import type { ControllerRevision, CustomObject, KubeEvent, Snapshot } from './types.js'

/** Sorts the items of a mixed `kubectl get … -o json` list into a Snapshot by kind. */
export function snapshotOf(
  items: ReadonlyArray<{ kind: string }>,
  events: readonly KubeEvent[],
  custom: ReadonlyArray<{ kind: string }> = []
): Snapshot {
  const of = <T>(kind: string): T[] => items.filter((i) => i.kind === kind) as T[]
  return {
    deployments: of('Deployment'),
    replicaSets: of('ReplicaSet'),
    statefulSets: of('StatefulSet'),
    daemonSets: of('DaemonSet'),
    jobs: of('Job'),
    pods: of('Pod'),
    controllerRevisions: of<ControllerRevision>('ControllerRevision'),
    custom: custom as CustomObject[],
    events: events.map((e) => ({ ...e, kind: 'Event' as const }))
  }
}
