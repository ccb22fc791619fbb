import type { RequestContext } from '@focushub/shared/context'
import { dayBoundaryOf, inUnitOfWork } from '@focushub/shared/events'
import { localDateOf } from '@focushub/shared/time'
import type { FocusContext } from '../../context.ts'
import { findSettings, saveSettings } from '../settings/settings.repository.ts'
import { awardGoalIfReached } from './daily-credit.ts'
import { focusedSecondsOn, goalAwarded } from './daily-totals.repository.ts'

/** The goal and how today stands against it, today being the user's local day now. */
export async function goalOf(ctx: FocusContext, userId: string) {
  const { dailyGoalMinutes } = await findSettings(ctx.db, userId)
  const localDate = localDateOf(ctx.now(), await dayBoundaryOf(ctx.db, userId))
  const achieved = await goalAwarded(ctx.db, userId, localDate)
  const focusedMinutes = Math.floor((await focusedSecondsOn(ctx.db, userId, localDate)) / 60)
  return { minutes: dailyGoalMinutes, today: { localDate, focusedMinutes, achieved } }
}

/** Sets the goal; lowered to what today already holds, today's award is given at once. */
export async function setGoal(ctx: FocusContext, userId: string, minutes: number, meta: RequestContext) {
  const now = ctx.now()
  const localDate = localDateOf(now, await dayBoundaryOf(ctx.db, userId))
  await inUnitOfWork(ctx.db, async (work) => {
    const { trx } = work
    const settings = await findSettings(trx, userId)
    await saveSettings(trx, userId, { ...settings, dailyGoalMinutes: minutes }, now)
    await awardGoalIfReached(work, userId, localDate, { now, requestId: meta.requestId })
  })
  return goalOf(ctx, userId)
}
