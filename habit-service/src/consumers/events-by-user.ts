import type { Kysely } from 'kysely'
import type { Cause } from '../context.ts'
import type { Database } from '../db/tables.ts'
import { recordHabitEventsTogether } from '../events/habit-events.ts'
import { progressTogether } from '../modules/achievements/achievements.service.ts'

type UserEvent = { userId: string; requestId: string }

/** A run's events grouped by the user they concern, users in id order (the order their rows are locked in). */
export function eventsByUser<E extends UserEvent>(events: E[]) {
  const groups = new Map<string, E[]>()
  for (const event of events) {
    const mine = groups.get(event.userId) ?? []
    mine.push(event)
    groups.set(event.userId, mine)
  }
  return [...groups.entries()].sort(([a], [b]) => (a < b ? -1 : 1))
}

/** One user's events in a run, and the cause of what they publish (the last of them). */
export interface UserRun<E> {
  cause: Cause
  events: E[]
}

/**
 * Applies a run of events with `apply`, given the run's users in id order, each with their events
 * in order. The progress they make is merged per user and applied at the end in one statement,
 * and the events they publish reach the outbox in one statement.
 */
export function applyPerUser<E extends UserEvent>(
  trx: Kysely<Database>,
  events: E[],
  apply: (users: UserRun<E>[]) => Promise<void>,
) {
  const users = eventsByUser(events).map(([userId, mine]) => ({
    cause: { userId, requestId: (mine[mine.length - 1] as E).requestId },
    events: mine,
  }))
  return recordHabitEventsTogether(trx, () => progressTogether(trx, () => apply(users)))
}
