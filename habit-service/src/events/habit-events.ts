import { createEvent, type EventData, type EventType, writeToOutbox } from '@focushub/shared'
import type { Kysely } from 'kysely'
import type { Database } from '../db/tables.ts'

/** Writes an event about a user's habits or rewards to the outbox, through the transaction that makes the change. */
export async function recordHabitEvent<T extends EventType>(
  trx: Kysely<Database>,
  type: T,
  data: EventData<T>,
  context: { userId: string; requestId: string },
) {
  const { topic, event } = createEvent(type, data, { producer: 'habit-service', ...context })
  await writeToOutbox(trx, topic, event)
}
