import { errors } from '@focushub/shared/errors'
import { type DayBoundary, localDayBounds } from '@focushub/shared/time'
import { DateTime } from 'luxon'

/** When a task is due: an instant, and for an all-day task also its local date. */
export interface Due {
  dueAt: Date
  dueDate: string | null
}

const dateOnly = /^\d{4}-\d{2}-\d{2}$/

/**
 * Reads a due date ("2026-11-23": all day, due by the end of that local day) or a date-time
 * (with an offset, as given; without one, in the user's timezone).
 */
export function parseDue(text: string, boundary: DayBoundary, field = '/body/due'): Due {
  const parsed = DateTime.fromISO(text, { zone: boundary.timezone })
  if (!parsed.isValid)
    throw errors.validation('The due date is not a date or date-time', [{ field, message: 'is not a date' }])
  if (dateOnly.test(text)) return { dueAt: localDayBounds(text, boundary).end, dueDate: text }
  return { dueAt: parsed.toJSDate(), dueDate: null }
}

/** The due date as clients see it: the date of an all-day task, else the instant in UTC. */
export const dueOf = (row: { due_at: Date | null; due_date: string | null }) =>
  row.due_date ?? row.due_at?.toISOString() ?? null
