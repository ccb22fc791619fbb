import { errors } from '@focushub/shared/errors'
import { dayBoundaryOf } from '@focushub/shared/events'
import { localDateOf } from '@focushub/shared/time'
import type { Static } from 'typebox'
import type { FocusContext } from '../../context.ts'
import { goalAwarded } from '../goals/daily-totals.repository.ts'
import { findSettings } from '../settings/settings.repository.ts'
import { dailyTotalsBetween } from '../stats/stats.repository.ts'
import type { UserFocusDay, UserFocusWeek } from './internal.schemas.ts'

/** Whether a YYYY-MM-DD the format let through is a calendar date (not 2026-02-30). */
function isCalendarDate(localDate: string) {
  const [year, month, day] = localDate.split('-').map(Number) as [number, number, number]
  return new Date(Date.UTC(year, month - 1, day)).toISOString().slice(0, 10) === localDate
}

/** The user's focus on a local day (their today when none is named), from the totals /focus/stats reads. */
export async function userFocusDay(
  ctx: FocusContext,
  userId: string,
  date: string | undefined,
): Promise<Static<typeof UserFocusDay>> {
  if (date && !isCalendarDate(date)) {
    throw errors.validation('Not a calendar date', [{ field: '/querystring/date', message: 'is not a calendar date' }])
  }
  const localDate = date ?? localDateOf(ctx.now(), await dayBoundaryOf(ctx.db, userId))
  const [[totals], settings, goalReached] = await Promise.all([
    dailyTotalsBetween(ctx.db, userId, localDate, localDate),
    findSettings(ctx.db, userId),
    goalAwarded(ctx.db, userId, localDate),
  ])
  return {
    localDate,
    focusedMinutes: Math.floor((totals?.focused_seconds ?? 0) / 60),
    sessions: totals?.sessions ?? 0,
    pomodoros: totals?.pomodoros ?? 0,
    goalMinutes: settings.dailyGoalMinutes,
    goalReached,
  }
}

/** The user's focus over a span of local days (the weekly review), from the per-day totals /focus/stats reads. */
export async function userFocusWeek(
  ctx: FocusContext,
  userId: string,
  range: { from: string; to: string },
): Promise<Static<typeof UserFocusWeek>> {
  const days = await dailyTotalsBetween(ctx.db, userId, range.from, range.to)
  const sum = (pick: (day: (typeof days)[number]) => number) => days.reduce((total, day) => total + pick(day), 0)
  return {
    ...range,
    focusedMinutes: Math.floor(sum((day) => day.focused_seconds) / 60),
    sessions: sum((day) => day.sessions),
    pomodoros: sum((day) => day.pomodoros),
  }
}
