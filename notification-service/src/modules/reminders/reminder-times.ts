import type { TaskReminder } from '@focushub/shared/events'
import type { Static } from 'typebox'

/** One reminder of a user's list: `{ at }` an instant, or `{ before }` minutes before the task's due instant. */
export type Reminder = Static<typeof TaskReminder>

/**
 * A reminder more than this late when it is set (or when its job finally runs) is dropped, not told:
 * "in 5 minutes" an hour and more after the fact is noise. Less late, it fires at once.
 */
export const maxLatenessMs = 60 * 60_000

/**
 * When a reminder fires: `at` itself, or `before` minutes before the due instant — an instant, so
 * subtracting minutes is exact across a DST change (an all-day task is due at the end of its local
 * day, which task-service computed in the user's zone). A `before` without a due fires never (null).
 */
export function fireAtOf(reminder: Reminder, dueAt: Date | null): Date | null {
  if ('at' in reminder) return new Date(reminder.at)
  return dueAt ? new Date(dueAt.getTime() - reminder.before * 60_000) : null
}

/** Whether a reminder firing at `fireAt` is still worth arming at `now`. */
export const worthArming = (fireAt: Date, now: Date) => now.getTime() - fireAt.getTime() <= maxLatenessMs

/** The job that fires one reminder: one per (task, user, place in the list), replaced when it moves. */
export const reminderJobKey = (taskId: string, userId: string, position: number) =>
  `reminder:${taskId}:${userId}:${position}`
