import type { Kysely } from 'kysely'
import type { RequestContext } from '../context.ts'
import type { EventData, EventType, Topic } from './contracts/index.ts'
import { createEvent, type EventEnvelope } from './envelope.ts'
import { claimKeyedUnit, type IdempotentWritesDatabase, keyedUnit, recordKeyedResult } from './idempotent-writes.ts'
import { type OutboxDatabase, writeAllToOutbox } from './outbox.ts'

export interface OutboxEntry {
  topic: Topic
  event: EventEnvelope
}

/**
 * One change and the events it publishes: the transaction it writes through, and the events it
 * has published so far. The events reach the outbox together, in one statement, when the unit is
 * flushed just before its transaction commits; until then nothing of them is written.
 */
export interface UnitOfWork<DB> {
  readonly trx: Kysely<DB>
  readonly outbox: OutboxEntry[]
}

/**
 * What a service adds to its unit of work: `open` extends the base with the service's own buffers
 * (declared in its type), `flush` applies them before the outbox is written, since what they apply
 * may publish events of its own.
 */
export interface UnitOfWorkKind<DB, W extends UnitOfWork<DB>> {
  open(base: UnitOfWork<DB>): W
  flush(work: W): Promise<void>
}

const plain = {
  open: (base: UnitOfWork<unknown>) => base,
  flush: async () => {},
}

/**
 * Runs `body` in a transaction of `db`, then flushes its unit of work — the service's own buffers
 * (`kind`), then the outbox in one statement — and commits. If anything throws, nothing is kept.
 * Run by a request carrying Idempotency-Key, the unit records the key and its answer in the same
 * transaction; a retry of a request that already committed it gets that answer back and writes
 * nothing (idempotent-writes.ts).
 */
export function inUnitOfWork<DB extends OutboxDatabase, T, W extends UnitOfWork<DB> = UnitOfWork<DB>>(
  db: Kysely<DB>,
  body: (work: W) => Promise<T>,
  kind: UnitOfWorkKind<DB, W> = plain as unknown as UnitOfWorkKind<DB, W>,
): Promise<T> {
  const keyed = keyedUnit()
  return db.transaction().execute(async (trx) => {
    // The service's database has the idempotent_writes table (every service migrates it); Kysely's generic types cannot see it.
    const keys = trx as unknown as Kysely<IdempotentWritesDatabase>
    const committed = keyed && (await claimKeyedUnit(keys, keyed))
    if (committed) return committed.replay as T
    const work = kind.open({ trx, outbox: [] })
    const result = await body(work)
    await kind.flush(work)
    await writeAllToOutbox(trx as unknown as Kysely<OutboxDatabase>, work.outbox)
    if (keyed) await recordKeyedResult(keys, keyed, result)
    return result
  })
}

/** The event recorder of a service: each event it records joins the unit of work's outbox. */
export function createEventRecorder(producer: string) {
  return <T extends EventType>(
    work: Pick<UnitOfWork<unknown>, 'outbox'>,
    type: T,
    data: EventData<T>,
    context: Pick<RequestContext, 'userId' | 'requestId'>,
  ) => {
    work.outbox.push(createEvent(type, data, { producer, userId: context.userId, requestId: context.requestId }))
  }
}
