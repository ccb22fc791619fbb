import { randomUUID } from 'node:crypto'
import type { Kysely } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  applyOnce,
  applyOnceInBatches,
  applyTogether,
  pruneProcessedEvents,
} from '../../src/events/processed-events.ts'
import { createTestDatabase, type TestDatabase as Schema } from '../../src/testing/database.ts'
import { databaseUrl, migrations, type TestDatabase } from '../support/events.ts'

let database: Schema<TestDatabase>
let db: Kysely<TestDatabase>

beforeAll(async () => {
  database = await createTestDatabase<TestDatabase>(databaseUrl, migrations)
  db = database.db
})
afterAll(() => database.destroy())

type Event = { id: string; userId: string }
const eventOf = (userId: string): Event => ({ id: randomUUID(), userId })

/** A batched consumer that writes one effect per event and remembers the batches it was given. */
function batchedConsumer(consumer: string) {
  const batches: string[][] = []
  const handler = applyOnceInBatches(db, consumer, async (trx, events: Event[]) => {
    batches.push(events.map((event) => event.id))
    await trx
      .insertInto('effects')
      .values(events.map((event) => ({ event_id: event.id, user_id: event.userId, label: consumer })))
      .execute()
  })
  return { handler, batches }
}

const effects = async (consumer: string) =>
  (await db.selectFrom('effects').select('event_id').where('label', '=', consumer).orderBy('sequence').execute()).map(
    (row) => row.event_id,
  )

describe('applyOnceInBatches', () => {
  it('in a run, applies the run’s new events once, together and in order, before the run commits', async () => {
    const { handler, batches } = batchedConsumer('batched-run')
    const [a, b, c] = [eventOf('u1'), eventOf('u2'), eventOf('u1')] as [Event, Event, Event]
    await handler(a)
    expect(await effects('batched-run')).toEqual([a.id])
    await applyTogether(db, async () => {
      for (const event of [b, a, c, b]) await handler(event)
      // Collected, not yet applied.
      expect(batches).toHaveLength(1)
    })
    expect(batches).toEqual([[a.id], [b.id, c.id]])
    expect(await effects('batched-run')).toEqual([a.id, b.id, c.id])
  })

  it('outside a run, applies each event in its own transaction, once', async () => {
    const { handler, batches } = batchedConsumer('batched-alone')
    const event = eventOf('u1')
    await Promise.all([handler(event), handler(event)])
    expect(batches).toEqual([[event.id]])
    expect(await effects('batched-alone')).toEqual([event.id])
  })

  it('keeps nothing of a run whose batch fails, neither its effects nor its records', async () => {
    const failing = applyOnceInBatches(db, 'batched-failing', async (trx, events: Event[]) => {
      await trx
        .insertInto('effects')
        .values(events.map((event) => ({ event_id: event.id, user_id: event.userId, label: 'batched-failing' })))
        .execute()
      throw new Error('the batch cannot be applied')
    })
    const single = applyOnce(db, 'batched-failing', async (trx, event: Event) => {
      await trx
        .insertInto('effects')
        .values({ event_id: event.id, user_id: event.userId, label: 'batched-failing' })
        .execute()
    })
    const events = [eventOf('u1'), eventOf('u2')]
    await expect(
      applyTogether(db, async () => {
        for (const event of events) await failing(event)
      }),
    ).rejects.toThrow('the batch cannot be applied')
    expect(await effects('batched-failing')).toEqual([])
    // The events were not recorded: applied again (here one by one), they take effect.
    for (const event of events) await single(event)
    expect(await effects('batched-failing')).toEqual(events.map((event) => event.id))
  })
})

describe('pruneProcessedEvents', () => {
  it('forgets the events applied before the retention and keeps the rest', async () => {
    const [old, recent] = [randomUUID(), randomUUID()]
    await db
      .insertInto('processed_events')
      .values([
        { consumer: 'pruned', event_id: old, processed_at: new Date(Date.now() - 25 * 3600_000) },
        { consumer: 'pruned', event_id: recent, processed_at: new Date(Date.now() - 23 * 3600_000) },
      ])
      .execute()
    expect(await pruneProcessedEvents(db, 24)).toBeGreaterThanOrEqual(1)
    const left = await db.selectFrom('processed_events').select('event_id').where('consumer', '=', 'pruned').execute()
    expect(left.map((row) => row.event_id)).toEqual([recent])
  })
})
