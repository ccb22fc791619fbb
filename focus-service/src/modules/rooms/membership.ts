import type { RequestContext } from '@focushub/shared/context'
import type { UnitOfWork } from '@focushub/shared/events'
import { sql } from 'kysely'
import type { FocusContext } from '../../context.ts'
import type { RoomParticipantRow, RoomRow } from '../../db/tables/rooms.ts'
import type { Database } from '../../db/tables.ts'
import { budgetOnJoin, refillWindowMs } from '../room-chat/chat-budget.ts'
import { countMessagesSince } from '../room-chat/room-chat.repository.ts'
import { attachToTimer } from '../room-timer/room-sessions.ts'
import { bumpRoomVersion, recordRoomEvent } from './room-access.ts'

/** Why a participant leaves a room (a room's closing removes everyone at once: `closeRoom`). */
export type LeaveReason = 'left' | 'removed' | 'banned' | 'timeout'
export type CloseReason = 'host' | 'empty'

/**
 * Puts the user in the room, which the caller has locked (`lockOpenRoom`) and checked they may join:
 * counts them in, bumps the version, records `focus.room.joined` and lets the shared timer take them in.
 * Answers the room as it is now and the new participant.
 */
export async function joinRoom(
  work: UnitOfWork<Database>,
  ctx: FocusContext,
  room: RoomRow,
  userId: string,
  now: Date,
  meta: RequestContext,
): Promise<{ room: RoomRow; participant: RoomParticipantRow }> {
  const { trx } = work
  const rule = { burst: ctx.config.FOCUS_ROOM_CHAT_BURST, refillMs: ctx.config.FOCUS_ROOM_CHAT_REFILL_MS }
  const since = new Date(now.getTime() - refillWindowMs(rule))
  const budget = budgetOnJoin(await countMessagesSince(trx, room.id, userId, since), now, rule)
  const participant = await trx
    .insertInto('room_participants')
    .values({
      room_id: room.id,
      user_id: userId,
      joined_at: now,
      last_seen_at: now,
      away: false,
      stepped_away: false,
      in_timer: true,
      task_id: null,
      habit_id: null,
      muted: false,
      chat_tokens: budget.tokens,
      chat_refilled_at: budget.refilledAt,
    })
    .returningAll()
    .executeTakeFirstOrThrow()
  // Who enters a room left empty takes it over: its host is not in it.
  const takesOver = room.participant_count === 0 && room.host_id !== userId
  let updated = await trx
    .updateTable('rooms')
    .set({
      participant_count: sql<number>`participant_count + 1`,
      empty_since: null,
      host_id: takesOver ? userId : room.host_id,
      version: sql<number>`version + 1`,
    })
    .where('id', '=', room.id)
    .returningAll()
    .executeTakeFirstOrThrow()
  await recordRoomEvent(work, 'focus.room.joined', updated, { participantId: userId }, meta)
  if (takesOver) {
    updated = { ...updated, version: await bumpRoomVersion(trx, room.id) }
    await recordRoomEvent(
      work,
      'focus.room.host_changed',
      updated,
      { hostId: userId, previousHostId: room.host_id },
      meta,
    )
  }
  await attachToTimer(work, ctx, updated, participant, now, meta)
  return { room: updated, participant }
}

/**
 * Takes the user out of the room the caller has locked: counts them out (the room empty since now when
 * they were the last), hands a host's room to the longest-present participant left, and records
 * `focus.room.left`, which the one who left receives too (and nothing of the room after it). Their
 * session, if the room drove one, keeps running as theirs. Answers the room as it is now.
 */
export async function removeParticipant(
  work: UnitOfWork<Database>,
  room: RoomRow,
  userId: string,
  reason: LeaveReason,
  now: Date,
  meta: RequestContext,
): Promise<RoomRow> {
  const { trx } = work
  const removed = await trx
    .deleteFrom('room_participants')
    .where('room_id', '=', room.id)
    .where('user_id', '=', userId)
    .executeTakeFirst()
  if (removed.numDeletedRows === 0n) return room
  const successor =
    room.host_id === userId
      ? await trx
          .selectFrom('room_participants')
          .select('user_id')
          .where('room_id', '=', room.id)
          .orderBy('joined_at')
          .orderBy('user_id')
          .limit(1)
          .executeTakeFirst()
      : undefined
  let updated = await trx
    .updateTable('rooms')
    .set({
      participant_count: sql<number>`participant_count - 1`,
      empty_since: sql<Date | null>`case when participant_count - 1 = 0 then ${now}::timestamptz else empty_since end`,
      host_id: successor?.user_id ?? room.host_id,
      version: sql<number>`version + 1`,
    })
    .where('id', '=', room.id)
    .returningAll()
    .executeTakeFirstOrThrow()
  await recordRoomEvent(work, 'focus.room.left', updated, { participantId: userId, reason }, meta, {
    alsoTo: [userId],
  })
  if (successor) {
    updated = { ...updated, version: await bumpRoomVersion(trx, room.id) }
    await recordRoomEvent(
      work,
      'focus.room.host_changed',
      updated,
      { hostId: successor.user_id, previousHostId: userId },
      meta,
    )
  }
  return updated
}

/**
 * Closes the room the caller has locked: everyone in it is out (they all receive `focus.room.closed`),
 * its timer idles (the sessions it drove keep running as their owners'), its chat is deleted and its
 * invite links revoked. Reports about it stay.
 */
export async function closeRoom(
  work: UnitOfWork<Database>,
  room: RoomRow,
  reason: CloseReason,
  now: Date,
  meta: RequestContext,
): Promise<RoomRow> {
  const { trx } = work
  const people = await trx.deleteFrom('room_participants').where('room_id', '=', room.id).returning('user_id').execute()
  await trx.deleteFrom('room_messages').where('room_id', '=', room.id).execute()
  await trx
    .updateTable('room_invite_links')
    .set({ revoked_at: now })
    .where('room_id', '=', room.id)
    .where('revoked_at', 'is', null)
    .execute()
  const closed = await trx
    .updateTable('rooms')
    .set({
      status: 'closed',
      closed_at: now,
      participant_count: 0,
      empty_since: null,
      timer_status: 'idle',
      phase: null,
      cycle: null,
      phase_started_at: null,
      phase_ends_at: null,
      phase_remaining_ms: null,
      version: sql<number>`version + 1`,
    })
    .where('id', '=', room.id)
    .returningAll()
    .executeTakeFirstOrThrow()
  await recordRoomEvent(work, 'focus.room.closed', closed, { reason }, meta, {
    alsoTo: people.map((person) => person.user_id),
  })
  return closed
}
