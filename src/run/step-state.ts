import * as core from '@actions/core'

// The only module that talks to STATE_*: the post step runs in a new process and sees nothing
// else of the main step. Paths only, never secrets.

// The main step leaves this mark; the post step (a new process) finds it and so knows it is the post step.
const MAIN_STEP_RAN = 'mainStepRan'
const TEMP_FILES = 'tempFiles'
const RELEASE = 'release'

export const isPostStep = (): boolean => core.getState(MAIN_STEP_RAN) === 'true'
export const markMainStepRan = (): void => core.saveState(MAIN_STEP_RAN, 'true')

export function rememberTempFiles(paths: readonly string[]): void {
  core.saveState(TEMP_FILES, JSON.stringify(paths))
}

export function tempFiles(): string[] {
  const raw = core.getState(TEMP_FILES)
  if (!raw) return []
  try {
    const v = JSON.parse(raw) as unknown
    return Array.isArray(v) ? v.filter((p): p is string => typeof p === 'string') : []
  } catch {
    return []
  }
}

/** The release a deploy is working on, so the post step can check it after a cancellation. */
export interface DeployState {
  helm: string
  release: string
  namespace?: string
  kubeContext?: string
  kubeconfig?: string
  /** Revision that was good before the deploy started, if any. */
  lastGood?: number
  /** The revision this run's upgrade gets: the only one the post step may repair. */
  attempted?: number
  rollbackOnFailure?: boolean
  /** The deploy lock this run holds (Lease name and holder identity), freed by the post step. */
  lock?: { name: string; holder: string }
  finished: boolean
}

export function rememberDeploy(state: DeployState): void {
  core.saveState(RELEASE, JSON.stringify(state))
}

export function deployState(): DeployState | undefined {
  const raw = core.getState(RELEASE)
  if (!raw) return undefined
  try {
    return JSON.parse(raw) as DeployState
  } catch {
    return undefined
  }
}
