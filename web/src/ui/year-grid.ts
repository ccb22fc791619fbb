// A year of local days laid out as the habits' and the focus stats' heatmaps draw it: a week a
// column from the week of the first day, Monday on top (365 or 366 days span at most 53 weeks).
import { addDays, daysBetween, isoWeekday } from './calendar-date.ts'

export interface GridDay {
  date: string
  column: number
  /** 0 for Monday … 6 for Sunday. */
  row: number
}

/** Every day from `from` to `to` in its place, and how many week columns they take. */
export function yearGrid(from: string, to: string) {
  const offset = isoWeekday(from) - 1
  const days: GridDay[] = Array.from({ length: daysBetween(from, to) + 1 }, (_, index) => ({
    date: addDays(from, index),
    column: Math.floor((offset + index) / 7),
    row: (offset + index) % 7,
  }))
  return { days, weeks: Math.ceil((offset + days.length) / 7) }
}
