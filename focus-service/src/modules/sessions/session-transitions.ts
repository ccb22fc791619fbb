import type { UnitOfWork } from '@focushub/shared/events'
import type { CompletedBy, SessionRow } from '../../db/tables/focus-sessions.ts'
import type { Database } from '../../db/tables.ts'
import { recordFocusEvent } from '../../events/focus-events.ts'
import { awardGoalIfReached, creditSessionDay } from '../goals/daily-credit.ts'
import { creditOf, phaseAt } from './phases.ts'
import { planOf, timerStateOf } from './session-view.ts'
import { closePause, openPause, updateSession } from './sessions.repository.ts'
import { activeMs, endsAt, type TimerAction, type TimerState } from './timer.ts'

/** A user's action, the plan running out (`expire`), or a room's work phase ending (`room-phase-end`). */
export type Transition = TimerAction | 'expire' | 'room-phase-end'

interface TransitionContext {
  now: Date
  requestId: string
  reason?: string | null
}

const completedByOf = (transition: Transition): CompletedBy | null =>
  transition === 'complete' ? 'user' : transition === 'expire' || transition === 'room-phase-end' ? 'timer' : null

/** Stores a session's next timer state, its pause record, its credit and its event, in the caller's transaction. */
export async function saveTransition(
  work: UnitOfWork<Database>,
  row: SessionRow,
  next: TimerState,
  transition: Transition,
  context: TransitionContext,
): Promise<SessionRow> {
  const { trx } = work
  const plan = planOf(row)
  const finished = next.status === 'completed' || next.status === 'abandoned'
  const credit = finished
    ? creditOf(plan, activeMs(plan, next, context.now), next.planOffsetMs)
    : { focusedSeconds: 0, pomodoros: 0 }
  const saved = await updateSession(trx, row.id, {
    status: next.status,
    paused_at: next.pausedAt,
    pause_reason: next.status === 'paused' ? (context.reason ?? null) : null,
    paused_ms: next.pausedMs,
    ends_at: endsAt(plan, next),
    ended_at: next.endedAt,
    focused_seconds: credit.focusedSeconds,
    // An abandoned session credits its focused minutes but no pomodoro.
    pomodoros: next.status === 'completed' ? credit.pomodoros : 0,
    completed_by: completedByOf(transition),
  })
  if (transition === 'pause') await openPause(trx, row.id, context.now, context.reason ?? null)
  else if (row.status === 'paused') await closePause(trx, row.id, context.now)
  if (finished) {
    await creditSessionDay(trx, saved, 1)
    await awardGoalIfReached(work, saved.user_id, saved.local_date, context)
  }
  await recordTransitionEvent(work, saved, transition, context)
  return saved
}

async function recordTransitionEvent(
  work: UnitOfWork<Database>,
  row: SessionRow,
  transition: Transition,
  context: TransitionContext,
) {
  const plan = planOf(row)
  const active = activeMs(plan, timerStateOf(row), context.now)
  const span = phaseAt(plan, active)
  const phase = span?.phase ?? 'long_break'
  const session = { sessionId: row.id, taskId: row.task_id, habitId: row.habit_id, roomId: row.room_id }
  const on = { userId: row.user_id, requestId: context.requestId }
  const at = context.now.toISOString()
  if (transition === 'pause') {
    const remainingSeconds = Math.ceil(((span?.endMs ?? active) - active) / 1000)
    recordFocusEvent(
      work,
      'focus.session.paused',
      { ...session, phase, pausedAt: at, reason: row.pause_reason, remainingSeconds },
      on,
    )
  } else if (transition === 'resume') {
    const phaseEndsAt = new Date(context.now.getTime() + (span?.endMs ?? active) - active).toISOString()
    recordFocusEvent(work, 'focus.session.resumed', { ...session, phase, resumedAt: at, phaseEndsAt }, on)
  } else {
    await recordFinishedEvent(work, row, transition, context.requestId)
  }
}

/** A finished session as its events carry it: what it credits, and to which day. */
export const sessionCreditOf = (row: SessionRow) => ({
  sessionId: row.id,
  taskId: row.task_id,
  habitId: row.habit_id,
  roomId: row.room_id,
  focusedMinutes: Math.floor(row.focused_seconds / 60),
  pomodoros: row.pomodoros,
  startedAt: row.started_at.toISOString(),
  endedAt: (row.ended_at ?? row.started_at).toISOString(),
  localDate: row.local_date,
})

/** focus.session.completed or .abandoned with what the session credits. */
export async function recordFinishedEvent(
  work: UnitOfWork<Database>,
  row: SessionRow,
  transition: Transition | 'log',
  requestId: string,
) {
  const credit = sessionCreditOf(row)
  const on = { userId: row.user_id, requestId }
  if (row.status === 'abandoned') return recordFocusEvent(work, 'focus.session.abandoned', credit, on)
  const completedBy = transition === 'log' ? 'log' : (completedByOf(transition as Transition) ?? 'user')
  recordFocusEvent(work, 'focus.session.completed', { ...credit, manual: row.kind === 'manual', completedBy }, on)
}
