import { contextFor, type RequestContext } from '@focushub/shared/context'
import { errors } from '@focushub/shared/errors'
import { inUnitOfWork, type UnitOfWork } from '@focushub/shared/events'
import { sql } from 'kysely'
import type { FocusContext } from '../../context.ts'
import type { RoomRow } from '../../db/tables/rooms.ts'
import type { Database } from '../../db/tables.ts'
import { focusError } from '../../errors.ts'
import { hashPublicToken } from '../sharing/public-token.ts'
import { joinRoom, removeParticipant } from './membership.ts'
import { announcePresence, findParticipant, lockOpenRoom, participantRoom } from './room-access.ts'
import { isAway, roomViewOf } from './room-view.ts'
import { findInviteLink, hasInvitation, isBanned, roomOfUser, takeInvitation } from './rooms.repository.ts'

const noSuchRoom = () => errors.notFound('No such room')

export const alreadyInRoom = (roomId: string) =>
  focusError('already-in-room', 'You are in another room: leave it first', { details: { roomId } })

/** The database's answer when the user joined a room meanwhile (a user is in at most one). */
const inAnotherRoom = (error: unknown) => {
  const { code, constraint } = error as { code?: string; constraint?: string }
  return code === '23505' && constraint === 'room_participants_user_id_key'
}

/** Runs a join; a concurrent join elsewhere (the unique participant) answers 409 `already-in-room`. */
export async function joining<T>(ctx: FocusContext, userId: string, attempt: () => Promise<T>): Promise<T> {
  try {
    return await attempt()
  } catch (error) {
    if (!inAnotherRoom(error)) throw error
    const other = await roomOfUser(ctx.db, userId)
    throw alreadyInRoom(other?.id ?? '')
  }
}

/**
 * Admits the user to the locked room, or answers why not: banned 403, already in another room 409, full
 * 409. Already in this one: nothing changes. Answers the room as it is now.
 */
async function admit(
  work: UnitOfWork<Database>,
  ctx: FocusContext,
  room: RoomRow,
  userId: string,
  now: Date,
  meta: RequestContext,
) {
  const { trx } = work
  if (await findParticipant(trx, room.id, userId)) return room
  if (await isBanned(trx, room.id, userId)) throw focusError('banned-from-room', 'The host banned you from this room')
  const current = await roomOfUser(trx, userId)
  if (current) throw alreadyInRoom(current.id)
  if (room.participant_count >= room.capacity) throw focusError('room-full', 'The room is full')
  await takeInvitation(trx, room.id, userId)
  return (await joinRoom(work, ctx, room, userId, now, meta)).room
}

/**
 * Joins a public room, or a private one the user is invited to (the invitation is used up; without one
 * the room does not exist for them, 404). Idempotent: already in it answers the room.
 */
export async function joinRoomById(ctx: FocusContext, userId: string, roomId: string, meta: RequestContext) {
  const now = ctx.now()
  const room = await joining(ctx, userId, () =>
    inUnitOfWork(ctx.db, async (work) => {
      const { trx } = work
      const room = await lockOpenRoom(trx, roomId)
      if (!room) throw noSuchRoom()
      if (room.visibility === 'private') {
        const invited = await hasInvitation(trx, roomId, userId)
        if (!invited && !(await findParticipant(trx, roomId, userId)) && !(await isBanned(trx, roomId, userId))) {
          throw noSuchRoom()
        }
      }
      return admit(work, ctx, room, userId, now, meta)
    }),
  )
  return roomViewOf(ctx.db, room, userId)
}

