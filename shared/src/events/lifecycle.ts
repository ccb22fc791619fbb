import type { Kafka } from 'kafkajs'
import type { Kysely } from 'kysely'
import type { App } from '../http/create-app.ts'
import type { EventBus } from './bus.ts'
import { type EventHandlers, startEventConsumer } from './consumer.ts'
import { createKafkaBus } from './kafka-bus.ts'
import type { OutboxDatabase } from './outbox.ts'
import { startOutboxRelay } from './outbox-relay.ts'
import { type ProcessedEventsDatabase, pruneProcessedEvents } from './processed-events.ts'
import type { EventsConfig } from './topics.ts'

export function openEventBus(app: App, kafka: Kafka, config: EventsConfig): EventBus {
  return createKafkaBus(kafka, {
    prefix: config.KAFKA_TOPIC_PREFIX,
    partitions: config.KAFKA_TOPIC_PARTITIONS,
    log: app.log,
  })
}

/**
 * Runs the service's outbox relay for the life of the app (unless OUTBOX_RELAY_ENABLED is false).
 * onClose hooks run last-added first, so it stops before the database it reads closes.
 */
export function runOutboxRelay(
  app: App,
  setup: { db: Kysely<OutboxDatabase>; databaseUrl: string; bus: EventBus; config: EventsConfig },
) {
  if (!setup.config.OUTBOX_RELAY_ENABLED) return undefined
  const relay = startOutboxRelay({
    db: setup.db,
    databaseUrl: setup.databaseUrl,
    bus: setup.bus,
    log: app.log,
    batchSize: setup.config.OUTBOX_BATCH_SIZE,
    pollIntervalMs: setup.config.OUTBOX_POLL_INTERVAL_MS,
    retentionHours: setup.config.OUTBOX_RETENTION_HOURS,
  })
  app.addHook('onClose', () => relay.stop())
  return relay
}

const pruneEveryMs = 60 * 60 * 1000

/**
 * Runs the service's consumer group for the life of the app; closing finishes the in-flight event first.
 * Given the database, it also forgets applied events older than PROCESSED_EVENTS_RETENTION_HOURS, once
 * an hour (every replica may; the deletes do not conflict).
 */
export function runEventConsumer(
  app: App,
  setup: {
    bus: EventBus
    groupId: string
    topics: string[]
    handlers: EventHandlers
    config: EventsConfig
    /** The database the handlers' applyOnce effects write to: runs of events then share one transaction. */
    db?: Kysely<ProcessedEventsDatabase>
  },
) {
  const consumer = startEventConsumer({
    bus: setup.bus,
    groupId: setup.groupId,
    topics: setup.topics,
    handlers: setup.handlers,
    log: app.log,
    maxAttempts: setup.config.CONSUMER_MAX_ATTEMPTS,
    retryBackoffMs: setup.config.CONSUMER_RETRY_BACKOFF_MS,
    sessionTimeoutMs: setup.config.CONSUMER_SESSION_TIMEOUT_MS,
    db: setup.db,
  })
  app.addHook('onClose', () => consumer.stop())
  const { db } = setup
  if (db) {
    const prune = () =>
      pruneProcessedEvents(db, setup.config.PROCESSED_EVENTS_RETENTION_HOURS).then(
        (rows) => rows > 0 && app.log.info({ rows }, 'old processed events forgotten'),
        (err) => app.log.warn({ err }, 'pruning processed events failed; the next hour tries again'),
      )
    const timer = setInterval(prune, pruneEveryMs).unref()
    app.addHook('onClose', async () => clearInterval(timer))
  }
  return consumer
}
