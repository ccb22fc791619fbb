import type { RequestContext } from '@focushub/shared/context'
import { dayBoundaryOf, type UnitOfWork } from '@focushub/shared/events'
import { localDateOf } from '@focushub/shared/time'
import type { FocusContext } from '../../context.ts'
import type { SessionRow } from '../../db/tables/focus-sessions.ts'
import type { RoomParticipantRow, RoomRow } from '../../db/tables/rooms.ts'
import type { Database } from '../../db/tables.ts'
import { recordFocusEvent } from '../../events/focus-events.ts'
import { planDurationMs } from '../sessions/phases.ts'
import { saveTransition } from '../sessions/session-transitions.ts'
import { timerStateOf } from '../sessions/session-view.ts'
import type { Plan } from '../sessions/sessions.schemas.ts'
import { applyAction, completeAt } from '../sessions/timer.ts'
import { insertRoomSession, lockDrivenSessions, timerParticipants } from './room-timer.repository.ts'
import type { RoomTimerState, TimerChange } from './room-timer.ts'

/** A room session's plan: one work phase as long as the room's (the room keeps the breaks). */
const roomSessionPlan = (room: Pick<RoomRow, 'work_minutes'>): Plan => ({
  workMinutes: room.work_minutes,
  shortBreakMinutes: 0,
  longBreakMinutes: 0,
  cyclesBeforeLongBreak: 1,
})

/**
 * Starts the participant's own timed session at `at` for the room, tied to their task and habit: the
 * solo machinery then credits it. It begins where the room's work phase is (`remainingMs` left of it),
 * so it ends with the phase, and credits only what runs from `at`. A user who has an active session
 * already keeps it, and gets none.
 */
async function startRoomSession(
  work: UnitOfWork<Database>,
  room: RoomRow,
  participant: RoomParticipantRow,
  at: Date,
  remainingMs: number,
  requestId: string,
): Promise<SessionRow | undefined> {
  const { trx } = work
  const plan = roomSessionPlan(room)
  const planMs = planDurationMs(plan)
  const remaining = Math.min(Math.max(remainingMs, 0), planMs)
  const endsAt = new Date(at.getTime() + remaining)
  const row = await insertRoomSession(trx, {
    user_id: participant.user_id,
    task_id: participant.task_id,
    habit_id: participant.habit_id,
    room_id: room.id,
    kind: 'timer',
    status: 'running',
    work_minutes: plan.workMinutes,
    short_break_minutes: plan.shortBreakMinutes,
    long_break_minutes: plan.longBreakMinutes,
    cycles_before_long_break: plan.cyclesBeforeLongBreak,
    started_at: at,
    plan_offset_ms: planMs - remaining,
    ends_at: endsAt,
    local_date: localDateOf(at, await dayBoundaryOf(trx, participant.user_id)),
  })
  if (!row) return undefined
  recordFocusEvent(
    work,
    'focus.session.started',
    {
      sessionId: row.id,
      taskId: row.task_id,
      habitId: row.habit_id,
      roomId: room.id,
      phase: 'work',
      startedAt: at.toISOString(),
      phaseEndsAt: endsAt.toISOString(),
      plan,
    },
    { userId: participant.user_id, requestId },
  )
  return row
}

/**
 * A participant joined (or turned `inTimer` back on) during a work phase: their room session starts now
 * (credited from now; the room completes it when the phase ends), paused with the room if it is paused.
 * Outside a work phase, away (or stepped away) or out of the timer, nothing.
 */
export async function attachToTimer(
  work: UnitOfWork<Database>,
  _ctx: FocusContext,
  room: RoomRow,
  participant: RoomParticipantRow,
  now: Date,
  meta: RequestContext,
): Promise<void> {
  if (!participant.in_timer || participant.away || participant.stepped_away || room.phase !== 'work') return
  const inPhase = room.timer_status === 'paused' || (room.phase_ends_at !== null && room.phase_ends_at > now)
  if (room.timer_status === 'idle' || !inPhase) return
  const remainingMs =
    room.timer_status === 'paused'
      ? (room.phase_remaining_ms ?? 0)
      : (room.phase_ends_at as Date).getTime() - now.getTime()
  const row = await startRoomSession(work, room, participant, now, remainingMs, meta.requestId)
  if (row && room.timer_status === 'paused') {
    await saveTransition(work, row, applyAction(timerStateOf(row), 'pause', now), 'pause', {
      now,
      requestId: meta.requestId,
    })
  }
}

/**
 * Moves the sessions the room drives with its timer's change (the room before it, the timer after): a
 * pause or resume pauses or resumes them; a work phase that ran out completes them at the instant it
 * ended (by the timer: the pomodoro is theirs), one skipped or ended completes them now (by the user:
 * what ran is credited); a work phase that starts gives each participant in the timer, not away, a
 * session from its start (or from their joining, if later).
 */
export async function driveSessions(
  work: UnitOfWork<Database>,
  room: RoomRow,
  timer: RoomTimerState,
  change: TimerChange,
  now: Date,
  requestId: string,
): Promise<void> {
  const context = { now, requestId }
  if (change === 'paused' || change === 'resumed') {
    const [from, action] = change === 'paused' ? (['running', 'pause'] as const) : (['paused', 'resume'] as const)
    for (const row of await lockDrivenSessions(work.trx, room.id)) {
      if (row.status !== from) continue
      await saveTransition(work, row, applyAction(timerStateOf(row), action, now), action, context)
    }
  } else if (room.timer_status !== 'idle' && room.phase === 'work') {
    const ranOutAt = change === 'phase_ended' ? room.phase_ends_at : null
    for (const row of await lockDrivenSessions(work.trx, room.id)) {
      if (ranOutAt) {
        await saveTransition(work, row, completeAt(timerStateOf(row), ranOutAt), 'room-phase-end', {
          now: ranOutAt,
          requestId,
        })
      } else {
        await saveTransition(work, row, applyAction(timerStateOf(row), 'complete', now), 'complete', context)
      }
    }
  }
  const { phase_started_at: phaseStart, phase_ends_at: phaseEnd } = timer
  if (timer.timer_status === 'running' && timer.phase === 'work' && phaseStart && phaseEnd) {
    for (const participant of await timerParticipants(work.trx, room.id)) {
      // Who joined after the phase began (while it went unnoticed) is credited from joining.
      const at = participant.joined_at > phaseStart ? participant.joined_at : phaseStart
      await startRoomSession(work, room, participant, at, phaseEnd.getTime() - at.getTime(), requestId)
    }
  }
}
