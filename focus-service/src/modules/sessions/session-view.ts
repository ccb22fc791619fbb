import type { SessionPausesTable, SessionRow } from '../../db/tables/focus-sessions.ts'
import { creditOf, phaseAt } from './phases.ts'
import type { Plan } from './sessions.schemas.ts'
import { activeMs, allowedActions, type TimerState } from './timer.ts'

export const planOf = (row: SessionRow): Plan => ({
  workMinutes: row.work_minutes,
  shortBreakMinutes: row.short_break_minutes,
  longBreakMinutes: row.long_break_minutes,
  cyclesBeforeLongBreak: row.cycles_before_long_break,
})

export const timerStateOf = (row: SessionRow): TimerState => ({
  status: row.status,
  startedAt: row.started_at,
  pausedAt: row.paused_at,
  pausedMs: Number(row.paused_ms),
  endedAt: row.ended_at,
  planOffsetMs: Number(row.plan_offset_ms),
})

const iso = (date: Date | null) => (date ? date.toISOString() : null)

/** Where an unfinished session's timer stands at `now`: computed, never stored. */
function liveTimer(row: SessionRow, now: Date) {
  const plan = planOf(row)
  const active = activeMs(plan, timerStateOf(row), now)
  const span = phaseAt(plan, active)
  const remainingMs = span ? span.endMs - active : 0
  return {
    phase: span?.phase ?? null,
    cycle: span?.cycle ?? null,
    remainingSeconds: Math.ceil(remainingMs / 1000),
    phaseEndsAt: row.status === 'running' ? new Date(now.getTime() + remainingMs).toISOString() : null,
    ...creditOf(plan, active, Number(row.plan_offset_ms)),
  }
}

/** A session as the API shows it to its owner. */
export function toSessionView(row: SessionRow, now: Date) {
  const live = row.status === 'running' || row.status === 'paused'
  const timer = live
    ? liveTimer(row, now)
    : {
        phase: null,
        cycle: null,
        remainingSeconds: 0,
        phaseEndsAt: null,
        focusedSeconds: row.focused_seconds,
        pomodoros: row.pomodoros,
      }
  return {
    id: row.id,
    kind: row.kind,
    status: row.status,
    taskId: row.task_id,
    habitId: row.habit_id,
    roomId: row.room_id,
    plan: row.kind === 'timer' ? planOf(row) : null,
    ...timer,
    focusedMinutes: Math.floor(timer.focusedSeconds / 60),
    startedAt: row.started_at.toISOString(),
    pausedAt: iso(row.paused_at),
    pauseReason: row.pause_reason,
    pausedSeconds: Math.floor(Number(row.paused_ms) / 1000),
    endsAt: iso(row.ends_at),
    endedAt: iso(row.ended_at),
    completedBy: row.completed_by,
    localDate: row.local_date,
    note: row.note,
    version: row.version,
    allowedActions: row.kind === 'timer' ? allowedActions(row.status) : [],
  }
}

export type SessionView = ReturnType<typeof toSessionView>

/** A pause of a session as its detail shows it. */
export const toPauseView = (pause: Pick<SessionPausesTable, 'started_at' | 'ended_at' | 'reason'>) => ({
  startedAt: pause.started_at.toISOString(),
  endedAt: iso(pause.ended_at),
  reason: pause.reason,
})
