import { DateTime } from 'luxon'

/** A local clock time of the user's day, 'HH:MM'. */
export type LocalTime = string

/**
 * The instant the local clock of `zone` first reads `time` on `localDate`. A time a spring-forward
 * change skips (02:30 in Berlin on the last Sunday of March) is the first instant after the gap
 * (03:00 CEST); a time an autumn change repeats is its first, earlier, occurrence.
 */
export function instantOf(localDate: string, time: LocalTime, zone: string): Date {
  const [hour, minute] = time.split(':').map(Number) as [number, number]
  const local = DateTime.fromISO(localDate, { zone }).set({ hour, minute, second: 0, millisecond: 0 })
  if (local.hour === hour && local.minute === minute) return earliest(local, hour, minute).toJSDate()
  // Skipped: luxon moved it forward by the gap; the gap ends at the last change of offset before it.
  let before = local.minus({ minutes: local.offset - local.minus({ days: 1 }).offset })
  let after = local
  while (after.diff(before, 'minutes').minutes > 1) {
    const middle = before.plus({ minutes: Math.floor(after.diff(before, 'minutes').minutes / 2) })
    if (middle.offset === after.offset) after = middle
    else before = middle
  }
  return after.startOf('minute').toJSDate()
}

/** Of a local time read twice (an autumn change), the first reading. */
function earliest(local: DateTime, hour: number, minute: number) {
  // Read twice only where the offset falls back: the day before has the larger offset.
  const shift = local.minus({ days: 1 }).offset - local.offset
  if (shift <= 0) return local
  const earlier = local.minus({ minutes: shift })
  return earlier.hour === hour && earlier.minute === minute ? earlier : local
}

/**
 * The next instant strictly after `now` at which the user's clock reads `time` in `zone` (on an ISO
 * `weekday`, 1 Monday … 7 Sunday, when one is given): "08:00" stays 08:00 local across a DST
 * change, a skipped time fires once just after its gap and a repeated one fires once, at its first
 * reading.
 */
export function nextRunAt(now: Date, time: LocalTime, zone: string, weekday?: number): Date {
  const today = DateTime.fromJSDate(now, { zone })
  for (let days = 0; ; days++) {
    const day = today.plus({ days })
    if (weekday !== undefined && day.weekday !== weekday) continue
    const instant = instantOf(day.toISODate() as string, time, zone)
    if (instant.getTime() > now.getTime()) return instant
  }
}
