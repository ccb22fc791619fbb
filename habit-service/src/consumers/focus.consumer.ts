import { type ConsumedEvent, localDateOf } from '@focushub/shared'
import type { Kysely } from 'kysely'
import type { Cause } from '../context.ts'
import type { Database } from '../db/tables.ts'
import { progress } from '../modules/achievements/achievements.service.ts'
import { recordGoalDay } from '../modules/achievements/goal-days.ts'
import { findCheckIn } from '../modules/check-ins/check-ins.repository.ts'
import { recordCheckIn } from '../modules/check-ins/check-ins.service.ts'
import { focusLinkedHabits } from '../modules/habits/habits.repository.ts'
import { meetsTarget } from '../modules/stats/day-marks.ts'

type SessionCompleted = ConsumedEvent<'focus.session.completed'>

const causeOfEvent = (event: { userId: string; requestId: string }): Cause => ({
  userId: event.userId,
  requestId: event.requestId,
})

/**
 * Adds a session's minutes to the day's check-in of each focus-linked habit it credits (the
 * habit it names, or every linked habit when it names none); done once the minutes reach the
 * habit's target. Sums commute, so reordered sessions give the same day.
 */
async function creditFocusHabits(trx: Kysely<Database>, event: SessionCompleted, now: Date) {
  const { habitId, localDate, focusedMinutes } = event.data
  if (focusedMinutes === 0) return
  const { habits, boundary } = await focusLinkedHabits(trx, event.userId, habitId)
  const today = localDateOf(now, boundary)
  for (const habit of habits) {
    if (localDate < habit.start_date) continue
    const day = await findCheckIn(trx, habit.id, localDate)
    const value = (day?.value ?? 0) + focusedMinutes
    const met = meetsTarget(value, { target: habit.target, targetType: habit.target_type })
    const status = met ? 'done' : day?.status === 'skipped' ? 'skipped' : 'partial'
    await recordCheckIn(
      trx,
      habit,
      { habitId: habit.id, userId: event.userId, localDate, status, value, source: 'focus' },
      today,
      causeOfEvent(event),
      day?.status === 'done',
    )
  }
}

/** Habits first, counters after: the lock order of a check-in request, so the two never deadlock. */
export async function onSessionCompleted(trx: Kysely<Database>, event: SessionCompleted, now: Date) {
  await creditFocusHabits(trx, event, now)
  await progress(trx, causeOfEvent(event), 'add', { focus_sessions: 1, focus_minutes: event.data.focusedMinutes })
}

export async function onDailyGoalAchieved(trx: Kysely<Database>, event: ConsumedEvent<'focus.daily_goal.achieved'>) {
  await recordGoalDay(trx, causeOfEvent(event), event.data.localDate)
}
