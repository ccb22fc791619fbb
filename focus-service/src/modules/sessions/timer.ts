import type { SessionStatus } from '../../db/tables/focus-sessions.ts'
import { focusError } from '../../errors.ts'
import { planDurationMs } from './phases.ts'
import type { Plan } from './sessions.schemas.ts'

/** The timestamps a timed session's state is computed from; all of them from the server's clock. */
export interface TimerState {
  status: SessionStatus
  startedAt: Date
  /** When the current pause began; null unless paused. */
  pausedAt: Date | null
  /** Milliseconds of pauses that have ended. */
  pausedMs: number
  endedAt: Date | null
  /**
   * Active milliseconds of the plan that had run before the session began: a room's work phase joined
   * late (so the session ends with the room's phase). Absent (0) for a solo session.
   */
  planOffsetMs?: number
}

/** What a user may ask of a session. The timer running out (`expire`) is the sweeper's, not a user's. */
export type TimerAction = 'pause' | 'resume' | 'complete' | 'abandon'

const allowedByStatus: Record<SessionStatus, TimerAction[]> = {
  running: ['pause', 'complete', 'abandon'],
  paused: ['resume', 'complete', 'abandon'],
  completed: [],
  abandoned: [],
}

export const allowedActions = (status: SessionStatus): TimerAction[] => allowedByStatus[status]

/** 409 naming what the session's status does allow. */
export const illegalTransition = (action: string, status: SessionStatus) =>
  focusError(
    'transition-not-allowed',
    `A ${status} session cannot ${action}; allowed: ${allowedActions(status).join(', ') || 'nothing'}`,
    {
      details: {
        sessionStatus: status,
        allowedActions: allowedActions(status),
      },
    },
  )

/** Where in its plan the session is at `now`: active (unpaused) milliseconds from the plan's start, capped at its length. */
export function activeMs(plan: Plan, state: TimerState, now: Date): number {
  const until = state.endedAt ?? state.pausedAt ?? now
  const elapsed = until.getTime() - state.startedAt.getTime() - state.pausedMs
  return Math.min(Math.max(elapsed, 0) + (state.planOffsetMs ?? 0), planDurationMs(plan))
}

/** When a running session's plan runs out; null unless running. */
export function endsAt(plan: Plan, state: TimerState): Date | null {
  if (state.status !== 'running') return null
  return new Date(state.startedAt.getTime() + state.pausedMs + planDurationMs(plan) - (state.planOffsetMs ?? 0))
}

/** Whether the plan of a running session has run out at `now`. */
export function isDue(plan: Plan, state: TimerState, now: Date): boolean {
  const end = endsAt(plan, state)
  return end !== null && end.getTime() <= now.getTime()
}

/** The state after a user's action at `now`; an action the status does not allow throws 409. */
export function applyAction(state: TimerState, action: TimerAction, now: Date): TimerState {
  if (!allowedActions(state.status).includes(action)) throw illegalTransition(action, state.status)
  const pauseEnded = state.pausedAt ? now.getTime() - state.pausedAt.getTime() : 0
  switch (action) {
    case 'pause':
      return { ...state, status: 'paused', pausedAt: now }
    case 'resume':
      return { ...state, status: 'running', pausedAt: null, pausedMs: state.pausedMs + pauseEnded }
    case 'complete':
    case 'abandon':
      return {
        ...state,
        status: action === 'complete' ? 'completed' : 'abandoned',
        pausedAt: null,
        pausedMs: state.pausedMs + pauseEnded,
        endedAt: now,
      }
  }
}

/** Completes a running session whose plan ran out, ended at the instant it ran out (not when noticed). */
export function expire(plan: Plan, state: TimerState, now: Date): TimerState {
  const end = endsAt(plan, state)
  if (!end || end.getTime() > now.getTime()) throw illegalTransition('expire', state.status)
  return { ...state, status: 'completed', endedAt: end }
}

/**
 * Completes an active session at the instant `at` whatever its own plan says: a room's work phase ended
 * then. A pause begun after `at` never counts.
 */
export function completeAt(state: TimerState, at: Date): TimerState {
  if (state.status !== 'running' && state.status !== 'paused') throw illegalTransition('complete', state.status)
  const pausedUntil = state.pausedAt ? Math.max(0, at.getTime() - state.pausedAt.getTime()) : 0
  return { ...state, status: 'completed', pausedAt: null, pausedMs: state.pausedMs + pausedUntil, endedAt: at }
}
