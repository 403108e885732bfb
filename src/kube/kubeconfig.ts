import { parse } from 'yaml'

/**
 * Every credential inside a kubeconfig, so each can be masked in logs before anything runs:
 * tokens, passwords, inline keys and certificates, and exec-plugin env values.
 */
export function kubeconfigSecrets(text: string): string[] {
  const cfg = parse(text) as {
    users?: Array<{
      user?: Record<string, unknown> & { exec?: { env?: Array<{ value?: unknown }> } }
    }>
  } | null
  const secrets: string[] = []
  for (const u of cfg?.users ?? []) {
    const user = u.user ?? {}
    for (const key of ['token', 'password', 'client-key-data', 'client-certificate-data']) {
      const v = user[key]
      if (typeof v === 'string' && v !== '') secrets.push(v)
    }
    for (const e of user.exec?.env ?? [])
      if (typeof e.value === 'string' && e.value.length >= 6) secrets.push(e.value)
  }
  return secrets
}
