import type { Schedule } from '../../schemas/habits.ts'
import { frequencyOf, isScheduledDay } from '../habits/schedule.ts'
import type { DayMarks } from './day-marks.ts'

/**
 * Share of what the schedule asked for over the `days` local days ending today, counted from the
 * start date at the earliest: done days over expected ones. Day schedules expect each scheduled
 * day; quota schedules expect days × frequency (3 a week over 7 days: 3). Null before anything
 * was expected.
 */
export function completionRate(
  schedule: Schedule,
  startDay: number,
  today: number,
  marks: DayMarks,
  days: number,
): number | null {
  const from = Math.max(startDay, today - days + 1)
  if (from > today) return null
  const daySchedule = schedule.type === 'daily' || schedule.type === 'weekdays'
  let done = 0
  let scheduled = 0
  for (let day = from; day <= today; day++) {
    const counts = !daySchedule || isScheduledDay(schedule, day)
    if (counts) scheduled++
    if (counts && marks.get(day)?.status === 'done') done++
  }
  const { numerator, denominator } = frequencyOf(schedule)
  const expected = daySchedule ? scheduled : ((today - from + 1) * numerator) / denominator
  if (expected === 0) return null
  return Math.min(1, done / expected)
}
