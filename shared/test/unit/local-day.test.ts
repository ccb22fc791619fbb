import { describe, expect, it } from 'vitest'
import { addDays, isTimezone, localDateOf, localDayBounds } from '../../src/time/local-day.ts'

const berlin = { timezone: 'Europe/Berlin', dayStartHour: 0 }
const nightOwl = { timezone: 'America/New_York', dayStartHour: 4 }

describe('localDateOf', () => {
  it('reads the date in the user’s zone, not UTC', () => {
    expect(localDateOf(new Date('2026-03-01T23:30:00Z'), berlin)).toBe('2026-03-02')
    expect(localDateOf(new Date('2026-03-02T03:00:00Z'), { timezone: 'America/Los_Angeles', dayStartHour: 0 })).toBe(
      '2026-03-01',
    )
  })

  it('counts the hours before dayStartHour for the day before', () => {
    expect(localDateOf(new Date('2026-06-10T07:59:00Z'), nightOwl)).toBe('2026-06-09') // 03:59 local
    expect(localDateOf(new Date('2026-06-10T08:00:00Z'), nightOwl)).toBe('2026-06-10') // 04:00 local
  })
})

describe('localDayBounds', () => {
  it('spans 24 hours on an ordinary day', () => {
    const { start, end } = localDayBounds('2026-06-10', berlin)
    expect(start.toISOString()).toBe('2026-06-09T22:00:00.000Z')
    expect(end.getTime() - start.getTime()).toBe(24 * 3600_000)
  })

  it('spans 23 hours on the spring-forward day and 25 on the fall-back day', () => {
    const spring = localDayBounds('2026-03-29', berlin)
    expect(spring.end.getTime() - spring.start.getTime()).toBe(23 * 3600_000)
    const fall = localDayBounds('2026-10-25', berlin)
    expect(fall.end.getTime() - fall.start.getTime()).toBe(25 * 3600_000)
  })

  it('starts at dayStartHour and agrees with localDateOf at both edges', () => {
    const { start, end } = localDayBounds('2026-11-01', nightOwl) // US fall-back day
    expect(localDateOf(start, nightOwl)).toBe('2026-11-01')
    expect(localDateOf(new Date(end.getTime() - 1), nightOwl)).toBe('2026-11-01')
    expect(localDateOf(end, nightOwl)).toBe('2026-11-02')
  })

  it('starts at dayStartHour on the wall clock on a DST day too', () => {
    const early = { timezone: 'Europe/Berlin', dayStartHour: 4 }
    const { start, end } = localDayBounds('2026-03-29', early) // clocks go 02:00 → 03:00
    expect(start.toISOString()).toBe('2026-03-29T02:00:00.000Z') // 04:00 CEST
    expect(end.getTime() - start.getTime()).toBe(24 * 3600_000)
    expect(localDateOf(new Date('2026-03-29T02:30:00Z'), early)).toBe('2026-03-29') // 04:30 local
    expect(localDateOf(new Date('2026-03-29T01:30:00Z'), early)).toBe('2026-03-28') // 03:30 local
  })

  it('refuses a malformed date', () => {
    expect(() => localDayBounds('2026-02-30', berlin)).toThrow(RangeError)
  })
})

describe('calendar helpers', () => {
  it('adds days across month ends and leap days', () => {
    expect(addDays('2028-02-28', 1)).toBe('2028-02-29')
    expect(addDays('2026-03-01', -1)).toBe('2026-02-28')
  })

  it('knows real timezones only', () => {
    expect(isTimezone('Asia/Kolkata')).toBe(true)
    expect(isTimezone('Mars/Olympus')).toBe(false)
  })
})
