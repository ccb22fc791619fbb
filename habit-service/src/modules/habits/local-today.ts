import { dayBoundaryOf, errors, localDateOf } from '@focushub/shared'
import type { HabitContext } from '../../context.ts'
import { dayNumberOf } from './day-numbers.ts'

/** The user's current local date, by the time zone and day start their auth profile last told us. */
export async function localToday(ctx: HabitContext, userId: string) {
  return localDateOf(ctx.now(), await dayBoundaryOf(ctx.db, userId))
}

/** Rejects a calendar-impossible date the format let through (2026-02-30). */
export function assertRealDate(localDate: string, field: string) {
  const day = dayNumberOf(localDate)
  if (!Number.isFinite(day) || new Date(day * 86_400_000).toISOString().slice(0, 10) !== localDate) {
    throw errors.validation('Not a calendar date', [{ field, message: 'is not a calendar date' }])
  }
}
