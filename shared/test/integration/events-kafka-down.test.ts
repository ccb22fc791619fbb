import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startEventConsumer } from '../../src/events/consumer.ts'
import { startOutboxRelay } from '../../src/events/outbox-relay.ts'
import { createTestDatabase, type TestDatabase as Schema } from '../../src/testing/database.ts'
import {
  databaseUrl,
  effectHandler,
  eventually,
  kafkaClient,
  migrations,
  relayOptions,
  silent,
  type TestDatabase,
  testBus,
  uniquePrefix,
  writeEvent,
} from '../support/events.ts'
import { startOwnBroker } from '../support/kafka-broker.ts'

const users = [1, 2, 3, 4, 5].map((n) => `0190e6f8-0000-7000-8000-00000000d0${n}0`)
let database: Schema<TestDatabase>
let broker: Awaited<ReturnType<typeof startOwnBroker>>

beforeAll(async () => {
  ;[database, broker] = await Promise.all([createTestDatabase<TestDatabase>(databaseUrl, migrations), startOwnBroker()])
}, 90_000)
afterAll(async () => {
  await broker?.destroy()
  await database?.destroy()
})

describe('Kafka down', () => {
  it('keeps every event written while the broker is down and delivers them all, in order per user, once it is back', async () => {
    const { db } = database
    const bus = testBus(kafkaClient(broker.address), uniquePrefix())
    const relay = startOutboxRelay({ ...relayOptions, db, bus })
    const consumer = startEventConsumer({
      bus,
      log: silent,
      groupId: 'kafka-down',
      topics: ['focushub.auth.events'],
      maxAttempts: 3,
      retryBackoffMs: 20,
      db,
      handlers: [effectHandler('kafka-down', { labelOf: (event) => event.data.displayName })],
    })
    const applied = () => db.selectFrom('effects').selectAll().orderBy('sequence').execute()
    try {
      for (const user of users) await writeEvent(db, user, '0')
      expect(await eventually(applied, (rows) => rows.length === 5)).toHaveLength(5)

      await broker.stop()
      for (let i = 1; i <= 20; i++) for (const user of users) await writeEvent(db, user, String(i))
      await new Promise((resolve) => setTimeout(resolve, 2000))
      const waiting = await db.selectFrom('outbox').select('id').where('published_at', 'is', null).execute()
      expect(waiting).toHaveLength(100)

      await broker.start()
      const rows = await eventually(applied, (all) => all.length >= 105, 60_000)
      expect(rows).toHaveLength(105)
      expect(new Set(rows.map((row) => row.event_id)).size).toBe(105)
      for (const user of users) {
        const labels = rows.filter((row) => row.user_id === user).map((row) => Number(row.label))
        expect(labels).toEqual(Array.from({ length: 21 }, (_, i) => i))
      }
    } finally {
      await consumer.stop()
      await relay.stop()
    }
  }, 120_000)
})
