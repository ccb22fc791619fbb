import type { Kysely } from 'kysely'
import type { Cause } from '../../context.ts'
import type { Database } from '../../db/tables.ts'
import { dayNumberOf } from '../habits/day-numbers.ts'
import { isScheduledDay } from '../habits/schedule.ts'
import { hasFact, recordFact } from './achievements.repository.ts'
import { progress } from './achievements.service.ts'

/**
 * A perfect day: the daily focus goal reached and every habit due that day done. Due means a
 * daily habit, or a chosen-weekday habit on one of its days, started by then and not archived;
 * a skipped day excuses its habit; quota habits (n a week or month, every n days) are never due
 * on one particular day. At least one habit must be due. Checked when either half arrives, so
 * the order of events does not matter; once granted, a day stays perfect.
 */
export async function evaluatePerfectDay(trx: Kysely<Database>, cause: Cause, localDate: string) {
  if (!(await hasFact(trx, cause.userId, 'goal_day', localDate))) return
  const habits = await trx
    .selectFrom('habits')
    .leftJoin('check_ins', (join) =>
      join.onRef('check_ins.habit_id', '=', 'habits.id').on('check_ins.local_date', '=', localDate),
    )
    .select(['habits.schedule', 'check_ins.status'])
    .where('habits.user_id', '=', cause.userId)
    .where('habits.archived_at', 'is', null)
    .where('habits.start_date', '<=', localDate)
    .execute()
  const day = dayNumberOf(localDate)
  const due = habits.filter((habit) => isScheduledDay(habit.schedule, day) && habit.status !== 'skipped')
  if (due.length === 0 || due.some((habit) => habit.status !== 'done')) return
  if (await recordFact(trx, cause.userId, 'perfect_day', localDate)) {
    await progress(trx, cause, 'add', { perfect_days: 1 })
  }
}
