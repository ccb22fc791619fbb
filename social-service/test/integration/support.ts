import { randomUUID } from 'node:crypto'
import type { Role } from '@focushub/shared/auth'
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
import { expect } from 'vitest'
import { buildApp } from '../../src/app.ts'
import { type Config, loadServiceConfig } from '../../src/config.ts'
import { consumerGroup, eventHandlers } from '../../src/consumers/index.ts'
import type { SocialContext } from '../../src/context.ts'
import { migrations } from '../../src/db/migrations/index.ts'
import type { Database } from '../../src/db/tables.ts'

export interface TestService {
  app: App
  db: Kysely<Database>
  config: Config
  /** The context the app's services get (same database and config), for calling them directly. */
  ctx: SocialContext
  prefix: string
  /** The Authorization header of a token for the user (role `user` unless given). */
  bearer(userId: string, role?: Role): Promise<{ authorization: string }>
  close(): Promise<void>
}

/** A fresh social-service on its own schema and topic prefix, with a stand-in JWKS. */
export async function startSocialService(overrides: NodeJS.ProcessEnv = {}): Promise<TestService> {
  const jwks = await startTestJwks()
  const prefix = testTopicPrefix('social')
  const config = loadServiceConfig({
    ...process.env,
    ...jwks.env,
    LOG_LEVEL: 'silent',
    KAFKA_TOPIC_PREFIX: prefix,
    OUTBOX_RELAY_ENABLED: 'false',
    ...overrides,
  })
  const database = await createTestDatabase<Database>(config.SOCIAL_DATABASE_URL, migrations)
  const app = await buildApp(config, { db: database.db })
  await app.ready()
  return {
    app,
    db: database.db,
    config,
    ctx: { db: database.db, config, log: app.log },
    prefix,
    bearer: async (userId, role) => ({ authorization: await jwks.bearer(userId, { role }) }),
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

/** Applies events as social-service's consumer applies a run (one unit of work, each event once). */
export const deliverEvents = (service: TestService, events: ConsumedEvent<EventType>[]) =>
  createEventApplier({ groupId: consumerGroup, handlers: eventHandlers(), db: service.db })(events)

export const registered = (userId: string, displayName: string) =>
  consumed('auth.user.registered', userId, {
    email: `${userId}@example.com`,
    displayName,
    role: 'user',
    timezone: 'UTC',
    dayStartHour: 0,
  })

/** A person the service knows (their auth.user.registered applied), with a token; `as` sends a request as them. */
export interface Person {
  id: string
  headers: { authorization: string }
}

export async function newPerson(
  service: TestService,
  displayName = `Person ${randomUUID().slice(0, 8)}`,
): Promise<Person> {
  const id = randomUUID()
  await deliverEvents(service, [registered(id, displayName)])
  return { id, headers: await service.bearer(id) }
}

/** Sends a request as `person`. */
export const send = (
  service: TestService,
  person: Person,
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE',
  url: string,
  options: { body?: object; headers?: Record<string, string> } = {},
) =>
  service.app.inject({
    method,
    url,
    headers: { ...person.headers, ...options.headers },
    ...(options.body ? { payload: options.body } : {}),
  })

/** The user ids of a connections list (`GET` of `url`, one page), answered 200. */
export async function listedIds(service: TestService, person: Person, url: string) {
  const response = await send(service, person, 'GET', url)
  expect(response.statusCode, response.body).toBe(200)
  return (response.json().items as { user: { userId: string } }[]).map((item) => item.user.userId)
}

export { expectProblem, outboxEvents } from '@focushub/shared/testing'

/** A problem as a client compares two: everything but the request id. */
export function problemOf(response: { statusCode: number; body: string }) {
  const { requestId: _requestId, ...problem } = JSON.parse(response.body) as Record<string, unknown>
  return { status: response.statusCode, ...problem }
}
