import type { RequestContext } from '@focushub/shared/context'
import { errors } from '@focushub/shared/errors'
import { inUnitOfWork } from '@focushub/shared/events'
import { decodeCursor, pageOf } from '@focushub/shared/http'
import type { FocusContext } from '../../context.ts'
import type { RoomInviteLinksTable } from '../../db/tables/rooms.ts'
import { focusError } from '../../errors.ts'
import { hashPublicToken, newPublicToken } from '../sharing/public-token.ts'
import { accountsOf } from '../sharing/sharing.service.ts'
import { bumpRoomVersion, findOpenRoom, participantRoom, recordRoomEvent, requireHost } from './room-access.ts'
import { toRoomSummary } from './room-view.ts'
import {
  addInvitations,
  insertInviteLink,
  invitationsOf,
  invitationsTo,
  inviteLinksOf,
  revokeInviteLink,
} from './rooms.repository.ts'
import { InvitationCursor, type InviteBody } from './rooms.schemas.ts'

/** The room, checked to be the caller's as host: 404 to whoever may not see it, 403 `host-only` to a participant. */
async function hostedRoom(ctx: FocusContext, userId: string, roomId: string) {
  const { room } = await participantRoom(ctx.db, roomId, userId)
  requireHost(room, userId)
  return room
}

const linkStatus = (
  link: Pick<RoomInviteLinksTable, 'revoked_at' | 'expires_at'>,
  now: Date,
): 'active' | 'revoked' | 'expired' => (link.revoked_at ? 'revoked' : link.expires_at <= now ? 'expired' : 'active')

/** Creates an invite link to the host's room; its token is shown once, only its hash is kept. */
export async function createInviteLink(ctx: FocusContext, userId: string, roomId: string, expiresInHours: number) {
  const now = ctx.now()
  const token = newPublicToken()
  const link = await ctx.db.transaction().execute(async (trx) => {
    const { room } = await participantRoom(trx, roomId, userId, { lock: true })
    requireHost(room, userId)
    return insertInviteLink(trx, {
      roomId,
      tokenHash: hashPublicToken(token),
      createdBy: userId,
      expiresAt: new Date(now.getTime() + expiresInHours * 3_600_000),
      now,
    })
  })
  return { id: link.id, token, expiresAt: link.expires_at.toISOString(), createdAt: link.created_at.toISOString() }
}

/** The room's invite links, newest first, revoked and expired ones marked (never their tokens). */
export async function inviteLinksOfRoom(
  ctx: FocusContext,
  userId: string,
  roomId: string,
  limit: number,
  cursor?: string,
) {
  await hostedRoom(ctx, userId, roomId)
  const now = ctx.now()
  const page = pageOf(await inviteLinksOf(ctx.db, roomId, limit, cursor ? decodeCursor(cursor) : undefined), limit)
  return {
    nextCursor: page.nextCursor,
    items: page.items.map((link) => ({
      id: link.id,
      expiresAt: link.expires_at.toISOString(),
      revokedAt: link.revoked_at?.toISOString() ?? null,
      createdAt: link.created_at.toISOString(),
      status: linkStatus(link, now),
    })),
  }
}

export async function revokeRoomInviteLink(ctx: FocusContext, userId: string, roomId: string, linkId: string) {
  await ctx.db.transaction().execute(async (trx) => {
    const { room } = await participantRoom(trx, roomId, userId, { lock: true })
    requireHost(room, userId)
    if (!(await revokeInviteLink(trx, roomId, linkId, ctx.now()))) throw errors.notFound('No such active invite link')
  })
}

/**
 * Invites people to the host's room, by user id or e-mail (looked up at auth-service: one without an
 * account answers 422 `recipient-unknown` naming it), 1 to 50 in all (more: 422 `too-many-invitees`); the host is
 * refused (422). The newly
 * invited receive `focus.room.invited` live. Answers the invitations of everyone named.
 */
export async function inviteToRoom(
  ctx: FocusContext,
  userId: string,
  roomId: string,
  body: InviteBody,
  meta: RequestContext,
) {
  await hostedRoom(ctx, userId, roomId)
  const named = (body.userIds?.length ?? 0) + (body.emails?.length ?? 0)
  if (named > 50) {
    throw focusError('too-many-invitees', 'Invite at most 50 people at once', {
      errors: [{ field: '/body', message: 'names more than 50 people in userIds and emails together' }],
    })
  }
  const byEmail = body.emails ? await accountsOf(ctx, body.emails) : []
  const self = (body.userIds ?? []).indexOf(userId)
  const selfByEmail = byEmail.indexOf(userId)
  if (self >= 0 || selfByEmail >= 0) {
    throw focusError('invite-self', 'You cannot invite yourself', {
      errors: [{ field: self >= 0 ? `/body/userIds/${self}` : `/body/emails/${selfByEmail}`, message: 'names you' }],
    })
  }
  const inviteeIds = [...new Set([...(body.userIds ?? []), ...byEmail])]
  await inUnitOfWork(ctx.db, async (work) => {
    const { trx } = work
    const { room } = await participantRoom(trx, roomId, userId, { lock: true })
    requireHost(room, userId)
    const added = await addInvitations(trx, roomId, inviteeIds, userId, ctx.now())
    if (added.length === 0) return
    const version = await bumpRoomVersion(trx, roomId)
    await recordRoomEvent(work, 'focus.room.invited', { id: roomId, version }, { inviteeIds: added }, meta, {
      alsoTo: added,
    })
  })
  const invitations = await invitationsTo(ctx.db, roomId, inviteeIds)
  return {
    items: invitations.map((invitation) => ({
      userId: invitation.user_id,
      displayName: invitation.display_name,
      invitedBy: invitation.invited_by,
      invitedAt: invitation.created_at.toISOString(),
    })),
  }
}

/** The host withdraws an invitation, or the invitee declines it. */
export async function withdrawInvitation(ctx: FocusContext, userId: string, roomId: string, inviteeId: string) {
  await ctx.db.transaction().execute(async (trx) => {
    if (userId === inviteeId) {
      if (!(await findOpenRoom(trx, roomId))) throw errors.notFound('No such room')
    } else {
      const { room } = await participantRoom(trx, roomId, userId, { lock: true })
      requireHost(room, userId)
    }
    const removed = await trx
      .deleteFrom('room_invitations')
      .where('room_id', '=', roomId)
      .where('user_id', '=', inviteeId)
      .executeTakeFirst()
    if (removed.numDeletedRows === 0n) throw errors.notFound('No such invitation')
  })
}

/** Open rooms the user is invited to, newest invitation first, with who invited them. */
export async function myInvitations(ctx: FocusContext, userId: string, limit: number, cursor?: string) {
  const after = cursor ? InvitationCursor.decode(cursor) : undefined
  const rows = await invitationsOf(ctx.db, userId, limit, after && { at: after[0], roomId: after[1] })
  const items = rows.slice(0, limit)
  const last = items[items.length - 1]
  return {
    items: items.map((row) => ({
      room: toRoomSummary(row),
      invitedBy: { userId: row.invited_by, displayName: row.inviter_name },
      invitedAt: row.invited_at.toISOString(),
    })),
    nextCursor: rows.length > limit ? InvitationCursor.encode([last.invited_at, last.id]) : null,
  }
}
