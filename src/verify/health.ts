import type { HealthCheck } from '../inputs/config.js'
import type { Clock } from '../run/clock.js'

export interface HealthResult {
  url: string
  ok: boolean
  status?: number
  attempts: number
  detail: string
}

/**
 * Polls one URL until it answers with the expected status or the time is up. Connection errors
 * and other statuses are retried: a freshly rolled-out service may need a moment behind its
 * load balancer.
 */
export async function checkHealth(
  check: HealthCheck,
  timeoutSeconds: number,
  clock: Clock,
  fetchImpl: typeof fetch = fetch,
  intervalMs = 2000
): Promise<HealthResult> {
  const deadline = clock.now().getTime() + timeoutSeconds * 1000
  let attempts = 0
  let detail: string
  let status: number | undefined
  for (;;) {
    attempts++
    try {
      const res = await fetchImpl(check.url, {
        redirect: 'manual',
        signal: AbortSignal.timeout(10_000)
      })
      status = res.status
      await res.body?.cancel()
      if (res.status === check.expectedStatus)
        return { url: check.url, ok: true, status, attempts, detail: `answered ${status}` }
      detail = `answered ${res.status}, expected ${check.expectedStatus}`
    } catch (e) {
      const cause = (e as { cause?: { code?: string; message?: string } }).cause
      detail = `request failed: ${cause?.code ?? cause?.message ?? (e as Error).message}`
    }
    if (clock.now().getTime() + intervalMs > deadline)
      return { url: check.url, ok: false, status, attempts, detail }
    await clock.sleep(intervalMs)
  }
}
