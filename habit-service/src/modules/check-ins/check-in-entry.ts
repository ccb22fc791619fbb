import { addDays } from '@focushub/shared/time'
import type { HabitRow } from '../../db/tables/habits.ts'
import { habitError } from '../../errors.ts'
import type { CheckInStatus } from '../../schemas/habits.ts'
import { meetsTarget } from '../stats/day-marks.ts'

/** What a check-in body means for its habit: boolean habits take a status, measurable ones a value (or skipped). */
export function entryOf(
  habit: HabitRow,
  body: { status?: 'done' | 'skipped'; value?: number },
): { status: CheckInStatus; value: number | null } {
  if (body.status !== undefined && body.value !== undefined) {
    throw habitError('check-in-kind-mismatch', 'Send a status or a value, not both', {
      errors: [{ field: '/body/value', message: 'with status' }],
    })
  }
  if (habit.kind === 'boolean') {
    if (body.status === undefined) {
      throw habitError('check-in-kind-mismatch', 'A yes/no habit takes a status', {
        errors: [{ field: '/body/status', message: 'is required' }],
      })
    }
    return { status: body.status, value: null }
  }
  if (body.status === 'skipped') return { status: 'skipped', value: null }
  if (body.value === undefined) {
    throw habitError('check-in-kind-mismatch', 'A measurable habit takes a value', {
      errors: [{ field: '/body/value', message: 'is required' }],
    })
  }
  const measure = { target: habit.target, targetType: habit.target_type }
  return { status: meetsTarget(body.value, measure) ? 'done' : 'partial', value: body.value }
}

/** A check-in is written or undone for a day from the habit's start through today, at most `backfillDays` back. */
export function assertWritableDay(
  localDate: string,
  today: string,
  startDate: string,
  backfillDays: number,
  field = '/body/date',
) {
  if (localDate > today) {
    throw habitError('day-not-begun', 'That day has not begun yet', {
      errors: [{ field, message: `is after today (${today})` }],
    })
  }
  const earliest = addDays(today, -backfillDays)
  if (localDate < earliest) {
    throw habitError('outside-backfill-window', `Check-ins go back ${backfillDays} days at most`, {
      errors: [{ field, message: `is before ${earliest}` }],
    })
  }
  if (localDate < startDate) {
    throw habitError('before-habit-start', 'The habit had not started that day', {
      errors: [{ field, message: `is before ${startDate}` }],
    })
  }
}
