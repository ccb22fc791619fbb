/**
 * Local dates as whole day numbers (days since 1970-01-01): schedules and streaks do calendar
 * arithmetic on them without ever passing through a time zone. The zone only matters when an
 * instant becomes a local date, which shared's localDateOf does once, at the edge.
 */
const msPerDay = 86_400_000

export function dayNumberOf(localDate: string): number {
  const [year, month, day] = localDate.split('-').map(Number) as [number, number, number]
  return Date.UTC(year, month - 1, day) / msPerDay
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
  return { start: Date.UTC(year, month, 1) / msPerDay, end: Date.UTC(year, month + 1, 1) / msPerDay - 1 }
}
