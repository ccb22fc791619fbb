import { type Kysely, sql } from 'kysely'
import type { Cause } from '../../context.ts'
import type { HabitRow } from '../../db/tables/habits.ts'
import type { Database } from '../../db/tables.ts'
import { recordHabitEvent, recordHabitEventsTogether } from '../../events/habit-events.ts'
import { progress } from '../achievements/achievements.service.ts'
import { type CheckInDay, checkInsOfHabits } from '../check-ins/check-ins.repository.ts'
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

/** Stores the summaries of several habits (of any users) in one statement, each as of its summary_as_of. */
export async function saveSummaries(trx: Kysely<Database>, habits: HabitRow[]) {
  if (habits.length === 0) return
  const rows = sql.join(
    [...habits]
      .sort((a, b) => (a.id < b.id ? -1 : 1))
      .map((habit) => sql`(${habit.id}::uuid, ${JSON.stringify(habit.summary)}::jsonb, ${habit.summary_as_of}::date)`),
  )
  await sql`
    update habits set summary = fresh.summary, summary_as_of = fresh.as_of
    from (values ${rows}) as fresh (id, summary, as_of)
    where habits.id = fresh.id`.execute(trx)
}

/**
 * Recomputes the summaries of some habits of one user from their check-ins and stores them on
 * the rows, in the caller's transaction (see summarizeHabits); the events it publishes reach the
 * outbox in one statement.
 */
export async function refreshSummaries(trx: Kysely<Database>, habits: HabitRow[], today: string, cause: Cause) {
  const checkIns = await checkInsOfHabits(
    trx,
    habits.map((habit) => habit.id),
  )
  const refreshed = await recordHabitEventsTogether(trx, () => summarizeHabits(trx, habits, checkIns, today, cause))
  await saveSummaries(trx, refreshed)
  return refreshed
}

/**
 * Computes the summaries of some habits of one user from the check-ins given (every check-in of
 * each, by habit) and answers the rows with them, for saveSummaries. A newly found break
 * publishes habit.streak_broken; the longest streak counted in days feeds the habit-streak
 * achievements.
 */
export async function summarizeHabits(
  trx: Kysely<Database>,
  habits: HabitRow[],
  checkIns: Map<string, CheckInDay[]>,
  today: string,
  cause: Cause,
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
  if (longestDayStreak > 0) await progress(trx, cause, { habit_streak: longestDayStreak })
  return habits.map((habit) => refreshed.get(habit.id) as HabitRow)
}
