import * as core from '@actions/core'
import { tempFiles } from './state.js'
import { removeRecorded } from './tempfiles.js'

/** The post step: remove temporary credentials. Only ever warns; never fails the job. */
export async function post(): Promise<void> {
  try {
    const removed = removeRecorded(tempFiles())
    if (removed.length > 0)
      core.info(`Removed ${removed.length} temporary file(s) holding kubeconfig and values.`)
  } catch (e) {
    core.warning(`Cleanup: ${(e as Error).message}`)
  }
}
