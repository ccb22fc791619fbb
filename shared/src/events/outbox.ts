import { type ColumnType, type Generated, type Kysely, sql } from 'kysely'
import type { Migration } from 'kysely/migration'
import { currentTraceparent } from '../tracing/index.ts'
import type { Topic } from './contracts/index.ts'
import type { EventEnvelope } from './envelope.ts'

/** The outbox table every producing service has: events wait here until the relay publishes them. */
export interface OutboxTable {
  position: Generated<number>
  id: string
  topic: string
  key: string
  type: string
  envelope: ColumnType<EventEnvelope, string, string>
  /** The W3C traceparent of the request that wrote the event, so its trace goes on through Kafka (null: untraced). */
  traceparent: ColumnType<string | null, string | null | undefined, never>
  created_at: Generated<Date>
  published_at: Date | null
}

export interface OutboxDatabase {
  outbox: OutboxTable
}

/** Add to a service's migration list to give it an outbox. */
export const createOutboxMigration: Migration = {
  async up(db) {
    await db.schema
      .createTable('outbox')
      .addColumn('position', 'bigint', (c) => c.generatedAlwaysAsIdentity().primaryKey())
      .addColumn('id', 'uuid', (c) => c.notNull().unique())
      .addColumn('topic', 'text', (c) => c.notNull())
      .addColumn('key', 'text', (c) => c.notNull())
      .addColumn('type', 'text', (c) => c.notNull())
      .addColumn('envelope', 'jsonb', (c) => c.notNull())
      .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
      .addColumn('published_at', 'timestamptz')
      .execute()
    await sql`create index outbox_unpublished on outbox (position) where published_at is null`.execute(db)
  },
}

/** Adds the traceparent column (shared/src/tracing): a service lists it after createOutboxMigration. */
export const addOutboxTraceparentMigration: Migration = {
  async up(db) {
    await db.schema.alterTable('outbox').addColumn('traceparent', 'text').execute()
  },
}

/** The channel a commit to the outbox notifies, so the relay wakes at once (one per schema). */
export const outboxChannel = (schema: string) => `focushub_outbox_${schema}`

/**
 * Writes an event to the outbox. Call it with the transaction that makes the change the event
 * describes, so both commit or neither does.
 */
export async function writeToOutbox(db: Kysely<OutboxDatabase>, topic: Topic, event: EventEnvelope) {
  await writeAllToOutbox(db, [{ topic, event }])
}

/** The outbox rows of events, in their order (what writeAllToOutbox inserts). */
export const outboxRowsOf = (entries: { topic: Topic; event: EventEnvelope }[]) =>
  entries.map(({ topic, event }) => ({
    id: event.id,
    topic,
    key: event.userId,
    type: event.type,
    envelope: JSON.stringify(event),
    traceparent: currentTraceparent(),
  }))

/** Wakes the schema's relay: delivered at commit, and only if the transaction commits. */
export const notifyOutbox = () => sql<string>`pg_notify(${outboxChannel('')} || current_schema(), '')`

/** Writes several events to the outbox in one statement, in their order, as writeToOutbox does one. */
export async function writeAllToOutbox(db: Kysely<OutboxDatabase>, entries: { topic: Topic; event: EventEnvelope }[]) {
  if (entries.length === 0) return
  // One statement, one round trip: Postgres runs a data-modifying WITH exactly once, referenced or
  // not. The notification is delivered at commit, and only if the transaction commits.
  await db
    .with('written', (w) => w.insertInto('outbox').values(outboxRowsOf(entries)))
    .selectNoFrom(notifyOutbox().as('notified'))
    .execute()
}
