import { defaultDayBoundary } from '@focushub/shared/time'
import { describe, expect, it } from 'vitest'
import type { HabitRow } from '../../src/db/tables/habits.ts'
import {
  batchesOf,
  boundaryOfProfile,
  dueByUser,
  isSummaryDue,
  todaysOf,
} from '../../src/modules/stats/due-summaries.ts'

const brisbane = { timezone: 'Australia/Brisbane', dayStartHour: 0 }
const bogota = { timezone: 'America/Bogota', dayStartHour: 4 }
const habitOf = (id: string, userId: string, asOf: string | null) =>
  ({ id, user_id: userId, summary_as_of: asOf }) as HabitRow

describe('due summaries', () => {
  it('takes the profile, or UTC at midnight without one', () => {
    expect(boundaryOfProfile('Australia/Brisbane', 0)).toEqual(brisbane)
    expect(boundaryOfProfile(null, null)).toEqual(defaultDayBoundary)
  })

  it('is due when older than today, never when from today or later', () => {
    expect(isSummaryDue(null, '2026-03-11')).toBe(true)
    expect(isSummaryDue('2026-03-10', '2026-03-11')).toBe(true)
    expect(isSummaryDue('2026-03-11', '2026-03-11')).toBe(false)
    expect(isSummaryDue('2026-03-12', '2026-03-11')).toBe(false)
  })

  it("answers each boundary's today once, the default one included", () => {
    const now = new Date('2026-03-10T14:30:00Z')
    expect(todaysOf(now, [brisbane, brisbane, bogota, defaultDayBoundary])).toEqual([
      { ...defaultDayBoundary, today: '2026-03-10' },
      { ...brisbane, today: '2026-03-11' },
      { ...bogota, today: '2026-03-10' },
    ])
    // 03:30 in Bogotá is still the 10th for a day that starts at 4.
    expect(todaysOf(new Date('2026-03-11T08:30:00Z'), [bogota])[1]?.today).toBe('2026-03-10')
  })

  it('keeps only habits older than their own user’s today, grouped by user in id order', () => {
    const now = new Date('2026-03-10T14:30:00Z')
    const rows = [
      { habit: habitOf('h3', 'user-b', '2026-03-10'), boundary: brisbane },
      { habit: habitOf('h1', 'user-a', '2026-03-10'), boundary: bogota },
      { habit: habitOf('h2', 'user-b', null), boundary: brisbane },
      { habit: habitOf('h4', 'user-c', '2026-03-09'), boundary: defaultDayBoundary },
    ]
    expect(dueByUser(rows, now).map((due) => [due.userId, due.today, due.habits.map((habit) => habit.id)])).toEqual([
      ['user-b', '2026-03-11', ['h3', 'h2']],
      ['user-c', '2026-03-10', ['h4']],
    ])
  })
})

describe('batches', () => {
  it('cuts a list into consecutive batches, the last one short', () => {
    expect(batchesOf([1, 2, 3, 4, 5], 2)).toEqual([[1, 2], [3, 4], [5]])
    expect(batchesOf([], 100)).toEqual([])
  })
})