/** Joins the room an invite link opens: unknown 404, revoked or expired 410, then as any join. */
export async function joinRoomByLink(ctx: FocusContext, userId: string, token: string, meta: RequestContext) {
  const now = ctx.now()
  const link = await findInviteLink(ctx.db, hashPublicToken(token))
  if (!link) throw errors.notFound('No such invite link')
  if (link.revoked_at) throw focusError('invite-revoked', 'This invite link was revoked')
  if (link.expires_at <= now) throw focusError('invite-expired', 'This invite link has expired')
  const room = await joining(ctx, userId, () =>
    inUnitOfWork(ctx.db, async (work) => {
      const room = await lockOpenRoom(work.trx, link.room_id)
      if (!room) throw focusError('invite-revoked', 'The room of this invite link is closed')
      return admit(work, ctx, room, userId, now, meta)
    }),
  )
  return roomViewOf(ctx.db, room, userId)
}

export async function leaveRoom(ctx: FocusContext, userId: string, roomId: string, meta: RequestContext) {
  await inUnitOfWork(ctx.db, async (work) => {
    const { room } = await participantRoom(work.trx, roomId, userId, { lock: true })
    await removeParticipant(work, room, userId, 'left', ctx.now(), meta)
  })
}

/**
 * The participant says where they are: `steppedAway` (their page is hidden) or back. It refreshes
 * `last_seen_at` and clears `away` (they are connected: they just called). When nothing changes it costs
 * one UPDATE and no lock; otherwise the room is locked, and only when the shown state (`away ||
 * stepped_away`) flips is its version bumped and `focus.room.presence_changed` published.
 */
export async function setOwnPresence(
  ctx: FocusContext,
  userId: string,
  roomId: string,
  steppedAway: boolean,
  meta: RequestContext,
) {
  const now = ctx.now()
  const seen = await ctx.db
    .updateTable('room_participants')
    .set({ last_seen_at: now })
    .where('room_id', '=', roomId)
    .where('user_id', '=', userId)
    .where('stepped_away', '=', steppedAway)
    .where('away', '=', false)
    .executeTakeFirst()
  if (seen.numUpdatedRows > 0n) return
  await inUnitOfWork(ctx.db, async (work) => {
    const { trx } = work
    const { room, participant } = await participantRoom(trx, roomId, userId, { lock: true })
    await trx
      .updateTable('room_participants')
      .set({ last_seen_at: now, away: false, stepped_away: steppedAway })
      .where('room_id', '=', roomId)
      .where('user_id', '=', userId)
      .execute()
    if (isAway(participant) === steppedAway) return
    await announcePresence(work, room.id, userId, steppedAway, meta)
  })
}

/**
 * A gateway's report: these users have a live stream open (users in no room are ignored). Their
 * participant rows are seen now, in one statement (`user_id = any(…)`, the unique index); answers how
 * many. Those the sweeper had marked away (disconnected) come back, a locked room at a time: `away`
 * cleared, and, unless they stepped away, the room's version bumped and `focus.room.presence_changed`
 * published.
 */
export async function reportConnected(ctx: FocusContext, userIds: string[], requestId: string) {
  const now = ctx.now()
  const seen = await ctx.db
    .updateTable('room_participants')
    .set({ last_seen_at: now })
    .where(sql<boolean>`user_id = any(${[...new Set(userIds)]}::uuid[])`)
    .returning(['room_id', 'user_id', 'away'])
    .execute()
  const back = new Map<string, string[]>()
  for (const { room_id, user_id, away } of seen) {
    if (away) back.set(room_id, [...(back.get(room_id) ?? []), user_id])
  }
  for (const [roomId, returning] of back) {
    await inUnitOfWork(ctx.db, async (work) => {
      const { trx } = work
      const room = await lockOpenRoom(trx, roomId)
      if (!room) return
      const cleared = await trx
        .updateTable('room_participants')
        .set({ away: false })
        .where('room_id', '=', roomId)
        .where('user_id', 'in', returning)
        .where('away', '=', true)
        .returning(['user_id', 'stepped_away'])
        .execute()
      for (const { user_id } of cleared.filter((participant) => !participant.stepped_away))
        await announcePresence(work, room.id, user_id, false, contextFor({ userId: user_id, requestId }))
    })
  }
  return { seen: seen.length }
}
