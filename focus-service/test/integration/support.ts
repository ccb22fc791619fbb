import { randomUUID } from 'node:crypto'
import type { App } from '@focushub/shared/http'
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
  /** A new user with a ready Authorization header. */
  user(): Promise<{ id: string; auth: Auth }>
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
    async user() {
      const id = randomUUID()
      return { id, auth: { authorization: await jwks.bearer(id) } }
    },
    async close() {
      await Promise.all(apps.map((each) => each.close()))
      await jwks.close()
      await database.destroy()
    },
  }
}

export { expectProblem, outboxEvents } from '@focushub/shared/testing'
