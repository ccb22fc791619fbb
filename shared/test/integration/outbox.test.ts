import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createEvent } from '../../src/events/envelope.ts'
import {
  addOutboxTraceparentMigration,
  createOutboxMigration,
  type OutboxDatabase,
  writeAllToOutbox,
  writeToOutbox,
} from '../../src/events/outbox.ts'
import { createTestDatabase, type TestDatabase } from '../../src/testing/database.ts'

const url = process.env.AUTH_DATABASE_URL ?? 'postgres://focushub_auth:focushub_auth_dev@127.0.0.1:5432/focushub_auth'
const context = { producer: 'auth-service', userId: '0190e6f8-0000-7000-8000-000000000001', requestId: 'req-1' }
let database: TestDatabase<OutboxDatabase>

beforeAll(async () => {
  database = await createTestDatabase<OutboxDatabase>(url, {
    '20261122T010000_outbox': createOutboxMigration,
    '20261122T010000_outbox_traceparent': addOutboxTraceparentMigration,
  })
})
afterAll(() => database.destroy())

describe('outbox', () => {
  it('keeps the event when its transaction commits, keyed by user', async () => {
    const { topic, event } = createEvent('auth.user.deleted', {}, context)
    await database.db.transaction().execute((trx) => writeToOutbox(trx, topic, event))
    const row = await database.db.selectFrom('outbox').selectAll().where('id', '=', event.id).executeTakeFirstOrThrow()
    expect(row).toMatchObject({ topic: 'focushub.auth.events', key: context.userId, type: 'auth.user.deleted' })
    expect(row.envelope).toEqual(event)
    expect(row.published_at).toBeNull()
  })

  it('loses the event with its transaction when the change rolls back', async () => {
    const { topic, event } = createEvent('auth.user.deleted', {}, context)
    await expect(
      database.db.transaction().execute(async (trx) => {
        await writeToOutbox(trx, topic, event)
        throw new Error('the change failed')
      }),
    ).rejects.toThrow('the change failed')
    expect(await database.db.selectFrom('outbox').where('id', '=', event.id).selectAll().execute()).toEqual([])
  })
  it('writes several events in one statement, in their order', async () => {
    const entries = ['a', 'b', 'c'].map(() => createEvent('auth.user.deleted', {}, context))
    await database.db.transaction().execute((trx) => writeAllToOutbox(trx, entries))
    const rows = await database.db
      .selectFrom('outbox')
      .select('id')
      .where(
        'id',
        'in',
        entries.map((entry) => entry.event.id),
      )
      .orderBy('position')
      .execute()
    expect(rows.map((row) => row.id)).toEqual(entries.map((entry) => entry.event.id))
  })
})
