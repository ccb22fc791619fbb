import { createMetricsRegistry } from '@focushub/shared/metrics'
import { afterEach, describe, expect, it } from 'vitest'
import { Balancer } from '../../src/balancer.ts'
import { balancerMetrics } from '../../src/observability.ts'
import { RetryBudget } from '../../src/retry-budget.ts'
import { createTotals } from '../../src/totals.ts'
import { createUpstream, parseUpstreams, type Upstream } from '../../src/upstreams.ts'

const poolOptions = { connections: 1, connectTimeoutMs: 100, responseTimeoutMs: 100, streamIdleTimeoutMs: 100 }
let upstreams: Upstream[] = []
afterEach(() => Promise.all(upstreams.map((upstream) => upstream.pool.destroy())))

function observed() {
  upstreams = parseUpstreams('http://a:1|3,http://b:1').map((spec) => createUpstream(spec, poolOptions))
  const balancer = new Balancer(upstreams, { afterFailures: 2, baseMs: 1000, maxMs: 8000, maxPercent: 50 })
  const registry = createMetricsRegistry({ service: 'load-balancer', instance: 'lb-1', processMetrics: false })
  const totals = createTotals()
  const budget = new RetryBudget({ percent: 20, minimum: 0, windowMs: 10_000 })
  const metrics = balancerMetrics(registry, { balancer, totals, budget })
  /** One sample of the text exposition by its name and labels (whatever their order); undefined when absent. */
  const sample = async (name: string, labels: Record<string, string> = {}) => {
    const wanted = { ...labels, service: 'load-balancer', instance: 'lb-1' }
    for (const line of (await registry.metrics()).split('\n')) {
      const match = /^(\w+)\{(.*)\} (\S+)$/.exec(line)
      if (!match || match[1] !== name) continue
      const found = Object.fromEntries([...match[2].matchAll(/(\w+)="([^"]*)"/g)].map(([, key, value]) => [key, value]))
      if (
        Object.keys(found).length === Object.keys(wanted).length &&
        Object.entries(wanted).every(([k, v]) => found[k] === v)
      )
        return Number(match[3])
    }
    return undefined
  }
  return { balancer, totals, budget, metrics, sample }
}

describe('the balancer metrics', () => {
  it('reads its tallies and each upstream’s at scrape time', async () => {
    const { balancer, totals, budget, sample } = observed()
    const [a, b] = balancer.upstreams
    totals.requests = 5
    totals.responses['5xx'] = 1
    a.requests = 4
    a.failures = 1
    b.requests = 2
    b.healthy = false
    budget.tryRetry()
    expect(await sample('focushub_lb_requests_total')).toBe(5)
    expect(await sample('focushub_lb_responses_total', { class: '5xx' })).toBe(1)
    expect(await sample('focushub_lb_retries_denied_total')).toBe(1)
    expect(await sample('focushub_lb_upstream_requests_total', { upstream: 'http://a:1' })).toBe(4)
    expect(await sample('focushub_lb_upstream_requests_total', { upstream: 'http://b:1' })).toBe(2)
    expect(await sample('focushub_lb_upstream_failures_total', { upstream: 'http://a:1' })).toBe(1)
    expect(await sample('focushub_lb_upstream_weight', { upstream: 'http://a:1' })).toBe(3)
    expect(await sample('focushub_lb_upstream_available', { upstream: 'http://b:1' })).toBe(0)
    totals.requests = 6
    expect(await sample('focushub_lb_requests_total')).toBe(6)
  })

  it('observes durations, and forgets a removed upstream’s series', async () => {
    const { balancer, metrics, sample } = observed()
    const [a, b] = balancer.upstreams
    metrics.answered(0.003)
    metrics.upstreamAnswered(a, 0.002)
    metrics.upstreamAnswered(b, 0.2)
    expect(await sample('focushub_lb_request_duration_seconds_bucket', { le: '0.005' })).toBe(1)
    expect(await sample('focushub_lb_request_duration_seconds_bucket', { le: '0.0025' })).toBe(0)
    expect(await sample('focushub_lb_upstream_response_seconds_count', { upstream: 'http://b:1' })).toBe(1)
    metrics.forget([b.url])
    balancer.upstreams = [a]
    expect(await sample('focushub_lb_upstream_response_seconds_count', { upstream: 'http://a:1' })).toBe(1)
    expect(await sample('focushub_lb_upstream_response_seconds_count', { upstream: 'http://b:1' })).toBeUndefined()
    expect(await sample('focushub_lb_upstream_requests_total', { upstream: 'http://b:1' })).toBeUndefined()
  })
})
