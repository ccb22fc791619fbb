import { describe, expect, it } from 'vitest'
import { dayNumberOf } from '../../src/modules/habits/day-numbers.ts'
import { multiplierOf, strengthScore } from '../../src/modules/stats/strength.ts'
import { marksFrom } from './marks.ts'

const start = '2026-01-01'
const score = (days: string, schedule: Parameters<typeof strengthScore>[0] = { type: 'daily' }) =>
  strengthScore(schedule, dayNumberOf(start), dayNumberOf(start) + days.length - 1, marksFrom(start, days))

describe("strength score (Loop Habit Tracker's exponential smoothing)", () => {
  it('uses m = 0.5^(√freq / 13)', () => {
    expect(multiplierOf(1)).toBeCloseTo(0.948078, 6)
    expect(multiplierOf(3 / 7)).toBeCloseTo(0.965697, 6)
  })

  // A daily habit done k days in a row from 0 scores 1 − m^k = 1 − 0.5^(k/13).
  it.each([
    ['one day done', 'd', 0.051922],
    ['13 days done: halfway', 'd'.repeat(13), 0.5],
    ['26 days done', 'd'.repeat(26), 0.75],
    ['13 done then 13 missed: half of a half', `${'d'.repeat(13)}${'.'.repeat(13)}`, 0.25],
    ['nothing done', '.....', 0],
  ])('daily: %s', (_, days, expected) => {
    expect(score(days)).toBeCloseTo(expected, 5)
  })

  it('leaves the score unchanged on a skipped day', () => {
    expect(score(`${'d'.repeat(13)}sss`)).toBeCloseTo(0.5, 5)
  })

  it('credits partial values by their share of the target', () => {
    // One day at half the target: 0.5 · (1 − m).
    expect(score('p')).toBeCloseTo(0.5 * (1 - 0.948078), 5)
  })

  it('3 a week: a day is worth the rolling 7-day share of the quota', () => {
    const m = 0.965697
    // Day 1: 1/3 of the quota; day 2: 2/3; day 3: the quota met.
    const expected = ((1 / 3) * (1 - m) * m + (2 / 3) * (1 - m)) * m + 1 * (1 - m)
    expect(score('ddd', { type: 'times_per_week', times: 3 })).toBeCloseTo(expected, 5)
  })
})
