const dayMs = 86_400_000

/**
 * The calendar date `days` after (or before) a YYYY-MM-DD date. Same answer as shared's addDays,
 * by plain UTC arithmetic: stats step through up to a few thousand dates per request, and
 * luxon's parsing costs ~45 µs a date where this costs ~2 µs.
 */
export function addCalendarDays(localDate: string, days: number): string {
  return new Date(Date.parse(`${localDate}T00:00:00Z`) + days * dayMs).toISOString().slice(0, 10)
}
