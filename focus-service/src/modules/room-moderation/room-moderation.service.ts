import type { RequestContext } from '@focushub/shared/context'
import { errors } from '@focushub/shared/errors'
import { inUnitOfWork } from '@focushub/shared/events'
import type { Kysely } from 'kysely'
import type { FocusContext } from '../../context.ts'
import type { RoomBansTable, RoomRow } from '../../db/tables/rooms.ts'
import type { Database } from '../../db/tables.ts'
import { focusError } from '../../errors.ts'
import { removeParticipant } from '../rooms/membership.ts'
import {
  bumpRoomVersion,
  findParticipant,
  participantRoom,
  recordRoomEvent,
  requireHost,
} from '../rooms/room-access.ts'
import { roomViewOf } from '../rooms/room-view.ts'
import { displayNameOf } from '../rooms/rooms.repository.ts'
import { bansOf, deleteBan, deleteInvitation, findBan, insertBan, setMuted } from './room-moderation.repository.ts'
import { BanCursor } from './room-moderation.schemas.ts'

const noSuchParticipant = () => errors.notFound('No such participant in this room')

/**
 * The room, locked, for its host's action on `targetId`: who may not see it 404 (409 for a public room
 * they are not in), a participant who is not the host 403 `host-only`, the host naming themselves 422.
 */
async function roomOfHost(db: Kysely<Database>, roomId: string, hostId: string, targetId: string) {
  const { room } = await participantRoom(db, roomId, hostId, { lock: true })
  requireHost(room, hostId)
  if (targetId === hostId) throw focusError('moderate-self', 'You cannot mute, remove or ban yourself')
  return room
}

/** The participant's part of the room view (as `GET /focus/rooms/{id}` shows them). */
async function participantView(db: Kysely<Database>, room: RoomRow, userId: string) {
  const { me } = await roomViewOf(db, room, userId)
  if (!me) throw noSuchParticipant()
  return me
}

const banView = (ban: RoomBansTable, displayName: string | null) => ({
  userId: ban.user_id,
  displayName,
  bannedBy: ban.banned_by,
  createdAt: ban.created_at.toISOString(),
})

/** Mutes or unmutes a participant (host only); a change is `focus.room.participant_changed` to the room. */
export async function setParticipantMuted(
  ctx: FocusContext,
  hostId: string,
  roomId: string,
  targetId: string,
  muted: boolean,
  meta: RequestContext,
) {
  return inUnitOfWork(ctx.db, async (work) => {
    const { trx } = work
    const room = await roomOfHost(trx, roomId, hostId, targetId)
    const target = await findParticipant(trx, roomId, targetId)
    if (!target) throw noSuchParticipant()
    if (target.muted === muted) return participantView(trx, room, targetId)
    await setMuted(trx, roomId, targetId, muted)
    const changed = { ...room, version: await bumpRoomVersion(trx, roomId) }
    await recordRoomEvent(
      work,
      'focus.room.participant_changed',
      changed,
      { participantId: targetId, inTimer: target.in_timer, muted },
      { userId: hostId, requestId: meta.requestId },
    )
    return participantView(trx, changed, targetId)
  })
}

/** Removes a participant (host only): they may join again, unlike a banned one. */
export async function removeFromRoom(
  ctx: FocusContext,
  hostId: string,
  roomId: string,
  targetId: string,
  meta: RequestContext,
) {
  await inUnitOfWork(ctx.db, async (work) => {
    const room = await roomOfHost(work.trx, roomId, hostId, targetId)
    if (!(await findParticipant(work.trx, roomId, targetId))) throw noSuchParticipant()
    await removeParticipant(work, room, targetId, 'removed', ctx.now(), meta)
  })
}

/**
 * Bans a user from the room (host only): out of it at once if in it, their invitation gone; no route lets
 * them join again until unbanned. Answers the ban and whether it is new (banning twice changes nothing).
 */
export async function banFromRoom(
  ctx: FocusContext,
  hostId: string,
  roomId: string,
  targetId: string,
  meta: RequestContext,
) {
  const now = ctx.now()
  return inUnitOfWork(ctx.db, async (work) => {
    const { trx } = work
    const room = await roomOfHost(trx, roomId, hostId, targetId)
    const banned = await insertBan(trx, { room_id: roomId, user_id: targetId, banned_by: hostId, created_at: now })
    await removeParticipant(work, room, targetId, 'banned', now, meta)
    await deleteInvitation(trx, roomId, targetId)
    const ban = banned ?? (await findBan(trx, roomId, targetId))
    return { created: banned !== undefined, ban: banView(ban, await displayNameOf(trx, targetId)) }
  })
}

export async function unbanFromRoom(ctx: FocusContext, hostId: string, roomId: string, targetId: string) {
  await ctx.db.transaction().execute(async (trx) => {
    await roomOfHost(trx, roomId, hostId, targetId)
    if (!(await deleteBan(trx, roomId, targetId))) throw errors.notFound('That user is not banned from this room')
  })
}

/** The room's bans, newest first (host only). */
export async function roomBans(ctx: FocusContext, hostId: string, roomId: string, limit: number, cursor?: string) {
  const { room } = await participantRoom(ctx.db, roomId, hostId)
  requireHost(room, hostId)
  const after = cursor ? BanCursor.decode(cursor) : undefined
  const rows = await bansOf(ctx.db, roomId, limit, after && { createdAt: after[0], userId: after[1] })
  const items = rows.slice(0, limit)
  const last = items.at(-1)
  return {
    items: items.map((row) => banView(row, row.display_name)),
    nextCursor: rows.length > limit && last ? BanCursor.encode([last.created_at, last.user_id]) : null,
  }
}
