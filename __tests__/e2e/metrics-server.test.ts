// The metrics loop the metrics-gate tests stand on: a value set in the exporter is scraped by a
// real Prometheus (test/metrics, started by the e2e global setup) and answered by its query API
// within a few seconds, rate() follows the traffic a test sets, and tests running at once keep to
// their own namespace label.

import { describe, expect, it, jest } from '@jest/globals'
import {
  deleteSeries,
  metricsEndpoints,
  query,
  setRequestRates,
  setSeries,
  unreachablePrometheusUrl,
  waitForQuery,
  waitForScrapedValue
} from '../helpers/metrics.js'

jest.setTimeout(60_000)

const run = Date.now().toString(36)
const namespace = (name: string): string => `metrics-${run}-${name}`

describe('the test Prometheus and its exporter', () => {
  it.concurrent(
    'shows a value set in the exporter within a few seconds, and each change',
    async () => {
      const ns = namespace('gauge')
      const selector = `app_ready_replicas{namespace="${ns}",slot="blue"}`
      await setSeries({
        name: 'app_ready_replicas',
        type: 'gauge',
        labels: { namespace: ns, slot: 'blue' },
        value: 3
      })
      // Five scrapes at most, or waitForScrapedValue throws with what Prometheus had.
      const first = await waitForScrapedValue(selector, 3, { timeoutMs: 5_000 })
      expect(first.metric).toMatchObject({
        job: metricsEndpoints().scrapeJob,
        namespace: ns,
        slot: 'blue'
      })

      await setSeries({
        name: 'app_ready_replicas',
        type: 'gauge',
        labels: { namespace: ns, slot: 'blue' },
        value: 0
      })
      await waitForScrapedValue(selector, 0, { timeoutMs: 5_000 })
      await deleteSeries({ namespace: ns })
    }
  )

  it.concurrent(
    'answers rate() over a counter with the traffic and error rate a test sets',
    async () => {
      const ns = namespace('rate')
      const labels = { namespace: ns, slot: 'green' }
      await setRequestRates(labels, { '200': 10, '500': 0 })
      const byCode = `sum by (code) (rate(requests_total{namespace="${ns}"}[5s]))`
      const near = (want: number) => (v: number | undefined) =>
        v !== undefined && Math.abs(v - want) <= want * 0.2
      const rateOf = (samples: { metric: Record<string, string>; value: number }[], code: string) =>
        samples.find((s) => s.metric.code === code)?.value

      const healthy = await waitForQuery(
        byCode,
        (s) => near(10)(rateOf(s, '200')) && rateOf(s, '500') === 0
      )
      expect(rateOf(healthy, '200')).toBeGreaterThan(8)

      // A bad release: half of the requests fail; the counters go on from where they were.
      await setRequestRates(labels, { '200': 5, '500': 5 })
      const errorRatio =
        `sum(rate(requests_total{namespace="${ns}",code=~"5.."}[5s]))` +
        ` / sum(rate(requests_total{namespace="${ns}"}[5s]))`
      const [ratio] = await waitForQuery(errorRatio, (s) => s.length === 1 && near(0.5)(s[0].value))
      expect(ratio.value).toBeGreaterThan(0.4)
      expect(ratio.value).toBeLessThan(0.6)
      // Counters never went down, so Prometheus saw no reset.
      const [resets] = await query(`sum(resets(requests_total{namespace="${ns}"}[1m]))`)
      expect(resets.value).toBe(0)
      await deleteSeries({ namespace: ns })
    }
  )

  it.concurrent(
    'keeps tests apart by their namespace label, and forgets a deleted series',
    async () => {
      const [a, b] = [namespace('apart-a'), namespace('apart-b')]
      await Promise.all([
        setSeries({ name: 'app_queue_depth', type: 'gauge', labels: { namespace: a }, value: 11 }),
        setSeries({ name: 'app_queue_depth', type: 'gauge', labels: { namespace: b }, value: 22 })
      ])
      await waitForScrapedValue(`app_queue_depth{namespace="${a}"}`, 11, { timeoutMs: 5_000 })
      await waitForScrapedValue(`app_queue_depth{namespace="${b}"}`, 22, { timeoutMs: 5_000 })

      expect(await deleteSeries({ namespace: a })).toBe(1)
      // Gone from the next scrape: Prometheus marks the series stale instead of showing 11 for 5 min.
      await waitForQuery(`app_queue_depth{namespace="${a}"}`, (s) => s.length === 0, {
        timeoutMs: 5_000
      })
      const [other] = await query(`app_queue_depth{namespace="${b}"}`)
      expect(other.value).toBe(22)
      await deleteSeries({ namespace: b })
    }
  )

  it.concurrent(
    'refuses a counter that goes down, or a second type for one name, saying why',
    async () => {
      const ns = namespace('refused')
      const name = `refused_${run}_total`
      await expect(
        setSeries({ name, type: 'counter', labels: { namespace: ns }, perSecond: -1 })
      ).rejects.toThrow(/HTTP 400: perSecond -1: a counter only grows/)
      await setSeries({ name, type: 'counter', labels: { namespace: ns }, value: 5 })
      await expect(
        setSeries({ name, type: 'gauge', labels: { namespace: ns, slot: 'blue' }, value: 1 })
      ).rejects.toThrow(new RegExp(`HTTP 409: .*${name} is a counter already`))
      expect(await deleteSeries({ namespace: ns })).toBe(1)
    }
  )

  it('keeps nothing listening at the unreachable URL, for tests of a metrics server that is down', async () => {
    const url = unreachablePrometheusUrl()
    expect(url).not.toBe(metricsEndpoints().prometheusUrl)
    const refused = await fetch(`${url}/api/v1/query?query=up`).then(
      () => 'answered',
      (err: Error & { cause?: { code?: string } }) => err.cause?.code
    )
    expect(refused).toBe('ECONNREFUSED')
  })
})
