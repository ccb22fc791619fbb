import { localDateOf } from '@focushub/shared/time'
import { describe, expect, it } from 'vitest'
import {
  dayNumberOf,
  isoWeekdayOf,
  localDateOfDay,
  monthOf,
  weekStartOf,
} from '../../src/modules/habits/day-numbers.ts'
import { periodsThrough } from '../../src/modules/habits/schedule.ts'
import { summarize } from '../../src/modules/stats/summary.ts'

describe('local day numbers', () => {
  it.each([
    ['1970-01-01', 0, 4],
    ['2026-03-02', 20514, 1],
    ['2026-03-08', 20520, 7],
    ['2024-02-29', 19782, 4],
  ])('%s is day %i, ISO weekday %i', (date, day, weekday) => {
    expect(dayNumberOf(date)).toBe(day)
    expect(localDateOfDay(day)).toBe(date)
    expect(isoWeekdayOf(day)).toBe(weekday)
  })

  it('finds weeks (Monday first) and months, leap years included', () => {
    expect(localDateOfDay(weekStartOf(dayNumberOf('2026-03-08')))).toBe('2026-03-02')
    const february = monthOf(dayNumberOf('2024-02-10'))
    expect([localDateOfDay(february.start), localDateOfDay(february.end)]).toEqual(['2024-02-01', '2024-02-29'])
  })

  it('reads years 1 to 99 as themselves (Date.UTC would make them 1901 to 1999)', () => {
    for (const date of ['0001-01-01', '0050-06-15', '0099-12-31']) expect(localDateOfDay(dayNumberOf(date))).toBe(date)
    const month = monthOf(dayNumberOf('0004-02-10'))
    expect([localDateOfDay(month.start), localDateOfDay(month.end)]).toEqual(['0004-02-01', '0004-02-29'])
  })

  it('cuts a first week at the start date', () => {
    const periods = periodsThrough(
      { type: 'times_per_week', times: 5 },
      dayNumberOf('2026-03-06'),
      dayNumberOf('2026-03-10'),
    )
    expect(periods.map((p) => [localDateOfDay(p.start), localDateOfDay(p.end), p.required])).toEqual([
      ['2026-03-06', '2026-03-08', 3],
      ['2026-03-09', '2026-03-15', 5],
    ])
  })
})

describe('today across time zones, day starts and DST', () => {
  const habit = { schedule: { type: 'daily' as const }, startDate: '2026-03-01', target: null, targetType: null }
  const checkIns = ['2026-03-06', '2026-03-07', '2026-03-08'].map((localDate) => ({
    localDate,
    status: 'done' as const,
    value: null,
  }))

  it.each([
    // New York springs forward on 2026-03-08 at 02:00 (a 23-hour day).
    ['2026-03-09T03:30:00Z', { timezone: 'America/New_York', dayStartHour: 0 }, '2026-03-08'],
    ['2026-03-09T04:30:00Z', { timezone: 'America/New_York', dayStartHour: 0 }, '2026-03-09'],
    // A 04:00 day start: 03:00 local still counts for the day before.
    ['2026-03-09T07:00:00Z', { timezone: 'America/New_York', dayStartHour: 4 }, '2026-03-08'],
    // Europe falls back on 2026-10-25 (a 25-hour day); Auckland is already on the next date.
    ['2026-10-25T22:59:00Z', { timezone: 'Europe/Berlin', dayStartHour: 0 }, '2026-10-25'],
    ['2026-03-08T11:30:00Z', { timezone: 'Pacific/Auckland', dayStartHour: 0 }, '2026-03-09'],
  ])('%s in %o is %s', (instant, boundary, localDate) => {
    expect(localDateOf(new Date(instant), boundary)).toBe(localDate)
  })

  it('keeps the streak while the local day with the last check-in is still today, and counts days not hours across DST', () => {
    const onSunday = summarize(
      habit,
      checkIns,
      localDateOf(new Date('2026-03-09T03:30:00Z'), { timezone: 'America/New_York', dayStartHour: 0 }),
    )
    expect(onSunday).toMatchObject({ currentStreak: 3, today: { status: 'done' } })
    const onMonday = summarize(
      habit,
      checkIns,
      localDateOf(new Date('2026-03-09T04:30:00Z'), { timezone: 'America/New_York', dayStartHour: 0 }),
    )
    expect(onMonday).toMatchObject({ currentStreak: 3, today: null, dueToday: true })
    const onTuesday = summarize(habit, checkIns, '2026-03-10')
    expect(onTuesday.currentStreak).toBe(0)
  })
})
