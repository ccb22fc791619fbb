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
 * Once a service records what its handlers applied under one name (its consumer group) instead of
 * one name per handler: an event any older name recorded counts as applied under `consumer`, so a
 * redelivery across the upgrade stays a no-op.
 */
export function mergeProcessedEventsMigration(consumer: string): Migration {
  return {
    async up(db) {
      await sql`
        insert into processed_events (consumer, event_id, processed_at)
        select ${consumer}, event_id, min(processed_at) from processed_events
        where consumer <> ${consumer}
        group by event_id
        on conflict do nothing`.execute(db)
      await sql`delete from processed_events where consumer <> ${consumer}`.execute(db)
    },
  }
}

/**
 * Forgets the events applied more than `retentionHours` ago, for every consumer of the database.
 * Safe once no topic can deliver them again: the retention must exceed the topics' own (Kafka's
 * log.retention.hours, 168 by default). Answers how many were forgotten.
 */
export async function pruneProcessedEvents(db: Kysely<ProcessedEventsDatabase>, retentionHours: number) {
  const { numDeletedRows } = await db
    .deleteFrom('processed_events')
    .where('processed_at', '<', sql<Date>`now() - make_interval(hours => ${retentionHours})`)
    .executeTakeFirst()
  return Number(numDeletedRows)
}

/**
 * Records a run's events as applied by `consumer`, in the run's transaction, and answers those not
 * recorded before, each once, in their order: only they are applied. The records commit with the
 * effects, so a redelivered event is skipped.
 */
export async function recordNewEvents<E extends Pick<EventEnvelope, 'id'>>(
  trx: Kysely<ProcessedEventsDatabase>,
  consumer: string,
  events: E[],
) {
  const unique = [...new Map(events.map((event) => [event.id, event])).values()]
  const recorded = await trx
    .insertInto('processed_events')
    .values(unique.map((event) => ({ consumer, event_id: event.id })))
    .onConflict((c) => c.doNothing())
    .returning('event_id')
    .execute()
  const fresh = new Set(recorded.map((row) => row.event_id))
  return unique.filter((event) => fresh.has(event.id))
}
