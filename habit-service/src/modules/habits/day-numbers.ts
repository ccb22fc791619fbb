/**
 * Local dates as whole day numbers (days since 1970-01-01): schedules and streaks do calendar
 * arithmetic on them without ever passing through a time zone. The zone only matters when an
 * instant becomes a local date, which shared's localDateOf does once, at the edge.
 */
const msPerDay = 86_400_000

/** Date.UTC, but years 0–99 are years 0–99 (Date.UTC reads them as 1900–1999). */
function utcDayNumber(year: number, monthIndex: number, day: number): number {
  const date = new Date(0)
  date.setUTCFullYear(year, monthIndex, day)
  return date.getTime() / msPerDay
}

export function dayNumberOf(localDate: string): number {
  const [year, month, day] = localDate.split('-').map(Number) as [number, number, number]
  return utcDayNumber(year, month - 1, day)
}

export function localDateOfDay(dayNumber: number): string {
  return new Date(dayNumber * msPerDay).toISOString().slice(0, 10)
}

/** ISO weekday: 1 Monday … 7 Sunday (day 0, 1970-01-01, was a Thursday). */
export function isoWeekdayOf(dayNumber: number): number {
  return ((((dayNumber + 3) % 7) + 7) % 7) + 1
}

export function weekStartOf(dayNumber: number): number {
  return dayNumber - (isoWeekdayOf(dayNumber) - 1)
}

/** The first and last day numbers of the calendar month a day falls in. */
export function monthOf(dayNumber: number): { start: number; end: number } {
  const date = new Date(dayNumber * msPerDay)
  const year = date.getUTCFullYear()
  const month = date.getUTCMonth()
  return { start: utcDayNumber(year, month, 1), end: utcDayNumber(year, month + 1, 1) - 1 }
}
