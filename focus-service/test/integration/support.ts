import { randomUUID } from 'node:crypto'
import type { App } from '@focushub/shared'
import { createTestDatabase, startTestJwks, type TestDatabase, testTopicPrefix } from '@focushub/shared/testing'
import { buildApp } from '../../src/app.ts'
import { loadServiceConfig } from '../../src/config.ts'
import { migrations } from '../../src/db/migrations/index.ts'
import type { Database } from '../../src/db/tables.ts'

/** A clock the test moves by hand. */
export function manualClock(start = '2026-03-02T09:00:00Z') {
  let now = new Date(start)
  return {
    now: () => now,
    set: (iso: string) => {
      now = new Date(iso)
    },
    advanceMinutes: (minutes: number) => {
      now = new Date(now.getTime() + minutes * 60_000)
    },
  }
}

export type ManualClock = ReturnType<typeof manualClock>

export type Auth = { authorization: string }

export interface FocusHarness {
  database: TestDatabase<Database>
  jwks: Awaited<ReturnType<typeof startTestJwks>>
  clock: ManualClock
  /** Builds one more focus-service replica on the same schema and clock. */
  replica(env?: NodeJS.ProcessEnv): Promise<App>
  app: App
  /** A new user with a ready Authorization header. */
  user(): Promise<{ id: string; auth: Auth }>
  close(): Promise<void>
}

/** A focus-service on a schema of its own, a stand-in JWKS, a hand-driven clock, and topics of its own. */
export async function startFocusHarness(env: NodeJS.ProcessEnv = {}, start?: string): Promise<FocusHarness> {
  const jwks = await startTestJwks()
  const database = await createTestDatabase<Database>(loadServiceConfig().FOCUS_DATABASE_URL, migrations)
  const clock = manualClock(start)
  const prefix = testTopicPrefix('focus')
  const apps: App[] = []
  const replica = async (extra: NodeJS.ProcessEnv = {}) => {
    const config = loadServiceConfig({
      ...process.env,
      ...jwks.env,
      LOG_LEVEL: 'silent',
      KAFKA_TOPIC_PREFIX: prefix,
      OUTBOX_RELAY_ENABLED: 'false',
      ...env,
      ...extra,
    })
    const app = await buildApp(config, { db: database.db, now: clock.now })
    apps.push(app)
    return app
  }
  const app = await replica()
  return {
    database,
    jwks,
    clock,
    replica,
    app,
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

/** Outbox events of a type, oldest first. */
export async function outboxEvents(harness: FocusHarness, type: string) {
  const rows = await harness.database.db
    .selectFrom('outbox')
    .select(['envelope'])
    .where('type', '=', type)
    .orderBy('position')
    .execute()
  return rows.map((row) => row.envelope)
}

export { expectProblem } from '@focushub/shared/testing'
