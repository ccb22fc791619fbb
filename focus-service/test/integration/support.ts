import { randomUUID } from 'node:crypto'
import { requireServiceCaller } from '@focushub/shared/auth'
import { type App, createApp } from '@focushub/shared/http'
import {
  createTestDatabase,
  type ManualClock,
  manualClock,
  startTestJwks,
  testTopicPrefix,
} from '@focushub/shared/testing'
import type { Kysely } from 'kysely'
import { buildApp } from '../../src/app.ts'
import { type Config, loadServiceConfig } from '../../src/config.ts'
import { migrations } from '../../src/db/migrations/index.ts'
import type { Database } from '../../src/db/tables.ts'

export type Auth = { authorization: string }

export interface TestService {
  app: App
  db: Kysely<Database>
  config: Config
  /** The clock every replica reads; tests move it. */
  clock: ManualClock
  /** Builds one more focus-service replica on the same schema and clock. */
  replica(env?: NodeJS.ProcessEnv): Promise<App>
  /** A new user with a ready Authorization header (an admin's token with `role: 'admin'`). */
  user(options?: { role?: 'user' | 'admin' }): Promise<{ id: string; auth: Auth }>
  close(): Promise<void>
}

/** A fresh focus-service on its own schema and topic prefix, with a stand-in JWKS and a settable clock. */
export async function startFocusService(overrides: NodeJS.ProcessEnv = {}): Promise<TestService> {
  const jwks = await startTestJwks()
  const prefix = testTopicPrefix('focus')
  const configOf = (extra: NodeJS.ProcessEnv = {}) =>
    loadServiceConfig({
      ...process.env,
      ...jwks.env,
      LOG_LEVEL: 'silent',
      KAFKA_TOPIC_PREFIX: prefix,
      OUTBOX_RELAY_ENABLED: 'false',
      ...overrides,
      ...extra,
    })
  const config = configOf()
  const database = await createTestDatabase<Database>(config.FOCUS_DATABASE_URL, migrations)
  const clock = manualClock('2026-03-02T09:00:00Z')
  const apps: App[] = []
  const replica = async (extra: NodeJS.ProcessEnv = {}) => {
    const app = await buildApp(configOf(extra), { db: database.db, now: clock.now })
    apps.push(app)
    // Started as a server is: its background jobs (relay, consumer, sweeper) run before the first request.
    await app.ready()
    return app
  }
  const app = await replica()
  return {
    app,
    db: database.db,
    config,
    clock,
    replica,
    async user(options = {}) {
      const id = randomUUID()
      return { id, auth: { authorization: await jwks.bearer(id, options) } }
    },
    async close() {
      await Promise.all(apps.map((each) => each.close()))
      await jwks.close()
      await database.destroy()
    },
  }
}

/**
 * focus-service with auth-service's internal look-up by e-mail stood in over real HTTP, admitting only
 * focus-service's own credential; `person` makes a user it finds, whose profile (as auth events leave it)
 * names them.
 */
export async function startWithDirectory(at: string) {
  const secret = 'focus-service-secret-of-the-test'
  const directory = createApp({ service: 'auth-stand-in', logLevel: 'silent' })
  const accounts = new Map<string, { id: string; displayName: string }>()
  directory.get(
    '/internal/users/by-email',
    { onRequest: requireServiceCaller(`focus-service:${secret}`) },
    async (request, reply) => {
      const account = accounts.get((request.query as { email: string }).email.toLowerCase())
      return account ?? reply.code(404).send({ title: 'Not Found' })
    },
  )
  await directory.listen({ port: 0, host: '127.0.0.1' })
  const { port } = directory.server.address() as { port: number }
  const service = await startFocusService({
    AUTH_SERVICE_URL: `http://127.0.0.1:${port}`,
    FOCUS_SERVICE_INTERNAL_SECRET: secret,
  })
  service.clock.set(at)
  return {
    service,
    directory,
    async person(email: string, displayName: string) {
      const user = await service.user()
      accounts.set(email, { id: user.id, displayName })
      await service.db
        .insertInto('user_profiles')
        .values({ user_id: user.id, timezone: 'UTC', day_start_hour: 0, as_of: new Date(), display_name: displayName })
        .execute()
      return user
    },
    async close() {
      await service.close()
      await directory.close()
    },
  }
}

export { expectProblem, outboxEvents } from '@focushub/shared/testing'
