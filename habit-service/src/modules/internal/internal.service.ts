import type { RequestContext } from '@focushub/shared/context'
import type { Static } from 'typebox'
import type { HabitContext } from '../../context.ts'
import type { HabitRow } from '../../db/tables/habits.ts'
import type { HabitSummary } from '../../schemas/habits.ts'
import { checkInsOfHabits } from '../check-ins/check-ins.repository.ts'
import { dayNumberOf, localDateOfDay } from '../habits/day-numbers.ts'
import { listHabits } from '../habits/habits.repository.ts'
import { withFreshSummaries } from '../habits/habits.service.ts'
import { localToday } from '../habits/local-today.ts'
import { shapeOf } from '../stats/summaries.service.ts'
import { summarize } from '../stats/summary.ts'
import type { UserHabitsDay, UserHabitsWeek } from './internal.schemas.ts'
import { activeHabitsBy, doneDatesOf } from './internal-week.repository.ts'
import { keptOf, periodsEndingIn } from './internal-week.ts'

/** The active habits read for one answer: a user's whole list, as the habits screen pages at most. */
const habitsRead = 200

/**
 * The summaries of the habits on a local date: the stored one where it is of that date (every write to a
 * habit or its check-ins stores it afresh, so it is what its check-ins give), else computed from them.
 */
async function summariesOn(ctx: HabitContext, habits: HabitRow[], localDate: string) {
  const summaries = new Map<string, HabitSummary>()
  const stale = habits.filter((habit) => {
    if (habit.summary_as_of !== localDate || habit.summary === null) return true
    summaries.set(habit.id, habit.summary)
    return false
  })
  const checkIns = await checkInsOfHabits(
    ctx.db,
    stale.map((habit) => habit.id),
  )
  for (const habit of stale) {
    const facts = (checkIns.get(habit.id) ?? []).map((c) => ({
      localDate: c.local_date,
      status: c.status,
      value: c.value,
    }))
    summaries.set(habit.id, summarize(shapeOf(habit), facts, localDate))
  }
  return summaries
}

/**
 * The user's active habits due on a local date (their today when none is named), each with its
 * current streak and that day's check-in, as GET /habits summarizes them. On their today these are the
 * stored summaries, refreshed where stale as GET /habits refreshes them (the daily refresher has
 * usually done it): a streak costs its habit's history once a day, not on every question. Another day's
 * are computed from the check-ins, and not stored.
 */
export async function userHabitsDay(
  ctx: HabitContext,
  cause: RequestContext,
  query: { date?: string; limit: number },
): Promise<Static<typeof UserHabitsDay>> {
  const [rows, today] = await Promise.all([
    listHabits(ctx.db, cause.userId, { archived: false, limit: habitsRead - 1 }),
    localToday(ctx, cause.userId),
  ])
  const localDate = query.date ?? today
  const habits = localDate === today ? await withFreshSummaries(ctx, rows, today, cause) : rows
  const summaries = await summariesOn(ctx, habits, localDate)
  const due = habits.flatMap((habit) => {
    const summary = summaries.get(habit.id) as HabitSummary
    if (!summary.dueToday) return []
    const { unit, currentStreak, today } = summary
    return [{ id: habit.id, name: habit.name, unit, currentStreak, checkIn: today?.status ?? null }]
  })
  return { localDate, count: due.length, items: due.slice(0, query.limit) }
}

/**
 * The habits a user kept over a span of local days (the weekly review): the done days their active
 * habits asked for in the periods ending in the span, and how many of them were done. Two statements:
 * the user's habits, then each habit's check-ins from the first day of its first such period.
 */
export async function userHabitsWeek(
  ctx: HabitContext,
  userId: string,
  range: { from: string; to: string },
): Promise<Static<typeof UserHabitsWeek>> {
  const [fromDay, toDay] = [dayNumberOf(range.from), dayNumberOf(range.to)]
  const habits = (await activeHabitsBy(ctx.db, userId, range.to)).map((habit) => ({
    id: habit.id,
    periods: periodsEndingIn(habit.schedule, dayNumberOf(habit.start_date), fromDay, toDay),
  }))
  const asked = habits.filter((habit) => habit.periods.length > 0)
  const done = await doneDatesOf(
    ctx.db,
    asked.map((habit) => ({ habitId: habit.id, from: localDateOfDay(habit.periods[0]?.start ?? fromDay) })),
    range.to,
  )
  let [habitsDue, habitsKept] = [0, 0]
  for (const habit of asked) {
    const { due, kept } = keptOf(habit.periods, (done.get(habit.id) ?? []).map(dayNumberOf))
    habitsDue += due
    habitsKept += kept
  }
  return { ...range, habitsDue, habitsKept }
}
