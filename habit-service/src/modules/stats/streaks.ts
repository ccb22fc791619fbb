import type { Schedule } from '../../schemas/habits.ts'
import { type Period, periodsThrough } from '../habits/schedule.ts'
import type { DayMarks } from './day-marks.ts'

/** How freezes are earned and held: one per `earnEvery` periods met in a row, at most `maxHeld`. */
export interface FreezeRule {
  earnEvery: number
  maxHeld: number
}

export const defaultFreezeRule: FreezeRule = { earnEvery: 7, maxHeld: 2 }

export type PeriodOutcome = 'met' | 'open' | 'skipped' | 'frozen' | 'missed'

export interface StreakState {
  current: number
  best: number
  freezes: number
  /** The latest period that ended a streak: its first day and the streak it ended. */
  lastBreak: { day: number; previous: number } | null
  /** The period containing today: days done so far and days it needs. */
  currentPeriod: { start: number; end: number; done: number; required: number } | null
}

function doneIn(period: Period, marks: DayMarks) {
  let done = 0
  let skipped = false
  for (let day = period.start; day <= period.end; day++) {
    const mark = marks.get(day)
    if (mark?.status === 'done') done++
    else if (mark?.status === 'skipped') skipped = true
  }
  return { done, skipped }
}

/**
 * What a period did to the streak. The period containing today is `open` until met: it never
 * breaks a streak before it is over. A missed period is excused by an explicit skip, else by a
 * held freeze (only while a streak runs: nothing to keep otherwise), else it breaks the streak.
 */
export function outcomeOf(period: Period, marks: DayMarks, today: number, canFreeze: boolean): PeriodOutcome {
  const { done, skipped } = doneIn(period, marks)
  if (done >= period.required) return 'met'
  if (period.end >= today) return 'open'
  if (skipped) return 'skipped'
  return canFreeze ? 'frozen' : 'missed'
}

/** Folds a habit's periods, oldest first, into its streaks and freezes as of `today`. */
export function computeStreaks(
  schedule: Schedule,
  startDay: number,
  today: number,
  marks: DayMarks,
  rule: FreezeRule = defaultFreezeRule,
): StreakState {
  const state: StreakState = { current: 0, best: 0, freezes: 0, lastBreak: null, currentPeriod: null }
  for (const period of periodsThrough(schedule, startDay, today)) {
    const outcome = outcomeOf(period, marks, today, state.freezes > 0 && state.current > 0)
    if (outcome === 'met') {
      state.current++
      state.best = Math.max(state.best, state.current)
      if (state.current % rule.earnEvery === 0) state.freezes = Math.min(rule.maxHeld, state.freezes + 1)
    } else if (outcome === 'frozen') {
      state.freezes--
    } else if (outcome === 'missed' && state.current > 0) {
      state.lastBreak = { day: period.start, previous: state.current }
      state.current = 0
    }
    if (period.end >= today && period.start <= today) {
      state.currentPeriod = { ...period, done: doneIn(period, marks).done }
    }
  }
  return state
}
