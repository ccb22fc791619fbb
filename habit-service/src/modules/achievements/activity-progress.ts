import type { RequestContext } from '@focushub/shared/context'
import type { ConsumedEvent, ConsumedEventOf } from '@focushub/shared/events'
import { recordFacts } from './achievements.repository.ts'
import { type ProgressWork, progress } from './achievements.service.ts'
import { recordGoalDays, withdrawGoalDays } from './goal-days.ts'

export type FocusEvent = ConsumedEventOf<
  | 'focus.session.completed'
  | 'focus.session.edited'
  | 'focus.session.deleted'
  | 'focus.daily_goal.achieved'
  | 'focus.daily_goal.revoked'
>

/** One user's events of a run, in order, and the context of what they publish (the last event's). */
export interface UserEvents<E> {
  cause: RequestContext
  events: E[]
}

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
 * Focus events of several users → the session and minute counters, then the goal days. A goal
 * day ends as its user's last event of it left it (withdrawals before new days, so a streak never
 * joins a withdrawn day). Sums commute, so applying a run together leaves what its events one by
 * one leave; achievements unlock on the counters as the run leaves them (a session logged and
 * deleted within one run unlocks nothing).
 */
export async function progressFromFocus(work: ProgressWork, users: UserEvents<FocusEvent>[]) {
  for (const { cause, events } of users) {
    const counts = sessionCounts(events)
    if (Object.keys(counts).length > 0) progress(work, cause, counts)
  }
  const goalDays = users.map(({ cause, events }) => ({ cause, ...goalDaysOf(events) }))
  await withdrawGoalDays(
    work,
    goalDays.map(({ cause, revoked }) => ({ cause, localDates: revoked })),
  )
  await recordGoalDays(
    work,
    goalDays.map(({ cause, achieved }) => ({ cause, localDates: achieved })),
  )
}

/** Tasks completed by several users: a task counts once for the user who completed it, however often it is reopened and completed. */
export async function progressFromTasks(work: ProgressWork, users: UserEvents<ConsumedEvent<'task.completed'>>[]) {
  const fresh = await recordFacts(
    work.trx,
    'task',
    users.flatMap(({ cause, events }) => events.map((event) => ({ userId: cause.userId, key: event.data.taskId }))),
  )
  for (const { cause } of users) {
    const count = fresh.filter((fact) => fact.userId === cause.userId).length
    if (count > 0) progress(work, cause, { tasks_completed: count })
  }
}
