import { describe, expect, it } from 'vitest'
import { noRecurrence, parseRule, type Rule, readDraft, seriesDates, toRrule } from '../../src/tasks/recurrence.ts'

const weekly = (days: Rule['days'], more: Partial<Rule> = {}): Rule => ({
  frequency: 'weekly',
  interval: 1,
  days,
  ...more,
})

describe('seriesDates', () => {
  it('starts at the due date and follows a weekly rule on the chosen days, COUNT counting the first', () => {
    // 2026-12-07 is a Monday.
    expect(seriesDates(weekly(['MO', 'TH'], { count: 4 }), '2026-12-07')).toEqual([
      '2026-12-07',
      '2026-12-10',
      '2026-12-14',
      '2026-12-17',
    ])
  })

  it('keeps a due date off the chosen days as the first, then goes on from it', () => {
    // Wednesday 9 December: the next is that week's Thursday.
    expect(seriesDates(weekly(['MO', 'TH']), '2026-12-09')).toEqual([
      '2026-12-09',
      '2026-12-10',
      '2026-12-14',
      '2026-12-17',
      '2026-12-21',
    ])
  })

  it('skips weeks by the interval, counted from the week of each occurrence', () => {
    expect(seriesDates(weekly(['MO', 'TH'], { interval: 2 }), '2026-12-10', '', 4)).toEqual([
      '2026-12-10',
      '2026-12-21',
      '2026-12-24',
      '2027-01-04',
    ])
    expect(seriesDates(weekly([]), '2026-12-31', '', 3)).toEqual(['2026-12-31', '2027-01-07', '2027-01-14'])
  })

  it('repeats daily across a month, a year and a DST change by calendar days', () => {
    expect(seriesDates({ frequency: 'daily', interval: 3, days: [] }, '2026-03-27', '09:00', 4)).toEqual([
      '2026-03-27',
      '2026-03-30',
      '2026-04-02',
      '2026-04-05',
    ])
  })

  it('skips months without the day of month, and a yearly 29 February to leap years', () => {
    expect(seriesDates({ frequency: 'monthly', interval: 1, days: [] }, '2027-01-31', '', 4)).toEqual([
      '2027-01-31',
      '2027-03-31',
      '2027-05-31',
      '2027-07-31',
    ])
    expect(seriesDates({ frequency: 'yearly', interval: 1, days: [] }, '2028-02-29', '', 3)).toEqual([
      '2028-02-29',
      '2032-02-29',
      '2036-02-29',
    ])
  })

  it('ends on the UNTIL day inclusive, whatever the time of day', () => {
    const rule = weekly(['MO', 'TH'], { until: '2026-12-14T23:59:59' })
    expect(seriesDates(rule, '2026-12-07', '21:30')).toEqual(['2026-12-07', '2026-12-10', '2026-12-14'])
  })

  it('ends where the next date is past the horizon, as the API does', () => {
    expect(seriesDates({ frequency: 'yearly', interval: 20, days: [] }, '2026-12-07')).toEqual(['2026-12-07'])
    expect(seriesDates({ frequency: 'daily', interval: 800, days: [] }, '2026-12-07')).toEqual(['2026-12-07'])
    expect(seriesDates({ frequency: 'yearly', interval: 3, days: [] }, '2028-02-29')).toEqual(['2028-02-29'])
  })
})

describe('the rule as the API reads and writes it', () => {
  it('builds the RRULE of the editor’s fields', () => {
    const draft = { ...noRecurrence, frequency: 'weekly' as const, days: ['MO' as const, 'TH' as const] }
    expect(readDraft({ ...draft, end: 'count', count: '4' })).toEqual({
      rule: { frequency: 'weekly', interval: 1, days: ['MO', 'TH'], count: 4 },
    })
    expect(toRrule(weekly(['MO', 'TH'], { count: 4 }))).toBe('FREQ=WEEKLY;BYDAY=MO,TH;COUNT=4')
    expect(toRrule({ frequency: 'monthly', interval: 2, days: [], until: '2027-06-30T23:59:59' })).toBe(
      'FREQ=MONTHLY;INTERVAL=2;UNTIL=20270630T235959',
    )
    expect(readDraft(noRecurrence)).toBeNull()
  })

  it('names the field of a number it cannot send', () => {
    const draft = { ...noRecurrence, frequency: 'daily' as const }
    expect(readDraft({ ...draft, interval: '0' })).toEqual({
      problems: [{ field: 'interval', message: expect.stringMatching(/1 to 999/) }],
    })
    expect(readDraft({ ...draft, interval: '1.5', end: 'count', count: '' })).toMatchObject({
      problems: [{ field: 'interval' }, { field: 'count' }],
    })
    expect(readDraft({ ...draft, end: 'until', until: '' })).toMatchObject({ problems: [{ field: 'until' }] })
  })

  it('reads back the canonical rules the API answers, and leaves others to be kept as they are', () => {
    expect(parseRule('FREQ=WEEKLY;COUNT=4;BYDAY=MO,TH', 'completion')).toEqual({
      ...noRecurrence,
      frequency: 'weekly',
      days: ['MO', 'TH'],
      end: 'count',
      count: '4',
      from: 'completion',
    })
    expect(parseRule('RRULE:FREQ=MONTHLY;INTERVAL=2;UNTIL=20270630T235959Z')).toMatchObject({
      frequency: 'monthly',
      interval: '2',
      end: 'until',
      until: '2027-06-30',
    })
    expect(parseRule('FREQ=MONTHLY;BYMONTHDAY=-1')).toBeNull()
    expect(parseRule('FREQ=WEEKLY;BYDAY=+1MO')).toBeNull()
    expect(parseRule('FREQ=WEEKLY;UNTIL=20270630')).toBeNull()
  })
})
