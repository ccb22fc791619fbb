import type { RequestContext } from '@focushub/shared/context'
import { errors } from '@focushub/shared/errors'
import { inUnitOfWork, type UnitOfWork } from '@focushub/shared/events'
import type { Static } from 'typebox'
import type { FocusContext } from '../../context.ts'
import type { RoomParticipantRow, RoomRow } from '../../db/tables/rooms.ts'
import type { Database } from '../../db/tables.ts'
import { bumpRoomVersion, participantRoom, recordRoomEvent, requireHost } from '../rooms/room-access.ts'
import { attachToTimer, driveSessions } from './room-sessions.ts'
import { saveTimer, updateParticipant } from './room-timer.repository.ts'
import type { ParticipantBody } from './room-timer.schemas.ts'
import {
  advance,
  applyTimerAction,
  isPhaseDue,
  type RoomTimerAction,
  type RoomTimerState,
  roomPlanOf,
  type TimerChange,
  timerViewOf,
} from './room-timer.ts'

type EventContext = Pick<RequestContext, 'userId' | 'requestId'>

/** Applies one change of the timer: the sessions it drives first, then the room, its version and its event. */
async function changeTimer(
  work: UnitOfWork<Database>,
  room: RoomRow,
  next: { timer: RoomTimerState; change: TimerChange },
  now: Date,
  context: EventContext,
): Promise<RoomRow> {
  await driveSessions(work, room, next.timer, next.change, now, context.requestId)
  const saved = await saveTimer(work.trx, room.id, next.timer)
  await recordRoomEvent(
    work,
    'focus.room.timer_changed',
    saved,
    { action: next.change, timer: timerViewOf(saved) },
    context,
  )
  return saved
}

/**
 * Advances the locked room through every phase that has ended by `now` (several when nobody looked for
 * a while), each at the instant the one before ran out, with one event per phase change.
 */
export async function advanceDuePhases(
  work: UnitOfWork<Database>,
  room: RoomRow,
  now: Date,
  context: EventContext,
): Promise<RoomRow> {
  let current = room
  while (isPhaseDue(current, now)) {
    current = await changeTimer(work, current, advance(roomPlanOf(current), current, now), now, context)
  }
  return current
}

/**
 * A participant's start, pause, resume, skip or end of the shared timer: the host's alone unless the room
 * lets anyone drive it. A phase that ran out unnoticed ends first (as the sweeper would end it).
 */
export async function controlTimer(
  ctx: FocusContext,
  userId: string,
  roomId: string,
  action: RoomTimerAction,
  expectedVersion: number | undefined,
  meta: RequestContext,
) {
  const now = ctx.now()
  const context = { userId, requestId: meta.requestId }
  const room = await inUnitOfWork(ctx.db, async (work) => {
    const { room } = await participantRoom(work.trx, roomId, userId, { lock: true })
    if (!room.anyone_controls) requireHost(room, userId)
    if (expectedVersion !== undefined && room.version !== expectedVersion) {
      throw errors.preconditionFailed('The room changed since you read it; read it again')
    }
    const current = await advanceDuePhases(work, room, now, context)
    return changeTimer(work, current, applyTimerAction(roomPlanOf(current), current, action, now), now, context)
  })
  return { timer: timerViewOf(room), version: room.version }
}

const participantView = (participant: RoomParticipantRow) => ({
  userId: participant.user_id,
  joinedAt: participant.joined_at.toISOString(),
  away: participant.away || participant.stepped_away,
  muted: participant.muted,
  inTimer: participant.in_timer,
  taskId: participant.task_id,
  habitId: participant.habit_id,
})

/**
 * The caller's own part in the room: whether the shared timer drives a session of theirs, and the task
 * and habit the next one is tied to. Turning the timer on during a work phase starts their session now;
 * turning it off leaves the running one theirs, no longer driven by the room.
 */
export async function updateMyPart(
  ctx: FocusContext,
  userId: string,
  roomId: string,
  body: Static<typeof ParticipantBody>,
  meta: RequestContext,
) {
  const now = ctx.now()
  return inUnitOfWork(ctx.db, async (work) => {
    const { trx } = work
    const { room, participant } = await participantRoom(trx, roomId, userId, { lock: true })
    const changes = {
      in_timer: body.inTimer ?? participant.in_timer,
      task_id: body.taskId === undefined ? participant.task_id : body.taskId,
      habit_id: body.habitId === undefined ? participant.habit_id : body.habitId,
    }
    const unchanged =
      changes.in_timer === participant.in_timer &&
      changes.task_id === participant.task_id &&
      changes.habit_id === participant.habit_id
    if (unchanged) return { participant: participantView(participant), version: room.version }
    const updated = await updateParticipant(trx, roomId, userId, changes)
    const changed = { ...room, version: await bumpRoomVersion(trx, roomId) }
    await recordRoomEvent(
      work,
      'focus.room.participant_changed',
      changed,
      { participantId: userId, inTimer: updated.in_timer, muted: updated.muted },
      { userId, requestId: meta.requestId },
    )
    if (updated.in_timer && !participant.in_timer) await attachToTimer(work, ctx, changed, updated, now, meta)
    return { participant: participantView(updated), version: changed.version }
  })
}
