import { localDateOf } from '@focushub/shared/time'
import { describe, expect, it } from 'vitest'
import { instantOf, nextRunAt } from '../../src/modules/agenda/agenda-times.ts'

const berlin = 'Europe/Berlin'
const at = (iso: string) => new Date(iso)
const iso = (date: Date) => date.toISOString()

describe('nextRunAt', () => {
  it('answers today’s time when it is still ahead, else tomorrow’s', () => {
    expect(iso(nextRunAt(at('2026-06-10T05:00:00Z'), '08:00', berlin))).toBe('2026-06-10T06:00:00.000Z')
    expect(iso(nextRunAt(at('2026-06-10T06:00:00Z'), '08:00', berlin))).toBe('2026-06-11T06:00:00.000Z')
    expect(iso(nextRunAt(at('2026-06-10T06:00:01Z'), '08:00', berlin))).toBe('2026-06-11T06:00:00.000Z')
  })

  it('keeps 08:00 local across the spring change (07:00Z before it, 06:00Z after)', () => {
    // Berlin moves from +01:00 to +02:00 at 02:00 local on 2026-03-29.
    expect(iso(nextRunAt(at('2026-03-28T07:30:00Z'), '08:00', berlin))).toBe('2026-03-29T06:00:00.000Z')
    expect(iso(nextRunAt(at('2026-03-27T08:00:00Z'), '08:00', berlin))).toBe('2026-03-28T07:00:00.000Z')
  })

  it('keeps 08:00 local across the autumn change (06:00Z before it, 07:00Z after)', () => {
    // Berlin moves from +02:00 back to +01:00 at 03:00 local on 2026-10-25.
    expect(iso(nextRunAt(at('2026-10-24T07:00:00Z'), '08:00', berlin))).toBe('2026-10-25T07:00:00.000Z')
    expect(iso(nextRunAt(at('2026-10-23T07:00:00Z'), '08:00', berlin))).toBe('2026-10-24T06:00:00.000Z')
  })

  it('fires a time in the skipped hour at the first instant after the gap (03:00 CEST), once', () => {
    const first = nextRunAt(at('2026-03-28T23:00:00Z'), '02:30', berlin)
    expect(iso(first)).toBe('2026-03-29T01:00:00.000Z')
    // The next run after it is the next day's 02:30 CEST.
    expect(iso(nextRunAt(first, '02:30', berlin))).toBe('2026-03-30T00:30:00.000Z')
  })

  it('fires a time in the repeated hour once, at its first reading (02:30 CEST)', () => {
    const first = nextRunAt(at('2026-10-24T23:00:00Z'), '02:30', berlin)
    expect(iso(first)).toBe('2026-10-25T00:30:00.000Z')
    // Not again at 02:30 CET an hour later: the next run is the next day's.
    expect(iso(nextRunAt(first, '02:30', berlin))).toBe('2026-10-26T01:30:00.000Z')
    expect(iso(nextRunAt(at('2026-10-25T01:00:00Z'), '02:30', berlin))).toBe('2026-10-26T01:30:00.000Z')
  })

  it('counts a run before the day-start hour for the local day still going on', () => {
    const run = nextRunAt(at('2026-06-10T12:00:00Z'), '02:00', berlin)
    expect(iso(run)).toBe('2026-06-11T00:00:00.000Z')
    expect(localDateOf(run, { timezone: berlin, dayStartHour: 4 })).toBe('2026-06-10')
    expect(localDateOf(run, { timezone: berlin, dayStartHour: 0 })).toBe('2026-06-11')
  })

  it('works in zones east and west of UTC and in UTC', () => {
    expect(iso(nextRunAt(at('2026-06-10T12:00:00Z'), '08:00', 'America/New_York'))).toBe('2026-06-11T12:00:00.000Z')
    expect(iso(nextRunAt(at('2026-06-10T12:00:00Z'), '23:59', 'Asia/Tokyo'))).toBe('2026-06-10T14:59:00.000Z')
    expect(iso(nextRunAt(at('2026-06-10T12:00:00Z'), '00:00', 'UTC'))).toBe('2026-06-11T00:00:00.000Z')
  })
})

describe('instantOf', () => {
  it('reads an ordinary local time', () => {
    expect(iso(instantOf('2026-03-29', '08:00', berlin))).toBe('2026-03-29T06:00:00.000Z')
    expect(iso(instantOf('2026-03-29', '01:59', berlin))).toBe('2026-03-29T00:59:00.000Z')
  })
})
