import { describe, expect, it } from 'vitest'
import { dayNumberOf } from '../../src/modules/habits/day-numbers.ts'
import { keptOf, periodsEndingIn } from '../../src/modules/internal/internal-week.ts'

const day = dayNumberOf
// The week of Monday 2026-06-22 to Sunday 2026-06-28.
const [from, to] = [day('2026-06-22'), day('2026-06-28')]

describe('periodsEndingIn: the periods of a habit that end in a week, however old the habit', () => {
  it('a month ends in the week only in the week it ends', () => {
    const monthly = { type: 'times_per_month', times: 4 } as const
    expect(periodsEndingIn(monthly, day('2020-01-15'), from, to)).toEqual([])
    expect(periodsEndingIn(monthly, day('2020-01-15'), day('2026-06-29'), day('2026-07-05'))).toEqual([
      { start: day('2026-06-01'), end: day('2026-06-30'), required: 4 },
    ])
  })

  it('every n days keeps the rhythm of its start date', () => {
    // Started 2020-01-01: stretches of 10 days, the 237th from 2026-06-18 to 2026-06-27.
    const tenDays = { type: 'every_n_days', days: 10 } as const
    expect(periodsEndingIn(tenDays, day('2020-01-01'), from, to)).toEqual([
      { start: day('2026-06-18'), end: day('2026-06-27'), required: 1 },
    ])
    const threeDays = { type: 'every_n_days', days: 3 } as const
    expect(periodsEndingIn(threeDays, day('2026-06-20'), from, to).map((p) => [p.start, p.end])).toEqual([
      [day('2026-06-20'), day('2026-06-22')],
      [day('2026-06-23'), day('2026-06-25')],
      [day('2026-06-26'), day('2026-06-28')],
    ])
  })

  it('a weekly quota is the week, cut by a start date inside it', () => {
    const twice = { type: 'times_per_week', times: 2 } as const
    expect(periodsEndingIn(twice, day('2019-03-01'), from, to)).toEqual([{ start: from, end: to, required: 2 }])
    expect(periodsEndingIn(twice, day('2026-06-28'), from, to)).toEqual([{ start: to, end: to, required: 1 }])
    expect(periodsEndingIn(twice, day('2026-06-29'), from, to)).toEqual([])
  })

  it('a day schedule is each scheduled day from the start date', () => {
    const weekdays = { type: 'weekdays' as const, days: [2, 4] }
    expect(periodsEndingIn(weekdays, day('2024-01-01'), from, to).map((p) => p.start)).toEqual([
      day('2026-06-23'),
      day('2026-06-25'),
    ])
    expect(periodsEndingIn({ type: 'daily' }, day('2026-06-26'), from, to)).toHaveLength(3)
  })
})

describe('keptOf', () => {
  it('counts each period’s done days up to what it requires', () => {
    const periods = [
      { start: from, end: to, required: 2 },
      { start: to, end: to, required: 1 },
    ]
    expect(keptOf(periods, [from, from + 1, from + 2])).toEqual({ due: 3, kept: 2 })
    expect(keptOf(periods, [to])).toEqual({ due: 3, kept: 2 })
    expect(keptOf(periods, [])).toEqual({ due: 3, kept: 0 })
  })
})
