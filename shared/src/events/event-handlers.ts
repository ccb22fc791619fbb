import type { Kysely } from 'kysely'
import type { EventData, EventType } from './contracts/index.ts'
import type { EventEnvelope } from './envelope.ts'
import type { OutboxDatabase } from './outbox.ts'
import { type ProcessedEventsDatabase, recordNewEvents } from './processed-events.ts'
import { inUnitOfWork, type UnitOfWork, type UnitOfWorkKind } from './unit-of-work.ts'

export type ConsumedEvent<T extends EventType> = Omit<EventEnvelope, 'type' | 'data'> & { type: T; data: EventData<T> }

/** One of several event types, narrowed by `type`. */
export type ConsumedEventOf<T extends EventType> = T extends EventType ? ConsumedEvent<T> : never

/**
 * Applies a run's events of `types`, in order, through the run's unit of work `W` (none for a
 * consumer without a database). A run is one partition's fetched events, or a single event when it
 * is retried; either way the handler sees a list, so there is one code path.
 */
export interface EventHandler<W, T extends EventType = EventType> {
  types: readonly T[]
  apply(work: W, events: ConsumedEventOf<T>[]): Promise<void>
}

/** A handler for `types`; T is inferred from them, so `apply` sees exactly those events. */
export const handle = <W, T extends EventType>(
  types: readonly T[],
  apply: (work: W, events: ConsumedEventOf<T>[]) => Promise<void>,
): EventHandler<W, T> => ({ types, apply })

/** The unit of work of a Postgres consumer: its transaction records the run's events as processed. */
export type ConsumerWork = UnitOfWork<ProcessedEventsDatabase & OutboxDatabase>

/** The handler of each event type; a type named twice is a mistake in the list. */
function handlersByType<W>(handlers: EventHandler<W>[]) {
  const byType = new Map<string, EventHandler<W>>()
  for (const handler of handlers) {
    for (const type of handler.types) {
      if (byType.has(type)) throw new Error(`two handlers for ${type}`)
      byType.set(type, handler)
    }
  }
  return byType
}

/** What applies events: the group whose processed_events they are recorded in, the handlers, the database. */
export interface EventApplierOptions<W extends ConsumerWork | undefined> {
  /** The consumer group: processed_events records are kept per group. */
  groupId: string
  /** Each event type has at most one handler; types no handler names are acknowledged untouched. */
  handlers: EventHandler<W>[]
  /**
   * The database the handlers write to. A run of events is then applied in one unit of work
   * (`inUnitOfWork`, with the service's `kind`): the run's events recorded in processed_events (an
   * event recorded before is not applied again), each handler given its events, the unit flushed,
   * one commit. Without it (state kept outside Postgres, effects idempotent), handlers get no unit
   * of work.
   */
  db?: Kysely<ProcessedEventsDatabase & OutboxDatabase>
  /** The service's own unit of work, when it buffers more than the outbox. */
  kind?: UnitOfWorkKind<ProcessedEventsDatabase & OutboxDatabase, W & ConsumerWork>
}

/**
 * The consumer's one code path: applies a run of events (or a single one) — with a database, in
 * one unit of work, each event once, each handler given its events in order. A run's events are
 * cut where the handler changes, so a handler always sees a list of consecutive events.
 * Exported for tests and benches, which apply runs without a broker.
 */
export function createEventApplier<W extends ConsumerWork | undefined>(options: EventApplierOptions<W>) {
  const byType = handlersByType(options.handlers)

  function piecesOf(events: EventEnvelope[]) {
    const pieces: { handler: EventHandler<W>; events: EventEnvelope[] }[] = []
    for (const event of events) {
      const handler = byType.get(event.type) as EventHandler<W>
      const last = pieces[pieces.length - 1]
      if (last?.handler === handler) last.events.push(event)
      else pieces.push({ handler, events: [event] })
    }
    return pieces
  }

  async function applyPieces(work: W, events: EventEnvelope[]) {
    for (const piece of piecesOf(events)) await piece.handler.apply(work, piece.events as never)
  }

  return async (events: EventEnvelope[] | ConsumedEvent<EventType>[]) => {
    const handled = (events as EventEnvelope[]).filter((event) => byType.has(event.type))
    if (handled.length === 0) return
    const { db, kind } = options
    if (!db) return applyPieces(undefined as W, handled)
    await inUnitOfWork(
      db,
      async (work) => applyPieces(work as W, await recordNewEvents(work.trx, options.groupId, handled)),
      kind as UnitOfWorkKind<ProcessedEventsDatabase & OutboxDatabase, ConsumerWork> | undefined,
    )
  }
}

/** A run's events grouped by the user they concern, users in id order (the order their rows are locked in), each user's in order. */
export function eventsByUser<E extends { userId: string }>(events: E[]): [string, E[]][] {
  const groups = new Map<string, E[]>()
  for (const event of events) {
    const mine = groups.get(event.userId) ?? []
    mine.push(event)
    groups.set(event.userId, mine)
  }
  return [...groups.entries()].sort(([a], [b]) => (a < b ? -1 : 1))
}
