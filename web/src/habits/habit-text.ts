import { weekdayShortNames } from './habit-days.ts'
import type { Habit, Schedule } from './habit-queries.ts'

const plural = (count: number, one: string, many = `${one}s`) => `${count} ${count === 1 ? one : many}`

export function scheduleText(schedule: Schedule) {
  switch (schedule.type) {
    case 'daily':
      return 'Every day'
    case 'weekdays':
      return [...schedule.days]
        .sort((a, b) => a - b)
        .map((day) => weekdayShortNames[day - 1])
        .join(', ')
    case 'times_per_week':
      return `${plural(schedule.times, 'time')} a week`
    case 'times_per_month':
      return `${plural(schedule.times, 'time')} a month`
    case 'every_n_days':
      return `Every ${schedule.days} days`
  }
}

const unitNames = { days: 'day', weeks: 'week', months: 'month', periods: 'period' } as const

/** A streak in the schedule's own unit: "2 days", "1 week". */
export const streakText = (count: number, unit: Habit['summary']['unit']) => plural(count, unitNames[unit])

export const freezesText = (freezes: number) => plural(freezes, 'freeze')

export const percent = (share: number | null) => (share === null ? '—' : `${Math.round(share * 100)}%`)

/** What a measurable habit asks for: "at least 5 km". */
export function targetText(habit: Habit) {
  if (habit.kind !== 'measurable' || habit.target === null) return undefined
  const bound = habit.targetType === 'at_most' ? 'at most' : 'at least'
  return `${bound} ${habit.target}${habit.unit ? ` ${habit.unit}` : ''}`
}
