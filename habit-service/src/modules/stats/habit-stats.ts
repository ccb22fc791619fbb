import { dayNumberOf, localDateOfDay } from '../habits/day-numbers.ts'
import { completionRate } from './completion.ts'
import { strengthScore } from './strength.ts'
import { type CheckInFact, type HabitShape, marksOf, summarize } from './summary.ts'

export const heatmapDays = 365

/** Everything GET /habits/{id}/stats answers, from the habit and its check-ins of the last year or more. */
export function habitStats(habit: HabitShape, checkIns: CheckInFact[], todayDate: string) {
  const today = dayNumberOf(todayDate)
  const startDay = dayNumberOf(habit.startDate)
  const marks = marksOf(checkIns, habit)
  const summary = summarize(habit, checkIns, todayDate)
  const heatmapFrom = today - heatmapDays + 1
  return {
    today: todayDate,
    unit: summary.unit,
    currentStreak: summary.currentStreak,
    bestStreak: summary.bestStreak,
    freezes: summary.freezes,
    completionRate: {
      last7Days: completionRate(habit.schedule, startDay, today, marks, 7),
      last30Days: completionRate(habit.schedule, startDay, today, marks, 30),
      last365Days: completionRate(habit.schedule, startDay, today, marks, 365),
    },
    strength: Math.round(strengthScore(habit.schedule, startDay, today, marks) * 10_000) / 10_000,
    heatmap: {
      from: localDateOfDay(heatmapFrom),
      to: todayDate,
      days: checkIns
        .filter((c) => dayNumberOf(c.localDate) >= heatmapFrom && dayNumberOf(c.localDate) <= today)
        .map((c) => ({
          date: c.localDate,
          status: c.status,
          value: c.value,
          level: Math.round((marks.get(dayNumberOf(c.localDate))?.credit ?? 0) * 4),
        })),
    },
  }
}
