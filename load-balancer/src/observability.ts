import { counterIn, gaugeIn, histogramIn, type Registry, requestDurationBuckets } from '@focushub/shared/metrics'
import type { Balancer } from './balancer.ts'
import type { RetryBudget } from './retry-budget.ts'
import type { Totals } from './totals.ts'
import type { Upstream } from './upstreams.ts'

export interface Observed {
  balancer: Balancer
  totals: Totals
  budget: RetryBudget
}

function state(upstream: Upstream, now: number) {
  if (upstream.draining) return 'draining'
  if (!upstream.healthy) return 'down'
  return upstream.ejectedUntil > now ? 'ejected' : 'up'
}

/** GET /lb/status: each upstream's health and traffic, and the balancer's totals. */
export function statusDocument({ balancer, totals, budget }: Observed, now = Date.now()) {
  return {
    upstreams: balancer.upstreams.map((upstream) => ({
      url: upstream.url,
      weight: upstream.weight,
      state: state(upstream, now),
      ejectedForMs: Math.max(0, upstream.ejectedUntil - now),
      ejections: upstream.ejectionsTotal,
      inFlight: upstream.inFlight,
      tunnels: upstream.tunnels.size,
      requests: upstream.requests,
      failures: upstream.failures,
      responses: upstream.responses,
      latencyMs: upstream.latency.percentiles(),
    })),
    totals: {
      requests: totals.requests,
      inFlight: totals.inFlight,
      tunnels: totals.tunnels,
      retries: totals.retries,
      retriesDenied: budget.denied,
      noUpstream: totals.noUpstream,
      clientAborts: totals.clientAborts,
      reloads: totals.reloads,
      responses: totals.responses,
      latencyMs: totals.latency.percentiles(),
    },
  }
}

const prefix = 'focushub_lb'

/** A counter whose value is a tally the balancer keeps anyway (for /lb/status), read at each scrape. */
function tallied(registry: Registry, name: string, help: string, read: () => number) {
  counterIn(registry, {
    name: `${prefix}_${name}`,
    help,
    collect() {
      this.reset()
      this.inc(read())
    },
  })
}

/**
 * The balancer's figures in the process's registry (the one its METRICS_PORT and the admin listener's
 * /lb/metrics answer): its tallies and each listed upstream's, read at each scrape, so a removed upstream's
 * series go with it; the two durations are observed as requests end, through the functions returned.
 */
export function balancerMetrics(registry: Registry, { balancer, totals, budget }: Observed) {
  tallied(registry, 'requests_total', 'Requests received', () => totals.requests)
  tallied(registry, 'retries_total', 'Requests sent again after reaching an upstream', () => totals.retries)
  tallied(registry, 'retries_denied_total', 'Retries the retry budget refused', () => budget.denied)
  tallied(registry, 'no_upstream_total', 'Requests answered 503: no upstream reachable', () => totals.noUpstream)
  tallied(registry, 'client_aborts_total', 'Requests the client gave up on', () => totals.clientAborts)
  tallied(registry, 'reloads_total', 'Upstream list reloads', () => totals.reloads)
  counterIn(registry, {
    name: `${prefix}_responses_total`,
    help: 'Responses sent, by status class',
    labelNames: ['class'],
    collect() {
      this.reset()
      for (const [statusClass, count] of Object.entries(totals.responses)) this.inc({ class: statusClass }, count)
    },
  })
  gaugeIn(registry, {
    name: `${prefix}_in_flight`,
    help: 'Requests being proxied',
    collect() {
      this.set(totals.inFlight)
    },
  })
  gaugeIn(registry, {
    name: `${prefix}_tunnels`,
    help: 'Open upgraded connections',
    collect() {
      this.set(totals.tunnels)
    },
  })

  // Reset first: the series of an upstream no longer listed go with it.
  const upstreamGauge = (name: string, help: string, read: (upstream: Upstream, now: number) => number) =>
    gaugeIn(registry, {
      name: `${prefix}_upstream_${name}`,
      help,
      labelNames: ['upstream'],
      collect() {
        const now = Date.now()
        this.reset()
        for (const upstream of balancer.upstreams) this.set({ upstream: upstream.url }, read(upstream, now))
      },
    })
  const upstreamCounter = (name: string, help: string, read: (upstream: Upstream) => number) =>
    counterIn(registry, {
      name: `${prefix}_upstream_${name}`,
      help,
      labelNames: ['upstream'],
      collect() {
        this.reset()
        for (const upstream of balancer.upstreams) this.inc({ upstream: upstream.url }, read(upstream))
      },
    })
  upstreamGauge('available', '1 when chosen: healthy, not ejected, not draining', (u, now) =>
    Number(state(u, now) === 'up'),
  )
  upstreamGauge('healthy', 'Active health check result', (u) => Number(u.healthy))
  upstreamGauge('weight', 'Configured weight', (u) => u.weight)
  upstreamGauge('in_flight', 'Requests in flight', (u) => u.inFlight)
  upstreamCounter('requests_total', 'Attempts sent', (u) => u.requests)
  upstreamCounter('failures_total', 'Connection errors and 5xx answers', (u) => u.failures)
  upstreamCounter('ejections_total', 'Passive ejections', (u) => u.ejectionsTotal)

  const requestDuration = histogramIn(registry, {
    name: `${prefix}_request_duration_seconds`,
    help: 'Time to answer a request (client aborts not counted)',
    buckets: requestDurationBuckets,
  })
  const upstreamResponse = histogramIn(registry, {
    name: `${prefix}_upstream_response_seconds`,
    help: 'Time to the upstream response headers',
    labelNames: ['upstream'],
    buckets: requestDurationBuckets,
  })
  return {
    answered: (seconds: number) => requestDuration.observe(seconds),
    upstreamAnswered: (upstream: Upstream, seconds: number) =>
      upstreamResponse.observe({ upstream: upstream.url }, seconds),
    /** Drops the series of upstreams no longer listed. */
    forget: (urls: string[]) => {
      for (const url of urls) upstreamResponse.remove({ upstream: url })
    },
  }
}

export type BalancerMetrics = ReturnType<typeof balancerMetrics>
