// A task reminder said as a person would ("15 minutes before", "1 day before", "Tue 8 Dec, 09:00"),
// the presets the screens offer, and the browser's wall clock of a `datetime-local` input.
import type { paths } from '../api/client.ts'

export type Reminder =
  paths['/api/v1/tasks/{taskId}/reminders']['put']['requestBody']['content']['application/json']['reminders'][number]

/** The most minutes before the due the API takes (a week). */
export const maxBefore = 10_080

/** Minutes before the due the screens offer (the task's reminders and the default one). */
export const beforePresets = [0, 5, 10, 15, 30, 60, 1440]

const units = [
  { minutes: 1440, name: 'day' },
  { minutes: 60, name: 'hour' },
  { minutes: 1, name: 'minute' },
]

/** "At due", "15 minutes before", "1 hour 30 minutes before", "1 day before". */
export function beforeText(minutes: number) {
  if (minutes === 0) return 'At due'
  let left = minutes
  const parts: string[] = []
  for (const unit of units) {
    const count = Math.floor(left / unit.minutes)
    left -= count * unit.minutes
    if (count > 0) parts.push(`${count} ${unit.name}${count === 1 ? '' : 's'}`)
  }
  return `${parts.join(' ')} before`
}

/** An instant as "Tue 8 Dec, 09:00" in `timeZone` (the browser's by default). */
export const atText = (at: string, timeZone?: string) =>
  new Intl.DateTimeFormat('en-GB', {
    weekday: 'short',
    day: 'numeric',
    month: 'short',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
    timeZone,
  }).format(new Date(at))

export const reminderText = (reminder: Reminder, timeZone?: string) =>
  'at' in reminder ? atText(reminder.at, timeZone) : beforeText(reminder.before)

/** The same reminder (an instant compared as one, whatever its notation). */
export const sameReminder = (a: Reminder, b: Reminder) =>
  'at' in a ? 'at' in b && Date.parse(a.at) === Date.parse(b.at) : 'before' in b && a.before === b.before

/** A `datetime-local` value (YYYY-MM-DDTHH:MM on the browser's clock) as an instant, or null when incomplete. */
export function instantOf(local: string) {
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2})?$/.test(local)) return null
  // A date-time without offset is read on the browser's clock (ECMAScript's Date.parse).
  const time = Date.parse(local)
  return Number.isNaN(time) ? null : new Date(time).toISOString()
}

/** An instant as a `datetime-local` value on the browser's clock, to the minute. */
export function localInputOf(instant: Date) {
  const pad = (value: number) => String(value).padStart(2, '0')
  return `${instant.getFullYear()}-${pad(instant.getMonth() + 1)}-${pad(instant.getDate())}T${pad(instant.getHours())}:${pad(instant.getMinutes())}`
}
