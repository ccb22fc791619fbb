import { describe, expect, it } from 'vitest'
import { dayNumberOf } from '../../src/modules/habits/day-numbers.ts'
import { completionRate } from '../../src/modules/stats/completion.ts'
import { summarize } from '../../src/modules/stats/summary.ts'
import type { Schedule } from '../../src/schemas/habits.ts'
import { marksFrom } from './marks.ts'

const monday = '2026-03-02'

describe('completion rate: done over expected in the window, from the start date', () => {
  it.each<[string, Schedule, string, number, number | null]>([
    ['daily, 5 of 7', { type: 'daily' }, 'dd.dd.d', 7, 5 / 7],
    ['daily, window longer than the habit', { type: 'daily' }, 'dd', 30, 1],
    ['Mon–Fri, weekend check-ins not expected', { type: 'weekdays', days: [1, 2, 3, 4, 5] }, 'ddd.d..', 7, 4 / 5],
    ['3 a week over 7 days expects 3', { type: 'times_per_week', times: 3 }, 'd.d....', 7, 2 / 3],
    ['3 a week, more than asked is capped at 1', { type: 'times_per_week', times: 3 }, 'ddddd..', 7, 1],
    ['every 7 days over 7 days expects 1', { type: 'every_n_days', days: 7 }, '......d', 7, 1],
  ])('%s', (_, schedule, days, window, expected) => {
    const today = dayNumberOf(monday) + days.length - 1
    expect(completionRate(schedule, dayNumberOf(monday), today, marksFrom(monday, days), window)).toBeCloseTo(
      expected as number,
      6,
    )
  })

  it('is null before anything was expected', () => {
    const start = dayNumberOf(monday)
    expect(completionRate({ type: 'weekdays', days: [6] }, start, start, new Map(), 7)).toBeNull()
  })
})

describe('summary: what is due today', () => {
  const habit = (schedule: Schedule) => ({ schedule, startDate: monday, target: null, targetType: null })
  const done = (localDate: string) => ({ localDate, status: 'done' as const, value: null })

  it('a weekday habit is due only on its days', () => {
    expect(summarize(habit({ type: 'weekdays', days: [1] }), [], '2026-03-09').dueToday).toBe(true)
    expect(summarize(habit({ type: 'weekdays', days: [1] }), [], '2026-03-10').dueToday).toBe(false)
  })

  it('a quota habit is due until its period is met', () => {
    const twice = habit({ type: 'times_per_week', times: 2 })
    const checkIns = [done('2026-03-02'), done('2026-03-03')]
    expect(summarize(twice, checkIns.slice(0, 1), '2026-03-04')).toMatchObject({
      dueToday: true,
      period: { done: 1, required: 2 },
    })
    expect(summarize(twice, checkIns, '2026-03-04')).toMatchObject({ dueToday: false, currentStreak: 1, unit: 'weeks' })
  })

  it('nothing is due before the start date', () => {
    expect(summarize(habit({ type: 'daily' }), [], '2026-03-01').dueToday).toBe(false)
  })
})
