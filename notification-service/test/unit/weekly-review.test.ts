import { describe, expect, it } from 'vitest'
import { nextRunAt } from '../../src/modules/agenda/agenda-times.ts'
import { renderWeeklyReviewEmail } from '../../src/modules/email/email.templates.ts'
import { weekBefore } from '../../src/modules/weekly-review/weekly-review.service.ts'
import { change, duration, weeklyReview } from '../../src/modules/weekly-review/weekly-review-text.ts'

const berlin = 'Europe/Berlin'
const iso = (date: Date) => date.toISOString()
const at = (instant: string) => new Date(instant)

describe('nextRunAt on a weekday', () => {
  it('answers this week’s day when it is still ahead, else next week’s, wrapping Sunday to Monday', () => {
    // Wednesday 2026-06-10 in Berlin (+02:00).
    expect(iso(nextRunAt(at('2026-06-10T05:00:00Z'), '08:00', berlin, 3))).toBe('2026-06-10T06:00:00.000Z')
    expect(iso(nextRunAt(at('2026-06-10T06:00:00Z'), '08:00', berlin, 3))).toBe('2026-06-17T06:00:00.000Z')
    expect(iso(nextRunAt(at('2026-06-10T06:00:00Z'), '08:00', berlin, 1))).toBe('2026-06-15T06:00:00.000Z')
    // Sunday 23:30 local, Monday 00:15 asked: in 45 minutes, the next day.
    expect(iso(nextRunAt(at('2026-06-14T21:30:00Z'), '00:15', berlin, 1))).toBe('2026-06-14T22:15:00.000Z')
    expect(iso(nextRunAt(at('2026-06-14T21:30:00Z'), '23:00', berlin, 7))).toBe('2026-06-21T21:00:00.000Z')
  })

  it('keeps Monday 08:00 local across the spring and autumn changes', () => {
    // Berlin: +01:00 → +02:00 on Sunday 2026-03-29; +02:00 → +01:00 on Sunday 2026-10-25.
    expect(iso(nextRunAt(at('2026-03-23T07:00:00Z'), '08:00', berlin, 1))).toBe('2026-03-30T06:00:00.000Z')
    expect(iso(nextRunAt(at('2026-10-19T06:00:00Z'), '08:00', berlin, 1))).toBe('2026-10-26T07:00:00.000Z')
  })

  it('fires Sunday 02:30 of the spring change just after the gap, and the autumn one once', () => {
    expect(iso(nextRunAt(at('2026-03-28T12:00:00Z'), '02:30', berlin, 7))).toBe('2026-03-29T01:00:00.000Z')
    const autumn = nextRunAt(at('2026-10-24T12:00:00Z'), '02:30', berlin, 7)
    expect(iso(autumn)).toBe('2026-10-25T00:30:00.000Z')
    expect(iso(nextRunAt(autumn, '02:30', berlin, 7))).toBe('2026-11-01T01:30:00.000Z')
  })
})

describe('weekBefore', () => {
  it('is the last whole ISO week before the local day, Monday to Sunday', () => {
    expect(weekBefore('2026-12-07')).toEqual({ from: '2026-11-30', to: '2026-12-06' })
    expect(weekBefore('2026-12-13')).toEqual({ from: '2026-11-30', to: '2026-12-06' })
    expect(weekBefore('2027-01-03')).toEqual({ from: '2026-12-21', to: '2026-12-27' })
    expect(weekBefore('2027-01-04')).toEqual({ from: '2026-12-28', to: '2027-01-03' })
  })
})

describe('the weekly review’s text', () => {
  it('says minutes as hours and minutes', () => {
    expect([0, 45, 60, 380, 1440].map(duration)).toEqual(['0 min', '45 min', '1 h', '6 h 20 min', '24 h'])
  })

  it('compares with the week before in whole per cent, "new" after nothing, nothing when both are none', () => {
    expect(change(125, 100)).toBe('+25 %')
    expect(change(10, 11)).toBe('−9 %')
    expect(change(0, 8)).toBe('−100 %')
    expect(change(7, 7)).toBe('±0 %')
    expect(change(3, 0)).toBe('new')
    expect(change(0, 0)).toBe('')
  })

  const week = { focusMinutes: 380, focusSessions: 9, tasksDone: 1, habitsKept: 10, habitsDue: 14 }
  const before = { focusMinutes: 304, focusSessions: 0, tasksDone: 1, habitsKept: 0, habitsDue: 0 }
  const draft = weeklyReview('0190a1b2-0000-7000-8000-000000000001', '2026-12-28', week, before)

  it('titles the focus and tasks done, lists each figure with its change, and names its week once', () => {
    expect(draft.title).toBe('Your week: 6 h 20 min focused, 1 task done')
    expect(draft.body).toBe(
      [
        'The week of 28 December 2026 – 3 January 2027, against the week before:',
        'Focus: 6 h 20 min (+25 %)\nFocus sessions: 9 (new)\nTasks done: 1 (±0 %)\nHabits kept: 10 of 14 (new)',
      ].join('\n\n'),
    )
    expect(draft.triggerKey).toBe('weekly:2026-12-28')
    expect(draft.data).toEqual({ weekStart: '2026-12-28', ...week })
  })

  it('is e-mailed with its figures as a table, every value escaped', () => {
    const mail = renderWeeklyReviewEmail({
      recipientName: '<b>Ada</b>',
      title: draft.title,
      body: `${draft.body}\n\nPlain <i>words</i>: no table.`,
      openUrl: 'http://localhost/stats',
      unsubscribeUrl: 'http://localhost/api/v1/notifications/unsubscribe?token=a.b.c',
    })
    expect(mail.subject).toBe(draft.title)
    expect(mail.text).toContain('Habits kept: 10 of 14 (new)')
    expect(mail.html).toContain('Hi &lt;b&gt;Ada&lt;/b&gt;,')
    expect(mail.html).toMatch(/<th scope="row"[^>]*>Focus<\/th><td[^>]*>6 h 20 min<\/td><td[^>]*>\+25 %<\/td>/)
    expect(mail.html).toMatch(/<th scope="row"[^>]*>Habits kept<\/th><td[^>]*>10 of 14<\/td><td[^>]*>new<\/td>/)
    expect(mail.html).toContain('<p style="margin:0 0 16px">Plain &lt;i&gt;words&lt;/i&gt;: no table.</p>')
  })
})
