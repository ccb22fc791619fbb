import { describe, expect, it } from 'vitest'
import { localDate } from '../../src/tasks/local-day.ts'

describe('localDate', () => {
  it('is the date in the user’s timezone', () => {
    const now = new Date('2026-03-01T23:30:00Z')
    expect(localDate({ timezone: 'UTC', dayStartHour: 0 }, now)).toBe('2026-03-01')
    expect(localDate({ timezone: 'Asia/Tokyo', dayStartHour: 0 }, now)).toBe('2026-03-02')
    expect(localDate({ timezone: 'America/New_York', dayStartHour: 0 }, now)).toBe('2026-03-01')
  })

  it('counts the hours before the day start hour to the day before', () => {
    const user = { timezone: 'Europe/Berlin', dayStartHour: 4 }
    expect(localDate(user, new Date('2026-06-10T01:30:00Z'))).toBe('2026-06-09') // 03:30 in Berlin
    expect(localDate(user, new Date('2026-06-10T02:00:00Z'))).toBe('2026-06-10') // 04:00 in Berlin
  })
})
