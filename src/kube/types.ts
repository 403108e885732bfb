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
  spec: {
    replicas?: number
    paused?: boolean
    progressDeadlineSeconds?: number
    selector?: LabelSelector
  }
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
    selector?: LabelSelector
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
  spec: { updateStrategy?: { type?: string }; selector?: LabelSelector }
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
  spec: {
    backoffLimit?: number
    completions?: number
    suspend?: boolean
    ttlSecondsAfterFinished?: number
  }
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

export interface LabelSelector {
  matchLabels?: Record<string, string>
  matchExpressions?: Array<{ key: string; operator: string; values?: string[] }>
}

/** The probe settings that bound how long a container may take to become started and ready. */
export interface Probe {
  initialDelaySeconds?: number
  periodSeconds?: number
  timeoutSeconds?: number
  failureThreshold?: number
  successThreshold?: number
}

export interface ContainerSpec {
  name: string
  image?: string
  startupProbe?: Probe
  readinessProbe?: Probe
  livenessProbe?: Probe
  /** `Always` on an init container makes it a sidecar. */
  restartPolicy?: string
}

export interface Pod {
  kind: 'Pod'
  metadata: ObjectMeta
  spec?: {
    nodeName?: string
    restartPolicy?: string
    containers?: ContainerSpec[]
    initContainers?: ContainerSpec[]
    readinessGates?: Array<{ conditionType: string }>
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
  firstTimestamp?: string
  lastTimestamp?: string
  eventTime?: string
  source?: { component?: string }
  reportingComponent?: string
}

/** apps/v1 ControllerRevision: the DaemonSet's current one names the hash its new pods carry. */
export interface ControllerRevision {
  kind: 'ControllerRevision'
  metadata: ObjectMeta
  revision: number
}

/** Any object with the usual status conventions (custom resources such as a Certificate). */
export interface CustomObject {
  kind: string
  apiVersion: string
  metadata: ObjectMeta
  status?: { observedGeneration?: number; conditions?: Condition[]; phase?: string }
}

/** Everything one poll reads from the namespaces of the release's workloads. */
export interface Snapshot {
  deployments: Deployment[]
  replicaSets: ReplicaSet[]
  statefulSets: StatefulSet[]
  daemonSets: DaemonSet[]
  jobs: Job[]
  pods: Pod[]
  events: KubeEvent[]
  controllerRevisions?: ControllerRevision[]
  /** Custom resources of the release, read by kind. */
  custom?: CustomObject[]
}

export interface WorkloadRef {
  /** Deployment, StatefulSet, DaemonSet, Job, or a custom resource's kind (then with apiVersion). */
  kind: string
  name: string
  namespace: string
  /** `cert-manager.io/v1`, for custom resources only. */
  apiVersion?: string
  /** Helm hook phases (`pre-upgrade`, `test`...) when the object is a hook. */
  hook?: string[]
  /** A Job's ttlSecondsAfterFinished: the Job may be gone before it is read. */
  ttlSecondsAfterFinished?: number
}
