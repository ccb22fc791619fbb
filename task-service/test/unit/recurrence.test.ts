import { describe, expect, it } from 'vitest'
import {
  checkYieldsWithinHorizon,
  nextOccurrence,
  normalizeRule,
  type Occurrence,
} from '../../src/modules/tasks/recurrence.ts'

const allDay = (rule: string, dueDate: string, extra: Partial<Occurrence> = {}): Occurrence => ({
  rule: normalizeRule(rule),
  repeatFrom: 'due',
  timezone: 'UTC',
  dueAt: new Date(`${dueDate}T00:00:00Z`),
  dueDate,
  completedOn: dueDate,
  occurrence: 1,
  ...extra,
})

/** Follows a series for `count` steps from its first due date. */
function series(first: Occurrence, count: number): string[] {
  const dates: string[] = []
  let current = first
  for (let i = 0; i < count; i++) {
    const next = nextOccurrence(current)
    if (!next) break
    dates.push(next)
    current = {
      ...current,
      dueDate: next.length === 10 ? next : null,
      dueAt: new Date(next),
      occurrence: current.occurrence + 1,
    }
  }
  return dates
}

describe('normalizeRule', () => {
  it('accepts a rule with or without the RRULE: prefix and answers it canonically', () => {
    expect(normalizeRule('RRULE:FREQ=WEEKLY;BYDAY=MO,WE')).toBe('FREQ=WEEKLY;BYDAY=MO,WE')
    expect(normalizeRule('freq=daily;interval=2')).toBe('FREQ=DAILY;INTERVAL=2')
  })

  it.each([
    ['garbage', 'not a rule'],
    ['no frequency', 'INTERVAL=2'],
    ['hourly', 'FREQ=HOURLY'],
    ['DTSTART', 'DTSTART:20260101T000000Z\nRRULE:FREQ=DAILY'],
    ['a bad weekday', 'FREQ=WEEKLY;BYDAY=XX'],
    ['zero count', 'FREQ=DAILY;COUNT=0'],
    ['times of day', 'FREQ=DAILY;BYHOUR=9,17'],
    ['a daily BYSETPOS', 'FREQ=DAILY;BYSETPOS=1'],
  ])('refuses %s with a 422 (the schema holds the grammar only)', (_, rule) => {
    expect(() => normalizeRule(rule)).toThrow(expect.objectContaining({ status: 422, code: 'recurrence-invalid' }))
  })
})

