import { TZDate } from '@date-fns/tz'
import ical, { ICalCalendarMethod, ICalEventStatus } from 'ical-generator'
import { tzlib_get_ical_block } from 'timezones-ical-library'
import type { ServiceName } from '../../upstreams.ts'
import { askService, type Caller } from '../dashboard/dashboard.service.ts'

/** What the feed shows: tasks due, and focus sessions started, from this long ago on. */
export const feedPastDays = 30
/** At most this many tasks and this many sessions: a calendar asks every few hours, each time for all of it. */
export const feedMaxItems = 1000
const pageSize = 200

export interface FeedOptions {
  services: Record<ServiceName, string>
  timeoutMs: number
}

interface Task {
  id: string
  title: string
  description: string
  status: 'todo' | 'in_progress' | 'done' | 'cancelled'
  due: string | null
  dueAt: string | null
  allDay: boolean
  recurrence: { rrule: string; from: 'due' | 'completion' } | null
  nextOccurrenceId: string | null
  updatedAt: string
}

interface Session {
  id: string
  status: 'running' | 'paused' | 'completed' | 'abandoned'
  focusedMinutes: number
  startedAt: string
  endsAt: string | null
  endedAt: string | null
}

/** Every page of a list, on the owner's behalf, up to `feedMaxItems` items. */
async function listAll<T>(options: FeedOptions, caller: Caller, service: ServiceName, path: string) {
  const items: T[] = []
  let cursor: string | null = null
  do {
    const page = `${path}&limit=${pageSize}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`
    const answer = (await askService(
      options.services,
      caller,
      { service, path: page },
      AbortSignal.timeout(options.timeoutMs),
    )) as { items: T[]; nextCursor: string | null }
    items.push(...answer.items)
    cursor = answer.nextCursor
  } while (cursor && items.length < feedMaxItems)
  return items.slice(0, feedMaxItems)
}

/**
 * The owner's calendar as iCalendar (RFC 5545), in their time zone (with its VTIMEZONE): each task with a due
 * date an event on it (all day, or 30 minutes from its due time), repeating by its RRULE while it is the open
 * occurrence of a series counted from its due date; each focus session an event over the time it ran.
 */
export async function buildFeed(options: FeedOptions, owner: Caller & { timezone: string }) {
  const since = new Date(Date.now() - feedPastDays * 86_400_000).toISOString()
  const [tasks, sessions] = await Promise.all([
    listAll<Task>(options, owner, 'task-service', `/tasks?sort=due&dueAfter=${encodeURIComponent(since)}`),
    listAll<Session>(options, owner, 'focus-service', `/focus/sessions?from=${encodeURIComponent(since)}`),
  ])
  // The calendar itself in no zone, so that DTSTAMP stays UTC as RFC 5545 asks; each event names the
  // owner's, and the generator adds its VTIMEZONE.
  const calendar = ical({
    name: 'FocusHub',
    prodId: { company: 'FocusHub', product: 'calendar-feed', language: 'EN' },
    method: ICalCalendarMethod.PUBLISH,
    timezone: { name: null, generator: (zone) => tzlib_get_ical_block(zone)[0] ?? null },
    ttl: 60 * 60,
  })
  calendar.x([{ key: 'X-WR-TIMEZONE', value: owner.timezone }])
  // An instant as the owner's wall-clock time: ical-generator writes a TZID'd time from its local fields.
  const local = (instant: Date | number) =>
    new TZDate(typeof instant === 'number' ? instant : instant.getTime(), owner.timezone)
  // A day (YYYY-MM-DD) as an all-day event's date, whatever the server's own zone: noon of it, in the owner's.
  const day = (date: string) => {
    const [year, month, dayOfMonth] = date.split('-').map(Number)
    return new TZDate(year, month - 1, dayOfMonth, 12, 0, 0, owner.timezone)
  }
  for (const task of tasks) {
    if (!task.dueAt || task.status === 'cancelled') continue
    const due = new Date(task.dueAt)
    const repeats = task.recurrence?.from === 'due' && !task.nextOccurrenceId && task.status !== 'done'
    const event = calendar.createEvent({
      id: `task-${task.id}@focushub`,
      summary: task.status === 'done' ? `✓ ${task.title}` : task.title,
      description: task.description || undefined,
      stamp: new Date(task.updatedAt),
      status: ICalEventStatus.CONFIRMED,
      ...(task.allDay
        ? { start: day((task.due ?? task.dueAt).slice(0, 10)), allDay: true }
        : { start: local(due), end: local(due.getTime() + 30 * 60_000), timezone: owner.timezone }),
    })
    if (repeats && task.recurrence) event.repeating(task.recurrence.rrule.replace(/^RRULE:/, ''))
  }
  for (const session of sessions) {
    const start = new Date(session.startedAt)
    const endedAt = session.endedAt ?? session.endsAt
    const end = endedAt ? new Date(endedAt) : new Date(Math.max(Date.now(), start.getTime() + 60_000))
    calendar.createEvent({
      id: `focus-${session.id}@focushub`,
      summary: `Focus: ${session.focusedMinutes} min${session.status === 'abandoned' ? ' (stopped)' : ''}`,
      start: local(start),
      end: local(end > start ? end : start.getTime() + 60_000),
      timezone: owner.timezone,
      stamp: end,
    })
  }
  return calendar.toString()
}
