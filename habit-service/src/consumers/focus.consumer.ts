import type { ConsumedEvent } from '@focushub/shared'
import type { Kysely } from 'kysely'
import type { Database } from '../db/tables.ts'
import { progress } from '../modules/achievements/achievements.service.ts'
import { recordGoalDays, withdrawGoalDays } from '../modules/achievements/goal-days.ts'
import { applyPerUser } from './events-by-user.ts'
import { creditFocusHabits } from './focus-credits.ts'

export type FocusEvent =
  | ConsumedEvent<'focus.session.completed'>
  | ConsumedEvent<'focus.session.edited'>
  | ConsumedEvent<'focus.session.deleted'>
  | ConsumedEvent<'focus.daily_goal.achieved'>
  | ConsumedEvent<'focus.daily_goal.revoked'>

/** How a user's session events move the session and minute counters: completions add, deletes take back, edits move the difference. */
function sessionCounts(events: FocusEvent[]) {
  let sessions = 0
  let minutes = 0
  for (const event of events) {
    if (event.type === 'focus.session.completed') {
      sessions += 1
      minutes += event.data.focusedMinutes
    } else if (event.type === 'focus.session.deleted') {
      sessions -= 1
      minutes -= event.data.focusedMinutes
    } else if (event.type === 'focus.session.edited') {
      minutes += event.data.focusedMinutes - event.data.previous.focusedMinutes
    }
  }
  return {
    ...(sessions === 0 ? {} : { focus_sessions: sessions }),
    ...(minutes === 0 ? {} : { focus_minutes: minutes }),
  }
}

/** A user's goal days that are reached and withdrawn after the run: the last event of each day decides. */
function goalDaysOf(events: FocusEvent[]) {
  const reached = new Map<string, boolean>()
  for (const event of events) {
    if (event.type === 'focus.daily_goal.achieved') reached.set(event.data.localDate, true)
    if (event.type === 'focus.daily_goal.revoked') reached.set(event.data.localDate, false)
  }
  const days = [...reached]
  return {
    achieved: days.filter(([, isReached]) => isReached).map(([day]) => day),
    revoked: days.filter(([, isReached]) => !isReached).map(([day]) => day),
  }
}

/**
 * Applies a run of focus events for all its users at once: the sessions' minutes to focus-linked
 * habits, the session and minute counters, then the goal days. Habits first, counters after
 * (applyPerUser moves them to the end of the run): the lock order of a check-in request, so the
 * two never deadlock. Session effects are sums; a goal day ends as its user's last event of it
 * left it (withdrawals before new days, so a streak never joins a withdrawn day). Applying a run
 * together leaves the counters, points and goal days that its events one by one, in order per
 * user, leave; achievements unlock on the counters as the run leaves them (a session logged and
 * deleted within one run unlocks nothing).
 */
export function onFocusEvents(trx: Kysely<Database>, events: FocusEvent[], now: Date) {
  return applyPerUser(trx, events, async (users) => {
    const sessions = users.map(({ cause, events: mine }) => ({
      cause,
      sessions: mine.flatMap((event) => (event.type === 'focus.session.completed' ? [event.data] : [])),
    }))
    await creditFocusHabits(trx, sessions, now)
    for (const { cause, events: mine } of users) {
      const counts = sessionCounts(mine)
      if (Object.keys(counts).length > 0) await progress(trx, cause, counts)
    }
    const goalDays = users.map(({ cause, events: mine }) => ({ cause, ...goalDaysOf(mine) }))
    await withdrawGoalDays(
      trx,
      goalDays.map(({ cause, revoked }) => ({ cause, localDates: revoked })),
    )
    await recordGoalDays(
      trx,
      goalDays.map(({ cause, achieved }) => ({ cause, localDates: achieved })),
    )
  })
}
