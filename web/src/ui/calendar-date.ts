// Calendar arithmetic on the API's local dates (YYYY-MM-DD): the day they name, counted at UTC
// midnight, so no clock or time zone of the browser moves a day.

const dayMs = 86_400_000

export const dateTime = (date: string) => Date.parse(`${date}T00:00:00Z`)

/** The calendar date `days` after (or before) `date`. */
export const addDays = (date: string, days: number) =>
  new Date(dateTime(date) + days * dayMs).toISOString().slice(0, 10)

/** Whole days from `from` to `to`. */
export const daysBetween = (from: string, to: string) => Math.round((dateTime(to) - dateTime(from)) / dayMs)

/** ISO weekday: 1 Monday … 7 Sunday. */
export const isoWeekday = (date: string) => new Date(dateTime(date)).getUTCDay() || 7
