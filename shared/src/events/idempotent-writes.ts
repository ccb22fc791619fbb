import { AsyncLocalStorage } from 'node:async_hooks'
import { createHash } from 'node:crypto'
import { deserialize, serialize } from 'node:v8'
import type { FastifyInstance, FastifyRequest } from 'fastify'
import fp from 'fastify-plugin'
import { type Generated, type Kysely, sql } from 'kysely'
import type { Migration } from 'kysely/migration'
import { errors } from '../errors.ts'
import { createBackgroundJob } from '../jobs/background-job.ts'
import { jobPlugin } from '../jobs/job-plugin.ts'
import { metricsPluginName } from '../metrics/plugin.ts'
import { type Counter, counterIn } from '../metrics/registry.ts'

/**
 * The units of work a keyed request committed: its Idempotency-Key, recorded in the write's own
 * transaction with what the unit answered, so a retry of a request whose first attempt committed
 * (and then lost its answer with a killed process) answers the same instead of writing again.
 */
export interface IdempotentWritesTable {
  /** The caller: one user's keys never meet another's. */
  scope: string
  key: string
  /** The unit's rank among those of its request (most requests commit one unit: 0). */
  unit: number
  fingerprint: string
  /** What the unit answered, in V8's serialization (it keeps Dates); set before the unit commits. */
  result: Buffer | null
  created_at: Generated<Date>
}

export interface IdempotentWritesDatabase {
  idempotent_writes: IdempotentWritesTable
}

/** Add to the migration list of every service whose routes write through a unit of work. */
export const createIdempotentWritesMigration: Migration = {
  async up(db) {
    await db.schema
      .createTable('idempotent_writes')
      .addColumn('scope', 'text', (c) => c.notNull())
      .addColumn('key', 'text', (c) => c.notNull())
      .addColumn('unit', 'integer', (c) => c.notNull())
      .addColumn('fingerprint', 'text', (c) => c.notNull())
      .addColumn('result', 'bytea')
      .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
      .addPrimaryKeyConstraint('idempotent_writes_pkey', ['scope', 'key', 'unit'])
      .execute()
    await db.schema.createIndex('idempotent_writes_created_at').on('idempotent_writes').column('created_at').execute()
  },
}

interface KeyedRequest {
  request: FastifyRequest
  /** Units of work begun so far. */
  units: number
  /** False once the request has answered: work it left behind (a timer it set) is not part of it. */
  open: boolean
  /** `idempotent_writes_replayed_total`: units answered from their record instead of run again. */
  replays: Counter
}

const keyedRequests = new AsyncLocalStorage<KeyedRequest>()

/**
 * Marks every POST carrying Idempotency-Key for the units of work it runs (inUnitOfWork asks
 * `keyedUnit`). The gateway checked the key's form and keeps the answer for ordinary retries; this
 * is for the retry it sends when the first attempt's process died after committing.
 */
export const idempotentWritesPlugin = fp(
  async (app: FastifyInstance) => {
    const replays = counterIn(app.metrics, {
      name: 'idempotent_writes_replayed_total',
      help: 'Keyed units of work answered from their record (a retry of a write that had committed)',
    })
    app.addHook('onRequest', (request, reply, done) => {
      if (request.method !== 'POST' || typeof request.headers['idempotency-key'] !== 'string') return done()
      const keyed: KeyedRequest = { request, units: 0, open: true, replays }
      reply.raw.once('close', () => {
        keyed.open = false
      })
      keyedRequests.run(keyed, done)
    })
  },
  { name: 'focushub-idempotent-writes', dependencies: [metricsPluginName] },
)

export interface KeyedUnit {
  scope: string
  key: string
  unit: number
  fingerprint: string
  /** Counts the unit answered from its record. */
  replayed(): void
}

/** The unit of work about to begin, when a signed-in caller's keyed request runs it; else undefined. */
export function keyedUnit(): KeyedUnit | undefined {
  const keyed = keyedRequests.getStore()
  const scope = keyed?.request.user?.userId
  if (!keyed?.open || !scope) return undefined
  const { request } = keyed
  const fingerprint = createHash('sha256')
    .update(`${request.method} ${request.url}\n`)
    .update(JSON.stringify(request.body ?? null))
    .digest('hex')
  return {
    scope,
    key: String(request.headers['idempotency-key']),
    unit: keyed.units++,
    fingerprint,
    replayed: () => keyed.replays.inc(),
  }
}

/** The primary key of a unit's row. */
const rowOf = (unit: KeyedUnit) => ({ scope: unit.scope, key: unit.key, unit: unit.unit })

/**
 * Records the unit's key in its transaction, first: a concurrent attempt with the same key waits on
 * the row until this one commits or rolls back. Answers what an attempt that committed before
 * answered (`{ replay }`), or undefined when this one is the first and must run.
 */
export async function claimKeyedUnit(trx: Kysely<IdempotentWritesDatabase>, unit: KeyedUnit) {
  for (let attempt = 0; attempt < 2; attempt++) {
    const inserted = await trx
      .insertInto('idempotent_writes')
      .values({ ...rowOf(unit), fingerprint: unit.fingerprint })
      .onConflict((c) => c.doNothing())
      .returning('unit')
      .executeTakeFirst()
    if (inserted) return undefined
    const kept = await trx
      .selectFrom('idempotent_writes')
      .select(['fingerprint', 'result'])
      .where((eb) => eb.and(rowOf(unit)))
      .executeTakeFirst()
    if (!kept) continue // pruned between the two statements: claim it again
    if (kept.fingerprint !== unit.fingerprint) throw errors.idempotencyKeyReused()
    unit.replayed()
    return { replay: kept.result === null ? undefined : deserialize(kept.result) }
  }
  throw errors.unavailable('The Idempotency-Key could not be recorded', 1)
}

/**
 * Keeps what the unit answers beside its key, in its transaction. An answer V8 cannot serialize (one
 * holding a function) is not kept, nor its key: that unit is then only guarded at the gateway.
 */
export async function recordKeyedResult(trx: Kysely<IdempotentWritesDatabase>, unit: KeyedUnit, result: unknown) {
  let kept: Buffer | null
  try {
    kept = result === undefined ? null : serialize(result)
  } catch {
    await trx
      .deleteFrom('idempotent_writes')
      .where((eb) => eb.and(rowOf(unit)))
      .execute()
    return
  }
  await trx
    .updateTable('idempotent_writes')
    .set({ result: kept })
    .where((eb) => eb.and(rowOf(unit)))
    .execute()
}

/** Forgets keys older than `retentionHours`, once an hour: longer than the gateway keeps answers. */
export const idempotentWritesPruningJob = jobPlugin(
  'focushub-idempotent-writes-pruning',
  (app, setup: { db: Kysely<IdempotentWritesDatabase>; retentionHours: number }) =>
    createBackgroundJob({
      name: 'idempotent writes prune',
      intervalMs: 60 * 60 * 1000,
      pass: async () => {
        const { numDeletedRows } = await setup.db
          .deleteFrom('idempotent_writes')
          .where('created_at', '<', sql<Date>`now() - make_interval(hours => ${setup.retentionHours})`)
          .executeTakeFirst()
        return Number(numDeletedRows)
      },
      log: app.log,
      metrics: app.metrics,
    }),
)
