import { createEvent, createEventApplier, type EventData, type EventEnvelope } from '@focushub/shared/events'
import type { App } from '@focushub/shared/http'
import { createObjectStorage, type ObjectStorage } from '@focushub/shared/storage'
import {
  createTestDatabase,
  type ManualClock,
  manualClock,
  startTestJwks,
  type TestTokenOptions,
  testTopicPrefix,
} from '@focushub/shared/testing'
import type { Kysely } from 'kysely'
import { v7 as uuidv7 } from 'uuid'
import { expect } from 'vitest'
import { buildApp } from '../../src/app.ts'
import { type Config, loadServiceConfig } from '../../src/config.ts'
import { consumerGroup, eventHandlers } from '../../src/consumers/index.ts'
import { migrations } from '../../src/db/migrations/index.ts'
import type { Database } from '../../src/db/tables.ts'

export interface TestService {
  app: App
  db: Kysely<Database>
  config: Config
  /** The attachments' storage the app uses (S3_* of the environment, or of the overrides). */
  storage: ObjectStorage
  /** The Authorization header of a token for the user. */
  bearer(userId: string, options?: TestTokenOptions): Promise<{ authorization: string }>
  /** The clock the app reads (real time until a test moves it). */
  clock: ManualClock
  close(): Promise<void>
}

/** A fresh task-service on its own schema and topic prefix, trusting a JWKS stand-in. */
export async function startTaskService(overrides: NodeJS.ProcessEnv = {}): Promise<TestService> {
  const jwks = await startTestJwks()
  const config = loadServiceConfig({
    ...process.env,
    ...jwks.env,
    LOG_LEVEL: 'silent',
    KAFKA_TOPIC_PREFIX: testTopicPrefix('tasks'),
    // Only the tests about publishing run the relay.
    OUTBOX_RELAY_ENABLED: 'false',
    ...overrides,
  })
  const database = await createTestDatabase<Database>(config.TASK_DATABASE_URL, migrations)
  const clock = manualClock()
  const storage = createObjectStorage(config)
  const app = await buildApp(config, { db: database.db, now: clock.now, storage })
  await app.ready()
  return {
    app,
    db: database.db,
    config,
    storage,
    clock,
    bearer: async (userId, options) => ({ authorization: await jwks.bearer(userId, options) }),
    async close() {
      await app.close()
      storage.close()
      await database.destroy()
      await jwks.close()
    },
  }
}

export interface TestUser {
  id: string
  authorization: string
}

/** Applies events as task-service's consumer applies a run: one unit of work, each event once. */
export const deliverEvents = (service: TestService, events: EventEnvelope[]) =>
  createEventApplier({
    groupId: consumerGroup,
    handlers: eventHandlers({ storage: service.storage, log: service.app.log }),
    db: service.db,
  })(events)

/** A user as task-service learns of one: auth.user.registered delivered to its handler. */
export async function registerUser(
  service: TestService,
  profile: Partial<EventData<'auth.user.registered'>> = {},
): Promise<TestUser> {
  const id = uuidv7()
  const { event } = createEvent(
    'auth.user.registered',
    { email: `${id}@example.com`, displayName: 'Test', role: 'user', timezone: 'UTC', dayStartHour: 0, ...profile },
    { producer: 'auth-service', userId: id, requestId: 'test' },
  )
  await deliverEvents(service, [event])
  return { id, ...(await service.bearer(id)) }
}

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE'

/** Calls the app as a user. */
export const call = (
  service: TestService,
  user: TestUser | null,
  method: Method,
  url: string,
  payload?: object,
  headers: Record<string, string> = {},
) =>
  service.app.inject({
    method,
    url,
    headers: { ...(user ? { authorization: user.authorization } : {}), ...headers },
    ...(payload === undefined ? {} : { payload }),
  })

/** Calls and expects a status, answering the parsed body. */
export async function ok<T = Record<string, unknown>>(
  response:
    | Promise<{ statusCode: number; body: string; json(): unknown }>
    | { statusCode: number; body: string; json(): unknown },
  status = 200,
): Promise<T> {
  const answer = await response
  expect(answer.statusCode, answer.body).toBe(status)
  return (answer.body ? answer.json() : undefined) as T
}

/** `member` joins the owner's project with `role`: the owner invites them by id, they accept. */
export async function join(
  service: TestService,
  owner: TestUser,
  projectId: string,
  member: TestUser,
  role: 'editor' | 'viewer',
) {
  await ok(call(service, owner, 'POST', `/projects/${projectId}/invitations`, { userId: member.id, role }), 202)
  const received = await ok<{ items: { id: string; projectId: string }[] }>(
    call(service, member, 'GET', '/invitations?limit=200'),
  )
  const invitation = received.items.find((item) => item.projectId === projectId)
  expect(invitation, 'the invitation reached the member').toBeDefined()
  await ok(call(service, member, 'POST', `/invitations/${invitation?.id}/accept`))
}

/** A project owned by `owner` with an editor and a viewer in it. */
export async function sharedProject(service: TestService, owner: TestUser, editor: TestUser, viewer: TestUser) {
  const project = await ok<{ id: string }>(call(service, owner, 'POST', '/projects', { name: 'Team' }), 201)
  await join(service, owner, project.id, editor, 'editor')
  await join(service, owner, project.id, viewer, 'viewer')
  return project
}

export { expectProblem, outboxEvents } from '@focushub/shared/testing'
