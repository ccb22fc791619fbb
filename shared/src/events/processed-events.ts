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

/** Events a batched handler (applyOnceInBatches) collected during a run, and what applies them. */
interface PendingBatch {
  events: Pick<EventEnvelope, 'id'>[]
  apply(trx: Kysely<unknown>, events: Pick<EventEnvelope, 'id'>[]): Promise<void>
}

/** The transaction a consumer opened for a run of events (applyTogether), the database it belongs to, and its batches. */
const ambient = new AsyncLocalStorage<{
  db: Kysely<unknown>
  trx: Kysely<unknown>
  batches: Map<object, PendingBatch>
}>()

/**
 * Runs `work` in one transaction of `db`: every applyOnce handler of the same database called
 * inside it records its event and effect there instead of opening its own, so a run of events
 * costs one commit. Batched handlers (applyOnceInBatches) apply what they collected at the end,
 * in the same transaction. If anything fails, nothing of the run is kept.
 */
export function applyTogether<DB>(db: Kysely<DB>, work: () => Promise<void>) {
  return db.transaction().execute((trx) => {
    const scope = { db: db as Kysely<unknown>, trx: trx as unknown as Kysely<unknown>, batches: new Map() }
    return ambient.run(scope, async () => {
      await work()
      for (const batch of scope.batches.values()) await batch.apply(scope.trx, batch.events)
    })
  })
}

/** Records events for a consumer; answers those not recorded before, each once, in their order. */
async function recordNew<E extends Pick<EventEnvelope, 'id'>>(
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
    const [fresh] = await recordNew(trx as unknown as Kysely<ProcessedEventsDatabase>, consumer, [event])
    if (fresh) await effect(trx, fresh)
  }
  return (event: E) => {
    const scope = ambient.getStore()
    if (scope?.db === (db as Kysely<unknown>)) return record(scope.trx as Kysely<DB>, event)
    return db.transaction().execute((trx) => record(trx, event))
  }
}

/**
 * Like applyOnce, for effects that are cheaper over many events at once. Inside a run
 * (applyTogether) an event is only collected; before the run commits, `effect` gets the run's
 * events for this handler that were not applied before, in order, in the run's transaction.
 * Outside a run, each event is a batch of one in its own transaction. One handler may serve
 * several event types, so they are applied together.
 */
export function applyOnceInBatches<DB extends ProcessedEventsDatabase, E extends Pick<EventEnvelope, 'id'>>(
  db: Kysely<DB>,
  consumer: string,
  effect: (trx: Kysely<DB>, events: E[]) => Promise<void>,
) {
  const apply = async (trx: Kysely<DB>, events: E[]) => {
    const fresh = await recordNew(trx as unknown as Kysely<ProcessedEventsDatabase>, consumer, events)
    if (fresh.length > 0) await effect(trx, fresh)
  }
  const handler = async (event: E) => {
    const scope = ambient.getStore()
    if (scope?.db !== (db as Kysely<unknown>)) return db.transaction().execute((trx) => apply(trx, [event]))
    const batch = scope.batches.get(handler) ?? { events: [], apply: apply as PendingBatch['apply'] }
    scope.batches.set(handler, batch)
    batch.events.push(event)
  }
  return handler
}
