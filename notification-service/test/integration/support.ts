import { randomUUID } from 'node:crypto'
import { requireServiceCaller } from '@focushub/shared/auth'
import {
  type ConsumedEvent,
  createEvent,
  createEventApplier,
  type EventData,
  type EventType,
} from '@focushub/shared/events'
import type { App } from '@focushub/shared/http'
import { createTestDatabase, startTestJwks, testTopicPrefix } from '@focushub/shared/testing'
import { Logger, runMigrations } from 'graphile-worker'
import type { Kysely } from 'kysely'
import pg from 'pg'
import { buildApp } from '../../src/app.ts'
import { type Config, loadServiceConfig } from '../../src/config.ts'
import { consumerGroup, eventHandlers } from '../../src/consumers/index.ts'
import type { NotificationContext } from '../../src/context.ts'
import { migrations } from '../../src/db/migrations/index.ts'
import type { Database } from '../../src/db/tables.ts'
import { createUserDays } from '../../src/modules/agenda/agenda.clients.ts'
import type { AgendaContext } from '../../src/modules/agenda/agenda.service.ts'

export interface TestService {
  app: App
  db: Kysely<Database>
  config: Config
  /** The context the app's services get (same database and config), for calling them directly. */
  ctx: NotificationContext
  prefix: string
  /** The Authorization header of a token for the user. */
  bearer(userId: string): Promise<{ authorization: string }>
  close(): Promise<void>
}

/** A fresh notification-service on its own schema and topic prefix, with a stand-in JWKS. */
export async function startNotificationService(overrides: NodeJS.ProcessEnv = {}): Promise<TestService> {
  const jwks = await startTestJwks()
  const prefix = testTopicPrefix('notifications')
  const config = loadServiceConfig({
    ...process.env,
    ...jwks.env,
    LOG_LEVEL: 'silent',
    KAFKA_TOPIC_PREFIX: prefix,
    OUTBOX_RELAY_ENABLED: 'false',
    ...overrides,
  })
  const database = await createTestDatabase<Database>(config.NOTIFICATION_DATABASE_URL, migrations)
  // A job queue of its own too, in the suite's schema (dropped with it), so no other worker (the
  // stack's service, another suite) runs its jobs.
  config.JOB_QUEUE_SCHEMA = overrides.JOB_QUEUE_SCHEMA ?? database.schema
  await createJobQueueSchema(config.NOTIFICATION_DATABASE_URL, config.JOB_QUEUE_SCHEMA)
  const app = await buildApp(config, { db: database.db })
  await app.ready()
  return {
    app,
    db: database.db,
    config,
    ctx: { db: database.db, config, log: app.log },
    prefix,
    bearer: async (userId) => ({ authorization: await jwks.bearer(userId) }),
    async close() {
      await app.close()
      await database.destroy()
      await jwks.close()
    },
  }
}

/**
 * Creates a suite's job queue schema without telling the database's other workers. graphile-worker
 * announces a fresh schema's first migration as breaking (NOTIFY worker:migrate, a channel of the whole
 * database), and every worker that hears it shuts down: the stack's and the other suites'.
 */
async function createJobQueueSchema(url: string, schema: string) {
  const pool = new pg.Pool({ connectionString: url, max: 1 })
  pool.on('error', () => {})
  pool.on('connect', (client) => {
    const query = client.query.bind(client) as (...args: unknown[]) => unknown
    Object.assign(client, {
      query: (...args: unknown[]) =>
        Array.isArray(args[1]) && args[1][0] === 'worker:migrate' ? Promise.resolve({ rows: [] }) : query(...args),
    })
  })
  try {
    await runMigrations({ pgPool: pool, schema, logger: new Logger(() => () => {}) })
  } finally {
    await pool.end()
  }
}

/** An envelope as a consumer receives it, for calling handlers directly. */
export function consumed<T extends EventType>(type: T, userId: string, data: EventData<T>): ConsumedEvent<T> {
  const { event } = createEvent(type, data, { producer: 'test', userId, requestId: `test-${randomUUID()}` })
  return event as ConsumedEvent<T>
}

/** Applies events as notification-service's consumer applies a run (one unit of work, each event once). */
export const deliverEvents = (service: TestService, events: ConsumedEvent<EventType>[]) =>
  createEventApplier({ groupId: consumerGroup, handlers: eventHandlers(), db: service.db })(events)

export const invitation = (inviteeId: string, projectName = 'Launch') =>
  consumed('project.invitation_received', inviteeId, {
    invitationId: randomUUID(),
    projectId: randomUUID(),
    projectName,
    role: 'editor',
    invitedBy: randomUUID(),
    expiresAt: '2026-12-13T12:00:00.000Z',
  })

export const newUser = () => randomUUID()

export { expectProblem, outboxEvents } from '@focushub/shared/testing'

/** The credential the stand-ins of the other services' internal routes accept (`standInGuard`). */
const standInSecret = 'notification-secret-of-the-test'

/** Guards a stand-in's route as task-, habit- and focus-service guard theirs: notification-service's credential only. */
export const standInGuard = { onRequest: requireServiceCaller(`notification-service:${standInSecret}`) }

/**
 * Starts `standIn` (task-, habit- and focus-service's internal routes, stood in over real HTTP) and a
 * service that asks it, without a worker: the tests run the jobs themselves, at instants of their
 * choosing. Answers the service and the jobs' context; `overrides` are more of the service's variables.
 */
export async function startWithStandIn(
  standIn: App,
  overrides: NodeJS.ProcessEnv = {},
): Promise<{ service: TestService; ctx: AgendaContext }> {
  await standIn.listen({ port: 0, host: '127.0.0.1' })
  const url = `http://127.0.0.1:${(standIn.server.address() as { port: number }).port}`
  const service = await startNotificationService({
    JOB_WORKER_ENABLED: 'false',
    TASK_SERVICE_URL: url,
    HABIT_SERVICE_URL: url,
    FOCUS_SERVICE_URL: url,
    NOTIFICATION_SERVICE_INTERNAL_SECRET: standInSecret,
    ...overrides,
  })
  return { service, ctx: { ...service.ctx, days: createUserDays(service.config) } }
}
