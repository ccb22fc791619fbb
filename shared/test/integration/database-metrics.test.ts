import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createDatabase } from '../../src/db/database.ts'
import { createEvent } from '../../src/events/envelope.ts'
import {
  addOutboxTraceparentMigration,
  createOutboxMigration,
  type OutboxDatabase,
  writeAllToOutbox,
} from '../../src/events/outbox.ts'
import { recordOutboxMetrics, recordPoolMetrics } from '../../src/metrics/database-metrics.ts'
import { createMetricsRegistry, type Registry } from '../../src/metrics/registry.ts'
import { createTestDatabase, type TestDatabase } from '../../src/testing/database.ts'

const url = process.env.AUTH_DATABASE_URL ?? 'postgres://focushub_auth:focushub_auth_dev@127.0.0.1:5432/focushub_auth'
const context = { producer: 'auth-service', userId: '0190e6f8-0000-7000-8000-000000000001', requestId: 'req-1' }
const log = { debug: () => {} } as never
let database: TestDatabase<OutboxDatabase>

beforeAll(async () => {
  database = await createTestDatabase<OutboxDatabase>(url, {
    '20261122T010000_outbox': createOutboxMigration,
    '20261122T010000_outbox_traceparent': addOutboxTraceparentMigration,
  })
})
afterAll(() => database.destroy())

const newRegistry = () => createMetricsRegistry({ service: 'test', instance: 'test-1', processMetrics: false })

/** Every series of the registry, as a scrape collects them: `name{label="value"}` → value. */
async function scrape(registry: Registry) {
  await registry.metrics()
  const series: Record<string, number> = {}
  for (const family of await registry.getMetricsAsJSON()) {
    for (const { labels, value } of family.values) {
      const own = Object.entries(labels).filter(([label]) => label !== 'service' && label !== 'instance')
      series[`${family.name}${own.map(([label, v]) => `{${label}="${v}"}`).join('')}`] = value
    }
  }
  return series
}

describe('the outbox metrics', () => {
  it('count the unpublished events and age the oldest, from the partial index', async () => {
    const registry = newRegistry()
    recordOutboxMetrics(registry, database.db, log)
    expect(await scrape(registry)).toEqual({ outbox_backlog_events: 0, outbox_oldest_unpublished_age_seconds: 0 })
    const entries = [1, 2, 3].map(() => createEvent('auth.user.deleted', {}, context))
    await writeAllToOutbox(database.db, entries)
    await sql`update outbox set created_at = now() - interval '90 seconds' where id = ${entries[0].event.id}`.execute(
      database.db,
    )
    const waiting = await scrape(registry)
    expect(waiting.outbox_backlog_events).toBe(3)
    expect(waiting.outbox_oldest_unpublished_age_seconds).toBeGreaterThanOrEqual(90)
    expect(waiting.outbox_oldest_unpublished_age_seconds).toBeLessThan(120)

    await database.db.updateTable('outbox').set({ published_at: new Date() }).execute()
    const published = await scrape(registry)
    expect(published.outbox_backlog_events).toBe(0)
    expect(published.outbox_oldest_unpublished_age_seconds).toBe(0)
  })

  it('read NaN while the database does not answer, without failing the scrape', async () => {
    const registry = newRegistry()
    const unreachable = createDatabase<OutboxDatabase>({ url: 'postgres://nobody:x@127.0.0.1:1/none', poolMax: 1 })
    recordOutboxMetrics(registry, unreachable, log)
    const series = await scrape(registry)
    expect(series.outbox_backlog_events).toBeNaN()
    expect(series.outbox_oldest_unpublished_age_seconds).toBeNaN()
    await unreachable.destroy()
  })
})

describe('the pool metrics', () => {
  it('show the connections the pool holds, idle and in use, and the requests waiting', async () => {
    const registry = newRegistry()
    const db = createDatabase<OutboxDatabase>({ url, poolMax: 1 })
    recordPoolMetrics(registry, db)
    try {
      expect(await scrape(registry)).toEqual({
        'db_pool_connections{state="total"}': 0,
        'db_pool_connections{state="idle"}': 0,
        'db_pool_connections{state="waiting"}': 0,
      })
      let second: Promise<unknown> | undefined
      await db.connection().execute(async (held) => {
        await sql`select 1`.execute(held)
        second = sql`select 1`.execute(db)
        const busy = await scrape(registry)
        expect(busy['db_pool_connections{state="total"}']).toBe(1)
        expect(busy['db_pool_connections{state="idle"}']).toBe(0)
        expect(busy['db_pool_connections{state="waiting"}']).toBe(1)
      })
      // It ran on the connection released above, and left it idle.
      await second
      const after = await scrape(registry)
      expect(after['db_pool_connections{state="idle"}']).toBe(1)
    } finally {
      await db.destroy()
    }
  })
})
