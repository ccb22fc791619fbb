import { contextFor } from '@focushub/shared/context'
import { eventsByUser, handle } from '@focushub/shared/events'
import type { HabitWork } from '../events/habit-work.ts'
import { type FocusEvent, progressFromFocus } from '../modules/achievements/activity-progress.ts'
import { creditFocusHabits } from '../modules/check-ins/focus-credits.ts'

const focusEventTypes = [
  'focus.session.completed',
  'focus.session.edited',
  'focus.session.deleted',
  'focus.daily_goal.achieved',
  'focus.daily_goal.revoked',
] as const

/**
 * Focus events of a run, for all its users at once: the sessions' minutes to focus-linked habits,
 * then the achievement counters and goal days. Habits first, counters after (the progress is
 * applied when the unit of work is flushed): the lock order of a check-in request, so the two
 * never deadlock.
 */
export const focusEventHandlers = (now: () => Date) => [
  handle(focusEventTypes, async (work: HabitWork, events: FocusEvent[]) => {
    const users = eventsByUser(events).map(([userId, mine]) => ({
      cause: contextFor({ userId, requestId: (mine.at(-1) as FocusEvent).requestId }),
      events: mine,
    }))
    const sessions = users.map(({ cause, events: mine }) => ({
      cause,
      sessions: mine.flatMap((event) => (event.type === 'focus.session.completed' ? [event.data] : [])),
    }))
    await creditFocusHabits(work, sessions, now())
    await progressFromFocus(work, users)
  }),
]
