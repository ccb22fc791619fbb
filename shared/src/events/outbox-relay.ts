import type { FastifyBaseLogger } from 'fastify'
import { type Kysely, sql } from 'kysely'
import pg from 'pg'
import { backoff, createPause } from './backoff.ts'
import type { EventBus } from './bus.ts'
import { type OutboxDatabase, outboxChannel } from './outbox.ts'

export interface OutboxRelayOptions {
  db: Kysely<OutboxDatabase>
  /** The same database as `db`: the relay holds its leadership lock on a connection of its own. */
  databaseUrl: string
  bus: EventBus
  log: FastifyBaseLogger
  batchSize: number
  /** Longest idle wait; a commit to the outbox wakes the relay sooner (LISTEN/NOTIFY). */
  pollIntervalMs: number
  retentionHours: number
}

const pruneEveryMs = 60_000
const standbyRetryMs = 1000

/**
 * Publishes the outbox in position order (so in order per key) and marks each row published.
 * One relay per database schema leads, holding a Postgres advisory lock on a dedicated
 * connection; the others wait and take over when that connection dies. While Kafka is down it
 * backs off and the events wait in the table.
 */
export function startOutboxRelay(options: OutboxRelayOptions) {
  const { db, bus } = options
  const log = options.log.child({ component: 'outbox-relay' })
  const publisher = bus.publisher()
  const onWrite = createPause()
  const onStop = createPause()
  const state = { leader: false, published: 0, stopping: false }

  async function publishBatch() {
    const rows = await db
      .selectFrom('outbox')
      .select(['position', 'id', 'topic', 'key', 'type', 'envelope'])
      .where('published_at', 'is', null)
      .orderBy('position')
      .limit(options.batchSize)
      .execute()
    if (rows.length === 0) return 0
    await publisher.send(
      rows.map((row) => ({
        topic: row.topic,
        key: row.key,
        value: JSON.stringify(row.envelope),
        headers: {
          'event-id': row.id,
          'event-type': row.type,
          'event-version': String(row.envelope.version),
          'request-id': row.envelope.requestId,
        },
      })),
    )
    const positions = rows.map((row) => row.position)
    await db.updateTable('outbox').set({ published_at: new Date() }).where('position', 'in', positions).execute()
    state.published += rows.length
    return rows.length
  }

  async function prune() {
    const { numDeletedRows } = await db
      .deleteFrom('outbox')
      .where('published_at', '<', sql<Date>`now() - make_interval(hours => ${options.retentionHours})`)
      .executeTakeFirst()
    if (numDeletedRows > 0n) log.info({ rows: Number(numDeletedRows) }, 'published outbox rows pruned')
  }

  /** Publishes until stopped or the lock connection is lost. */
  async function lead(lost: () => boolean) {
    let failures = 0
    let topicsReady = false
    let prunedAt = 0
    while (!state.stopping && !lost()) {
      try {
        if (Date.now() - prunedAt > pruneEveryMs) {
          await prune()
          prunedAt = Date.now()
        }
        if (!topicsReady) {
          await bus.ensureTopics()
          topicsReady = true
        }
        const published = await publishBatch()
        if (failures > 0) log.info({ afterFailures: failures }, 'publishing again')
        failures = 0
        if (published < options.batchSize) await onWrite.sleep(options.pollIntervalMs)
      } catch (error) {
        const wait = backoff(failures++, 200)
        log.warn({ err: (error as Error).message, retryInMs: wait }, 'outbox relay cannot publish; events wait')
        await onStop.sleep(wait)
      }
    }
  }

  async function holdLockAndLead(schema: string) {
    let lost = false
    const client = new pg.Client({
      connectionString: options.databaseUrl,
      application_name: `outbox-relay:${schema}`,
      keepAlive: true,
    })
    client.on('error', (error) => {
      lost = true
      log.warn({ err: error.message }, 'outbox relay lost its lock connection')
      onWrite.wake()
      onStop.wake()
    })
    client.on('end', () => {
      lost = true
    })
    client.on('notification', () => onWrite.wake())
    try {
      await client.connect()
      while (!state.stopping && !lost) {
        const { rows } = await client.query('select pg_try_advisory_lock(hashtext($1)) as locked', [
          `focushub.outbox-relay.${schema}`,
        ])
        if (rows[0].locked) break
        await onStop.sleep(standbyRetryMs)
      }
      if (state.stopping || lost) return
      await client.query(`listen "${outboxChannel(schema)}"`)
      state.leader = true
      log.info('outbox relay leads')
      await lead(() => lost)
    } finally {
      state.leader = false
      // Closing the session releases the advisory lock.
      await client.end().catch(() => {})
    }
  }

  async function run() {
    let attempt = 0
    while (!state.stopping) {
      try {
        const { rows } = await sql<{ schema: string }>`select current_schema() as schema`.execute(db)
        await holdLockAndLead(rows[0]?.schema ?? 'public')
        attempt = 0
      } catch (error) {
        log.warn({ err: (error as Error).message }, 'outbox relay cannot reach its database')
      }
      if (!state.stopping) await onStop.sleep(backoff(attempt++, 200))
    }
  }

  const running = run()
  return {
    isLeader: () => state.leader,
    /** Events this relay has published since it started. */
    published: () => state.published,
    async stop() {
      state.stopping = true
      onWrite.wake()
      onStop.wake()
      await running
      await publisher.close()
    },
  }
}

export type OutboxRelay = ReturnType<typeof startOutboxRelay>
