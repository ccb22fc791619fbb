import type { RequestContext } from '@focushub/shared/context'
import { recordFacts } from './achievements.repository.ts'
import { type ProgressWork, progress } from './achievements.service.ts'
import { evaluatePerfectDays, type UserDay } from './perfect-day.ts'

/**
 * Days of habits that have just become done (of any users): each (habit, day) counts once toward
 * the check-in achievements, however often it is undone and done again, and each of those days
 * may now be perfect.
 */
export async function creditDoneDays(work: ProgressWork, days: (UserDay & { habitId: string })[]) {
  if (days.length === 0) return
  const fresh = await recordFacts(
    work.trx,
    'done_day',
    days.map((day) => ({ userId: day.cause.userId, key: `${day.habitId}:${day.localDate}` })),
  )
  const causes = new Map(days.map((day) => [day.cause.userId, day.cause]))
  for (const fact of fresh) progress(work, causes.get(fact.userId) as RequestContext, { check_ins: 1 })
  const byDay = new Map(days.map((day) => [`${day.cause.userId} ${day.localDate}`, day]))
  await evaluatePerfectDays(work, [...byDay.values()])
}
