import { AsyncLocalStorage } from 'node:async_hooks'
import { type Generated, type Kysely, sql } from 'kysely'
import type { Migration } from 'kysely/migration'
import type { EventEnvelope } from './envelope.ts'

/** Events a consumer has applied: recorded in the effect's own transaction, so a redelivery is a no-op. */
export interface ProcessedEventsTable {
  consumer: string
  event_id: string
  processed_at: Generated<Date>
}

export interface ProcessedEventsDatabase {
  processed_events: ProcessedEventsTable
}

/** Add to the migration list of every service that consumes events into Postgres. */
export const createProcessedEventsMigration: Migration = {
  async up(db) {
    await db.schema
      .createTable('processed_events')
      .addColumn('consumer', 'text', (c) => c.notNull())
      .addColumn('event_id', 'uuid', (c) => c.notNull())
      .addColumn('processed_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
      .addPrimaryKeyConstraint('processed_events_pkey', ['consumer', 'event_id'])
      .execute()
  },
}

/** The transaction a consumer opened for a run of events (applyTogether), and the database it belongs to. */
const ambient = new AsyncLocalStorage<{ db: Kysely<unknown>; trx: Kysely<unknown> }>()

/**
 * Runs `work` in one transaction of `db`: every applyOnce handler of the same database called
 * inside it records its event and effect there instead of opening its own, so a run of events
 * costs one commit. If anything fails, nothing of the run is kept.
 */
export function applyTogether<DB>(db: Kysely<DB>, work: () => Promise<void>) {
  return db
    .transaction()
    .execute((trx) => ambient.run({ db: db as Kysely<unknown>, trx: trx as unknown as Kysely<unknown> }, work))
}

/**
 * Wraps a handler so it runs in one transaction with the record of its event: the effect and
 * the record commit together, and an event already recorded for this consumer is skipped.
 */
export function applyOnce<DB extends ProcessedEventsDatabase, E extends Pick<EventEnvelope, 'id'>>(
  db: Kysely<DB>,
  consumer: string,
  effect: (trx: Kysely<DB>, event: E) => Promise<void>,
) {
  const record = async (trx: Kysely<DB>, event: E) => {
    const processed = trx as unknown as Kysely<ProcessedEventsDatabase>
    const recorded = await processed
      .insertInto('processed_events')
      .values({ consumer, event_id: event.id })
      .onConflict((c) => c.doNothing())
      .returning('event_id')
      .executeTakeFirst()
    if (recorded) await effect(trx, event)
  }
  return (event: E) => {
    const scope = ambient.getStore()
    if (scope?.db === (db as Kysely<unknown>)) return record(scope.trx as Kysely<DB>, event)
    return db.transaction().execute((trx) => record(trx, event))
  }
}
