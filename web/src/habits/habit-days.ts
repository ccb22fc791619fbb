// The habits' days. The API says which day is today for the user (`habit.today`); the screen only
// counts days from it (ui/calendar-date.ts).
import { addDays, daysBetween, isoWeekday, dateTime as toTime } from '../ui/calendar-date.ts'

export { addDays, daysBetween, isoWeekday }

/** The `count` days ending with `last`, oldest first. */
export const daysEnding = (last: string, count: number) =>
  Array.from({ length: count }, (_, index) => addDays(last, index - count + 1))

const format = (options: Intl.DateTimeFormatOptions) =>
  new Intl.DateTimeFormat(undefined, { ...options, timeZone: 'UTC' })
const weekdayLong = format({ weekday: 'long' })
const weekdayShort = format({ weekday: 'short' })
const fullDate = format({ weekday: 'short', day: 'numeric', month: 'short', year: 'numeric' })

export const weekdayName = (date: string) => weekdayLong.format(toTime(date))
export const shortWeekday = (date: string) => weekdayShort.format(toTime(date))
export const dateLabel = (date: string) => fullDate.format(toTime(date))

/** A day of the last week as a person says it: today, yesterday, or its weekday. */
export function relativeDay(date: string, today: string) {
  const ago = daysBetween(date, today)
  if (ago === 0) return 'today'
  if (ago === 1) return 'yesterday'
  return weekdayName(date)
}

/** The ISO weekdays' short names, Monday first (from a known Monday). */
export const weekdayShortNames = daysEnding('2024-01-07', 7).map(shortWeekday)
