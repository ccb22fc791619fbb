import { describe, expect, it } from 'vitest'
import { quietHoursEnd } from '../../src/modules/delivery/quiet-hours.ts'

const at = (iso: string) => new Date(iso)

describe('quietHoursEnd', () => {
  it('is undefined outside quiet hours, or without any', () => {
    const night = { start: '22:00', end: '07:00' }
    expect(quietHoursEnd(at('2026-06-10T12:00:00Z'), 'UTC', night)).toBeUndefined()
    expect(quietHoursEnd(at('2026-06-10T07:00:00Z'), 'UTC', night)).toBeUndefined()
    expect(quietHoursEnd(at('2026-06-10T03:00:00Z'), 'UTC', null)).toBeUndefined()
    expect(quietHoursEnd(at('2026-06-10T03:00:00Z'), 'UTC', { start: '09:00', end: '09:00' })).toBeUndefined()
  })

  it('ends the same day or the next one, past midnight, start included', () => {
    const night = { start: '22:00', end: '07:00' }
    expect(quietHoursEnd(at('2026-06-10T22:00:00Z'), 'UTC', night)).toEqual(at('2026-06-11T07:00:00Z'))
    expect(quietHoursEnd(at('2026-06-11T06:59:59Z'), 'UTC', night)).toEqual(at('2026-06-11T07:00:00Z'))
    const lunch = { start: '12:00', end: '13:30' }
    expect(quietHoursEnd(at('2026-06-10T12:45:00Z'), 'UTC', lunch)).toEqual(at('2026-06-10T13:30:00Z'))
  })

  it('reads the window in the user’s time zone', () => {
    // 23:30 in Tokyo (UTC+9) is 14:30 UTC; the window ends at 07:00 Tokyo, 22:00 UTC.
    expect(quietHoursEnd(at('2026-06-10T14:30:00Z'), 'Asia/Tokyo', { start: '22:00', end: '07:00' })).toEqual(
      at('2026-06-10T22:00:00Z'),
    )
  })

  it('is DST-correct: the local end on the day the clocks change', () => {
    const night = { start: '22:00', end: '07:00' }
    // Europe/Berlin springs forward on 29 March 2026: 22:00 CET (21:00Z) → 07:00 CEST (05:00Z), 8 hours.
    expect(quietHoursEnd(at('2026-03-28T21:00:00Z'), 'Europe/Berlin', night)).toEqual(at('2026-03-29T05:00:00Z'))
    // …and falls back on 25 October 2026: 22:00 CEST (20:00Z) → 07:00 CET (06:00Z), 10 hours.
    expect(quietHoursEnd(at('2026-10-24T20:00:00Z'), 'Europe/Berlin', night)).toEqual(at('2026-10-25T06:00:00Z'))
    // An end inside the spring gap (02:30 does not exist in Berlin on 29 March) is the first instant after it.
    expect(quietHoursEnd(at('2026-03-29T00:30:00Z'), 'Europe/Berlin', { start: '01:00', end: '02:30' })).toEqual(
      at('2026-03-29T01:30:00Z'),
    )
  })
})
