// Calendar arithmetic on the API's local dates (YYYY-MM-DD). The API says which day is today for
// the user (`habit.today`); the screen only counts days from it, at UTC midnight, so no clock or
// time zone of the browser moves a day.

const dayMs = 86_400_000

const toTime = (date: string) => Date.parse(`${date}T00:00:00Z`)

export const addDays = (date: string, days: number) => new Date(toTime(date) + days * dayMs).toISOString().slice(0, 10)

/** Whole days from `from` to `to`. */
export const daysBetween = (from: string, to: string) => Math.round((toTime(to) - toTime(from)) / dayMs)

/** The `count` days ending with `last`, oldest first. */
export const daysEnding = (last: string, count: number) =>
  Array.from({ length: count }, (_, index) => addDays(last, index - count + 1))

/** ISO weekday: 1 Monday … 7 Sunday. */
export const isoWeekday = (date: string) => new Date(toTime(date)).getUTCDay() || 7

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
