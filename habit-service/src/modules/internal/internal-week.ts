import type { Schedule } from '../../schemas/habits.ts'
import { monthOf } from '../habits/day-numbers.ts'
import { isDaySchedule, type Period, periodsThrough } from '../habits/schedule.ts'

/**
 * The first day from which `periodsThrough` walks to find the periods ending in [from, to]: the
 * schedule's own calendar kept (a month from its first, every n days from the start date's rhythm),
 * so the walk covers the span and at most one period before it, however old the habit.
 */
function windowStart(schedule: Schedule, startDay: number, fromDay: number) {
  if (isDaySchedule(schedule) || schedule.type === 'times_per_week') return Math.max(startDay, fromDay)
  if (schedule.type === 'times_per_month') return Math.max(startDay, monthOf(fromDay).start)
  return startDay + schedule.days * Math.floor(Math.max(0, fromDay - startDay) / schedule.days)
}

/**
 * The habit's periods that end in [from, to] (day numbers): each scheduled day of a day schedule,
 * the week of a weekly quota (a week the start date cuts asks no more than its days left), a month
 * or an every-n-days stretch when it ends in the span. Each is due once and kept when `required`
 * of its days are done.
 */
export function periodsEndingIn(schedule: Schedule, startDay: number, fromDay: number, toDay: number): Period[] {
  if (startDay > toDay) return []
  return periodsThrough(schedule, windowStart(schedule, startDay, fromDay), toDay).filter(
    (period) => period.end >= fromDay && period.end <= toDay,
  )
}

/**
 * Occurrences due and kept over the periods: each period asks `required` done days, and counts
 * its done days up to that (a daily habit's week is 7 due; a 3-times-a-week one's is 3).
 */
export function keptOf(periods: Period[], doneDays: number[]) {
  let due = 0
  let kept = 0
  for (const period of periods) {
    const done = doneDays.filter((day) => day >= period.start && day <= period.end).length
    due += period.required
    kept += Math.min(done, period.required)
  }
  return { due, kept }
}
