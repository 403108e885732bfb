import { existsSync } from 'node:fs'
import { join, relative } from 'node:path'

/** One finding of a check, placed on the file and line it is about. */
export interface Annotation {
  level: 'error' | 'warning'
  message: string
  /** Workspace-relative path, so GitHub shows it on the file. */
  file?: string
  line?: number
  column?: number
}

/** A path as GitHub places annotations: relative to the workspace checkout. */
export const workspacePath = (path: string): string =>
  relative(process.env.GITHUB_WORKSPACE || process.cwd(), path) || path

/** A file of a local chart (`templates/x.yaml`) as a workspace path, if it exists there. */
export function chartFile(chartPath: string, file: string): string | undefined {
  const path = join(chartPath, file)
  return existsSync(path) ? workspacePath(path) : undefined
}
