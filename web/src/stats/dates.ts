// Local dates (YYYY-MM-DD) as the API gives them: the day they name, whatever the browser's zone.

const dayMs = 86_400_000

const atNoonUtc = (localDate: string) => new Date(`${localDate}T12:00:00Z`)

/** The calendar date `days` after (or before) a local date. */
export const addDays = (localDate: string, days: number) =>
  new Date(atNoonUtc(localDate).getTime() + days * dayMs).toISOString().slice(0, 10)

/** 0 for Monday … 6 for Sunday. */
export const weekday = (localDate: string) => (atNoonUtc(localDate).getUTCDay() + 6) % 7

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
