import type { RequestContext } from '@focushub/shared/context'
import type { CheckInStatus, Schedule } from '../../schemas/habits.ts'
import { dayNumberOf } from '../habits/day-numbers.ts'
import { isScheduledDay } from '../habits/schedule.ts'
import { factsAmong, habitsOnDays, recordFact } from './achievements.repository.ts'
import { type ProgressWork, progress } from './achievements.service.ts'

/** A local day of a user, and the cause of what it publishes. */
export interface UserDay {
  cause: RequestContext
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
export async function evaluatePerfectDays(work: ProgressWork, days: UserDay[]) {
  const goals = await factsAmong(
    work.trx,
    'goal_day',
    days.map(({ cause, localDate }) => ({ userId: cause.userId, key: localDate })),
  )
  const reached = new Set(goals.map((goal) => `${goal.userId} ${goal.key}`))
  await grantPerfectDays(
    work,
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
export async function grantPerfectDays(work: ProgressWork, days: UserDay[]) {
  if (days.length === 0) return
  const rows = await habitsOnDays(
    work.trx,
    days.map(({ cause, localDate }) => ({ userId: cause.userId, localDate })),
  )
  for (const { cause, localDate } of days) {
    const habits = rows.filter((row) => row.user_id === cause.userId && row.local_date === localDate)
    if (!habitsAllDone(habits, localDate)) continue
    if (await recordFact(work.trx, cause.userId, 'perfect_day', localDate)) {
      progress(work, cause, { perfect_days: 1 })
    }
  }
}
