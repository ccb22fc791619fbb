import { randomUUID } from 'node:crypto'
import {
  type ConsumedEvent,
  createEvent,
  createEventApplier,
  type EventData,
  type EventType,
} from '@focushub/shared/events'
import type { App } from '@focushub/shared/http'
import {
  createTestDatabase,
  type ManualClock,
  manualClock,
  startTestJwks,
  testTopicPrefix,
} from '@focushub/shared/testing'
import type { Kysely } from 'kysely'
import { expect } from 'vitest'
import { buildApp } from '../../src/app.ts'
import { type Config, loadServiceConfig } from '../../src/config.ts'
import { consumerGroup, eventHandlers } from '../../src/consumers/index.ts'
import type { HabitContext } from '../../src/context.ts'
import { migrations } from '../../src/db/migrations/index.ts'
import type { Database } from '../../src/db/tables.ts'
import { habitWork } from '../../src/events/habit-work.ts'

export interface TestService {
  app: App
  db: Kysely<Database>
  config: Config
  /** The context the app's services get (same database, config and clock), for calling them directly. */
  ctx: HabitContext
  prefix: string
  /** The clock the app reads; tests move it. */
  clock: ManualClock
  /** The Authorization header of a token for the user. */
  bearer(userId: string): Promise<{ authorization: string }>
  close(): Promise<void>
}

/** A fresh habit-service on its own schema and topic prefix, with a stand-in JWKS and a settable clock. */
export async function startHabitService(overrides: NodeJS.ProcessEnv = {}): Promise<TestService> {
  const jwks = await startTestJwks()
  const prefix = testTopicPrefix('habits')
  const config = loadServiceConfig({
    ...process.env,
    ...jwks.env,
    LOG_LEVEL: 'silent',
    KAFKA_TOPIC_PREFIX: prefix,
    OUTBOX_RELAY_ENABLED: 'false',
    // Tests run the summary refresher's pass themselves, when they mean to.
    HABIT_SUMMARY_REFRESH_INTERVAL_MS: '3600000',
    ...overrides,
  })
  const database = await createTestDatabase<Database>(config.HABIT_DATABASE_URL, migrations)
  const clock = manualClock('2026-03-10T12:00:00Z')
  const app = await buildApp(config, { db: database.db, now: clock.now })
  await app.ready()
  return {
    app,
    db: database.db,
    config,
    ctx: { db: database.db, config, log: app.log, now: clock.now },
    prefix,
    clock,
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

/** Creates a habit through the API and answers its body. */
/** Applies events as habit-service's consumer applies a run (one HabitWork, each event once), its clock at `now`. */
export const deliverEvents = (
  service: TestService,
  events: ConsumedEvent<EventType>[],
  now = new Date('2026-03-10T12:00:00Z'),
) =>
  createEventApplier({ groupId: consumerGroup, handlers: eventHandlers(() => now), db: service.db, kind: habitWork })(
    events,
  )

export async function createHabit(service: TestService, userId: string, body: Record<string, unknown> = {}) {
  const response = await service.app.inject({
    method: 'POST',
    url: '/habits',
    headers: await service.bearer(userId),
    payload: { name: 'Read', ...body },
  })
  expect(response.statusCode, response.body).toBe(201)
  return response.json() as { id: string; version: number; summary: Record<string, unknown> }
}

/** Checks the user in on `habitId` for `date` through the API (done unless told otherwise). */
export async function checkIn(service: TestService, userId: string, habitId: string, date: string, status = 'done') {
  const response = await service.app.inject({
    method: 'POST',
    url: `/habits/${habitId}/check-ins`,
    headers: await service.bearer(userId),
    payload: { date, status },
  })
  expect(response.statusCode, response.body).toBe(200)
}

export const newUser = () => randomUUID()

export { expectProblem, outboxEvents } from '@focushub/shared/testing'
