// Outbox relay throughput: BENCH_EVENTS rows waiting in an outbox, one relay publishing them to
// real Kafka (acks=all, idempotent); events per second until the last is marked published.
// Run: node bench/events/relay-throughput.ts   (BENCH_EVENTS=30000 OUTBOX_BATCH_SIZE=500 to change)
import { startOutboxRelay } from '@focushub/shared/events'
import { deleteKafkaNamespace } from '@focushub/shared/testing'
import { benchEvent, benchSetup, databaseUrl, log } from './setup.ts'

const total = Number(process.env.BENCH_EVENTS ?? 30_000)
const batchSize = Number(process.env.OUTBOX_BATCH_SIZE ?? 500)
const { database, bus, prefix } = await benchSetup()
const { db } = database

for (let start = 0; start < total; start += 1000) {
  const rows = Array.from({ length: Math.min(1000, total - start) }, (_, i) => {
    const { topic, event } = benchEvent(start + i)
    return { id: event.id, topic, key: event.userId, type: event.type, envelope: JSON.stringify(event) }
  })
  await db.insertInto('outbox').values(rows).execute()
}

const started = performance.now()
const relay = startOutboxRelay({ db, databaseUrl, bus, log, batchSize, pollIntervalMs: 100, retentionHours: 24 })
while (relay.published() < total) await new Promise((resolve) => setTimeout(resolve, 10))
const seconds = (performance.now() - started) / 1000
await relay.stop()
await database.destroy()
await deleteKafkaNamespace(prefix)
console.log(
  JSON.stringify({
    events: total,
    batchSize,
    seconds: +seconds.toFixed(2),
    eventsPerSecond: Math.round(total / seconds),
  }),
)
process.exit(0)
