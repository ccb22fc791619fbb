import type { Kysely } from 'kysely'
import { databaseCheck } from '../db/database.ts'
import { openEventBus, runOutboxRelay } from '../events/lifecycle.ts'
import type { OutboxDatabase } from '../events/outbox.ts'
import type { EventsConfig } from '../events/topics.ts'
import type { App } from './create-app.ts'
import { healthPlugin, type ReadinessCheck } from './health.ts'
import { type DatabaseSetup, openDatabase, openKafka } from './infrastructure.ts'

export interface ServiceBackboneSetup<DB> {
  database: DatabaseSetup<DB>
  config: EventsConfig & { KAFKA_BROKERS: string }
  /** Readiness checks besides Postgres and Kafka (auth-service's Redis). */
  checks?: Record<string, ReadinessCheck>
}

/**
 * What every domain service stands on, opened the same way in each: its own database (migrated),
 * Kafka and the event bus, the outbox relay publishing from that database, and /health and /ready
 * over them. Everything closes with the app.
 */
export async function openServiceBackbone<DB extends OutboxDatabase>(app: App, setup: ServiceBackboneSetup<DB>) {
  const { database, config } = setup
  const db = await openDatabase(app, database)
  const kafka = openKafka(app, config.KAFKA_BROKERS)
  const bus = openEventBus(app, kafka.kafka, config)
  // DB has the outbox's tables (DB extends OutboxDatabase); Kysely's generic types cannot see it.
  const outbox = db as unknown as Kysely<OutboxDatabase>
  runOutboxRelay(app, { db: outbox, databaseUrl: database.url, bus, config })
  await app.register(healthPlugin, {
    service: app.serviceName,
    checks: { postgres: databaseCheck(db), kafka: kafka.check, ...setup.checks },
  })
  return { db, bus }
}
