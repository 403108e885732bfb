/** `unknown`: the cluster stopped answering after helm started, so the result could not be read. */
export type Outcome =
  | 'deployed'
  | 'rolled-back'
  | 'failed'
  | 'unknown'
  | 'planned'
  | 'validated'
  | 'removed'
  /** blue-green with promotion: manual: the new slot is verified and waits for mode promote. */
  | 'verified'
  /** mode reject dropped a candidate that never took traffic. */
  | 'rejected'

export interface RunOutputs {
  status: Outcome
  revision?: number
  previousRevision?: number
  rolledBack: boolean
  changed: boolean
  durationSeconds: number
  images: string[]
  /** blue-green: the slot that takes traffic after the run. */
  slot?: string
}

/** The action's outputs as the strings GitHub stores. */
export function outputValues(o: RunOutputs): Record<string, string> {
  return {
    status: o.status,
    revision: o.revision === undefined ? '' : String(o.revision),
    'previous-revision': o.previousRevision === undefined ? '' : String(o.previousRevision),
    'rolled-back': String(o.rolledBack),
    changed: String(o.changed),
    'duration-seconds': String(o.durationSeconds),
    images: JSON.stringify(o.images),
    slot: o.slot ?? ''
  }
}
