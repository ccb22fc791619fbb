import type { FastifyBaseLogger } from 'fastify'
import { type Kysely, sql } from 'kysely'
import pg from 'pg'
import { createBackgroundJob } from '../jobs/background-job.ts'
import { counterIn, type Registry } from '../metrics/registry.ts'
import { startPublishSpans } from '../tracing/index.ts'
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
  /** The process's registry: `outbox_published_events_total` and the relay's jobs count there. */
  metrics?: Registry
}

const pruneEveryMs = 60_000
const standbyRetryMs = 1000

/**
 * Leadership of one database schema's relay: a Postgres advisory lock held on a connection of its
 * own, which also LISTENs for outbox commits. Losing the connection loses the lock (and the lead).
 */
function createLeaderLock(options: OutboxRelayOptions, log: FastifyBaseLogger, wake: () => void) {
  let connection: { client: pg.Client; schema: string } | undefined
  let held = false

  function drop(lost: pg.Client) {
    if (connection?.client !== lost) return
    connection = undefined
    held = false
    // Closing the session releases the advisory lock.
    void lost.end().catch(() => {})
  }

  async function connect() {
    const { rows } = await sql<{ schema: string }>`select current_schema() as schema`.execute(options.db)
    const schema = rows[0]?.schema ?? 'public'
    const client = new pg.Client({
      connectionString: options.databaseUrl,
      application_name: `outbox-relay:${schema}`,
      keepAlive: true,
    })
    client.on('error', (error) => {
      log.warn({ err: error.message }, 'outbox relay lost its lock connection')
      drop(client)
      wake()
    })
    client.on('end', () => drop(client))
    client.on('notification', wake)
    connection = { client, schema }
    try {
      await client.connect()
    } catch (error) {
      drop(client)
      throw error
    }
    return connection
  }

  return {
    held: () => held,
    /** Takes the lock when it is free; answers whether this relay leads. */
    async acquire() {
      if (held) return true
      const { client, schema } = connection ?? (await connect())
      const { rows } = await client.query('select pg_try_advisory_lock(hashtext($1)) as locked', [
        `focushub.outbox-relay.${schema}`,
      ])
      if (!rows[0].locked) return false
      await client.query(`listen "${outboxChannel(schema)}"`)
      held = connection?.client === client
      if (held) log.info('outbox relay leads')
      return held
    },
    async release() {
      const current = connection?.client
      connection = undefined
      held = false
      await current?.end().catch(() => {})
    },
  }
}

/**
 * Publishes the outbox in position order (so in order per key) and marks each row published.
 * One relay per database schema leads (createLeaderLock); the others try again every second and
 * take over when the leader's connection dies. A commit to the outbox wakes the leader (LISTEN/NOTIFY);
 * while Kafka is down it backs off and the events wait in the table. Its two background jobs
 * (publishing, pruning) start with `start` and `stop` waits for their running passes.
 */
export function createOutboxRelay(options: OutboxRelayOptions) {
  const { db, bus } = options
  const log = options.log.child({ component: 'outbox-relay' })
  const publisher = bus.publisher()
  const state = { published: 0, stopping: false }
  const lock = createLeaderLock(options, log, () => publishing.wake())
  const publishedEvents =
    options.metrics &&
    counterIn(options.metrics, { name: 'outbox_published_events_total', help: 'Outbox events the relay published' })

  async function publishBatch() {
    const rows = await db
      .selectFrom('outbox')
      .select(['position', 'id', 'topic', 'key', 'type', 'envelope', 'traceparent'])
      .where('published_at', 'is', null)
      .orderBy('position')
      .limit(options.batchSize)
      .execute()
    if (rows.length === 0) return 0
    const messages = rows.map((row) => ({
      message: {
        topic: row.topic,
        key: row.key,
        value: JSON.stringify(row.envelope),
        headers: {
          'event-id': row.id,
          'event-type': row.type,
          'event-version': String(row.envelope.version),
          'request-id': row.envelope.requestId,
        },
      },
      traceparent: row.traceparent,
    }))
    const spans = startPublishSpans(messages)
    try {
      await publisher.send(messages.map(({ message }) => message))
      spans.end()
    } catch (error) {
      spans.end(error)
      throw error
    }
    const positions = rows.map((row) => row.position)
    await db.updateTable('outbox').set({ published_at: new Date() }).where('position', 'in', positions).execute()
    state.published += rows.length
    publishedEvents?.inc(rows.length)
    return rows.length
  }

  /** Leads if it can, then publishes until the outbox is empty (or the lead is lost). */
  async function publishPass() {
    if (!(await lock.acquire())) return
    // Once per bus: later passes pass straight through.
    await bus.ensureTopics()
    while (!state.stopping && lock.held() && (await publishBatch()) === options.batchSize) {}
  }

  async function prune() {
    if (!lock.held()) return 0
    const { numDeletedRows } = await db
      .deleteFrom('outbox')
      .where('published_at', '<', sql<Date>`now() - make_interval(hours => ${options.retentionHours})`)
      .executeTakeFirst()
    return Number(numDeletedRows)
  }

  const publishing = createBackgroundJob({
    name: 'outbox relay',
    immediate: true,
    // The leader sleeps until a commit wakes it; a standby asks for the lock again each second.
    intervalMs: () => (lock.held() ? options.pollIntervalMs : standbyRetryMs),
    retry: { initialMs: 200 },
    pass: publishPass,
    log,
    metrics: options.metrics,
  })
  const pruning = createBackgroundJob({
    name: 'published outbox rows prune',
    intervalMs: pruneEveryMs,
    pass: prune,
    log,
    metrics: options.metrics,
  })

  return {
    isLeader: () => lock.held(),
    /** Events this relay has published since it started. */
    published: () => state.published,
    start() {
      publishing.start()
      pruning.start()
    },
    async stop() {
      state.stopping = true
      await Promise.all([publishing.stop(), pruning.stop()])
      await lock.release()
      await publisher.close()
    },
  }
}

export type OutboxRelay = ReturnType<typeof createOutboxRelay>

/** A relay already started (tests, benches); an app runs it as `outboxRelayJob`. */
export function startOutboxRelay(options: OutboxRelayOptions): OutboxRelay {
  const relay = createOutboxRelay(options)
  relay.start()
  return relay
}
