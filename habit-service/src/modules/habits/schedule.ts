import type { Schedule, StreakUnit } from '../../schemas/habits.ts'
import { isoWeekdayOf, monthOf, weekStartOf } from './day-numbers.ts'

/** A stretch of days (inclusive day numbers) that is met when `required` of its days are done. */
export interface Period {
  start: number
  end: number
  required: number
}

export function streakUnitOf(schedule: Schedule): StreakUnit {
  if (schedule.type === 'times_per_week') return 'weeks'
  if (schedule.type === 'times_per_month') return 'months'
  if (schedule.type === 'every_n_days') return 'periods'
  return 'days'
}

/** Loop Habit Tracker's frequency as numerator / denominator: 3 times a week is 3/7, every 4 days 1/4. */
export function frequencyOf(schedule: Schedule): { numerator: number; denominator: number } {
  switch (schedule.type) {
    case 'daily':
      return { numerator: 1, denominator: 1 }
    case 'weekdays':
      return { numerator: schedule.days.length, denominator: 7 }
    case 'times_per_week':
      return { numerator: schedule.times, denominator: 7 }
    case 'times_per_month':
      return { numerator: schedule.times, denominator: 30 }
    case 'every_n_days':
      return { numerator: 1, denominator: schedule.days }
  }
}

/** Whether a schedule names the day itself (daily, chosen weekdays) rather than a quota over a stretch. */
export const isDaySchedule = (schedule: Schedule) => schedule.type === 'daily' || schedule.type === 'weekdays'

export function isScheduledDay(schedule: Schedule, day: number): boolean {
  if (schedule.type === 'weekdays') return schedule.days.includes(isoWeekdayOf(day))
  return schedule.type === 'daily'
}

/** The stretch containing `day` by the schedule's calendar, before clipping to the start date. */
function stretchOf(schedule: Schedule, startDay: number, day: number): { start: number; end: number } {
  switch (schedule.type) {
    case 'times_per_week': {
      const start = weekStartOf(day)
      return { start, end: start + 6 }
    }
    case 'times_per_month':
      return monthOf(day)
    case 'every_n_days': {
      const start = day - ((day - startDay) % schedule.days)
      return { start, end: start + schedule.days - 1 }
    }
    default:
      return { start: day, end: day }
  }
}

function quotaOf(schedule: Schedule): number {
  if (schedule.type === 'times_per_week' || schedule.type === 'times_per_month') return schedule.times
  return 1
}

/**
 * Every period from the start date through the one containing `today`, in order. A first
 * week or month cut by the start date asks no more than the days it has left.
 */
export function periodsThrough(schedule: Schedule, startDay: number, today: number): Period[] {
  const periods: Period[] = []
  let day = startDay
  while (day <= today) {
    const stretch = stretchOf(schedule, startDay, day)
    const start = Math.max(stretch.start, startDay)
    if (schedule.type === 'weekdays' && !isScheduledDay(schedule, day)) {
      day++
      continue
    }
    periods.push({ start, end: stretch.end, required: Math.min(quotaOf(schedule), stretch.end - start + 1) })
    day = stretch.end + 1
  }
  return periods
}
