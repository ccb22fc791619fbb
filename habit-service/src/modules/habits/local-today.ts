import { errors } from '@focushub/shared/errors'
import { dayBoundaryOf } from '@focushub/shared/events'
import { addDays, localDateOf } from '@focushub/shared/time'
import type { HabitContext } from '../../context.ts'
import { habitError } from '../../errors.ts'
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

/**
 * A start date lies within `rangeDays` of today, either way: a habit's summary and stats walk
 * every day from its start, so a start centuries back would make each of them cost seconds.
 */
export function assertStartInRange(startDate: string, today: string, rangeDays: number) {
  const earliest = addDays(today, -rangeDays)
  const latest = addDays(today, rangeDays)
  if (startDate < earliest || startDate > latest) {
    throw habitError('start-date-out-of-range', `A habit starts at most ${rangeDays} days before or after today`, {
      errors: [{ field: '/body/startDate', message: `is not between ${earliest} and ${latest}` }],
    })
  }
}
