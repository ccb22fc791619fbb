import { DateTime } from 'luxon'
import rrulePackage, { type Options } from 'rrule'
import { taskError } from '../../errors.ts'

const { RRule } = rrulePackage

/** Tasks repeat daily at most often; the clock-level frequencies and times of day are refused. */
const allowedFrequencies = new Set<number>([RRule.YEARLY, RRule.MONTHLY, RRule.WEEKLY, RRule.DAILY])

/**
 * How far ahead the next occurrence is looked for, in years, by frequency. Ten years hold the
 * longest gap a calendar rule has (29 February across a skipped leap year, 2096 → 2104); a daily
 * rule walks one period per day, so it gets two (a rarer daily rule is written as a yearly one).
 */
const horizonYears: Record<number, number> = {
  [RRule.YEARLY]: 10,
  [RRule.MONTHLY]: 10,
  [RRule.WEEKLY]: 10,
  [RRule.DAILY]: 2,
}
const periodsPerYear: Record<number, number> = {
  [RRule.YEARLY]: 1,
  [RRule.MONTHLY]: 12,
  [RRule.WEEKLY]: 53,
  [RRule.DAILY]: 366,
}

/** The schema holds the rule to RFC 5545's grammar; what it says is checked here: 422, not 400. */
const invalidRule = (message: string) =>
  taskError('recurrence-invalid', `The recurrence rule is not valid: ${message}`, {
    errors: [{ field: '/body/recurrence/rrule', message }],
  })

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
  if (options.byhour != null || options.byminute != null || options.bysecond != null) {
    throw invalidRule('BYHOUR, BYMINUTE and BYSECOND are not accepted: the due time gives the time of day')
  }
  if (options.freq === RRule.DAILY && options.bysetpos != null) {
    throw invalidRule('BYSETPOS applies to WEEKLY, MONTHLY and YEARLY rules')
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
  /**
   * The local day the completion counts for (the completer's timezone and dayStartHour: done at
   * 01:19 with days starting at 04:00 is the day before); a series repeating from completion counts
   * from it. Null where nothing was completed.
   */
  completedOn: string | null
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
 * The first occurrence after `start` within the horizon, found with bounded work. rrule walks the
 * calendar period by period until a period yields or the year 9999 comes: a rule that never
 * yields (30 February) would walk three million days, seconds of a blocked event loop. The walk
 * reads the rule's `interval` twice per period (the end check, the step) and ends on an interval
 * of 0, so answering 0 once the horizon's periods are spent bounds it. That is rrule 2.8's
 * `iter()`; should an upgrade change it, the 30 February unit test fails on its timeout.
 */
function firstWithinHorizon(options: Partial<Options>, start: Date): Date | null {
  const rule = new RRule({ ...options, count: null, dtstart: start }, true)
  const { freq, interval } = rule.options
  const years = horizonYears[freq]
  let reads = 2 * (Math.ceil((years * periodsPerYear[freq]) / interval) + 2)
  Object.defineProperty(rule.options, 'interval', { get: () => (--reads < 0 ? 0 : interval) })
  const next = rule.after(start, false)
  const horizon = new Date(start)
  horizon.setUTCFullYear(start.getUTCFullYear() + years)
  return next && next <= horizon ? next : null
}

/**
 * The due date of the occurrence after this one, as a date (all-day series) or a date-time with
 * its offset, or null when the series has ended (COUNT, UNTIL, or nothing within the horizon).
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
    current.repeatFrom === 'completion' && current.completedOn
      ? DateTime.fromISO(current.completedOn, { zone }).set({ hour: due.hour, minute: due.minute, second: due.second })
      : due
  const next = firstWithinHorizon(options, floating(anchor))
  if (!next) return null
  const local = fromFloating(next, zone)
  return (current.dueDate === null ? local.toISO() : local.toISODate()) as string
}

/** Refuses (422) a series whose rule has no occurrence within the horizon after its first due date. */
export function checkYieldsWithinHorizon(first: Pick<Occurrence, 'rule' | 'timezone' | 'dueAt' | 'dueDate'>) {
  if (nextOccurrence({ ...first, repeatFrom: 'due', completedOn: null, occurrence: 0 }) === null) {
    const years = horizonYears[RRule.parseString(first.rule).freq as number]
    const message = `has no occurrence within ${years} years after the due date`
    throw taskError('recurrence-invalid', `The recurrence rule ${message}`, {
      errors: [{ field: '/body/recurrence/rrule', message }],
    })
  }
}
