import { errors } from '@focushub/shared'
import { DateTime } from 'luxon'
import rrulePackage from 'rrule'

const { RRule } = rrulePackage

/** Tasks repeat daily at most often; the clock-level frequencies are refused. */
const allowedFrequencies = new Set<number>([RRule.YEARLY, RRule.MONTHLY, RRule.WEEKLY, RRule.DAILY])

const invalidRule = (message: string) =>
  errors.validation(`The recurrence rule is not valid: ${message}`, [{ field: '/body/recurrence/rrule', message }])

/**
 * Checks an RFC 5545 RRULE (with or without the `RRULE:` prefix) and returns it in canonical form.
 * DTSTART is not accepted: each occurrence's due date anchors the next.
 */
export function normalizeRule(text: string): string {
  const body = text.trim().replace(/^RRULE:/i, '')
  if (/DTSTART|TZID|\n/i.test(body)) throw invalidRule('give the rule alone, without DTSTART or TZID')
  let options: ReturnType<typeof RRule.parseString>
  try {
    options = RRule.parseString(body)
  } catch (error) {
    throw invalidRule((error as Error).message)
  }
  if (options.freq === undefined || !allowedFrequencies.has(options.freq)) {
    throw invalidRule('FREQ must be DAILY, WEEKLY, MONTHLY or YEARLY')
  }
  if (options.count === 0) throw invalidRule('COUNT must be at least 1')
  try {
    return new RRule(options).toString().replace(/^RRULE:/, '')
  } catch (error) {
    throw invalidRule((error as Error).message)
  }
}

export interface Occurrence {
  rule: string
  repeatFrom: 'due' | 'completion'
  /** The zone whose wall clock the series keeps: 09:00 stays 09:00 across DST changes. */
  timezone: string
  dueAt: Date
  /** Set for an all-day series: occurrences are dates. */
  dueDate: string | null
  completedAt: Date
  /** 1-based position of this occurrence in its series. */
  occurrence: number
}

/*
 * rrule computes in UTC; a series keeps local wall-clock time. So local times are written as if
 * they were UTC ("floating"), the rule runs on those, and the result is read back in the zone.
 */
const floating = (local: DateTime) =>
  new Date(Date.UTC(local.year, local.month - 1, local.day, local.hour, local.minute, local.second))

const fromFloating = (date: Date, zone: string) =>
  DateTime.fromObject(
    {
      year: date.getUTCFullYear(),
      month: date.getUTCMonth() + 1,
      day: date.getUTCDate(),
      hour: date.getUTCHours(),
      minute: date.getUTCMinutes(),
      second: date.getUTCSeconds(),
    },
    { zone },
  )

/**
 * The due date of the occurrence after this one, as a date (all-day series) or a date-time with
 * its offset, or null when the series has ended (COUNT or UNTIL).
 */
export function nextOccurrence(current: Occurrence): string | null {
  const options = RRule.parseString(current.rule)
  if (options.count != null && current.occurrence >= options.count) return null
  const zone = current.dueDate === null ? current.timezone : 'UTC'
  const due =
    current.dueDate === null
      ? DateTime.fromJSDate(current.dueAt, { zone })
      : DateTime.fromISO(current.dueDate, { zone })
  const anchor =
    current.repeatFrom === 'due'
      ? due
      : DateTime.fromJSDate(current.completedAt, { zone: current.timezone }).set({
          hour: due.hour,
          minute: due.minute,
          second: due.second,
        })
  const dtstart = floating(anchor)
  const rule = new RRule({ ...options, count: null, dtstart })
  const next = rule.after(dtstart, false)
  if (!next) return null
  const local = fromFloating(next, zone)
  return (current.dueDate === null ? local.toISO() : local.toISODate()) as string
}
