import { describe, expect, it } from 'vitest'
import { beforeText, instantOf, localInputOf, reminderText, sameReminder } from '../../src/tasks/task-reminders-text.ts'

describe('a reminder said humanly', () => {
  it('says minutes before the due in days, hours and minutes', () => {
    expect(beforeText(0)).toBe('At due')
    expect(beforeText(1)).toBe('1 minute before')
    expect(beforeText(15)).toBe('15 minutes before')
    expect(beforeText(60)).toBe('1 hour before')
    expect(beforeText(90)).toBe('1 hour 30 minutes before')
    expect(beforeText(1440)).toBe('1 day before')
    expect(beforeText(1441)).toBe('1 day 1 minute before')
    expect(beforeText(10_080)).toBe('7 days before')
  })

  it('says an instant as the weekday, day, month and time in the zone given', () => {
    const at = '2026-12-08T08:00:00.000Z'
    expect(reminderText({ at }, 'UTC')).toBe('Tue 8 Dec, 08:00')
    expect(reminderText({ at }, 'Europe/Paris')).toBe('Tue 8 Dec, 09:00')
    expect(reminderText({ at }, 'America/Los_Angeles')).toBe('Tue 8 Dec, 00:00')
    expect(reminderText({ before: 30 })).toBe('30 minutes before')
  })
})

describe('reminders compared', () => {
  it('takes an instant for the same whatever its notation, and never an instant for minutes', () => {
    expect(sameReminder({ at: '2026-12-08T08:00:00Z' }, { at: '2026-12-08T09:00:00+01:00' })).toBe(true)
    expect(sameReminder({ at: '2026-12-08T08:00:00Z' }, { at: '2026-12-08T08:01:00Z' })).toBe(false)
    expect(sameReminder({ before: 15 }, { before: 15 })).toBe(true)
    expect(sameReminder({ before: 15 }, { before: 10 })).toBe(false)
    expect(sameReminder({ before: 0 }, { at: '2026-12-08T08:00:00Z' })).toBe(false)
  })
})

describe('the datetime-local input', () => {
  it('reads the browser clock and writes it back to the minute', () => {
    const instant = new Date(2026, 11, 8, 9, 5)
    expect(localInputOf(instant)).toBe('2026-12-08T09:05')
    expect(instantOf('2026-12-08T09:05')).toBe(instant.toISOString())
    expect(instantOf('2026-12-08T09:05:30')).toBe(new Date(2026, 11, 8, 9, 5, 30).toISOString())
  })

  it('reads nothing from an incomplete value', () => {
    expect(instantOf('')).toBeNull()
    expect(instantOf('2026-12-08')).toBeNull()
    expect(instantOf('2026-13-45T25:00')).toBeNull()
  })
})
