import { DateTime } from 'luxon'
import type { NotificationKind } from '../notifications/notifications.schemas.ts'

export interface QuietHours {
  /** 'HH:MM' of the user's day, included. */
  start: string
  /** 'HH:MM', not included; past midnight when before `start`. */
  end: string
}

const minutesOf = (time: string) => Number(time.slice(0, 2)) * 60 + Number(time.slice(3, 5))

/**
 * When quiet hours that hold `now` end, in the user's time zone (luxon: a local end that does not
 * exist on a spring-forward day is the first instant after the gap; on a fall-back day the earlier
 * of the two); undefined when `now` is outside them.
 */
export function quietHoursEnd(now: Date, timezone: string, quiet: QuietHours | null): Date | undefined {
  if (!quiet || quiet.start === quiet.end) return undefined
  const local = DateTime.fromJSDate(now, { zone: timezone })
  const minute = local.hour * 60 + local.minute
  const start = minutesOf(quiet.start)
  const end = minutesOf(quiet.end)
  const inside = start < end ? minute >= start && minute < end : minute >= start || minute < end
  if (!inside) return undefined
  const [hour, minuteOfEnd] = [Math.floor(end / 60), end % 60]
  let until = local.set({ hour, minute: minuteOfEnd, second: 0, millisecond: 0 })
  if (until <= local) until = local.plus({ days: 1 }).set({ hour, minute: minuteOfEnd, second: 0, millisecond: 0 })
  return until.toJSDate()
}

/**
 * Kinds whose e-mail is worth nothing once quiet hours end: dropped rather than held ("you reached
 * today's goal" is stale the next morning). The in-app notification is created either way.
 */
export const expiringKinds: ReadonlySet<NotificationKind> = new Set(['daily_goal_reached'])
