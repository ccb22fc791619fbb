import { type Kafka, Kafka as KafkaClient, logLevel } from 'kafkajs'
import { type Generated, type Kysely, sql } from 'kysely'
import { pino } from 'pino'
import { createEvent } from '../../src/events/envelope.ts'
import { type ConsumedEvent, handle } from '../../src/events/event-handlers.ts'
import { createKafkaBus } from '../../src/events/kafka-bus.ts'
import {
  addOutboxTraceparentMigration,
  createOutboxMigration,
  type OutboxDatabase,
  writeToOutbox,
} from '../../src/events/outbox.ts'
import { startOutboxRelay } from '../../src/events/outbox-relay.ts'
import { createProcessedEventsMigration, type ProcessedEventsDatabase } from '../../src/events/processed-events.ts'
import type { UnitOfWork } from '../../src/events/unit-of-work.ts'
import { testTopicPrefix } from '../../src/testing/kafka-topics.ts'

export const databaseUrl =
  process.env.AUTH_DATABASE_URL ?? 'postgres://focushub_auth:focushub_auth_dev@127.0.0.1:5432/focushub_auth'
export const brokers = process.env.KAFKA_BROKERS ?? '127.0.0.1:9092'
export const silent = pino({ level: process.env.TEST_LOG_LEVEL ?? 'silent' })

/** What a test consumer does to Postgres: one row per applied event. */
export interface EffectsTable {
  sequence: Generated<number>
  event_id: string
  user_id: string
  label: string
}
export type TestDatabase = OutboxDatabase & ProcessedEventsDatabase & { effects: EffectsTable }

export const migrations = {
  '20261122T010000_outbox': createOutboxMigration,
  '20261122T010000_outbox_traceparent': addOutboxTraceparentMigration,
  '20261122T010100_processed_events': createProcessedEventsMigration,
  '20261122T010200_effects': {
    async up(db: Kysely<unknown>) {
      await sql`create table effects (sequence bigint generated always as identity primary key,
        event_id uuid not null, user_id text not null, label text not null)`.execute(db)
    },
  },
}

export const uniquePrefix = () => testTopicPrefix('events')

export function kafkaClient(address = brokers): Kafka {
  return new KafkaClient({
    clientId: 'events-test',
    brokers: [address],
    connectionTimeout: 1000,
    retry: { retries: 2, initialRetryTime: 200, maxRetryTime: 1000 },
    logLevel: logLevel.NOTHING,
  })
}

export const testBus = (kafka: Kafka, prefix: string) => createKafkaBus(kafka, { prefix, partitions: 3, log: silent })

export const relayOptions = { log: silent, batchSize: 200, pollIntervalMs: 1000, retentionHours: 1, databaseUrl }
export { startOutboxRelay }

/** Writes one profile_updated event for `userId` labelled `label` (the display name), in its own transaction. */
export async function writeEvent(db: Kysely<OutboxDatabase>, userId: string, label: string) {
  const { topic, event } = createEvent(
    'auth.user.profile_updated',
    { displayName: label, timezone: 'UTC', dayStartHour: 4 },
    { producer: 'events-test', userId, requestId: `req-${label}` },
  )
  await db.transaction().execute((trx) => writeToOutbox(trx, topic, event))
  return event
}

export async function eventually<T>(probe: () => Promise<T>, done: (value: T) => boolean, timeoutMs = 20_000) {
  const deadline = Date.now() + timeoutMs
  for (;;) {
    const value = await probe()
    if (done(value) || Date.now() > deadline) return value
    await new Promise((resolve) => setTimeout(resolve, 50))
  }
}

/** Reads every message of a topic from the start with a throwaway group, until `count` are seen. */
export async function readTopic(kafka: Kafka, topic: string, count: number, timeoutMs = 15_000) {
  const consumer = kafka.consumer({ groupId: testTopicPrefix('reader'), maxWaitTimeInMs: 200 })
  const seen: { key: string; value: string; headers: Record<string, string>; partition: number }[] = []
  await consumer.connect()
  await consumer.subscribe({ topic, fromBeginning: true })
  await consumer.run({
    eachMessage: async ({ message, partition }) => {
      const headers = Object.fromEntries(
        Object.entries(message.headers ?? {}).map(([k, v]) => [k, String(v?.toString() ?? '')]),
      )
      seen.push({ key: String(message.key), value: String(message.value), headers, partition })
    },
  })
  await eventually(
    async () => seen.length,
    (n) => n >= count,
    timeoutMs,
  )
  await consumer.disconnect()
  return seen
}

type ProfileUpdated = ConsumedEvent<'auth.user.profile_updated'>

/**
 * A consumer handler of auth.user.profile_updated that writes one effect row per event, labelled
 * `<label>:<displayName>` (or by `labelOf`), after `before` (which may throw to fail the event).
 */
export const effectHandler = (
  label: string,
  options: {
    before?: (event: ProfileUpdated, work: UnitOfWork<TestDatabase>) => Promise<void> | void
    labelOf?: (event: ProfileUpdated) => string
  } = {},
) =>
  handle(['auth.user.profile_updated'], async (work: UnitOfWork<TestDatabase>, events) => {
    for (const event of events) {
      await options.before?.(event, work)
      const text = options.labelOf?.(event) ?? `${label}:${event.data.displayName}`
      await work.trx.insertInto('effects').values({ event_id: event.id, user_id: event.userId, label: text }).execute()
    }
  })
