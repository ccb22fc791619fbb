import { randomBytes } from 'node:crypto'
import type { OutboxDatabase, ProcessedEventsDatabase } from '@focushub/shared/events'
import {
  addOutboxTraceparentMigration,
  createEvent,
  createKafka,
  createKafkaBus,
  createOutboxMigration,
  createProcessedEventsMigration,
  writeToOutbox,
} from '@focushub/shared/events'
import { createTestDatabase } from '@focushub/shared/testing'
import { type Kysely, sql } from 'kysely'
import { pino } from 'pino'

export const databaseUrl =
  process.env.AUTH_DATABASE_URL ?? 'postgres://focushub_auth:focushub_auth_dev@127.0.0.1:5432/focushub_auth'
export const log = pino({ level: 'warn' })
export type BenchDatabase = OutboxDatabase & ProcessedEventsDatabase & { effects: { event_id: string } }

/** A fresh schema with an outbox, processed_events and an effects table, and a bus on topics of its own. */
export async function benchSetup() {
  const database = await createTestDatabase<BenchDatabase>(databaseUrl, {
    '1_outbox': createOutboxMigration,
    '1_outbox_traceparent': addOutboxTraceparentMigration,
    '2_processed_events': createProcessedEventsMigration,
    '3_effects': { up: (db) => sql`create table effects (event_id uuid primary key)`.execute(db).then(() => {}) },
  })
  const kafka = createKafka(process.env.KAFKA_BROKERS ?? '127.0.0.1:9092', 'bench-events', log)
  const prefix = `bench-${randomBytes(4).toString('hex')}.`
  const bus = createKafkaBus(kafka, { prefix, partitions: Number(process.env.KAFKA_TOPIC_PARTITIONS ?? 6), log })
  await bus.ensureTopics()
  return { database, bus, prefix }
}

export const userIds = Array.from({ length: 100 }, (_, i) => `0190e6f8-0000-7000-8000-${String(i).padStart(12, '0')}`)

export const benchEvent = (n: number) =>
  createEvent(
    'auth.user.profile_updated',
    { displayName: `user ${n}`, timezone: 'Europe/Paris', dayStartHour: 4 },
    { producer: 'bench', userId: userIds[n % userIds.length] as string, requestId: `bench-${n}` },
  )

export const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? Number.NaN

/** Writes one event to the outbox in its own transaction, as a service's change would. */
export const writeEvent = (db: Kysely<OutboxDatabase>, n: number) => {
  const { topic, event } = benchEvent(n)
  return db
    .transaction()
    .execute((trx) => writeToOutbox(trx, topic, event))
    .then(() => event.id)
}
