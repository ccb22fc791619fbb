// The recurrence editor's model: the RRULEs it can build (task-service/README.md, "Recurrence") and
// the dates such a series falls on, computed the way task-service repeats a task: each occurrence's
// due date anchors the next, on the user's local wall clock (so dates are calendar days here, and
// the time of day stays), COUNT counts the first task, UNTIL is inclusive, and a series ends when
// its next date is past the horizon (10 years, 2 for a daily rule).

export type Frequency = 'daily' | 'weekly' | 'monthly' | 'yearly'
export type Weekday = 'MO' | 'TU' | 'WE' | 'TH' | 'FR' | 'SA' | 'SU'
export type RepeatFrom = 'due' | 'completion'

/** Monday first, as the API's weeks (WKST=MO). */
export const weekdays: Weekday[] = ['MO', 'TU', 'WE', 'TH', 'FR', 'SA', 'SU']

/** What the editor shows: the fields as typed, so a half-typed number stays as it is. */
export interface RecurrenceDraft {
  frequency: Frequency | 'none'
  interval: string
  /** Weekly only; none means the due date's weekday. */
  days: Weekday[]
  end: 'never' | 'count' | 'until'
  count: string
  /** YYYY-MM-DD, the last day the series may fall on. */
  until: string
  from: RepeatFrom
}

/** A rule the editor can build, read from its fields. */
export interface Rule {
  frequency: Frequency
  interval: number
  days: Weekday[]
  count?: number
  /** YYYY-MM-DDTHH:MM:SS on the local wall clock: no occurrence after it. */
  until?: string
}

export const noRecurrence: RecurrenceDraft = {
  frequency: 'none',
  interval: '1',
  days: [],
  end: 'never',
  count: '5',
  until: '',
  from: 'due',
}

export const maxNumber = 999

/** `FREQ=…;…` as the API answers it (its canonical form), as a draft; null for a rule this editor cannot show. */
export function parseRule(rrule: string, from: string = 'due'): RecurrenceDraft | null {
  const parts = new Map(
    rrule
      .replace(/^RRULE:/i, '')
      .split(';')
      .map((part) => part.split('=') as [string, string]),
  )
  const frequency = parts.get('FREQ')?.toLowerCase()
  if (frequency !== 'daily' && frequency !== 'weekly' && frequency !== 'monthly' && frequency !== 'yearly') return null
  if ([...parts.keys()].some((key) => !['FREQ', 'INTERVAL', 'COUNT', 'UNTIL', 'BYDAY', 'WKST'].includes(key)))
    return null
  if (parts.has('WKST') && parts.get('WKST') !== 'MO') return null
  const days = parts.get('BYDAY')?.split(',') ?? []
  if (days.length > 0 && (frequency !== 'weekly' || !days.every((day) => weekdays.includes(day as Weekday))))
    return null
  const until = parts.get('UNTIL')?.match(/^(\d{4})(\d{2})(\d{2})T235959Z?$/)
  if (parts.has('UNTIL') && !until) return null
  return {
    ...noRecurrence,
    frequency,
    interval: parts.get('INTERVAL') ?? '1',
    days: weekdays.filter((day) => days.includes(day)),
    end: parts.has('COUNT') ? 'count' : until ? 'until' : 'never',
    count: parts.get('COUNT') ?? noRecurrence.count,
    until: until ? `${until[1]}-${until[2]}-${until[3]}` : '',
    from: from === 'completion' ? 'completion' : 'due',
  }
}

export type FieldProblem = { field: 'interval' | 'count' | 'until'; message: string }

const wholeNumber = (text: string) => (/^\d+$/.test(text.trim()) ? Number(text) : Number.NaN)

/** The draft's rule, or what is wrong with its fields (checked here: the API would only quote its pattern). */
export function readDraft(draft: RecurrenceDraft): { rule: Rule } | { problems: FieldProblem[] } | null {
  if (draft.frequency === 'none') return null
  const problems: FieldProblem[] = []
  const interval = wholeNumber(draft.interval)
  const count = wholeNumber(draft.count)
  const outOfRange = (value: number) => !(value >= 1 && value <= maxNumber)
  if (outOfRange(interval))
    problems.push({ field: 'interval', message: `Enter a whole number from 1 to ${maxNumber}.` })
  if (draft.end === 'count' && outOfRange(count))
    problems.push({ field: 'count', message: `Enter a whole number of times from 1 to ${maxNumber}.` })
  if (draft.end === 'until' && !/^\d{4}-\d{2}-\d{2}$/.test(draft.until))
    problems.push({ field: 'until', message: 'Choose the last day the task may repeat on.' })
  if (problems.length > 0) return { problems }
  return {
    rule: {
      frequency: draft.frequency,
      interval,
      days: draft.frequency === 'weekly' ? draft.days : [],
      ...(draft.end === 'count' ? { count } : {}),
      ...(draft.end === 'until' ? { until: `${draft.until}T23:59:59` } : {}),
    },
  }
}

