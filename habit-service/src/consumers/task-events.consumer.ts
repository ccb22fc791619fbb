import { contextFor } from '@focushub/shared/context'
import { type ConsumedEvent, eventsByUser, handle } from '@focushub/shared/events'
import type { HabitWork } from '../events/habit-work.ts'
import { progressFromTasks } from '../modules/achievements/activity-progress.ts'

/** task.completed of a run → the tasks-completed achievements of the users who completed them. */
export const taskEventHandlers = [
  handle(['task.completed'], (work: HabitWork, events: ConsumedEvent<'task.completed'>[]) =>
    progressFromTasks(
      work,
      eventsByUser(events).map(([userId, mine]) => ({
        cause: contextFor({ userId, requestId: (mine.at(-1) as ConsumedEvent<'task.completed'>).requestId }),
        events: mine,
      })),
    ),
  ),
]
