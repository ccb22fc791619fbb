import { handle, type UnitOfWork } from '@focushub/shared/events'
import type { Database } from '../db/tables.ts'
import { tell } from '../modules/notifications/notifications.service.ts'
import { achievementUnlocked } from '../modules/notifications/triggers.ts'

/** An achievement unlocked → its user told. */
export const habitEventHandlers = [
  handle(['habit.achievement.unlocked'], (work: UnitOfWork<Database>, events) =>
    tell(work, events.map(achievementUnlocked)),
  ),
]
