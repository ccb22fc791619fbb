import type { FastifyBaseLogger } from 'fastify'
import { type Kysely, sql } from 'kysely'
import { poolOf } from '../db/database.ts'
import type { OutboxDatabase } from '../events/outbox.ts'
import { gaugeIn, type Registry } from './registry.ts'

/** `db_pool_connections{state}`: the connections of the database's pool, read at each scrape. */
export function recordPoolMetrics<DB>(registry: Registry, db: Kysely<DB>) {
  const pool = poolOf(db)
  if (!pool) return
  gaugeIn(registry, {
    name: 'db_pool_connections',
    help: 'Postgres pool connections: total open, idle, and requests waiting for one',
    labelNames: ['state'],
    collect() {
      this.set({ state: 'total' }, pool.totalCount)
      this.set({ state: 'idle' }, pool.idleCount)
      this.set({ state: 'waiting' }, pool.waitingCount)
    },
  })
}

/**
 * `outbox_backlog_events` and `outbox_oldest_unpublished_age_seconds`, from one query per scrape. Both
 * read only the partial index of unpublished rows (`outbox_unpublished`), so they cost what the
 * backlog is, not what the table holds. The oldest is the first in position order: the next the relay
 * publishes. Every replica of a service reads the same table; a query answers the same for each.
 * When the database does not answer, both are NaN until it does.
 */
export function recordOutboxMetrics(registry: Registry, db: Kysely<OutboxDatabase>, log: FastifyBaseLogger) {
  let reading: Promise<{ backlog: number; age: number }> | undefined
  async function read() {
    try {
      const { rows } = await sql<{ backlog: number; age: number | null }>`select
        (select count(*) from outbox where published_at is null) as backlog,
        (select extract(epoch from now() - created_at)::float8 from outbox
          where published_at is null order by position limit 1) as age`.execute(db)
      return { backlog: rows[0]?.backlog ?? 0, age: rows[0]?.age ?? 0 }
    } catch (error) {
      log.debug({ err: (error as Error).message }, 'outbox metrics could not be read')
      return { backlog: Number.NaN, age: Number.NaN }
    }
  }
  // The two families are collected side by side in one scrape: they share its one query.
  const sample = () => {
    reading ??= read().finally(() => {
      reading = undefined
    })
    return reading
  }
  gaugeIn(registry, {
    name: 'outbox_backlog_events',
    help: 'Events written to the outbox and not yet published',
    async collect() {
      this.set((await sample()).backlog)
    },
  })
  gaugeIn(registry, {
    name: 'outbox_oldest_unpublished_age_seconds',
    help: 'Age of the oldest unpublished outbox event (0 when none waits)',
    async collect() {
      this.set((await sample()).age)
    },
  })
}
