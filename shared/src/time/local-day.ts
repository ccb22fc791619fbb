import { DateTime } from 'luxon'

/** Where a user's days begin: their IANA timezone and the hour (0–23) their day starts at. */
export interface DayBoundary {
  timezone: string
  dayStartHour: number
}

export const defaultDayBoundary: DayBoundary = { timezone: 'UTC', dayStartHour: 0 }

/** YYYY-MM-DD of the local day an instant counts for: before dayStartHour it still counts for the day before. */
export function localDateOf(instant: Date, boundary: DayBoundary): string {
  return DateTime.fromJSDate(instant, { zone: boundary.timezone })
    .minus({ hours: boundary.dayStartHour })
    .toISODate() as string
}

/**
 * The instants a local day spans, [start, end): start at dayStartHour of that date in the zone.
 * Across a DST change a day is 23 or 25 hours long; a start hour skipped by the change moves forward.
 */
export function localDayBounds(localDate: string, boundary: DayBoundary): { start: Date; end: Date } {
  const midnight = DateTime.fromISO(localDate, { zone: boundary.timezone })
  if (!midnight.isValid) throw new RangeError(`Not a local date in ${boundary.timezone}: ${localDate}`)
  return {
    start: midnight.plus({ hours: boundary.dayStartHour }).toJSDate(),
    end: midnight.plus({ days: 1, hours: boundary.dayStartHour }).toJSDate(),
  }
}

/** The local date `days` after (or before, when negative) another, by the calendar. */
export function addDays(localDate: string, days: number): string {
  return DateTime.fromISO(localDate, { zone: 'UTC' }).plus({ days }).toISODate() as string
}

/** Whether a string names a timezone the runtime knows. */
export function isTimezone(name: string): boolean {
  return DateTime.local().setZone(name).isValid
}
