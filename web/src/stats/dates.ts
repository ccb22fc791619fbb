// Local dates (YYYY-MM-DD) as the API gives them, shown in the browser's language (the arithmetic:
// ui/calendar-date.ts), and the screen's numbers.
import { addDays, isoWeekday } from '../ui/calendar-date.ts'

export { addDays }

/** 0 for Monday … 6 for Sunday. */
export const weekday = (localDate: string) => isoWeekday(localDate) - 1

const atNoonUtc = (localDate: string) => new Date(`${localDate}T12:00:00Z`)

export const formatDate = (localDate: string, options: Intl.DateTimeFormatOptions) =>
  atNoonUtc(localDate).toLocaleDateString(undefined, { timeZone: 'UTC', ...options })

/** "Sun, Dec 6" (in the browser's language). */
export const dayName = (localDate: string) =>
  formatDate(localDate, { weekday: 'short', month: 'short', day: 'numeric' })

/** "Dec 6, 2026". */
export const longDate = (localDate: string) =>
  formatDate(localDate, { month: 'short', day: 'numeric', year: 'numeric' })

export const minutes = (value: number) => `${value.toLocaleString()} min`

/** "1 day", "2 days". */
export const plural = (count: number, one: string, many = `${one}s`) =>
  `${count.toLocaleString()} ${count === 1 ? one : many}`
