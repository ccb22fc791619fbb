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

/**
 * Wraps a handler so it runs in one transaction with the record of its event: the effect and
 * the record commit together, and an event already recorded for this consumer is skipped.
 */
export function applyOnce<DB extends ProcessedEventsDatabase, E extends Pick<EventEnvelope, 'id'>>(
  db: Kysely<DB>,
  consumer: string,
  effect: (trx: Kysely<DB>, event: E) => Promise<void>,
) {
  return (event: E) =>
    db.transaction().execute(async (trx) => {
      const processed = trx as unknown as Kysely<ProcessedEventsDatabase>
      const recorded = await processed
        .insertInto('processed_events')
        .values({ consumer, event_id: event.id })
        .onConflict((c) => c.doNothing())
        .returning('event_id')
        .executeTakeFirst()
      if (recorded) await effect(trx, event)
    })
}
