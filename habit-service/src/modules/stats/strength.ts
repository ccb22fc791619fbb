import type { Schedule } from '../../schemas/habits.ts'
import { frequencyOf } from '../habits/schedule.ts'
import type { DayMarks } from './day-marks.ts'

/** Loop Habit Tracker's smoothing factor: m = 0.5^(√freq / 13), so a daily habit halves its distance in 13 days. */
export const multiplierOf = (frequency: number) => 0.5 ** (Math.sqrt(frequency) / 13)

/**
 * The habit strength score (0–1) as Loop Habit Tracker computes it: day by day from the start
 * date through today, score = previous·m + value·(1 − m), where a day's value is the share of
 * the quota reached over the last `denominator` days (credit summed, over `numerator`), capped
 * at 1. A skipped day leaves the score as it was.
 */
export function strengthScore(schedule: Schedule, startDay: number, today: number, marks: DayMarks): number {
  const { numerator, denominator } = frequencyOf(schedule)
  const multiplier = multiplierOf(numerator / denominator)
  let score = 0
  let rollingSum = 0
  for (let day = startDay; day <= today; day++) {
    rollingSum += marks.get(day)?.credit ?? 0
    if (day - denominator >= startDay) rollingSum -= marks.get(day - denominator)?.credit ?? 0
    if (marks.get(day)?.status === 'skipped') continue
    const value = Math.min(1, rollingSum / numerator)
    score = score * multiplier + value * (1 - multiplier)
  }
  return score
}
