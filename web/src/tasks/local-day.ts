import type { User } from '../api/session.ts'

/**
 * The user's local date (YYYY-MM-DD) at `now`, as the API counts days: in their timezone, the day
 * starting at their dayStartHour (at 02:00 with a day start of 4, it is still yesterday).
 */
export function localDate(user: Pick<User, 'timezone' | 'dayStartHour'>, now = new Date()) {
  const shifted = new Date(now.getTime() - user.dayStartHour * 3_600_000)
  return new Intl.DateTimeFormat('en-CA', { timeZone: user.timezone }).format(shifted)
}
