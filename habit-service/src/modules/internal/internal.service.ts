import type { Static } from 'typebox'
import type { HabitContext } from '../../context.ts'
import { checkInsOfHabits } from '../check-ins/check-ins.repository.ts'
import { listHabits } from '../habits/habits.repository.ts'
import { localToday } from '../habits/local-today.ts'
import { shapeOf } from '../stats/summaries.service.ts'
import { summarize } from '../stats/summary.ts'
import type { UserHabitsDay } from './internal.schemas.ts'

/** The active habits read for one answer: a user's whole list, as the habits screen pages at most. */
const habitsRead = 200

/**
 * The user's active habits due on a local date (their today when none is named), each with its
 * current streak and that day's check-in, summarized as GET /habits summarizes them (not stored:
 * a question about a day is no write).
 */
export async function userHabitsDay(
  ctx: HabitContext,
  userId: string,
  query: { date?: string; limit: number },
): Promise<Static<typeof UserHabitsDay>> {
  const [habits, localDate] = await Promise.all([
    listHabits(ctx.db, userId, { archived: false, limit: habitsRead - 1 }),
    query.date ?? localToday(ctx, userId),
  ])
  const checkIns = await checkInsOfHabits(
    ctx.db,
    habits.map((habit) => habit.id),
  )
  const due = habits.flatMap((habit) => {
    const facts = (checkIns.get(habit.id) ?? []).map((c) => ({
      localDate: c.local_date,
      status: c.status,
      value: c.value,
    }))
    const summary = summarize(shapeOf(habit), facts, localDate)
    if (!summary.dueToday) return []
    const { unit, currentStreak, today } = summary
    return [{ id: habit.id, name: habit.name, unit, currentStreak, checkIn: today?.status ?? null }]
  })
  return { localDate, count: due.length, items: due.slice(0, query.limit) }
}
