import { execFileSync, spawnSync } from 'node:child_process'
import { join } from 'node:path'
import { ROOT, TOOLS_BIN, helmBinary } from './tools.js'

export const KUBECONFIG = join(ROOT, '.tools/cluster/kubeconfig')
export const KUBECONFIG_TEXT = (): string => execFileSync('cat', [KUBECONFIG]).toString()

export function kubectl(args: string[]): string {
  return execFileSync(join(TOOLS_BIN, 'kubectl'), ['--kubeconfig', KUBECONFIG, ...args], {
    encoding: 'utf8'
  })
}

export function kubectlJson<T>(args: string[]): T {
  return JSON.parse(kubectl([...args, '-o', 'json'])) as T
}

export function helm(
  major: 3 | 4,
  args: string[]
): { status: number; stdout: string; stderr: string } {
  const r = spawnSync(helmBinary(major), [...args, '--kubeconfig', KUBECONFIG], {
    encoding: 'utf8'
  })
  return { status: r.status ?? 1, stdout: r.stdout, stderr: r.stderr }
}

export interface HistoryRow {
  revision: number
  status: string
  description: string
}

export function history(major: 3 | 4, release: string, namespace: string): HistoryRow[] {
  const r = helm(major, ['history', release, '-n', namespace, '-o', 'json'])
  if (r.status !== 0) return []
  return JSON.parse(r.stdout) as HistoryRow[]
}

export function freshNamespace(prefix: string): string {
  const ns = `${prefix}-${Date.now().toString(36)}`
  kubectl(['create', 'namespace', ns])
  return ns
}
