import type { RoomTimer } from '@focushub/shared/events'
import type { Static } from 'typebox'
import type { RoomRow, RoomTimerStatus } from '../../db/tables/rooms.ts'
import { focusError } from '../../errors.ts'
import { type PhaseSpan, phasesOf } from '../sessions/phases.ts'
import type { Plan } from '../sessions/sessions.schemas.ts'

export type RoomTimerView = Static<typeof RoomTimer>

/** The columns the shared timer lives in. */
export type RoomTimerState = Pick<
  RoomRow,
  'timer_status' | 'phase' | 'cycle' | 'phase_started_at' | 'phase_ends_at' | 'phase_remaining_ms'
>

/** What a participant may ask of the shared timer. */
export type RoomTimerAction = 'start' | 'pause' | 'resume' | 'skip' | 'end'

/** What a change of the timer was, as `focus.room.timer_changed` names it. */
export type TimerChange = 'started' | 'paused' | 'resumed' | 'skipped' | 'ended' | 'phase_ended' | 'finished'

const allowedByStatus: Record<RoomTimerStatus, RoomTimerAction[]> = {
  idle: ['start'],
  running: ['pause', 'skip', 'end'],
  paused: ['resume', 'skip', 'end'],
}

export const allowedTimerActions = (status: RoomTimerStatus): RoomTimerAction[] => allowedByStatus[status]

const idle: RoomTimerState = {
  timer_status: 'idle',
  phase: null,
  cycle: null,
  phase_started_at: null,
  phase_ends_at: null,
  phase_remaining_ms: null,
}

/** The room's plan: the same work, breaks and cycles as a solo session's. */
export const roomPlanOf = (
  room: Pick<RoomRow, 'work_minutes' | 'short_break_minutes' | 'long_break_minutes' | 'cycles_before_long_break'>,
): Plan => ({
  workMinutes: room.work_minutes,
  shortBreakMinutes: room.short_break_minutes,
  longBreakMinutes: room.long_break_minutes,
  cyclesBeforeLongBreak: room.cycles_before_long_break,
})

const running = (span: PhaseSpan, at: Date): RoomTimerState => ({
  timer_status: 'running',
  phase: span.phase,
  cycle: span.cycle,
  phase_started_at: at,
  phase_ends_at: new Date(at.getTime() + span.endMs - span.startMs),
  phase_remaining_ms: null,
})

/** The phase after the timer's current one, or null after the last long break. */
function nextSpan(plan: Plan, timer: RoomTimerState): PhaseSpan | null {
  const spans = phasesOf(plan)
  const index = spans.findIndex((span) => span.phase === timer.phase && span.cycle === timer.cycle)
  return spans[index + 1] ?? null
}

/** The next phase starting at `at`, or idle once the plan has run out. */
const toNextPhase = (plan: Plan, timer: RoomTimerState, at: Date): RoomTimerState => {
  const next = nextSpan(plan, timer)
  return next ? running(next, at) : idle
}

/** 409 naming what the timer's status does allow. */
export const timerActionNotAllowed = (action: string, status: RoomTimerStatus) =>
  focusError(
    'timer-action-not-allowed',
    `A timer that is ${status} cannot ${action}; allowed: ${allowedTimerActions(status).join(', ')}`,
    { details: { timerStatus: status, allowedActions: allowedTimerActions(status) } },
  )

/**
 * The timer after a participant's action at `now`, and what the change was; an action its status does
 * not allow throws 409. Skipping goes to the next phase, running from now (skipping the last long break
 * finishes the plan: idle); ending idles it whatever phase it was in.
 */
export function applyTimerAction(
  plan: Plan,
  timer: RoomTimerState,
  action: RoomTimerAction,
  now: Date,
): { timer: RoomTimerState; change: TimerChange } {
  if (!allowedTimerActions(timer.timer_status).includes(action)) {
    throw timerActionNotAllowed(action, timer.timer_status)
  }
  switch (action) {
    case 'start':
      return { timer: running(phasesOf(plan)[0], now), change: 'started' }
    case 'pause':
      return {
        timer: {
          ...timer,
          timer_status: 'paused',
          phase_ends_at: null,
          phase_remaining_ms: Math.max(0, (timer.phase_ends_at?.getTime() ?? 0) - now.getTime()),
        },
        change: 'paused',
      }
    case 'resume':
      return {
        timer: {
          ...timer,
          timer_status: 'running',
          phase_ends_at: new Date(now.getTime() + (timer.phase_remaining_ms ?? 0)),
          phase_remaining_ms: null,
        },
        change: 'resumed',
      }
    case 'skip': {
      const next = toNextPhase(plan, timer, now)
      return { timer: next, change: next.timer_status === 'idle' ? 'finished' : 'skipped' }
    }
    case 'end':
      return { timer: idle, change: 'ended' }
  }
}

/** Whether the running timer's phase has ended at `now`. */
export const isPhaseDue = (timer: RoomTimerState, now: Date) =>
  timer.timer_status === 'running' && timer.phase_ends_at !== null && timer.phase_ends_at <= now

/**
 * The running phase that ended at or before `now` gives way to the next, which starts at the instant the
 * ended one ran out (not when noticed); the last long break ending idles the timer (`finished`).
 */
export function advance(plan: Plan, timer: RoomTimerState, now: Date): { timer: RoomTimerState; change: TimerChange } {
  if (!isPhaseDue(timer, now) || !timer.phase_ends_at) throw timerActionNotAllowed('advance', timer.timer_status)
  const next = toNextPhase(plan, timer, timer.phase_ends_at)
  return { timer: next, change: next.timer_status === 'idle' ? 'finished' : 'phase_ended' }
}

/** The shared timer as clients see it: running → `phaseEndsAt`, paused → `remainingSeconds`. */
export function timerViewOf(
  room: Pick<RoomRow, 'timer_status' | 'phase' | 'cycle' | 'phase_ends_at' | 'phase_remaining_ms'>,
): RoomTimerView {
  return {
    status: room.timer_status,
    phase: room.timer_status === 'idle' ? null : room.phase,
    cycle: room.timer_status === 'idle' ? null : room.cycle,
    phaseEndsAt: room.timer_status === 'running' ? (room.phase_ends_at?.toISOString() ?? null) : null,
    remainingSeconds: room.timer_status === 'paused' ? Math.ceil((room.phase_remaining_ms ?? 0) / 1000) : null,
  }
}
