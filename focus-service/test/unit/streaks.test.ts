import { addDays } from '@focushub/shared/time'
import { describe, expect, it } from 'vitest'
import { addCalendarDays } from '../../src/modules/stats/calendar.ts'
import { goalStreaks } from '../../src/modules/stats/streaks.ts'

describe('goal streaks', () => {
  it('is zero without awards', () => {
    expect(goalStreaks([], '2026-03-10')).toEqual({ current: 0, best: 0 })
  })

  it('keeps the current streak alive through yesterday until today ends', () => {
    const dates = ['2026-03-07', '2026-03-08', '2026-03-09']
    expect(goalStreaks(dates, '2026-03-10')).toEqual({ current: 3, best: 3 })
    expect(goalStreaks([...dates, '2026-03-10'], '2026-03-10')).toEqual({ current: 4, best: 4 })
    expect(goalStreaks(dates, '2026-03-11')).toEqual({ current: 0, best: 3 })
  })

  it('finds the best run across gaps and month ends', () => {
    const dates = ['2026-01-30', '2026-01-31', '2026-02-01', '2026-02-02', '2026-02-10', '2026-02-11']
    expect(goalStreaks(dates, '2026-02-11')).toEqual({ current: 2, best: 4 })
  })

  it('counts a DST-change day like any other calendar day', () => {
    expect(goalStreaks(['2026-03-28', '2026-03-29', '2026-03-30'], '2026-03-30')).toEqual({ current: 3, best: 3 })
  })
})

describe('addCalendarDays', () => {
  it("agrees with shared's addDays across month, year, leap-day and DST dates", () => {
    for (const date of ['2026-01-31', '2026-02-28', '2028-02-28', '2026-03-29', '2026-10-25', '2026-12-31']) {
      for (const days of [-400, -1, 0, 1, 2, 365]) expect(addCalendarDays(date, days)).toBe(addDays(date, days))
    }
  })
})
