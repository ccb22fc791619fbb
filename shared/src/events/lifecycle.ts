import type { Kysely } from 'kysely'
import type { App } from '../http/create-app.ts'
import { createBackgroundJob } from '../jobs/background-job.ts'
import { jobPlugin } from '../jobs/job-plugin.ts'
import type { EventBus } from './bus.ts'
import { startEventConsumer } from './consumer.ts'
import type { ConsumerWork, EventHandler } from './event-handlers.ts'
import { connectKafkaBus } from './kafka-bus.ts'
import type { OutboxDatabase } from './outbox.ts'
import { createOutboxRelay } from './outbox-relay.ts'
import { type ProcessedEventsDatabase, pruneProcessedEvents } from './processed-events.ts'
import type { EventsConfig } from './topics.ts'
import type { UnitOfWorkKind } from './unit-of-work.ts'

/** The process's one event bus, closed with the app; everything else takes it, never the Kafka client. */
export function openEventBus(app: App, config: EventsConfig & { KAFKA_BROKERS: string }): EventBus {
  const bus = connectKafkaBus({
    brokers: config.KAFKA_BROKERS,
    clientId: app.serviceName,
    prefix: config.KAFKA_TOPIC_PREFIX,
    partitions: config.KAFKA_TOPIC_PARTITIONS,
    log: app.log,
    metrics: app.metrics,
  })
  app.addHook('onClose', () => bus.close())
  return bus
}

/**
 * The service's outbox relay for the life of the app (unless OUTBOX_RELAY_ENABLED is false).
 * Registered after the database, it stops before the database it reads closes.
 */
export const outboxRelayJob = jobPlugin(
  'focushub-outbox-relay',
  (app, setup: { db: Kysely<OutboxDatabase>; databaseUrl: string; bus: EventBus; config: EventsConfig }) =>
    setup.config.OUTBOX_RELAY_ENABLED
      ? createOutboxRelay({
          db: setup.db,
          databaseUrl: setup.databaseUrl,
          bus: setup.bus,
          log: app.log,
          batchSize: setup.config.OUTBOX_BATCH_SIZE,
          pollIntervalMs: setup.config.OUTBOX_POLL_INTERVAL_MS,
          retentionHours: setup.config.OUTBOX_RETENTION_HOURS,
          metrics: app.metrics,
        })
      : undefined,
)

/** Forgets applied events older than `retentionHours`, once an hour (every replica may; the deletes do not conflict). */
export const processedEventsPruningJob = jobPlugin(
  'focushub-processed-events-pruning',
  (app, setup: { db: Kysely<ProcessedEventsDatabase>; retentionHours: number }) =>
    createBackgroundJob({
      name: 'processed events prune',
      intervalMs: 60 * 60 * 1000,
      pass: () => pruneProcessedEvents(setup.db, setup.retentionHours),
      log: app.log,
      metrics: app.metrics,
    }),
)

/**
 * Runs the service's consumer group for the life of the app; closing finishes the in-flight event first.
 * Given the database, it also forgets applied events older than PROCESSED_EVENTS_RETENTION_HOURS
 * (processedEventsPruningJob).
 */
export function runEventConsumer<W extends ConsumerWork | undefined>(
  app: App,
  setup: {
    bus: EventBus
    groupId: string
    topics: string[]
    handlers: EventHandler<W>[]
    config: EventsConfig
    /** The database the handlers write to: each run of events is then one unit of work (see startEventConsumer). */
    db?: Kysely<ProcessedEventsDatabase & OutboxDatabase>
    kind?: UnitOfWorkKind<ProcessedEventsDatabase & OutboxDatabase, W & ConsumerWork>
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
    kind: setup.kind,
    metrics: app.metrics,
  })
  app.addHook('onClose', () => consumer.stop())
  if (setup.db) {
    app.register(processedEventsPruningJob, {
      db: setup.db,
      retentionHours: setup.config.PROCESSED_EVENTS_RETENTION_HOURS,
    })
  }
  return consumer
}
