import { DateTime } from 'luxon'

/** Where a user's days begin: their IANA timezone and the hour (0–23) their day starts at. */
export interface DayBoundary {
  timezone: string
  dayStartHour: number
}

export const defaultDayBoundary: DayBoundary = { timezone: 'UTC', dayStartHour: 0 }

/** YYYY-MM-DD of the local day an instant counts for: before dayStartHour (wall clock) it still counts for the day before. */
export function localDateOf(instant: Date, boundary: DayBoundary): string {
  const local = DateTime.fromJSDate(instant, { zone: boundary.timezone })
  return (local.hour < boundary.dayStartHour ? local.minus({ days: 1 }) : local).toISODate() as string
}

/**
 * The instants a local day spans, [start, end): from dayStartHour on the wall clock of that date
 * to dayStartHour of the next. Across a DST change a day is 23 or 25 hours long; a start hour the
 * change skips moves forward to the first hour that exists.
 */
export function localDayBounds(localDate: string, boundary: DayBoundary): { start: Date; end: Date } {
  const day = DateTime.fromISO(localDate, { zone: boundary.timezone })
  if (!day.isValid) throw new RangeError(`Not a local date in ${boundary.timezone}: ${localDate}`)
  return {
    start: day.set({ hour: boundary.dayStartHour }).toJSDate(),
    end: day.plus({ days: 1 }).set({ hour: boundary.dayStartHour }).toJSDate(),
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
