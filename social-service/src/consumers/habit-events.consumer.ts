import { handle, type UnitOfWork } from '@focushub/shared/events'
import type { Database } from '../db/tables.ts'
import { milestoneOf } from '../modules/milestones/milestones.rules.ts'
import { postMilestones } from '../modules/milestones/milestones.service.ts'

/** An achievement unlocked, a streak of 7, 30, 100 or 365 days → a post to friends, for a user who asked for them. */
export const habitEventHandlers = [
  handle(['habit.achievement.unlocked', 'habit.checked_in'], (work: UnitOfWork<Database>, events) =>
    postMilestones(work, events.flatMap(milestoneOf)),
  ),
]
