import type { RequestContext } from '@focushub/shared/context'
import { dayNumberOf } from '../habits/day-numbers.ts'
import { dailyGoalPoints } from '../rewards/levels.ts'
import { takeBackPoints } from '../rewards/rewards.repository.ts'
import { factKeysOf, forgetFacts, lowerProgress, recordFactsAndList } from './achievements.repository.ts'
import { type ProgressWork, progress } from './achievements.service.ts'
import { grantPerfectDays, type UserDay } from './perfect-day.ts'

/** The longest run of consecutive days in `days` through any of `through`: reordered days still join up. */
export function longestRunThrough(days: Set<number>, through: number[]) {
  let longest = 0
  for (const day of through) {
    let first = day
    let last = day
    while (days.has(first - 1)) first--
    while (days.has(last + 1)) last++
    longest = Math.max(longest, last - first + 1)
  }
  return longest
}

/** The longest run of consecutive days among `days`. */
export function longestRun(days: number[]) {
  const sorted = [...new Set(days)].sort((a, b) => a - b)
  let longest = 0
  let run = 0
  for (const [index, day] of sorted.entries()) {
    run = index > 0 && day === (sorted[index - 1] as number) + 1 ? run + 1 : 1
    longest = Math.max(longest, run)
  }
  return longest
}

/**
 * The daily focus goal was reached on some local days, of some users: once per day, whatever the
 * deliveries, each grants dailyGoalPoints, counts toward goal-day and goal-streak achievements
 * and may make the day perfect. Recorded for all the users at once.
 */
export async function recordGoalDays(work: ProgressWork, users: { cause: RequestContext; localDates: string[] }[]) {
  const facts = await recordFactsAndList(
    work.trx,
    'goal_day',
    users.flatMap(({ cause, localDates }) => localDates.map((key) => ({ userId: cause.userId, key }))),
  )
  const byUser = new Map<string, { key: string; fresh: boolean }[]>()
  for (const fact of facts) {
    const mine = byUser.get(fact.user_id) ?? []
    mine.push(fact)
    byUser.set(fact.user_id, mine)
  }
  const newDays: UserDay[] = []
  for (const { cause } of users) {
    const mine = byUser.get(cause.userId) ?? []
    const fresh = mine.filter((fact) => fact.fresh).map((fact) => fact.key)
    if (fresh.length === 0) continue
    const all = new Set(mine.map((fact) => dayNumberOf(fact.key)))
    const goalStreak = longestRunThrough(all, fresh.map(dayNumberOf))
    progress(work, cause, { goal_days: fresh.length, goal_streak: goalStreak }, dailyGoalPoints * fresh.length)
    newDays.push(...fresh.sort().map((localDate) => ({ cause, localDate })))
  }
  await grantPerfectDays(work, newDays)
}

/**
 * focus-service took the daily goal back on some local days (an edit or a delete left them below
 * it), of some users: each day that was reached is forgotten with its dailyGoalPoints, its
 * goal-day count and its perfect day, and the goal streak becomes the longest run of the days
 * still reached. Achievements already unlocked stay unlocked (their points too); their counters
 * drop, so reaching the next one takes days that hold. A day reached again counts again.
 */
export async function withdrawGoalDays(work: ProgressWork, users: { cause: RequestContext; localDates: string[] }[]) {
  const { trx } = work
  for (const { cause, localDates } of users) {
    const withdrawn = await forgetFacts(trx, cause.userId, 'goal_day', localDates)
    if (withdrawn.length === 0) continue
    const imperfect = await forgetFacts(trx, cause.userId, 'perfect_day', withdrawn)
    const perfectDays = imperfect.length > 0 ? { perfect_days: -imperfect.length } : {}
    progress(work, cause, { goal_days: -withdrawn.length, ...perfectDays })
    await takeBackPoints(trx, cause.userId, dailyGoalPoints * withdrawn.length)
    const reached = await factKeysOf(trx, cause.userId, 'goal_day')
    await lowerProgress(trx, cause.userId, 'goal_streak', longestRun(reached.map(dayNumberOf)))
  }
}
