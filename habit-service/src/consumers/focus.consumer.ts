import type { ConsumedEvent } from '@focushub/shared'
import type { Kysely } from 'kysely'
import type { Database } from '../db/tables.ts'
import { progress } from '../modules/achievements/achievements.service.ts'
import { recordGoalDays } from '../modules/achievements/goal-days.ts'
import { applyPerUser } from './events-by-user.ts'
import { creditFocusHabits } from './focus-credits.ts'

export type FocusEvent = ConsumedEvent<'focus.session.completed'> | ConsumedEvent<'focus.daily_goal.achieved'>

/**
 * Applies a run of focus events for all its users at once: the sessions' minutes to focus-linked
 * habits, the session and minute counters, then the goal days. Habits first, counters after
 * (applyPerUser moves them to the end of the run): the lock order of a check-in request, so the
 * two never deadlock. Every effect is a sum, a maximum or a fact recorded once, so applying a run
 * together gives what applying its events one by one, in any order, gives.
 */
export function onFocusEvents(trx: Kysely<Database>, events: FocusEvent[], now: Date) {
  return applyPerUser(trx, events, async (users) => {
    const sessions = users.map(({ cause, events: mine }) => ({
      cause,
      sessions: mine.flatMap((event) => (event.type === 'focus.session.completed' ? [event.data] : [])),
    }))
    await creditFocusHabits(trx, sessions, now)
    for (const user of sessions) {
      if (user.sessions.length === 0) continue
      const minutes = user.sessions.reduce((sum, session) => sum + session.focusedMinutes, 0)
      await progress(trx, user.cause, { focus_sessions: user.sessions.length, focus_minutes: minutes })
    }
    const goalDays = users.map(({ cause, events: mine }) => ({
      cause,
      localDates: mine.flatMap((event) => (event.type === 'focus.daily_goal.achieved' ? [event.data.localDate] : [])),
    }))
    await recordGoalDays(trx, goalDays)
  })
}
