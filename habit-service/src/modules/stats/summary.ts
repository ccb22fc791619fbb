import type { CheckInStatus, HabitSummary, Schedule } from '../../schemas/habits.ts'
import { dayNumberOf, localDateOfDay } from '../habits/day-numbers.ts'
import { isScheduledDay, streakUnitOf } from '../habits/schedule.ts'
import { creditOf, type DayMarks, type Measure } from './day-marks.ts'
import { computeStreaks } from './streaks.ts'

/** The fields of a habit its summary and stats are computed from. */
export interface HabitShape extends Measure {
  schedule: Schedule
  startDate: string
}

export interface CheckInFact {
  localDate: string
  status: CheckInStatus
  value: number | null
}

export function marksOf(checkIns: CheckInFact[], measure: Measure): DayMarks {
  return new Map(
    checkIns.map((c) => [dayNumberOf(c.localDate), { status: c.status, credit: creditOf(c.status, c.value, measure) }]),
  )
}

export function summarize(habit: HabitShape, checkIns: CheckInFact[], todayDate: string): HabitSummary {
  const today = dayNumberOf(todayDate)
  const marks = marksOf(checkIns, habit)
  const streaks = computeStreaks(habit.schedule, dayNumberOf(habit.startDate), today, marks)
  const todayCheckIn = checkIns.find((c) => c.localDate === todayDate)
  const period = streaks.currentPeriod
  const started = dayNumberOf(habit.startDate) <= today
  const dueToday =
    started &&
    (habit.schedule.type === 'daily' || habit.schedule.type === 'weekdays'
      ? isScheduledDay(habit.schedule, today)
      : period !== null && period.done < period.required)
  return {
    unit: streakUnitOf(habit.schedule),
    currentStreak: streaks.current,
    bestStreak: streaks.best,
    freezes: streaks.freezes,
    dueToday,
    today: todayCheckIn ? { status: todayCheckIn.status, value: todayCheckIn.value } : null,
    period: period && {
      start: localDateOfDay(period.start),
      end: localDateOfDay(period.end),
      done: period.done,
      required: period.required,
    },
    lastBreak: streaks.lastBreak && {
      date: localDateOfDay(streaks.lastBreak.day),
      previousStreak: streaks.lastBreak.previous,
    },
  }
}
