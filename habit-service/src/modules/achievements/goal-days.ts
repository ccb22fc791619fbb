import type { Kysely } from 'kysely'
import type { Cause } from '../../context.ts'
import type { Database } from '../../db/tables.ts'
import { dayNumberOf } from '../habits/day-numbers.ts'
import { dailyGoalPoints } from '../rewards/levels.ts'
import { addPoints } from '../rewards/rewards.repository.ts'
import { factKeys, recordFact } from './achievements.repository.ts'
import { progress } from './achievements.service.ts'
import { evaluatePerfectDay } from './perfect-day.ts'

/** The longest run of consecutive goal days through the given one: reordered events still join up. */
async function goalStreakThrough(trx: Kysely<Database>, userId: string, localDate: string) {
  const days = new Set((await factKeys(trx, userId, 'goal_day')).map(dayNumberOf))
  const day = dayNumberOf(localDate)
  let first = day
  let last = day
  while (days.has(first - 1)) first--
  while (days.has(last + 1)) last++
  return last - first + 1
}

/**
 * The daily focus goal was reached on a local day: once per day, whatever the deliveries, it
 * grants dailyGoalPoints, counts toward goal-day and goal-streak achievements and may make the
 * day perfect.
 */
export async function recordGoalDay(trx: Kysely<Database>, cause: Cause, localDate: string) {
  if (!(await recordFact(trx, cause.userId, 'goal_day', localDate))) return
  await addPoints(trx, cause.userId, dailyGoalPoints)
  await progress(trx, cause, 'add', { goal_days: 1 })
  await progress(trx, cause, 'raise', { goal_streak: await goalStreakThrough(trx, cause.userId, localDate) })
  await evaluatePerfectDay(trx, cause, localDate)
}
