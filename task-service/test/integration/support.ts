import { type App, createEvent, type EventData } from '@focushub/shared'
import { createTestDatabase, startTestJwks, type TestTokenOptions, testTopicPrefix } from '@focushub/shared/testing'
import type { Kysely } from 'kysely'
import { v7 as uuidv7 } from 'uuid'
import { expect } from 'vitest'
import { buildApp } from '../../src/app.ts'
import { type Config, loadServiceConfig } from '../../src/config.ts'
import { authEventHandlers } from '../../src/consumers/auth-events.consumer.ts'
import { migrations } from '../../src/db/migrations/index.ts'
import type { Database } from '../../src/db/tables.ts'

export interface TestService {
  app: App
  db: Kysely<Database>
  config: Config
  bearer: (userId: string, options?: TestTokenOptions) => Promise<string>
  /** The clock the app reads; tests move it. */
  clock: { now: Date }
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
  const clock = { now: new Date() }
  const app = await buildApp(config, { db: database.db, now: () => clock.now })
  return {
    app,
    db: database.db,
    config,
    clock,
    bearer: (userId, options) => jwks.bearer(userId, options),
    async close() {
      await app.close()
      await database.destroy()
      await jwks.close()
    },
  }
}

export interface TestUser {
  id: string
  authorization: string
}

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
  const handle = authEventHandlers(service.db)['auth.user.registered'] as (e: typeof event) => Promise<void>
  await handle(event)
  return { id, authorization: await service.bearer(id) }
}

type Method = 'GET' | 'POST' | 'PATCH' | 'DELETE'

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

export async function outboxEvents(db: Kysely<Database>, type?: string) {
  let query = db.selectFrom('outbox').selectAll().orderBy('position')
  if (type) query = query.where('type', '=', type)
  return (await query.execute()).map((row) => row.envelope)
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

export { expectProblem } from '@focushub/shared/testing'
