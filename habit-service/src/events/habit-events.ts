import { AsyncLocalStorage } from 'node:async_hooks'
import {
  createEvent,
  type EventData,
  type EventEnvelope,
  type EventType,
  type Topic,
  writeAllToOutbox,
  writeToOutbox,
} from '@focushub/shared'
import type { Kysely } from 'kysely'
import type { Database } from '../db/tables.ts'

/** Events held back by recordHabitEventsTogether, with the transaction they belong to. */
const heldBack = new AsyncLocalStorage<{ trx: Kysely<Database>; entries: { topic: Topic; event: EventEnvelope }[] }>()

/** Writes an event about a user's habits or rewards to the outbox, through the transaction that makes the change. */
export async function recordHabitEvent<T extends EventType>(
  trx: Kysely<Database>,
  type: T,
  data: EventData<T>,
  context: { userId: string; requestId: string },
) {
  const { topic, event } = createEvent(type, data, { producer: 'habit-service', ...context })
  const held = heldBack.getStore()
  if (held?.trx === trx) held.entries.push({ topic, event })
  else await writeToOutbox(trx, topic, event)
}

/**
 * Runs `work`, holding back the events it records through `trx`, then writes them all to the
 * outbox in one statement (in the order they were recorded) instead of one each.
 */
export async function recordHabitEventsTogether<T>(trx: Kysely<Database>, work: () => Promise<T>) {
  const held = { trx, entries: [] }
  const result = await heldBack.run(held, work)
  await writeAllToOutbox(trx, held.entries)
  return result
}
