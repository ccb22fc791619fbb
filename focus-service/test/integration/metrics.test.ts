import { randomUUID } from 'node:crypto'
import { createServer } from 'node:net'
import { setTimeout as sleep } from 'node:timers/promises'
import { createEvent, writeToOutbox } from '@focushub/shared/events'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startFocusService, type TestService } from './support.ts'

let service: TestService
let metricsPort: number

async function freePort() {
  const server = createServer()
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as { port: number }
  await new Promise((resolve) => server.close(resolve))
  return port
}

// The relay and the consumer run here, on this file's own topics: events written to the outbox travel
// through Kafka back to the service, as on the stack.
beforeAll(async () => {
  metricsPort = await freePort()
  service = await startFocusService({
    METRICS_PORT: String(metricsPort),
    METRICS_INSTANCE: 'focus-service-test',
    OUTBOX_RELAY_ENABLED: 'true',
    FOCUS_SWEEP_INTERVAL_MS: '1000',
  })
  service.clock.set('2026-08-01T10:00:00Z')
})
afterAll(() => service.close())

const scrape = async () => {
  const response = await fetch(`http://127.0.0.1:${metricsPort}/metrics`)
  expect(response.status).toBe(200)
  return response.text()
}

/** The value of the first series of `name` carrying every label given (its service and instance are checked too). */
function valueIn(text: string, name: string, labels: Record<string, string | number> = {}) {
  const wanted = { ...labels, service: 'focus-service', instance: 'focus-service-test' }
  for (const line of text.split('\n')) {
    const match = line.match(/^([a-zA-Z_:][a-zA-Z0-9_:]*)\{(.*)\} (\S+)$/)
    if (match?.[1] !== name) continue
    if (Object.entries(wanted).every(([label, value]) => match[2].includes(`${label}="${value}"`))) {
      return Number(match[3])
    }
  }
  return undefined
}

/** Scrapes until `check` holds of a scrape, and answers that scrape. */
async function scrapeUntil(check: (text: string) => boolean, timeoutMs = 30_000) {
  const deadline = Date.now() + timeoutMs
  for (;;) {
    const text = await scrape()
    if (check(text)) return text
    if (Date.now() > deadline) throw new Error(`metrics never matched; last scrape:\n${text}`)
    await sleep(50)
  }
}

const shortPlan = { workMinutes: 1, shortBreakMinutes: 1, longBreakMinutes: 1, cyclesBeforeLongBreak: 2 }

describe("focus-service's metrics", () => {
  it('counts requests per route pattern and keyed writes replayed, beside its pool and the process', async () => {
    const user = await service.user()
    const keyed = { ...user.auth, 'idempotency-key': randomUUID() }
    const started = await service.app.inject({ method: 'POST', url: '/focus/sessions', headers: keyed, payload: {} })
    const retried = await service.app.inject({ method: 'POST', url: '/focus/sessions', headers: keyed, payload: {} })
    expect(started.statusCode).toBe(201)
    expect(retried.json()).toEqual(started.json())
    await service.app.inject({ method: 'GET', url: `/focus/sessions/${started.json().id}`, headers: user.auth })
    await service.app.inject({ method: 'GET', url: '/no/such/route' })

    const text = await scrape()
    const requests = (labels: Record<string, string | number>) => valueIn(text, 'http_requests_total', labels)
    expect(requests({ method: 'POST', route: '/focus/sessions', status: 201 })).toBe(2)
    expect(requests({ method: 'GET', route: '/focus/sessions/:id', status: 200 })).toBe(1)
    expect(requests({ route: 'unmatched', status: 404 })).toBe(1)
    expect(text).not.toContain('/no/such/route')
    expect(valueIn(text, 'http_request_duration_seconds_count', { route: '/focus/sessions' })).toBe(2)
    expect(valueIn(text, 'idempotent_writes_replayed_total')).toBe(1)
    expect(valueIn(text, 'db_pool_connections', { state: 'total' })).toBeGreaterThanOrEqual(1)
    expect(valueIn(text, 'db_pool_connections', { state: 'waiting' })).toBe(0)
    expect(valueIn(text, 'nodejs_heap_size_used_bytes')).toBeGreaterThan(0)
    expect(valueIn(text, 'nodejs_eventloop_lag_p99_seconds')).toBeGreaterThanOrEqual(0)
  })

  it('follows an event from the outbox through Kafka to the consumer, and one to the dead letters', async () => {
    const user = await service.user()
    const registered = createEvent(
      'auth.user.registered',
      { email: 'ada@example.com', displayName: 'Ada', role: 'user', timezone: 'UTC', dayStartHour: 0 },
      { producer: 'auth-service', userId: user.id, requestId: 'metrics-test' },
    )
    await writeToOutbox(service.db, registered.topic, registered.event)
    const unknownVersion = createEvent(
      'auth.user.deleted',
      {},
      { producer: 'auth-service', userId: user.id, requestId: 't' },
    )
    await writeToOutbox(service.db, unknownVersion.topic, { ...unknownVersion.event, version: 99 })

    const group = { group: 'focus-service', topic: 'focushub.auth.events' }
    const text = await scrapeUntil(
      (scraped) =>
        valueIn(scraped, 'events_applied_total', { ...group, type: 'auth.user.registered' }) === 1 &&
        valueIn(scraped, 'events_dead_lettered_total', group) === 1 &&
        valueIn(scraped, 'background_job_runs_total', { job: 'outbox relay', outcome: 'ok' }) !== undefined,
    )
    expect(valueIn(text, 'outbox_published_events_total')).toBeGreaterThanOrEqual(2)
    expect(valueIn(text, 'outbox_backlog_events')).toBe(0)
    expect(valueIn(text, 'outbox_oldest_unpublished_age_seconds')).toBe(0)
    expect(valueIn(text, 'consumer_lag_events', group)).toBe(0)
  })

  it('reports how late the sweeper completed the most overdue session', async () => {
    const user = await service.user()
    const started = await service.app.inject({
      method: 'POST',
      url: '/focus/sessions',
      headers: user.auth,
      payload: shortPlan,
    })
    expect(started.statusCode).toBe(201)
    // The plan takes 4 minutes: 6 minutes later, the sweep that completes it is 360 s late.
    service.clock.advanceMinutes(10)
    await scrapeUntil((text) => valueIn(text, 'focus_sweeper_lag_seconds') === 360, 10_000)
  })

  it('is served only on the metrics listener: the public port answers /metrics with 404', async () => {
    await service.app.listen({ port: 0, host: '127.0.0.1' })
    const { port } = service.app.server.address() as { port: number }
    expect((await fetch(`http://127.0.0.1:${port}/metrics`)).status).toBe(404)
    expect((await fetch(`http://127.0.0.1:${metricsPort}/health`)).status).toBe(404)
  })
})
