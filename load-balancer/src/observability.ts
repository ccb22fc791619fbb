import type { Balancer } from './balancer.ts'
import { type LatencyStats, latencyBuckets } from './latency.ts'
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

const label = (upstream: Upstream) => `upstream="${upstream.url}"`

function histogram(name: string, stats: LatencyStats, labels = '') {
  const join = labels ? `${labels},` : ''
  const lines = latencyBuckets.map((le, i) => `${name}_bucket{${join}le="${le}"} ${stats.buckets[i]}`)
  lines.push(`${name}_bucket{${join}le="+Inf"} ${stats.count}`)
  lines.push(`${name}_sum${labels ? `{${labels}}` : ''} ${stats.sumSeconds}`)
  lines.push(`${name}_count${labels ? `{${labels}}` : ''} ${stats.count}`)
  return lines
}

function family(name: string, type: string, help: string, samples: string[]) {
  return [`# HELP ${name} ${help}`, `# TYPE ${name} ${type}`, ...samples]
}

/** GET /lb/metrics in the Prometheus text format 0.0.4. */
export function prometheusText({ balancer, totals, budget }: Observed, now = Date.now()) {
  const ups = balancer.upstreams
  const p = 'focushub_lb'
  const upstreamFamily = (name: string, type: string, help: string, value: (u: Upstream) => number) =>
    family(
      `${p}_upstream_${name}`,
      type,
      help,
      ups.map((u) => `${p}_upstream_${name}{${label(u)}} ${value(u)}`),
    )
  const lines = [
    ...family(`${p}_requests_total`, 'counter', 'Requests received.', [`${p}_requests_total ${totals.requests}`]),
    ...family(
      `${p}_responses_total`,
      'counter',
      'Responses sent, by status class.',
      Object.entries(totals.responses).map(([c, n]) => `${p}_responses_total{class="${c}"} ${n}`),
    ),
    ...family(`${p}_in_flight`, 'gauge', 'Requests being proxied.', [`${p}_in_flight ${totals.inFlight}`]),
    ...family(`${p}_tunnels`, 'gauge', 'Open upgraded connections.', [`${p}_tunnels ${totals.tunnels}`]),
    ...family(`${p}_retries_total`, 'counter', 'Requests sent again after reaching an upstream.', [
      `${p}_retries_total ${totals.retries}`,
    ]),
    ...family(`${p}_retries_denied_total`, 'counter', 'Retries the retry budget refused.', [
      `${p}_retries_denied_total ${budget.denied}`,
    ]),
    ...family(`${p}_no_upstream_total`, 'counter', 'Requests answered 503: no upstream reachable.', [
      `${p}_no_upstream_total ${totals.noUpstream}`,
    ]),
    ...family(`${p}_client_aborts_total`, 'counter', 'Requests the client gave up on.', [
      `${p}_client_aborts_total ${totals.clientAborts}`,
    ]),
    ...family(`${p}_reloads_total`, 'counter', 'Upstream list reloads.', [`${p}_reloads_total ${totals.reloads}`]),
    ...family(`${p}_request_duration_seconds`, 'histogram', 'Time to answer a request.', [
      ...histogram(`${p}_request_duration_seconds`, totals.latency),
    ]),
    ...upstreamFamily('available', 'gauge', '1 when chosen: healthy, not ejected, not draining.', (u) =>
      Number(state(u, now) === 'up'),
    ),
    ...upstreamFamily('healthy', 'gauge', 'Active health check result.', (u) => Number(u.healthy)),
    ...upstreamFamily('weight', 'gauge', 'Configured weight.', (u) => u.weight),
    ...upstreamFamily('in_flight', 'gauge', 'Requests in flight.', (u) => u.inFlight),
    ...upstreamFamily('requests_total', 'counter', 'Attempts sent.', (u) => u.requests),
    ...upstreamFamily('failures_total', 'counter', 'Connection errors and 5xx answers.', (u) => u.failures),
    ...upstreamFamily('ejections_total', 'counter', 'Passive ejections.', (u) => u.ejectionsTotal),
    ...family(
      `${p}_upstream_response_seconds`,
      'histogram',
      'Time to the upstream response headers.',
      ups.flatMap((u) => histogram(`${p}_upstream_response_seconds`, u.latency, label(u))),
    ),
  ]
  return `${lines.join('\n')}\n`
}
