import { addDays } from '@focushub/shared/time'
import { describe, expect, it } from 'vitest'
import { dayNumberOf } from '../../src/modules/habits/day-numbers.ts'
import { computeStreaks } from '../../src/modules/stats/streaks.ts'
import type { Schedule } from '../../src/schemas/habits.ts'
import { marksFrom } from './marks.ts'

// 2026-03-02 is a Monday. Day strings start there; today is the day of the last symbol.
const monday = '2026-03-02'
const daily: Schedule = { type: 'daily' }
const noFreezes = { earnEvery: 7, maxHeld: 0 }

interface Case {
  name: string
  schedule: Schedule
  days: string
  current: number
  best: number
  rule?: { earnEvery: number; maxHeld: number }
}

const cases: Case[] = [
  { name: 'daily: every day done', schedule: daily, days: 'ddddd', current: 5, best: 5 },
  { name: 'daily: today not yet done keeps the streak', schedule: daily, days: 'dddd.', current: 4, best: 4 },
  { name: 'daily: a missed day breaks it', schedule: daily, days: 'ddd.dd', current: 2, best: 3, rule: noFreezes },
  { name: 'daily: a skipped day neither breaks nor counts', schedule: daily, days: 'ddsdd', current: 4, best: 4 },
  { name: 'daily: partial is not done', schedule: daily, days: 'ddpd', current: 1, best: 2, rule: noFreezes },
  {
    name: 'weekdays Mon–Fri: weekends are not due',
    schedule: { type: 'weekdays', days: [1, 2, 3, 4, 5] },
    days: 'ddddd..dd',
    current: 7,
    best: 7,
  },
  {
    name: 'weekdays Mon/Wed: a missed Wednesday breaks',
    schedule: { type: 'weekdays', days: [1, 3] },
    days: 'd......d.d',
    current: 2,
    best: 2,
    rule: noFreezes,
  },
  {
    name: '3 a week: streak counts weeks met',
    schedule: { type: 'times_per_week', times: 3 },
    days: 'd.d.d..ddd....d',
    current: 2,
    best: 2,
  },
  {
    name: '3 a week: a week with 2 breaks it when over',
    schedule: { type: 'times_per_week', times: 3 },
    days: 'ddd....dd.....dddd',
    current: 1,
    best: 1,
    rule: noFreezes,
  },
  {
    name: '3 a week: the current week under quota is still open',
    schedule: { type: 'times_per_week', times: 3 },
    days: 'ddd....d',
    current: 1,
    best: 1,
  },
  {
    name: 'every 3 days: one done per block',
    schedule: { type: 'every_n_days', days: 3 },
    days: '..d.d.d....',
    current: 3,
    best: 3,
  },
  {
    name: 'every 3 days: an empty block breaks',
    schedule: { type: 'every_n_days', days: 3 },
    days: 'd.....d',
    current: 1,
    best: 1,
    rule: noFreezes,
  },
]

describe('computeStreaks: schedules × streak rules', () => {
  it.each(cases)('$name', ({ schedule, days, current, best, rule }) => {
    const marks = marksFrom(monday, days)
    const today = dayNumberOf(monday) + days.length - 1
    const state = computeStreaks(schedule, dayNumberOf(monday), today, marks, rule)
    expect({ current: state.current, best: state.best }).toEqual({ current, best })
  })

  it('streaks monthly habits in months, the first month asking no more than its days left', () => {
    const schedule: Schedule = { type: 'times_per_month', times: 2 }
    // Starts 2026-01-30: January has 2 days left, needs 2; February needs 2; March is open.
    const marks = marksFrom('2026-01-30', `dd${'.'.repeat(9)}dd${'.'.repeat(20)}d`)
    const state = computeStreaks(schedule, dayNumberOf('2026-01-30'), dayNumberOf('2026-03-05'), marks)
    expect(state).toMatchObject({ current: 2, best: 2, currentPeriod: { done: 1, required: 2 } })
  })

  it('records the latest break with the streak it ended', () => {
    const state = computeStreaks(
      daily,
      dayNumberOf(monday),
      dayNumberOf(addDays(monday, 4)),
      marksFrom(monday, 'dd.dd'),
      noFreezes,
    )
    expect(state.lastBreak).toEqual({ day: dayNumberOf(addDays(monday, 2)), previous: 2 })
  })
})

describe('streak freezes: one per 7 periods met in a row, at most 2, spent on a missed period', () => {
  const run = (days: string) =>
    computeStreaks(daily, dayNumberOf(monday), dayNumberOf(monday) + days.length - 1, marksFrom(monday, days))

  it('earns one at 7 days and spends it on a missed day, keeping the streak', () => {
    expect(run('ddddddd').freezes).toBe(1)
    const state = run('ddddddd.dd')
    expect(state).toMatchObject({ current: 9, freezes: 0, lastBreak: null })
  })

  it('holds at most 2', () => {
    expect(run('d'.repeat(28)).freezes).toBe(2)
  })

  it('breaks once the freezes run out', () => {
    const state = run('ddddddd..d')
    expect(state).toMatchObject({ current: 1, best: 7, lastBreak: { previous: 7 } })
  })

  it('earns nothing below 7 and never spends one without a streak to keep', () => {
    expect(run('dddddd.d')).toMatchObject({ current: 1, freezes: 0 })
    expect(run('ddddddd' + '.' + '.' + 'ddddddd').freezes).toBe(1)
  })
})
