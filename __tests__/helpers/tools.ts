import { existsSync } from 'node:fs'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..')
export const TOOLS_BIN = join(ROOT, '.tools/bin')

/**
 * Path of a binary the tests need, built by `npm run tools`. A missing tool fails the suite
 * loudly: a tier that cannot run must never pass by skipping.
 */
export function tool(name: string, envVar?: string): string {
  const fromEnv = envVar ? process.env[envVar] : undefined
  const path = fromEnv || join(TOOLS_BIN, name)
  if (!existsSync(path))
    throw new Error(
      `${name} not found at ${path}: run "npm run tools" (test/cluster/build.sh) first${envVar ? ` or set ${envVar}` : ''}`
    )
  return path
}

export const HELM_MAJORS = [3, 4] as const
export const helmBinary = (major: 3 | 4): string => tool(`helm${major}`, `HELM${major}_BIN`)

export const EXAMPLE_CHART = join(ROOT, 'examples/charts/goatflow')