/** The RRULE of a rule: `FREQ=WEEKLY;INTERVAL=2;BYDAY=MO,TH;COUNT=4`. */
export function toRrule(rule: Rule) {
  return [
    `FREQ=${rule.frequency.toUpperCase()}`,
    ...(rule.interval > 1 ? [`INTERVAL=${rule.interval}`] : []),
    ...(rule.days.length > 0 ? [`BYDAY=${rule.days.join(',')}`] : []),
    ...(rule.count === undefined ? [] : [`COUNT=${rule.count}`]),
    ...(rule.until === undefined ? [] : [`UNTIL=${rule.until.slice(0, 10).replaceAll('-', '')}T235959`]),
  ].join(';')
}

const dayMs = 86_400_000

/** A calendar day as a count of days (UTC midnight), so that arithmetic ignores zones and DST. */
const toDay = (date: string) =>
  Date.UTC(Number(date.slice(0, 4)), Number(date.slice(5, 7)) - 1, Number(date.slice(8, 10))) / dayMs
const fromDay = (day: number) => new Date(day * dayMs).toISOString().slice(0, 10)
const dateOf = (year: number, month: number, dayOfMonth: number) => {
  const date = new Date(Date.UTC(year, month, dayOfMonth))
  return date.getUTCMonth() === ((month % 12) + 12) % 12 ? date.toISOString().slice(0, 10) : null
}

/** The occurrence after `date` (YYYY-MM-DD), with `date` as the start, as rrule finds it. */
function nextDate(rule: Rule, date: string): string | null {
  const start = toDay(date)
  const [year, month, dayOfMonth] = [Number(date.slice(0, 4)), Number(date.slice(5, 7)) - 1, Number(date.slice(8, 10))]
  const horizonYears = rule.frequency === 'daily' ? 2 : 10
  const horizon = toDay(`${String(year + horizonYears).padStart(4, '0')}${date.slice(4)}`)
  const within = (day: number) => (day <= horizon ? fromDay(day) : null)
  switch (rule.frequency) {
    case 'daily':
      return within(start + rule.interval)
    case 'weekly': {
      const weekday = (new Date(start * dayMs).getUTCDay() + 6) % 7
      const offsets = rule.days.length > 0 ? rule.days.map((day) => weekdays.indexOf(day)) : [weekday]
      const monday = start - weekday
      for (let week = 0; monday + week * 7 <= horizon; week += rule.interval) {
        const day = offsets.map((offset) => monday + week * 7 + offset).find((each) => each > start)
        if (day !== undefined) return within(day)
      }
      return null
    }
    case 'monthly':
      for (let months = rule.interval; months <= horizonYears * 12; months += rule.interval) {
        const next = dateOf(year, month + months, dayOfMonth)
        if (next) return within(toDay(next))
      }
      return null
    case 'yearly':
      for (let years = rule.interval; years <= horizonYears; years += rule.interval) {
        const next = dateOf(year + years, month, dayOfMonth)
        if (next) return within(toDay(next))
      }
      return null
  }
}

/**
 * The first `limit` dates (YYYY-MM-DD) of a series due first on `due` at `time` (HH:MM, or none for
 * all day): the due date itself, then each next one, until COUNT, UNTIL or the horizon ends it.
 */
export function seriesDates(rule: Rule, due: string, time = '', limit = 5): string[] {
  const clock = time ? `${time}:00`.slice(0, 8) : '00:00:00'
  const dates = [due]
  while (dates.length < limit && (rule.count === undefined || dates.length < rule.count)) {
    const next = nextDate(rule, dates[dates.length - 1]!)
    if (!next || (rule.until !== undefined && `${next}T${clock}` > rule.until)) break
    dates.push(next)
  }
  return dates
}
