import { randomUUID } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { openSse } from '../gateway/test/integration/live-clients.ts'
import { api, eventually, send, signUp } from './client.ts'

/**
 * Issue #29: Prometheus (started by ./focushub up, scraping every process's /metrics) answers a query for
 * each metric family the issue names, once the stack has done the work each one counts: a request
 * through NGINX, a keyed write, its event relayed and consumed, and a live stream that receives it.
 */
const prometheus = `http://127.0.0.1:${process.env.PROMETHEUS_PORT ?? '9090'}`

/** Each family as Prometheus stores it (a histogram as its _bucket series), by what it measures. */
const families: Record<string, string> = {
  'requests per route': 'http_requests_total',
  'duration per route': 'http_request_duration_seconds_bucket',
  'outbox backlog': 'outbox_backlog_events',
  'outbox age': 'outbox_oldest_unpublished_age_seconds',
  'relay throughput': 'outbox_published_events_total',
  'consumer lag': 'consumer_lag_events',
  'events applied': 'events_applied_total',
  'dead letters': 'events_dead_lettered_total',
  'timer sweeper lag': 'focus_sweeper_lag_seconds',
  'live connections': 'gateway_live_connections',
  'fan-out lag': 'gateway_live_fanout_lag_seconds_bucket',
  'rate-limit decisions': 'gateway_rate_limit_decisions_total',
  'idempotency outcomes': 'gateway_idempotency_outcomes_total',
  'circuit-breaker state': 'gateway_upstream_circuit_state',
  'Postgres pool use': 'db_pool_connections',
  'event-loop delay': 'nodejs_eventloop_lag_p99_seconds',
  heap: 'nodejs_heap_size_used_bytes',
  'balancer requests': 'focushub_lb_requests_total',
}

async function seriesOf(name: string): Promise<number> {
  const response = await fetch(`${prometheus}/api/v1/query?query=${encodeURIComponent(`count(${name})`)}`)
  const body = (await response.json()) as { data: { result: { value: [number, string] }[] } }
  return Number(body.data.result[0]?.value[1] ?? 0)
}

describe('Prometheus', () => {
  it('answers a query for every metric family', async () => {
    const user = await signUp()
    const stream = await openSse(`${api}/events`, { authorization: user.authorization })
    try {
      await stream.named('ready')
      // A keyed write: an idempotency outcome, an outbox row relayed, consumed, and delivered to the stream.
      const task = await send('POST', '/tasks', {
        authorization: user.authorization,
        headers: { 'idempotency-key': randomUUID() },
        body: { title: 'Counted' },
      })
      expect(task.status).toBe(201)
      await stream.until(() => stream.events().find((event) => event.type === 'task.created'), 15_000)

      const missing = await eventually(
        async () => {
          const counts = await Promise.all(Object.values(families).map(seriesOf))
          return Object.keys(families).filter((_, i) => counts[i] === 0)
        },
        (names) => names.length === 0,
        30_000,
      ).catch((error: Error) => error.message)
      expect(missing).toEqual([])
    } finally {
      await stream.close()
    }
  })
})
