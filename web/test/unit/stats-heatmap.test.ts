import { describe, expect, it } from 'vitest'
import { addDays, weekday } from '../../src/stats/dates.ts'
import { monthlyMinutes, shade } from '../../src/stats/heatmap-layout.ts'

const year = (from: string, minutes: (index: number) => number = () => 0) => ({
  from,
  to: addDays(from, 364),
  minutes: Array.from({ length: 365 }, (_, index) => minutes(index)),
})

describe('local dates', () => {
  it('step over month, year and leap days, and name Monday 0 and Sunday 6', () => {
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01')
    expect(addDays('2028-02-28', 1)).toBe('2028-02-29')
    expect(addDays('2026-03-01', -1)).toBe('2026-02-28')
    expect(weekday('2026-12-07')).toBe(0)
    expect(weekday('2026-12-06')).toBe(6)
  })
})

describe('monthlyMinutes', () => {
  it("sums each month's minutes", () => {
    const months = monthlyMinutes(year('2025-12-07', (index) => (index < 30 ? 10 : 0)))
    expect(months.get('2025-12')).toBe(25 * 10)
    expect(months.get('2026-01')).toBe(5 * 10)
    expect(months.get('2026-02')).toBe(0)
    expect(months.size).toBe(13)
  })
})

describe('shade', () => {
  it('is 0 without focus, 1–3 by the share of the goal, 4 from the goal on', () => {
    expect([0, 1, 19, 20, 39, 40, 59, 60, 600].map((minutes) => shade(minutes, 60))).toEqual([
      0, 1, 1, 2, 2, 3, 3, 4, 4,
    ])
  })
})
