import type { Kafka } from 'kafkajs'
import { type Kysely, sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { EventBus } from '../../src/events/bus.ts'
import { startEventConsumer } from '../../src/events/consumer.ts'
import { createEvent, EventContractError } from '../../src/events/envelope.ts'
import { handle } from '../../src/events/event-handlers.ts'
import type { OutboxRelay } from '../../src/events/outbox-relay.ts'
import type { UnitOfWork } from '../../src/events/unit-of-work.ts'
import { createTestDatabase, type TestDatabase as Schema } from '../../src/testing/database.ts'
import {
  databaseUrl,
  effectHandler,
  eventually,
  kafkaClient,
  migrations,
  readTopic,
  relayOptions,
  silent,
  startOutboxRelay,
  type TestDatabase,
  testBus,
  uniquePrefix,
  writeEvent,
} from '../support/events.ts'

const prefix = uniquePrefix()
const userA = '0190e6f8-0000-7000-8000-00000000000a'
const userB = '0190e6f8-0000-7000-8000-00000000000b'
let database: Schema<TestDatabase>
let db: Kysely<TestDatabase>
let kafka: Kafka
let bus: EventBus
let relay: OutboxRelay

const consumerOptions = { log: silent, maxAttempts: 3, retryBackoffMs: 20, topics: ['focushub.auth.events'] }
const effects = (consumer: string) =>
  db.selectFrom('effects').selectAll().where('label', 'like', `${consumer}:%`).orderBy('sequence').execute()

beforeAll(async () => {
  database = await createTestDatabase<TestDatabase>(databaseUrl, migrations)
  db = database.db
  kafka = kafkaClient()
  bus = testBus(kafka, prefix)
  relay = startOutboxRelay({ ...relayOptions, db, bus })
})
afterAll(async () => {
  await relay.stop()
  await database.destroy()
})

describe('event delivery over real Kafka', () => {
  it('round trip: outbox → relay → topic (keyed by user, type and request id in headers) → consumer', async () => {
    const written = [
      await writeEvent(db, userA, 'a1'),
      await writeEvent(db, userB, 'b1'),
      await writeEvent(db, userA, 'a2'),
      await writeEvent(db, userA, 'a3'),
    ]
    const consumer = startEventConsumer({
      ...consumerOptions,
      bus,
      db,
      groupId: 'round-trip',
      handlers: [effectHandler('round-trip')],
    })
    try {
      const applied = await eventually(
        () => effects('round-trip'),
        (rows) => rows.length >= 4,
      )
      expect(applied.filter((row) => row.user_id === userA).map((row) => row.label)).toEqual([
        'round-trip:a1',
        'round-trip:a2',
        'round-trip:a3',
      ])
      expect(applied).toHaveLength(4)
    } finally {
      await consumer.stop()
    }
    const messages = await readTopic(kafka, `${prefix}focushub.auth.events`, 4)
    const first = messages.find((message) => JSON.parse(message.value).id === written[0]?.id)
    expect(first).toMatchObject({
      key: userA,
      headers: { 'event-type': 'auth.user.profile_updated', 'request-id': 'req-a1', 'event-version': '1' },
    })
    const rows = await db.selectFrom('outbox').select('published_at').execute()
    expect(rows.every((row) => row.published_at !== null)).toBe(true)
  })

  it('refuses at publish a payload that breaks its schema', () => {
    const context = { producer: 'events-test', userId: userA, requestId: 'r' }
    expect(() => createEvent('auth.user.status_changed', { status: 'frozen' } as never, context)).toThrow(
      EventContractError,
    )
  })

  it('applies an event once when it is delivered again after its effect committed (crash before the offset commit)', async () => {
    await writeEvent(db, userB, 'again')
    const first = startEventConsumer({
      ...consumerOptions,
      bus,
      db,
      groupId: 'redelivery',
      handlers: [effectHandler('redelivery')],
    })
    await eventually(
      () => effects('redelivery'),
      (rows) => rows.length >= 5,
    )
    await first.stop()
    // The broker's view after a crash between the effect's commit and the offset commit: offsets not moved.
    const admin = kafka.admin()
    await admin.connect()
    await admin.resetOffsets({ groupId: `${prefix}redelivery`, topic: `${prefix}focushub.auth.events`, earliest: true })
    await admin.disconnect()
    const second = startEventConsumer({
      ...consumerOptions,
      bus,
      db,
      groupId: 'redelivery',
      handlers: [effectHandler('redelivery')],
    })
    // Behind the redelivered events of each user's partition: once these are applied, so are those.
    const latest = [await writeEvent(db, userA, 'latest-a'), await writeEvent(db, userB, 'latest-b')]
    await eventually(
      () => effects('redelivery'),
      (rows) => latest.every((event) => rows.some((row) => row.event_id === event.id)),
    )
    await second.stop()
    const applied = await effects('redelivery')
    expect(applied).toHaveLength(7)
    expect(new Set(applied.map((row) => row.event_id)).size).toBe(7)
  })

  it('applies an event once when handling dies before its effect commits', async () => {
    const event = await writeEvent(db, userA, 'dies')
    let attempts = 0
    const consumer = startEventConsumer({
      ...consumerOptions,
      bus,
      db,
      groupId: 'dies-mid-effect',
      handlers: [
        handle(['auth.user.profile_updated'], async (work: UnitOfWork<TestDatabase>, events) => {
          for (const received of events) {
            await work.trx
              .insertInto('effects')
              .values({ event_id: received.id, user_id: received.userId, label: 'dies:x' })
              .execute()
            if (received.id === event.id && ++attempts === 1) throw new Error('died mid-effect')
          }
        }),
      ],
    })
    try {
      // The topic's eight profile updates so far, this one last.
      await eventually(
        () => effects('dies'),
        (rows) => rows.length >= 8,
      )
      await new Promise((resolve) => setTimeout(resolve, 300))
      const applied = await effects('dies')
      expect(applied.filter((row) => row.event_id === event.id)).toHaveLength(1)
      expect(applied).toHaveLength(8)
      expect(attempts).toBe(2)
    } finally {
      await consumer.stop()
    }
  })

  it('sends a poison message and an event that keeps failing to the DLQ, the error in its headers', async () => {
    const producer = kafka.producer()
    await producer.connect()
    const unknown = { ...createEvent('auth.user.deleted', {}, { producer: 'x', userId: userB, requestId: 'r' }).event }
    await producer.send({
      topic: `${prefix}focushub.auth.events`,
      messages: [
        { key: userB, value: JSON.stringify({ ...unknown, type: 'auth.user.teleported' }) },
        { key: userB, value: 'not json' },
      ],
    })
    await producer.disconnect()
    const failing = await writeEvent(db, userB, 'fails')
    const consumer = startEventConsumer({
      ...consumerOptions,
      bus,
      groupId: 'poison',
      handlers: [
        handle(['auth.user.profile_updated'], async (_: undefined, events) => {
          if (events.some((event) => event.id === failing.id)) throw new Error('the effect cannot be applied')
        }),
      ],
    })
    try {
      const dead = await readTopic(kafka, `${prefix}focushub.auth.events.dlq`, 3)
      const errors = dead.map((message) => message.headers['dlq-error'])
      expect(errors).toEqual(
        expect.arrayContaining([
          expect.stringContaining('unknown type or version'),
          expect.stringContaining('JSON'),
          'the effect cannot be applied',
        ]),
      )
      const retried = dead.find((message) => message.headers['dlq-error'] === 'the effect cannot be applied')
      expect(retried?.headers).toMatchObject({
        'dlq-attempts': '3',
        'dlq-consumer-group': 'poison',
        'dlq-original-topic': 'focushub.auth.events',
        'event-type': 'auth.user.profile_updated',
        'request-id': 'req-fails',
      })
      expect(retried?.key).toBe(userB)
    } finally {
      await consumer.stop()
    }
  })

  it('applies a run of events in one unit of work; a failed run again one event at a time through the same handler', async () => {
    const failing = new Set<string>()
    /** The events of each call of the handler, in order: runs, and runs of one when a run failed. */
    const calls: string[][] = []
    const profileUpdates = () =>
      db.selectFrom('outbox').select('id').where('type', '=', 'auth.user.profile_updated').execute()
    const consumer = startEventConsumer({
      ...consumerOptions,
      bus,
      db,
      groupId: 'runs',
      handlers: [
        handle(['auth.user.profile_updated'], async (work: UnitOfWork<TestDatabase>, events) => {
          calls.push(events.map((event) => event.id))
          const { rows } = await sql<{ txid: string }>`select txid_current()::text as txid`.execute(work.trx)
          for (const event of events) {
            if (failing.has(event.id)) throw new Error('this one cannot be applied')
            await work.trx
              .insertInto('effects')
              .values({ event_id: event.id, user_id: event.userId, label: `runs:${rows[0]?.txid}` })
              .execute()
          }
        }),
      ],
    })
    try {
      const backlog = await profileUpdates()
      const applied = await eventually(
        () => effects('runs'),
        (rows) => rows.length >= backlog.length,
      )
      // The backlog came in runs per partition: fewer transactions than events.
      expect(new Set(applied.map((row) => row.label)).size).toBeLessThan(applied.length)

      const before = await writeEvent(db, userA, 'before-bad')
      const bad = await writeEvent(db, userA, 'bad')
      failing.add(bad.id)
      const after = await writeEvent(db, userA, 'after-bad')
      // Earlier: 3 from the poison test, 2 poison messages again for this group, then this one.
      const dead = await readTopic(kafka, `${prefix}focushub.auth.events.dlq`, 6)
      const mine = dead.filter((message) => message.headers['dlq-error'] === 'this one cannot be applied')
      expect(mine.map((message) => JSON.parse(message.value).id)).toEqual([bad.id])
      const good = (await profileUpdates()).filter((row) => !failing.has(row.id)).map((row) => row.id)
      await eventually(
        () => effects('runs'),
        (rows) => rows.length >= good.length,
      )
      await new Promise((resolve) => setTimeout(resolve, 300))
      // Every good event applied exactly once, the bad one never.
      expect((await effects('runs')).map((row) => row.event_id).sort()).toEqual(good.sort())
      // The bad event was retried alone, through the same handler: runs of one, maxAttempts of them.
      expect(calls.filter((ids) => ids.length === 1 && ids[0] === bad.id)).toHaveLength(consumerOptions.maxAttempts)
      // Its neighbours, if they shared its failed run, were applied again alone, once each.
      for (const neighbour of [before.id, after.id]) {
        const failedWithBad = calls.some((ids) => ids.length > 1 && ids.includes(neighbour) && ids.includes(bad.id))
        if (failedWithBad) expect(calls.filter((ids) => ids.length === 1 && ids[0] === neighbour)).toHaveLength(1)
      }
    } finally {
      await consumer.stop()
    }
  })
})
