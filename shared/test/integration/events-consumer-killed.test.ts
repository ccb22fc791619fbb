import { type ChildProcess, spawn } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startEventConsumer } from '../../src/events/consumer.ts'
import type { OutboxRelay } from '../../src/events/outbox-relay.ts'
import { createTestDatabase, type TestDatabase as Schema } from '../../src/testing/database.ts'
import {
  databaseUrl,
  effectHandler,
  eventually,
  kafkaClient,
  migrations,
  relayOptions,
  silent,
  startOutboxRelay,
  type TestDatabase,
  testBus,
  uniquePrefix,
  writeEvent,
} from '../support/events.ts'

const prefix = uniquePrefix()
const user = '0190e6f8-0000-7000-8000-0000000000c1'
const fixture = fileURLToPath(new URL('../fixtures/consumer-process.ts', import.meta.url))
let database: Schema<TestDatabase>
let relay: OutboxRelay
let child: ChildProcess

beforeAll(async () => {
  database = await createTestDatabase<TestDatabase>(databaseUrl, migrations)
  relay = startOutboxRelay({ ...relayOptions, db: database.db, bus: testBus(kafkaClient(), prefix) })
})
afterAll(async () => {
  child?.kill('SIGKILL')
  await relay.stop()
  await database.destroy()
})

describe('a consumer killed mid-handling', () => {
  it('leaves nothing of its effect, and the next owner of the partition applies it exactly once', async () => {
    const event = await writeEvent(database.db, user, 'killed')
    child = spawn(process.execPath, [fixture], {
      env: { ...process.env, CONSUMER_SCHEMA: database.schema, CONSUMER_TOPIC_PREFIX: prefix },
      stdio: ['ignore', 'pipe', 'inherit'],
    })
    await new Promise<void>((resolve, reject) => {
      child.stdout?.on('data', (chunk) => String(chunk).includes(`in-effect ${event.id}`) && resolve())
      child.once('exit', (code) => reject(new Error(`consumer process exited (${code})`)))
    })
    child.kill('SIGKILL')

    let deliveries = 0
    const survivor = startEventConsumer({
      bus: testBus(kafkaClient(), prefix),
      log: silent,
      groupId: 'killed-mid-handling',
      topics: ['focushub.auth.events'],
      maxAttempts: 3,
      retryBackoffMs: 20,
      sessionTimeoutMs: 6000,
      db: database.db,
      handlers: [
        effectHandler('killed', {
          before: () => {
            deliveries++
          },
          labelOf: () => 'killed:x',
        }),
      ],
    })
    try {
      const effects = () => database.db.selectFrom('effects').selectAll().where('event_id', '=', event.id).execute()
      expect(await eventually(effects, (rows) => rows.length > 0, 45_000)).toHaveLength(1)
      expect(deliveries).toBe(1)
      const processed = await database.db.selectFrom('processed_events').selectAll().execute()
      expect(processed.filter((row) => row.event_id === event.id)).toHaveLength(1)
    } finally {
      await survivor.stop()
    }
  }, 60_000)
})
