import { handle, type UnitOfWork } from '@focushub/shared/events'
import type { Database } from '../db/tables.ts'
import { tell } from '../modules/notifications/notifications.service.ts'
import { dailyGoalReached, sessionShared } from '../modules/notifications/triggers.ts'

/** A daily goal reached → its user told; a session shared → each recipient told. */
export const focusEventHandlers = [
  handle(['focus.daily_goal.achieved', 'focus.session.shared'], (work: UnitOfWork<Database>, events) =>
    tell(
      work,
      events.flatMap((event) =>
        event.type === 'focus.session.shared' ? sessionShared(event) : [dailyGoalReached(event)],
      ),
    ),
  ),
]
