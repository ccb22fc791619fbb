import { describe, expect, it } from 'vitest'
import { dueText } from '../../src/modules/reminders/reminder-text.ts'
import { fireAtOf, maxLatenessMs, reminderJobKey, worthArming } from '../../src/modules/reminders/reminder-times.ts'

describe('when a reminder fires', () => {
  it('`at` is its own instant; `before` counts back from the due instant, and needs one', () => {
    const due = new Date('2030-03-10T09:00:00Z')
    expect(fireAtOf({ at: '2030-03-09T18:00:00+01:00' }, due)?.toISOString()).toBe('2030-03-09T17:00:00.000Z')
    expect(fireAtOf({ before: 90 }, due)?.toISOString()).toBe('2030-03-10T07:30:00.000Z')
    expect(fireAtOf({ before: 0 }, due)?.toISOString()).toBe('2030-03-10T09:00:00.000Z')
    expect(fireAtOf({ before: 30 }, null)).toBeNull()
    expect(fireAtOf({ at: '2030-03-09T18:00:00Z' }, null)?.toISOString()).toBe('2030-03-09T18:00:00.000Z')
  })

  it('across a DST change `before` is exact elapsed time (Berlin goes forward on 31 March 2030)', () => {
    // 09:00 CEST on 31 March; 12 hours before is 20:00 CET on the 30th (21:00 on the wall clock would be 11 h).
    const due = new Date('2030-03-31T07:00:00Z')
    expect(fireAtOf({ before: 12 * 60 }, due)?.toISOString()).toBe('2030-03-30T19:00:00.000Z')
    // An all-day task on 27 October 2030 (clocks go back): due at the end of that local day, 23:00 UTC.
    expect(fireAtOf({ before: 24 * 60 }, new Date('2030-10-27T23:00:00Z'))?.toISOString()).toBe(
      '2030-10-26T23:00:00.000Z',
    )
  })

  it('is armed at most an hour late', () => {
    const fireAt = new Date('2030-03-10T09:00:00Z')
    expect(worthArming(fireAt, new Date(fireAt.getTime() + maxLatenessMs))).toBe(true)
    expect(worthArming(fireAt, new Date(fireAt.getTime() + maxLatenessMs + 1))).toBe(false)
    expect(worthArming(fireAt, new Date('2030-01-01T00:00:00Z'))).toBe(true)
  })

  it('has one job key per task, user and place', () => {
    expect(reminderJobKey('t', 'u', 2)).toBe('reminder:t:u:2')
  })
})

describe('the due, as the reminder says it', () => {
  it("names the time in the user's zone, with its abbreviation, on either side of a change", () => {
    expect(dueText({ due_at: new Date('2030-03-30T19:00:00Z'), due_date: null }, 'Europe/Berlin')).toBe(
      'Due Saturday 30 March 2030 at 20:00 CET.',
    )
    expect(dueText({ due_at: new Date('2030-03-31T07:00:00Z'), due_date: null }, 'Europe/Berlin')).toBe(
      'Due Sunday 31 March 2030 at 09:00 CEST.',
    )
  })

  it('names the day of an all-day task, and says so when there is no due', () => {
    expect(dueText({ due_at: new Date('2030-03-31T22:00:00Z'), due_date: '2030-03-31' }, 'Europe/Berlin')).toBe(
      'Due Sunday 31 March 2030.',
    )
    expect(dueText({ due_at: null, due_date: null }, 'UTC')).toBe('A reminder you set for this task.')
  })
})
