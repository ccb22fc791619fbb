import type { Kysely } from 'kysely'
import { databaseCheck } from '../db/database.ts'
import {
  type IdempotentWritesDatabase,
  idempotentWritesPlugin,
  idempotentWritesPruningJob,
} from '../events/idempotent-writes.ts'
import { openEventBus, outboxRelayJob } from '../events/lifecycle.ts'
import type { OutboxDatabase } from '../events/outbox.ts'
import type { EventsConfig } from '../events/topics.ts'
import type { MetricsConfig } from '../metrics/config.ts'
import { recordOutboxMetrics, recordPoolMetrics } from '../metrics/database-metrics.ts'
import { metricsPlugin } from '../metrics/plugin.ts'
import type { App } from './create-app.ts'
import { healthPlugin, type ReadinessCheck } from './health.ts'
import { type DatabaseSetup, openDatabase } from './infrastructure.ts'

export interface ServiceBackboneSetup<DB> {
  database: DatabaseSetup<DB>
  config: EventsConfig & MetricsConfig & { KAFKA_BROKERS: string }
  /** Readiness checks besides Postgres and Kafka (auth-service's Redis). */
  checks?: Record<string, ReadinessCheck>
  /**
   * Whether keyed POSTs record their units of work (idempotent-writes.ts; the database then migrates
   * createIdempotentWritesMigration). Off for auth-service: identity answers carry tokens, which are
   * never stored, and the gateway does not cover its routes either.
   */
  idempotentWrites?: boolean
}

/**
 * What every domain service stands on, opened the same way in each: its metrics (RED per route, its
 * pool, outbox, consumers and jobs, served on its own METRICS_PORT), its own database (migrated),
 * Kafka and the event bus, the outbox relay publishing from that database, keyed writes recorded with
 * their answers, and /health and /ready over them. Everything closes with the app. Called before the
 * service registers its routes, so that every one of them is counted.
 */
export async function openServiceBackbone<DB extends OutboxDatabase>(app: App, setup: ServiceBackboneSetup<DB>) {
  const { database, config } = setup
  await app.register(metricsPlugin, { service: app.serviceName, config })
  const db = await openDatabase(app, database)
  const bus = openEventBus(app, config)
  // DB has the outbox's tables (DB extends OutboxDatabase); Kysely's generic types cannot see it.
  const outbox = db as unknown as Kysely<OutboxDatabase>
  recordPoolMetrics(app.metrics, db)
  recordOutboxMetrics(app.metrics, outbox, app.log)
  await app.register(outboxRelayJob, { db: outbox, databaseUrl: database.url, bus, config })
  if (setup.idempotentWrites !== false) {
    await app.register(idempotentWritesPlugin)
    await app.register(idempotentWritesPruningJob, {
      db: db as unknown as Kysely<IdempotentWritesDatabase>,
      retentionHours: config.IDEMPOTENT_WRITES_RETENTION_HOURS,
    })
  }
  await app.register(healthPlugin, {
    service: app.serviceName,
    checks: { postgres: databaseCheck(db), kafka: bus.ping, ...setup.checks },
  })
  return { db, bus }
}
