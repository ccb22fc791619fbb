import type { UnitOfWork } from '@focushub/shared/events'
import type { Kysely } from 'kysely'
import type { SessionRow } from '../../db/tables/focus-sessions.ts'
import type { Database } from '../../db/tables.ts'
import { recordFocusEvent } from '../../events/focus-events.ts'
import { findSettings } from '../settings/settings.repository.ts'
import { addToDailyTotal, deleteGoalAwardAbove, focusedSecondsOn, insertGoalAward } from './daily-totals.repository.ts'

/** A finished session's share of its local day: positive to credit, -1 to take it back (edit, delete). */
export async function creditSessionDay(trx: Kysely<Database>, session: SessionRow, sign: 1 | -1) {
  await addToDailyTotal(trx, session.user_id, session.local_date, {
    focusedSeconds: sign * session.focused_seconds,
    sessions: sign,
    pomodoros: sign * session.pomodoros,
  })
}

/**
 * Gives the day's award when its total reaches the user's goal: once per user per local day while
 * it stands (the goal_awards row is the proof), published as focus.daily_goal.achieved in the
 * same transaction.
 */
export async function awardGoalIfReached(
  work: UnitOfWork<Database>,
  userId: string,
  localDate: string,
  context: { now: Date; requestId: string },
) {
  const { trx } = work
  const { dailyGoalMinutes } = await findSettings(trx, userId)
  const focusedMinutes = Math.floor((await focusedSecondsOn(trx, userId, localDate)) / 60)
  if (focusedMinutes < dailyGoalMinutes) return false
  const award = { userId, localDate, goalMinutes: dailyGoalMinutes, focusedMinutes, awardedAt: context.now }
  if (!(await insertGoalAward(trx, award))) return false
  recordFocusEvent(
    work,
    'focus.daily_goal.achieved',
    { localDate, goalMinutes: dailyGoalMinutes, focusedMinutes },
    { userId, requestId: context.requestId },
  )
  return true
}

/**
 * Takes a day's award back when an edit or delete left the day below the goal it was given at,
 * published as focus.daily_goal.revoked in the same transaction; the day may be awarded again.
 */
export async function revokeGoalIfMissed(
  work: UnitOfWork<Database>,
  userId: string,
  localDate: string,
  context: { requestId: string },
) {
  const { trx } = work
  const focusedMinutes = Math.floor((await focusedSecondsOn(trx, userId, localDate)) / 60)
  const withdrawn = await deleteGoalAwardAbove(trx, userId, localDate, focusedMinutes)
  if (!withdrawn) return false
  recordFocusEvent(
    work,
    'focus.daily_goal.revoked',
    { localDate, goalMinutes: withdrawn.goal_minutes, focusedMinutes },
    { userId, requestId: context.requestId },
  )
  return true
}
