import { describe, expect, it } from 'vitest'
import { addDays, daysBetween, daysEnding, isoWeekday, relativeDay } from '../../src/habits/habit-days.ts'

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
})
