import { type ChildProcess, spawn } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startOutboxRelay } from '../../src/events/outbox-relay.ts'
import { createTestDatabase, type TestDatabase as Schema } from '../../src/testing/database.ts'
import {
  databaseUrl,
  eventually,
  kafkaClient,
  migrations,
  relayOptions,
  type TestDatabase,
  testBus,
  uniquePrefix,
  writeEvent,
} from '../support/events.ts'

const prefix = uniquePrefix()
const user = '0190e6f8-0000-7000-8000-0000000000f1'
const fixture = fileURLToPath(new URL('../fixtures/relay-process.ts', import.meta.url))
let database: Schema<TestDatabase>
let child: ChildProcess

const unpublished = async () =>
  Number(
    (
      await database.db
        .selectFrom('outbox')
        .select((eb) => eb.fn.countAll().as('n'))
        .where('published_at', 'is', null)
        .executeTakeFirstOrThrow()
    ).n,
  )

beforeAll(async () => {
  database = await createTestDatabase<TestDatabase>(databaseUrl, migrations)
})
afterAll(async () => {
  child?.kill('SIGKILL')
  await database.destroy()
})

describe('outbox relay leadership', () => {
  it('lets one relay publish while another waits, which takes over when the first is killed', async () => {
    child = spawn(process.execPath, [fixture], {
      env: { ...process.env, RELAY_SCHEMA: database.schema, RELAY_TOPIC_PREFIX: prefix },
      stdio: ['ignore', 'pipe', 'inherit'],
    })
    await new Promise<void>((resolve, reject) => {
      child.stdout?.on('data', (chunk) => String(chunk).includes('leading') && resolve())
      child.once('exit', (code) => reject(new Error(`relay process exited (${code})`)))
    })
    const standby = startOutboxRelay({ ...relayOptions, db: database.db, bus: testBus(kafkaClient(), prefix) })
    try {
      for (let i = 0; i < 20; i++) await writeEvent(database.db, user, `before-${i}`)
      expect(await eventually(unpublished, (n) => n === 0)).toBe(0)
      expect(standby.isLeader()).toBe(false)
      expect(standby.published()).toBe(0)

      child.kill('SIGKILL')
      for (let i = 0; i < 20; i++) await writeEvent(database.db, user, `after-${i}`)
      expect(await eventually(unpublished, (n) => n === 0)).toBe(0)
      expect(standby.isLeader()).toBe(true)
      expect(standby.published()).toBe(20)
    } finally {
      await standby.stop()
    }
  })
})
