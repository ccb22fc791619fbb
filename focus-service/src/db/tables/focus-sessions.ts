import type { Generated, Selectable } from 'kysely'

export type SessionStatus = 'running' | 'paused' | 'completed' | 'abandoned'
export type SessionKind = 'timer' | 'manual'
export type CompletedBy = 'user' | 'timer' | 'log'

/** Timed and logged focus sessions. A timed one's phase and remaining time derive from its timestamps. */
export interface FocusSessionsTable {
  id: string
  user_id: string
  task_id: string | null
  habit_id: string | null
  kind: SessionKind
  status: SessionStatus
  /** The plan; for a manual session, the whole span is one work phase. */
  work_minutes: number
  short_break_minutes: number
  long_break_minutes: number
  cycles_before_long_break: number
  started_at: Date
  /** Set while paused: when the current pause began. */
  paused_at: Date | null
  pause_reason: string | null
  /** Milliseconds of the pauses that have ended. */
  paused_ms: Generated<number>
  /** Where in its plan the session began: a room's work phase joined this far in (0 otherwise). */
  plan_offset_ms: Generated<number>
  /** While running: when the last phase ends (the sweeper's due time). Null otherwise. */
  ends_at: Date | null
  ended_at: Date | null
  focused_seconds: Generated<number>
  pomodoros: Generated<number>
  completed_by: CompletedBy | null
  /** The local day (of the user at start) the session's minutes count for. */
  local_date: string
  note: string | null
  /** The room whose shared timer started this session; null for solo and logged sessions. */
  room_id: Generated<string | null>
  version: Generated<number>
}

export type SessionRow = Selectable<FocusSessionsTable>

/** Every pause of a timed session, with its reason. */
export interface SessionPausesTable {
  id: string
  session_id: string
  started_at: Date
  ended_at: Date | null
  reason: string | null
}
