import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  createProcessedEventsMigration,
  mergeProcessedEventsMigration,
  type ProcessedEventsDatabase,
} from '../../src/events/processed-events.ts'
import { createTestDatabase, type TestDatabase } from '../../src/testing/database.ts'

const url = process.env.AUTH_DATABASE_URL ?? 'postgres://focushub_auth:focushub_auth_dev@127.0.0.1:5432/focushub_auth'
const [first, second, third] = [1, 2, 3].map((n) => `0190e6f8-0000-7000-8000-00000000000${n}`) as [
  string,
  string,
  string,
]
let database: TestDatabase<ProcessedEventsDatabase>

beforeAll(async () => {
  database = await createTestDatabase<ProcessedEventsDatabase>(url, {
    '20261122T010000_processed_events': createProcessedEventsMigration,
  })
  await database.db
    .insertInto('processed_events')
    .values([
      { consumer: 'task-service.user-deleted', event_id: first },
      { consumer: 'access-refusals', event_id: first },
      { consumer: 'access-refusals', event_id: second },
      { consumer: 'task-service', event_id: third },
    ])
    .execute()
  await mergeProcessedEventsMigration('task-service').up(database.db)
})
afterAll(() => database.destroy())

describe('merging per-handler processed events into the consumer group', () => {
  it('keeps every event any older name applied, once, under the group', async () => {
    const rows = await database.db
      .selectFrom('processed_events')
      .select(['consumer', 'event_id'])
      .orderBy('event_id')
      .execute()
    expect(rows).toEqual([
      { consumer: 'task-service', event_id: first },
      { consumer: 'task-service', event_id: second },
      { consumer: 'task-service', event_id: third },
    ])
  })
})
