import type { RequestContext } from '@focushub/shared/context'
import type { HabitContext } from '../../context.ts'
import { checkInsOfHabits } from '../check-ins/check-ins.repository.ts'
import { requireHabit } from '../habits/habits.service.ts'
import { localToday } from '../habits/local-today.ts'
import { habitStats } from './habit-stats.ts'
import { shapeOf } from './summaries.service.ts'

export async function statsOfHabit(ctx: HabitContext, cause: RequestContext, habitId: string) {
  const habit = await requireHabit(ctx.db, cause.userId, habitId)
  const checkIns = (await checkInsOfHabits(ctx.db, [habit.id])).get(habit.id) ?? []
  const facts = checkIns.map((c) => ({ localDate: c.local_date, status: c.status, value: c.value }))
  return habitStats(shapeOf(habit), facts, await localToday(ctx, cause.userId))
}
