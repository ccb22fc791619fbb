import { randomUUID } from 'node:crypto'
import {
  type ConsumedEvent,
  createEvent,
  createEventApplier,
  type EventData,
  type EventType,
} from '@focushub/shared/events'
import type { App } from '@focushub/shared/http'
import { createTestDatabase, startTestJwks, testTopicPrefix } from '@focushub/shared/testing'
import type { Kysely } from 'kysely'
import { buildApp } from '../../src/app.ts'
import { type Config, loadServiceConfig } from '../../src/config.ts'
import { consumerGroup, eventHandlers } from '../../src/consumers/index.ts'
import type { NotificationContext } from '../../src/context.ts'
import { migrations } from '../../src/db/migrations/index.ts'
import type { Database } from '../../src/db/tables.ts'

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
