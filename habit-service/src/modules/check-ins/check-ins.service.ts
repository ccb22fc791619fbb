import type { RequestContext } from '@focushub/shared/context'
import { errors } from '@focushub/shared/errors'
import type { Static } from 'typebox'
import type { HabitContext } from '../../context.ts'
import type { CheckInRow } from '../../db/tables/check-ins.ts'
import type { HabitRow } from '../../db/tables/habits.ts'
import { habitError } from '../../errors.ts'
import { recordHabitEvent } from '../../events/habit-events.ts'
import { type HabitWork, inHabitWork } from '../../events/habit-work.ts'
import { creditDoneDays } from '../achievements/done-days.ts'
import { requireHabit } from '../habits/habits.service.ts'
import { assertRealDate, localToday } from '../habits/local-today.ts'
import { refreshSummaries } from '../stats/summaries.service.ts'
import { assertWritableDay, entryOf } from './check-in-entry.ts'
import { type CheckInWrite, deleteCheckIn, upsertCheckIn } from './check-ins.repository.ts'
import type { CheckInBody } from './check-ins.schemas.ts'

export const toCheckIn = (row: CheckInRow) => ({
  habitId: row.habit_id,
  date: row.local_date,
  status: row.status,
  value: row.value,
  source: row.source,
})

/** Publishes habit.checked_in for a check-in just written, with the streak of the habit's fresh summary. */
export function announceCheckIn(work: HabitWork, row: CheckInRow, habit: HabitRow, cause: RequestContext) {
  recordHabitEvent(
    work,
    'habit.checked_in',
    {
      habitId: row.habit_id,
      localDate: row.local_date,
      status: row.status,
      value: row.value,
      source: row.source,
      currentStreak: habit.summary?.currentStreak ?? 0,
    },
    cause,
  )
}

/**
 * Writes a day's check-in and everything it moves, in the caller's transaction: the habit's
 * summary, habit.checked_in, and (when the day is done) the check-in count, once per habit and
 * day, and that day's perfect-day test.
 */
export async function recordCheckIn(
  work: HabitWork,
  habit: HabitRow,
  write: CheckInWrite,
  today: string,
  cause: RequestContext,
) {
  const row = await upsertCheckIn(work.trx, write)
  const [fresh] = (await refreshSummaries(work, [habit], today, cause)) as [HabitRow]
  announceCheckIn(work, row, fresh, cause)
  if (row.status === 'done') await creditDoneDays(work, [{ cause, habitId: habit.id, localDate: row.local_date }])
  return { checkIn: toCheckIn(row), habit: fresh }
}

export async function checkIn(
  ctx: HabitContext,
  cause: RequestContext,
  habitId: string,
  body: Static<typeof CheckInBody>,
) {
  if (body.date) assertRealDate(body.date, '/body/date')
  const today = await localToday(ctx, cause.userId)
  const localDate = body.date ?? today
  return inHabitWork(ctx.db, async (work) => {
    const habit = await requireHabit(work.trx, cause.userId, habitId, true)
    if (habit.archived_at) throw habitError('habit-archived', 'The habit is archived; restore it to check in')
    assertWritableDay(localDate, today, habit.start_date, ctx.config.HABIT_BACKFILL_DAYS)
    const entry = entryOf(habit, body)
    return recordCheckIn(
      work,
      habit,
      { habitId, userId: cause.userId, localDate, ...entry, source: 'user' },
      today,
      cause,
    )
  })
}

/** Undoes a day's check-in within the backfill window; the day counts as not checked in again. */
export async function undoCheckIn(ctx: HabitContext, cause: RequestContext, habitId: string, localDate: string) {
  assertRealDate(localDate, '/params/date')
  const today = await localToday(ctx, cause.userId)
  await inHabitWork(ctx.db, async (work) => {
    const { trx } = work
    const habit = await requireHabit(trx, cause.userId, habitId, true)
    assertWritableDay(localDate, today, habit.start_date, ctx.config.HABIT_BACKFILL_DAYS, '/params/date')
    if (!(await deleteCheckIn(trx, habitId, localDate))) throw errors.notFound('No check-in on that day')
    await refreshSummaries(work, [habit], today, cause)
  })
}
