import { dayBoundaryOf } from '@focushub/shared/events'
import { localDateOf, localDayBounds } from '@focushub/shared/time'
import type { FocusContext } from '../../context.ts'
import { findSettings } from '../settings/settings.repository.ts'
import { addCalendarDays } from './calendar.ts'
import { achievedDates, dailyTotalsBetween, secondsByHour, secondsByTask } from './stats.repository.ts'
import { goalStreaks } from './streaks.ts'

export type StatsRange = '7d' | '30d' | '90d' | '365d'

const toMinutes = (seconds: number) => Math.floor(seconds / 60)

/** Every local date from `from` to `to`, with the value the map holds for it or zero. */
function denseDays<T>(from: string, to: string, byDate: Map<string, T>, empty: T) {
  const days: { localDate: string; value: T }[] = []
  for (let date = from; date <= to; date = addCalendarDays(date, 1))
    days.push({ localDate: date, value: byDate.get(date) ?? empty })
  return days
}

/** Stats of the last `range` local days up to today, answered from per-day totals and indexed scans. */
export async function statsOf(ctx: FocusContext, userId: string, range: StatsRange) {
  const boundary = await dayBoundaryOf(ctx.db, userId)
  const today = localDateOf(ctx.now(), boundary)
  const length = Number.parseInt(range, 10)
  const from = addCalendarDays(today, 1 - length)
  const heatmapFrom = addCalendarDays(today, -364)
  const sessionRange = {
    userId,
    from,
    to: today,
    start: localDayBounds(from, boundary).start,
    end: localDayBounds(today, boundary).end,
  }
  const [year, awarded, settings, tasks, hours] = await Promise.all([
    dailyTotalsBetween(ctx.db, userId, heatmapFrom < from ? heatmapFrom : from, today),
    achievedDates(ctx.db, userId),
    findSettings(ctx.db, userId),
    secondsByTask(ctx.db, sessionRange),
    secondsByHour(ctx.db, sessionRange, boundary.timezone),
  ])
  const byDate = new Map(year.map((row) => [row.local_date, row]))
  const empty = { local_date: '', focused_seconds: 0, sessions: 0, pomodoros: 0 }
  const days = denseDays(from, today, byDate, empty).map(({ localDate, value }) => ({
    localDate,
    focusedMinutes: toMinutes(value.focused_seconds),
    sessions: value.sessions,
    pomodoros: value.pomodoros,
  }))
  const total = (key: 'focusedMinutes' | 'sessions' | 'pomodoros') => days.reduce((sum, day) => sum + day[key], 0)
  const best = days.reduce<(typeof days)[number] | null>(
    (top, day) => (day.focusedMinutes > (top?.focusedMinutes ?? 0) ? day : top),
    null,
  )
  const streaks = goalStreaks(awarded, today)
  const hourMinutes = new Map(hours.map((row) => [row.hour, toMinutes(row.seconds)]))
  return {
    range,
    from,
    to: today,
    days,
    totals: {
      focusedMinutes: total('focusedMinutes'),
      sessions: total('sessions'),
      pomodoros: total('pomodoros'),
      averageMinutesPerDay: Math.round((total('focusedMinutes') / length) * 10) / 10,
      bestDay: best ? { localDate: best.localDate, focusedMinutes: best.focusedMinutes } : null,
    },
    goal: { minutes: settings.dailyGoalMinutes, currentStreak: streaks.current, bestStreak: streaks.best },
    byTask: tasks.map((row) => ({
      taskId: row.task_id,
      focusedMinutes: toMinutes(row.seconds),
      sessions: row.sessions,
    })),
    byHour: Array.from({ length: 24 }, (_, hour) => ({ hour, focusedMinutes: hourMinutes.get(hour) ?? 0 })),
    heatmap: {
      from: heatmapFrom,
      to: today,
      minutes: denseDays(heatmapFrom, today, byDate, empty).map(({ value }) => toMinutes(value.focused_seconds)),
    },
  }
}