describe('nextOccurrence', () => {
  it('monthly on the 31st skips the months without one; BYMONTHDAY=-1 takes each month end', () => {
    expect(series(allDay('FREQ=MONTHLY;BYMONTHDAY=31', '2026-01-31'), 3)).toEqual([
      '2026-03-31',
      '2026-05-31',
      '2026-07-31',
    ])
    expect(series(allDay('FREQ=MONTHLY;BYMONTHDAY=-1', '2026-01-31'), 3)).toEqual([
      '2026-02-28',
      '2026-03-31',
      '2026-04-30',
    ])
  })

  it('the 5th Friday comes only in months that have one', () => {
    expect(series(allDay('FREQ=MONTHLY;BYDAY=+5FR', '2026-01-30'), 3)).toEqual([
      '2026-05-29',
      '2026-07-31',
      '2026-10-30',
    ])
  })

  it('a yearly leap-day task comes back on the next 29 February', () => {
    expect(series(allDay('FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=29', '2024-02-29'), 2)).toEqual(['2028-02-29', '2032-02-29'])
  })

  it('keeps the wall-clock time across a DST change in the user timezone', () => {
    const first: Occurrence = {
      rule: normalizeRule('FREQ=DAILY'),
      repeatFrom: 'due',
      timezone: 'Europe/Berlin',
      dueAt: new Date('2026-03-28T08:00:00Z'), // 09:00 CET
      dueDate: null,
      completedOn: '2026-03-28',
      occurrence: 1,
    }
    const [sunday, monday] = series(first, 2)
    expect(new Date(sunday).toISOString()).toBe('2026-03-29T07:00:00.000Z') // 09:00 CEST
    expect(new Date(monday).toISOString()).toBe('2026-03-30T07:00:00.000Z')
  })

  it('weekly on chosen weekdays, with an interval', () => {
    expect(series(allDay('FREQ=WEEKLY;INTERVAL=2;BYDAY=MO,TH', '2026-11-02'), 3)).toEqual([
      '2026-11-05',
      '2026-11-16',
      '2026-11-19',
    ])
  })

  it('ends after COUNT occurrences and at UNTIL', () => {
    expect(series(allDay('FREQ=DAILY;COUNT=3', '2026-11-01'), 5)).toEqual(['2026-11-02', '2026-11-03'])
    expect(series(allDay('FREQ=DAILY;UNTIL=20261103T000000Z', '2026-11-01'), 5)).toEqual(['2026-11-02', '2026-11-03'])
  })

  it('from completion: counts from the day it was done, keeping the time of day', () => {
    const next = nextOccurrence({
      rule: normalizeRule('FREQ=DAILY;INTERVAL=3'),
      repeatFrom: 'completion',
      timezone: 'America/New_York',
      dueAt: new Date('2026-11-02T14:00:00Z'), // 09:00 EST
      dueDate: null,
      completedOn: '2026-11-06', // done at 18:30 on the 6th, late
      occurrence: 1,
    })
    expect(new Date(next as string).toISOString()).toBe('2026-11-09T14:00:00.000Z')
  })

  it("from completion: counts from the completer's local day, which may have begun the calendar day before", () => {
    // Done at 01:19 on 6 December with days starting at 04:00: that counts for 5 December.
    const daily = allDay('FREQ=DAILY', '2026-12-01', { repeatFrom: 'completion', completedOn: '2026-12-05' })
    expect(nextOccurrence(daily)).toBe('2026-12-06')
    const weekly = allDay('FREQ=WEEKLY', '2026-12-01', { repeatFrom: 'completion', completedOn: '2026-12-05' })
    expect(nextOccurrence(weekly)).toBe('2026-12-12')
  })
})

describe('the horizon', () => {
  it('a rule that never yields ends the series at once instead of walking to the year 9999', () => {
    // Unbounded, rrule walks about three million days here: seconds, past this test's timeout.
    expect(nextOccurrence(allDay('FREQ=DAILY;BYMONTH=2;BYMONTHDAY=30', '2026-12-06'))).toBeNull()
    expect(nextOccurrence(allDay('FREQ=MONTHLY;BYMONTH=2;BYMONTHDAY=30', '2026-12-06'))).toBeNull()
    expect(nextOccurrence(allDay('FREQ=WEEKLY;BYMONTH=4;BYMONTHDAY=31;BYDAY=MO', '2026-12-06'))).toBeNull()
  })

  it('the longest real gap, a leap day across a skipped leap year, is still found', () => {
    expect(series(allDay('FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=29', '2096-02-29'), 1)).toEqual(['2104-02-29'])
    expect(series(allDay('FREQ=YEARLY;INTERVAL=10', '2026-12-06'), 1)).toEqual(['2036-12-06'])
  })

  it('an occurrence past the horizon ends the series: ten years, two for a daily rule', () => {
    expect(nextOccurrence(allDay('FREQ=YEARLY;INTERVAL=11', '2026-12-06'))).toBeNull()
    expect(nextOccurrence(allDay('FREQ=DAILY;BYMONTH=2;BYMONTHDAY=29', '2096-03-01'))).toBeNull()
  })

  it('a first due date with no occurrence within the horizon is refused with 422 naming the rule', () => {
    const first = { timezone: 'UTC', dueAt: new Date('2026-12-06T00:00:00Z'), dueDate: '2026-12-06' }
    expect(() =>
      checkYieldsWithinHorizon({ ...first, rule: normalizeRule('FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=30') }),
    ).toThrow(
      expect.objectContaining({
        status: 422,
        extras: { errors: [expect.objectContaining({ field: '/body/recurrence/rrule' })] },
      }),
    )
    expect(() => checkYieldsWithinHorizon({ ...first, rule: normalizeRule('FREQ=WEEKLY;COUNT=1') })).not.toThrow()
  })
})
