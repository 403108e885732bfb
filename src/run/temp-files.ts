import { randomBytes } from 'node:crypto'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

/**
 * Private files for one run (kubeconfig, inline values) in a fresh 0700 folder under RUNNER_TEMP:
 * outside the workspace, so they cannot end up in artifacts, and removed by the post step.
 */
export class TempFiles {
  readonly dir: string
  private readonly files: string[] = []

  constructor(base = process.env.RUNNER_TEMP || tmpdir()) {
    this.dir = mkdtempSync(join(base, 'goatflow-deploy-'))
  }

  write(name: string, content: string): string {
    const path = join(this.dir, `${randomBytes(4).toString('hex')}-${name}`)
    writeFileSync(path, content, { mode: 0o600 })
    this.files.push(path)
    return path
  }

  get paths(): string[] {
    return [this.dir, ...this.files]
  }

  removeAll(): void {
    rmSync(this.dir, { recursive: true, force: true })
  }
}

/** Removes files recorded by an earlier step; only those under the goatflow temp folder naming. */
export function removeRecorded(paths: readonly string[]): string[] {
  const removed: string[] = []
  for (const p of paths) {
    if (!/goatflow-deploy-[^/]+/.test(p)) continue
    rmSync(p, { recursive: true, force: true })
    removed.push(p)
  }
  return removed
}
