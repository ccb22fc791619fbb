// End-to-end latency, outbox write committed → consumer effect written (in the consumer's unit of work, Postgres),
// at a steady BENCH_RATE events per second for BENCH_SECONDS, through the relay and real Kafka.
// Side by side in one run: the consumer handed each event alone (a unit of work each), and handed
// each partition's run of events (one unit of work per run, production's mode).
// Run: node bench/events/end-to-end-latency.ts   (BENCH_RATE=500 BENCH_SECONDS=20 to change)
import { createDatabase } from '@focushub/shared/db'
import { type EventBus, handle, startEventConsumer, startOutboxRelay, type UnitOfWork } from '@focushub/shared/events'
import { deleteKafkaNamespace } from '@focushub/shared/testing'
import { type BenchDatabase, benchSetup, databaseUrl, log, percentile, writeEvent } from './setup.ts'

const rate = Number(process.env.BENCH_RATE ?? 500)
const seconds = Number(process.env.BENCH_SECONDS ?? 20)
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

async function measure(mode: 'per-event' | 'runs') {
  const { database, bus, prefix } = await benchSetup()
  const { db } = database
  // Writer, relay and consumer each get their own pool, as they would in separate processes.
  const pool = (poolMax: number) =>
    createDatabase<BenchDatabase>({ url: databaseUrl, schema: database.schema, poolMax })
  const writerDb = pool(10)
  const consumerDb = pool(8)
  const written = new Map<string, number>()
  const latencies: number[] = []

  const relay = startOutboxRelay({
    db,
    databaseUrl,
    bus,
    log,
    batchSize: 500,
    pollIntervalMs: 1000,
    retentionHours: 24,
  })
  // Per event: the bus hands the consumer each fetched message alone, so every event is a run of one.
  const perEvent: EventBus = {
    ...bus,
    subscribe: (options) =>
      bus.subscribe({
        ...options,
        onBatch: async (messages, acknowledge) => {
          for (const message of messages) await options.onBatch([message], acknowledge)
        },
      }),
  }
  const consumer = startEventConsumer({
    bus: mode === 'runs' ? bus : perEvent,
    log,
    groupId: 'bench',
    topics: ['focushub.auth.events'],
    maxAttempts: 3,
    retryBackoffMs: 50,
    concurrency: 6,
    db: consumerDb,
    handlers: [
      handle(['auth.user.profile_updated'], async (work: UnitOfWork<BenchDatabase>, events) => {
        await work.trx
          .insertInto('effects')
          .values(events.map((event) => ({ event_id: event.id })))
          .execute()
        for (const event of events) {
          const at = written.get(event.id)
          if (at !== undefined) latencies.push(performance.now() - at)
        }
      }),
    ],
  })

  // Warm-up: the consumer joins its group and the first event goes all the way through.
  await writeEvent(db, 1_000_000)
  while ((await db.selectFrom('effects').select('event_id').execute()).length === 0) await sleep(50)

  const total = rate * seconds
  const start = performance.now()
  let sent = 0
  const writes: Promise<void>[] = []
  while (sent < total) {
    const due = Math.min(total, Math.floor(((performance.now() - start) / 1000) * rate))
    for (; sent < due; sent++) {
      writes.push(writeEvent(writerDb, sent).then((id) => void written.set(id, performance.now())))
    }
    await sleep(10)
  }
  await Promise.all(writes)
  const deadline = Date.now() + 30_000
  while (latencies.length < total && Date.now() < deadline) await sleep(50)

  await consumer.stop()
  await relay.stop()
  await Promise.all([writerDb.destroy(), consumerDb.destroy()])
  await database.destroy()
  await deleteKafkaNamespace(prefix)
  const sorted = latencies.sort((a, b) => a - b)
  return {
    mode,
    rate,
    events: total,
    delivered: sorted.length,
    p50Ms: +percentile(sorted, 50).toFixed(1),
    p99Ms: +percentile(sorted, 99).toFixed(1),
    maxMs: +(sorted.at(-1) ?? Number.NaN).toFixed(1),
  }
}

const results = [await measure('per-event'), await measure('runs')]
console.table(results)
process.exit(0)
