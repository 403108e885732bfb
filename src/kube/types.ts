// The fields of Kubernetes API objects the rollout checks read (k8s.io/api apps/v1, batch/v1, core/v1).

export interface ObjectMeta {
  name: string
  namespace?: string
  uid?: string
  generation?: number
  labels?: Record<string, string>
  annotations?: Record<string, string>
  ownerReferences?: Array<{ kind: string; name: string; uid: string; controller?: boolean }>
  creationTimestamp?: string
  deletionTimestamp?: string
}

export interface Condition {
  type: string
  status: 'True' | 'False' | 'Unknown'
  reason?: string
  message?: string
  lastTransitionTime?: string
  lastUpdateTime?: string
}

export interface Deployment {
  kind: 'Deployment'
  metadata: ObjectMeta
  spec: { replicas?: number; paused?: boolean; progressDeadlineSeconds?: number }
  status?: {
    observedGeneration?: number
    replicas?: number
    updatedReplicas?: number
    readyReplicas?: number
    availableReplicas?: number
    unavailableReplicas?: number
    conditions?: Condition[]
  }
}

export interface ReplicaSet {
  kind: 'ReplicaSet'
  metadata: ObjectMeta
  spec: { replicas?: number }
  status?: {
    replicas?: number
    readyReplicas?: number
    availableReplicas?: number
    conditions?: Condition[]
  }
}

export interface StatefulSet {
  kind: 'StatefulSet'
  metadata: ObjectMeta
  spec: {
    replicas?: number
    updateStrategy?: { type?: string; rollingUpdate?: { partition?: number } }
  }
  status?: {
    observedGeneration?: number
    replicas?: number
    readyReplicas?: number
    availableReplicas?: number
    currentReplicas?: number
    updatedReplicas?: number
    currentRevision?: string
    updateRevision?: string
  }
}

export interface DaemonSet {
  kind: 'DaemonSet'
  metadata: ObjectMeta
  spec: { updateStrategy?: { type?: string } }
  status?: {
    observedGeneration?: number
    desiredNumberScheduled?: number
    updatedNumberScheduled?: number
    numberAvailable?: number
    numberReady?: number
  }
}

export interface Job {
  kind: 'Job'
  metadata: ObjectMeta
  spec: { backoffLimit?: number; completions?: number; suspend?: boolean }
  status?: { active?: number; succeeded?: number; failed?: number; conditions?: Condition[] }
}

export interface ContainerState {
  waiting?: { reason?: string; message?: string }
  running?: { startedAt?: string }
  terminated?: {
    exitCode?: number
    reason?: string
    message?: string
    startedAt?: string
    finishedAt?: string
  }
}

export interface ContainerStatus {
  name: string
  image?: string
  ready: boolean
  started?: boolean
  restartCount: number
  state?: ContainerState
  lastState?: ContainerState
}

export interface Pod {
  kind: 'Pod'
  metadata: ObjectMeta
  spec?: {
    nodeName?: string
    restartPolicy?: string
    containers?: Array<{ name: string; image?: string }>
  }
  status?: {
    phase?: 'Pending' | 'Running' | 'Succeeded' | 'Failed' | 'Unknown'
    reason?: string
    message?: string
    conditions?: Condition[]
    containerStatuses?: ContainerStatus[]
    initContainerStatuses?: ContainerStatus[]
    startTime?: string
  }
}

export interface KubeEvent {
  kind: 'Event'
  metadata: ObjectMeta
  involvedObject: { kind: string; name: string; namespace?: string; uid?: string }
  type?: string
  reason?: string
  message?: string
  count?: number
  lastTimestamp?: string
  eventTime?: string
}

/** Everything one poll reads from the release's namespace. */
export interface Snapshot {
  deployments: Deployment[]
  replicaSets: ReplicaSet[]
  statefulSets: StatefulSet[]
  daemonSets: DaemonSet[]
  jobs: Job[]
  pods: Pod[]
  events: KubeEvent[]
}

export type WorkloadKind = 'Deployment' | 'StatefulSet' | 'DaemonSet' | 'Job'
export interface WorkloadRef {
  kind: WorkloadKind
  name: string
  namespace: string
  /** Helm hooks are checked for doomed pods only; helm itself waits for them. */
  hook?: boolean
}
