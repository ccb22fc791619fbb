import { randomUUID } from 'node:crypto'
import type { Kysely } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createEvent } from '../../src/events/envelope.ts'
import { createEventApplier, handle } from '../../src/events/event-handlers.ts'
import { pruneProcessedEvents } from '../../src/events/processed-events.ts'
import { createEventRecorder, inUnitOfWork, type UnitOfWork } from '../../src/events/unit-of-work.ts'
import { createTestDatabase, type TestDatabase as Schema } from '../../src/testing/database.ts'
import { databaseUrl, migrations, type TestDatabase } from '../support/events.ts'

let database: Schema<TestDatabase>
let db: Kysely<TestDatabase>

beforeAll(async () => {
  database = await createTestDatabase<TestDatabase>(databaseUrl, migrations)
  db = database.db
})
afterAll(() => database.destroy())

type Work = UnitOfWork<TestDatabase>
const context = (userId: string) => ({ producer: 'unit-of-work-test', userId, requestId: 'r' })
const updated = (userId: string) =>
  createEvent('auth.user.profile_updated', { displayName: 'x', timezone: 'UTC', dayStartHour: 0 }, context(userId))
    .event
const deleted = (userId: string) => createEvent('auth.user.deleted', {}, context(userId)).event

const effects = async (label: string) =>
  (await db.selectFrom('effects').select('event_id').where('label', '=', label).orderBy('sequence').execute()).map(
    (row) => row.event_id,
  )

/** Handlers that write one effect per event and remember the events of each call. */
function recordingHandlers(label: string, failOn?: string) {
  const calls: string[][] = []
  const write = async (work: Work, events: { id: string; userId: string }[]) => {
    calls.push(events.map((event) => event.id))
    if (events.some((event) => event.id === failOn)) throw new Error('this event cannot be applied')
    await work.trx
      .insertInto('effects')
      .values(events.map((event) => ({ event_id: event.id, user_id: event.userId, label })))
      .execute()
  }
  const handlers = [handle(['auth.user.profile_updated'], write), handle(['auth.user.deleted'], write)]
  return { handlers, calls }
}

describe('createEventApplier: the consumer’s one code path', () => {
  it('applies a run’s new events once, in order, each handler given its consecutive events', async () => {
    const { handlers, calls } = recordingHandlers('run')
    const apply = createEventApplier({ groupId: 'run', handlers, db })
    const [a, b, c, d] = [updated('u1'), updated('u2'), deleted('u1'), updated('u1')]
    await apply([a])
    await apply([b, a, c, d, b])
    expect(calls).toEqual([[a.id], [b.id], [c.id], [d.id]])
    expect(await effects('run')).toEqual([a.id, b.id, c.id, d.id])
  })

  it('keeps nothing of a failed run, neither effects nor records; applied one at a time, only the bad event fails', async () => {
    const bad = updated('u2')
    const { handlers, calls } = recordingHandlers('failed-run', bad.id)
    const apply = createEventApplier({ groupId: 'failed-run', handlers, db })
    const run = [updated('u1'), bad, updated('u3')]
    await expect(apply(run)).rejects.toThrow('this event cannot be applied')
    expect(await effects('failed-run')).toEqual([])
    const outcomes = []
    for (const event of run)
      outcomes.push(
        await apply([event]).then(
          () => 'applied',
          () => 'failed',
        ),
      )
    expect(outcomes).toEqual(['applied', 'failed', 'applied'])
    expect(calls.slice(1)).toEqual(run.map((event) => [event.id]))
    expect(await effects('failed-run')).toEqual([run[0]?.id, run[2]?.id])
  })

  it('without a database, hands the events to their handlers without a unit of work', async () => {
    const seen: unknown[] = []
    const apply = createEventApplier({
      groupId: 'no-db',
      handlers: [handle(['auth.user.deleted'], async (work: undefined, events) => void seen.push(work, events.length))],
    })
    await apply([deleted('u1'), updated('u1')])
    expect(seen).toEqual([undefined, 1])
  })
})

describe('inUnitOfWork', () => {
  const recordEvent = createEventRecorder('unit-of-work-test')
  const outboxIds = async (userId: string) =>
    (await db.selectFrom('outbox').select('id').where('key', '=', userId).orderBy('position').execute()).map(
      (row) => row.id,
    )

  it('writes the events the work recorded to the outbox, in order, when it commits; nothing when it throws', async () => {
    const [kept, dropped] = [randomUUID(), randomUUID()]
    await inUnitOfWork(db, async (work) => {
      recordEvent(work, 'auth.user.deleted', {}, { userId: kept, requestId: 'r1' })
      recordEvent(work, 'auth.user.deleted', {}, { userId: kept, requestId: 'r2' })
      expect(await outboxIds(kept)).toEqual([])
    })
    expect(await outboxIds(kept)).toHaveLength(2)
    const failing = inUnitOfWork(db, async (work) => {
      recordEvent(work, 'auth.user.deleted', {}, { userId: dropped, requestId: 'r' })
      throw new Error('the change fails')
    })
    await expect(failing).rejects.toThrow('the change fails')
    expect(await outboxIds(dropped)).toEqual([])
  })

  it('flushes a service’s own buffers before the outbox, so what they apply may publish', async () => {
    const userId = randomUUID()
    type Counting = Work & { counted: number }
    const kind = {
      open: (base: Work): Counting => ({ ...base, counted: 0 }),
      flush: async (work: Counting) => {
        recordEvent(work, 'auth.user.deleted', {}, { userId, requestId: `counted-${work.counted}` })
      },
    }
    await inUnitOfWork(
      db,
      async (work) => {
        work.counted += 2
      },
      kind,
    )
    const rows = await db.selectFrom('outbox').select('envelope').where('key', '=', userId).execute()
    expect(rows.map((row) => row.envelope.requestId)).toEqual(['counted-2'])
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
