import { describe, expect, it } from 'vitest'
import { yearGrid } from '../../src/ui/year-grid.ts'

describe('yearGrid', () => {
  it('puts 365 days from a Sunday into 53 weeks, Monday on top, the first day at the bottom of the first', () => {
    const { days, weeks } = yearGrid('2025-12-07', '2026-12-06')
    expect(weeks).toBe(53)
    expect(days).toHaveLength(365)
    expect(days[0]).toEqual({ date: '2025-12-07', column: 0, row: 6 })
    expect(days[1]).toEqual({ date: '2025-12-08', column: 1, row: 0 })
    expect(days.at(-1)).toEqual({ date: '2026-12-06', column: 52, row: 6 })
  })

  it('needs 53 weeks from a Monday too (52 weeks and a day), each day in a place of its own', () => {
    const { days, weeks } = yearGrid('2025-12-01', '2026-11-30')
    expect(weeks).toBe(53)
    expect(days[0]).toEqual({ date: '2025-12-01', column: 0, row: 0 })
    expect(days.at(-1)).toEqual({ date: '2026-11-30', column: 52, row: 0 })
    expect(new Set(days.map((day) => `${day.column}/${day.row}`)).size).toBe(365)
  })

  it('counts a leap year and steps over its 29 February', () => {
    const { days, weeks } = yearGrid('2028-01-01', '2028-12-31')
    expect(days).toHaveLength(366)
    expect(days[59]).toMatchObject({ date: '2028-02-29' })
    expect(weeks).toBe(53)
  })
})
