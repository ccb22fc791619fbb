import type { RequestContext } from '@focushub/shared/context'
import type { HabitRow } from '../../db/tables/habits.ts'
import { recordHabitEvent } from '../../events/habit-events.ts'
import type { HabitWork } from '../../events/habit-work.ts'
import type { HabitSummary } from '../../schemas/habits.ts'
import { progress } from '../achievements/achievements.service.ts'
import { type CheckInDay, checkInsOfHabits } from '../check-ins/check-ins.repository.ts'
import { saveSummaries } from '../habits/habits.repository.ts'
import { type HabitShape, summarize } from './summary.ts'

export const shapeOf = (habit: HabitRow): HabitShape => ({
  schedule: habit.schedule,
  startDate: habit.start_date,
  target: habit.target,
  targetType: habit.target_type,
})

/** A break later than the one the row knew: time passing, or a write, ended a streak. */
function isNewBreak(before: HabitSummary | null, after: HabitSummary) {
  return after.lastBreak !== null && (before?.lastBreak?.date ?? '') < after.lastBreak.date
}

/**
 * Recomputes the summaries of some habits of one user from their check-ins and stores them on
 * the rows, in the caller's unit of work (see summarizeHabits).
 */
export async function refreshSummaries(work: HabitWork, habits: HabitRow[], today: string, cause: RequestContext) {
  const checkIns = await checkInsOfHabits(
    work.trx,
    habits.map((habit) => habit.id),
  )
  const refreshed = summarizeHabits(work, habits, checkIns, today, cause)
  await saveSummaries(work.trx, refreshed)
  return refreshed
}

/**
 * Computes the summaries of some habits of one user from the check-ins given (every check-in of
 * each, by habit) and answers the rows with them, for saveSummaries. A newly found break
 * publishes habit.streak_broken; the longest streak counted in days feeds the habit-streak
 * achievements.
 */
export function summarizeHabits(
  work: HabitWork,
  habits: HabitRow[],
  checkIns: Map<string, CheckInDay[]>,
  today: string,
  cause: RequestContext,
) {
  const refreshed = new Map<string, HabitRow>()
  let longestDayStreak = 0
  for (const habit of habits) {
    const facts = (checkIns.get(habit.id) ?? []).map((c) => ({
      localDate: c.local_date,
      status: c.status,
      value: c.value,
    }))
    const summary = summarize(shapeOf(habit), facts, today)
    if (isNewBreak(habit.summary, summary) && summary.lastBreak) {
      recordHabitEvent(
        work,
        'habit.streak_broken',
        { habitId: habit.id, localDate: summary.lastBreak.date, previousStreak: summary.lastBreak.previousStreak },
        cause,
      )
    }
    // Progress only ever rises; a best streak the row already had was counted when it was reached.
    if (summary.unit === 'days' && summary.bestStreak > (habit.summary?.bestStreak ?? 0)) {
      longestDayStreak = Math.max(longestDayStreak, summary.bestStreak)
    }
    refreshed.set(habit.id, { ...habit, summary, summary_as_of: today })
  }
  if (longestDayStreak > 0) progress(work, cause, { habit_streak: longestDayStreak })
  return habits.map((habit) => refreshed.get(habit.id) as HabitRow)
}
