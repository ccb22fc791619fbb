import { type Kysely, sql } from 'kysely'
import type { Cause } from '../../context.ts'
import type { CheckInStatus } from '../../db/tables/check-ins.ts'
import type { Database } from '../../db/tables.ts'
import { dayNumberOf } from '../habits/day-numbers.ts'
import { isScheduledDay, type Schedule } from '../habits/schedule.ts'
import { factsAmong, recordFact } from './achievements.repository.ts'
import { progress } from './achievements.service.ts'

/** A local day of a user, and the cause of what it publishes. */
export interface UserDay {
  cause: Cause
  localDate: string
}

/**
 * Perfect days: the daily focus goal reached and every habit due that day done. Due means a
 * daily habit, or a chosen-weekday habit on one of its days, started by then and not archived;
 * a skipped day excuses its habit; quota habits (n a week or month, every n days) are never due
 * on one particular day. At least one habit must be due. Checked when either half arrives, so
 * the order of events does not matter; once granted, a day stays perfect. Evaluated for
 * several days (of any users) at once.
 */
export async function evaluatePerfectDays(trx: Kysely<Database>, days: UserDay[]) {
  const goals = await factsAmong(
    trx,
    'goal_day',
    days.map(({ cause, localDate }) => ({ userId: cause.userId, key: localDate })),
  )
  const reached = new Set(goals.map((goal) => `${goal.userId} ${goal.key}`))
  await grantPerfectDays(
    trx,
    days.filter(({ cause, localDate }) => reached.has(`${cause.userId} ${localDate}`)),
  )
}

/** Whether a day's habits make it perfect: at least one is due, and every one due is done. */
function habitsAllDone(habits: { schedule: Schedule; status: CheckInStatus | null }[], localDate: string) {
  const day = dayNumberOf(localDate)
  const due = habits.filter((habit) => isScheduledDay(habit.schedule, day) && habit.status !== 'skipped')
  return due.length > 0 && due.every((habit) => habit.status === 'done')
}

/**
 * The habits half of evaluatePerfectDay, for days whose focus goal is known to be reached (of
 * any users): their habits and check-ins are read in one query.
 */
export async function grantPerfectDays(trx: Kysely<Database>, days: UserDay[]) {
  if (days.length === 0) return
  const values = sql.join(days.map((day) => sql`(${day.cause.userId}::uuid, ${day.localDate}::date)`))
  const { rows } = await sql<{ user_id: string; local_date: string; schedule: Schedule; status: CheckInStatus | null }>`
    select d.user_id, d.local_date, h.schedule, c.status
    from (values ${values}) as d (user_id, local_date)
    join habits h on h.user_id = d.user_id and h.archived_at is null and h.start_date <= d.local_date
    left join check_ins c on c.habit_id = h.id and c.local_date = d.local_date`.execute(trx)
  for (const { cause, localDate } of days) {
    const habits = rows.filter((row) => row.user_id === cause.userId && row.local_date === localDate)
    if (!habitsAllDone(habits, localDate)) continue
    if (await recordFact(trx, cause.userId, 'perfect_day', localDate)) {
      await progress(trx, cause, { perfect_days: 1 })
    }
  }
}
