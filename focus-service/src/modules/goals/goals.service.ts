import { dayBoundaryOf, localDateOf } from '@focushub/shared'
import type { FocusContext, RequestMeta } from '../../context.ts'
import { findSettings, saveSettings } from '../settings/settings.repository.ts'
import { awardGoalIfReached } from './daily-credit.ts'
import { focusedSecondsOn } from './daily-totals.repository.ts'

/** The goal and how today stands against it, today being the user's local day now. */
export async function goalOf(ctx: FocusContext, userId: string) {
  const { dailyGoalMinutes } = await findSettings(ctx.db, userId)
  const localDate = localDateOf(ctx.now(), await dayBoundaryOf(ctx.db, userId))
  const award = await ctx.db
    .selectFrom('goal_awards')
    .select('local_date')
    .where('user_id', '=', userId)
    .where('local_date', '=', localDate)
    .executeTakeFirst()
  const focusedMinutes = Math.floor((await focusedSecondsOn(ctx.db, userId, localDate)) / 60)
  return { minutes: dailyGoalMinutes, today: { localDate, focusedMinutes, achieved: award !== undefined } }
}

/** Sets the goal; lowered to what today already holds, today's award is given at once. */
export async function setGoal(ctx: FocusContext, userId: string, minutes: number, meta: RequestMeta) {
  const now = ctx.now()
  const localDate = localDateOf(now, await dayBoundaryOf(ctx.db, userId))
  await ctx.db.transaction().execute(async (trx) => {
    const settings = await findSettings(trx, userId)
    await saveSettings(trx, userId, { ...settings, dailyGoalMinutes: minutes }, now)
    await awardGoalIfReached(trx, userId, localDate, { now, requestId: meta.requestId })
  })
  return goalOf(ctx, userId)
}
