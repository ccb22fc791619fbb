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
const monthShort = format({ month: 'short' })

export const weekdayName = (date: string) => weekdayLong.format(toTime(date))
export const shortWeekday = (date: string) => weekdayShort.format(toTime(date))
export const dateLabel = (date: string) => fullDate.format(toTime(date))
export const monthName = (date: string) => monthShort.format(toTime(date))

/** A day of the last week as a person says it: today, yesterday, or its weekday. */
export function relativeDay(date: string, today: string) {
  const ago = daysBetween(date, today)
  if (ago === 0) return 'today'
  if (ago === 1) return 'yesterday'
  return weekdayName(date)
}

/** The ISO weekdays' short names, Monday first (from a known Monday). */
export const weekdayShortNames = daysEnding('2024-01-07', 7).map(shortWeekday)

/** The year heatmap's columns. */
export const weeks = 53

export interface Cell {
  date: string
  week: number
  weekday: number
}

/**
 * The heatmap's cells: 53 weeks of 7 days (Monday first), the last column holding `to`; days
 * outside `from`…`to` are left out.
 */
export function heatmapCells(from: string, to: string): Cell[] {
  const firstMonday = addDays(to, -(isoWeekday(to) - 1) - (weeks - 1) * 7)
  const cells: Cell[] = []
  for (let week = 0; week < weeks; week += 1) {
    for (let weekday = 0; weekday < 7; weekday += 1) {
      const date = addDays(firstMonday, week * 7 + weekday)
      if (date >= from && date <= to) cells.push({ date, week, weekday })
    }
  }
  return cells
}
