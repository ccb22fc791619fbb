import { describe, expect, it } from 'vitest'
import { addDays, daysBetween, daysEnding, heatmapCells, isoWeekday, relativeDay } from '../../src/habits/habit-days.ts'

describe('habit days', () => {
  it('counts calendar days across months, leap days and daylight-saving changes alike', () => {
    expect(addDays('2024-02-28', 1)).toBe('2024-02-29')
    expect(addDays('2026-03-29', 1)).toBe('2026-03-30')
    expect(addDays('2026-01-01', -1)).toBe('2025-12-31')
    expect(daysBetween('2025-12-31', '2026-03-01')).toBe(60)
    expect(daysEnding('2026-12-06', 7)).toEqual([
      '2026-11-30',
      '2026-12-01',
      '2026-12-02',
      '2026-12-03',
      '2026-12-04',
      '2026-12-05',
      '2026-12-06',
    ])
  })

  it('names ISO weekdays and the nearest days', () => {
    expect(isoWeekday('2026-11-30')).toBe(1)
    expect(isoWeekday('2026-12-06')).toBe(7)
    expect(relativeDay('2026-12-06', '2026-12-06')).toBe('today')
    expect(relativeDay('2026-12-05', '2026-12-06')).toBe('yesterday')
  })

  it('lays a year out in 53 Monday-first weeks, the last column holding the last day', () => {
    const cells = heatmapCells('2025-12-07', '2026-12-06')
    expect(cells).toHaveLength(365)
    expect(cells[0]).toEqual({ date: '2025-12-07', week: 0, weekday: 6 })
    expect(cells.at(-1)).toEqual({ date: '2026-12-06', week: 52, weekday: 6 })
    // A Monday ends the year: the last column holds it alone, at the top, and the first a whole week.
    const mondayLast = heatmapCells('2025-12-01', '2026-11-30')
    expect(mondayLast.at(-1)).toEqual({ date: '2026-11-30', week: 52, weekday: 0 })
    expect(mondayLast[0]).toEqual({ date: '2025-12-01', week: 0, weekday: 0 })
    expect(new Set(mondayLast.map((cell) => `${cell.week}/${cell.weekday}`)).size).toBe(365)
  })
})
