import type { Kysely } from 'kysely'
import type { Cause } from '../../context.ts'
import type { HabitRow } from '../../db/tables/habits.ts'
import type { Database } from '../../db/tables.ts'
import { recordHabitEvent } from '../../events/habit-events.ts'
import { progress } from '../achievements/achievements.service.ts'
import { checkInsOfHabits } from '../check-ins/check-ins.repository.ts'
import { type HabitShape, type HabitSummary, summarize } from './summary.ts'

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
 * the rows, in the caller's transaction. A newly found break publishes habit.streak_broken; the
 * longest streak counted in days feeds the habit-streak achievements.
 */
export async function refreshSummaries(trx: Kysely<Database>, habits: HabitRow[], today: string, cause: Cause) {
  const ordered = [...habits].sort((a, b) => (a.id < b.id ? -1 : 1))
  const checkIns = await checkInsOfHabits(
    trx,
    ordered.map((habit) => habit.id),
  )
  const refreshed = new Map<string, HabitRow>()
  let longestDayStreak = 0
  for (const habit of ordered) {
    const facts = (checkIns.get(habit.id) ?? []).map((c) => ({
      localDate: c.local_date,
      status: c.status,
      value: c.value,
    }))
    const summary = summarize(shapeOf(habit), facts, today)
    await trx
      .updateTable('habits')
      .set({ summary: JSON.stringify(summary), summary_as_of: today })
      .where('id', '=', habit.id)
      .execute()
    if (isNewBreak(habit.summary, summary) && summary.lastBreak) {
      await recordHabitEvent(
        trx,
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
  if (longestDayStreak > 0) await progress(trx, cause, 'raise', { habit_streak: longestDayStreak })
  return habits.map((habit) => refreshed.get(habit.id) as HabitRow)
}
