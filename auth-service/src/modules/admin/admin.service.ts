import type { RequestContext } from '@focushub/shared/context'
import { errors } from '@focushub/shared/errors'
import { type EventData, inUnitOfWork, type UnitOfWork } from '@focushub/shared/events'
import { decodeCursor, pageOf } from '@focushub/shared/http'
import type { Static } from 'typebox'
import type { AuthContext } from '../../context.ts'
import type { Database } from '../../db/tables.ts'
import { authError } from '../../errors.ts'
import { recordUserEvent } from '../../events/user-events.ts'
import { insertAudit, listAudit } from '../audit/audit.repository.ts'
import { revokeUserTokens } from '../sessions/refresh-tokens.repository.ts'
import { oldestLiveAccessToken, recordSessionsRevoked } from '../sessions/revoked-sessions.ts'
import { activeUser } from '../users/account-status.ts'
import { listUsers, lockActiveAdmins, lockUser, updateUser } from '../users/users.repository.ts'
import { toUser } from '../users/users.view.ts'
import type { AuditEntry, AuditQuery, ChangeUserBody, UserListQuery } from './admin.schemas.ts'

/** The token said admin; the database must agree now (a refresh racing a demotion may mint the old role). */
export async function requireAdmin(ctx: AuthContext, userId: string) {
  const actor = await activeUser(ctx.db, userId)
  if (actor.role !== 'admin') throw errors.forbidden('Only admins may do this')
}

export async function searchUsers(ctx: AuthContext, query: Static<typeof UserListQuery>) {
  const rows = await listUsers(ctx.db, {
    search: query.q,
    role: query.role,
    status: query.status,
    before: query.cursor ? decodeCursor(query.cursor) : undefined,
    limit: query.limit,
  })
  const page = pageOf(rows, query.limit)
  return { items: page.items.map(toUser), nextCursor: page.nextCursor }
}

export type UserChange = Omit<Static<typeof ChangeUserBody>, 'version'>

/**
 * Every sign-in of a user whose role or status changed ends, their access tokens too (refused within
 * seconds by the gateway and the services, at once here): a token carries the role, and one issued
 * before the change must not act with the old one. They sign in again to get the new role.
 */
async function endSignIns(
  ctx: AuthContext,
  work: UnitOfWork<Database>,
  userId: string,
  reason: EventData<'auth.user.sessions_revoked'>['reason'],
  meta: RequestContext,
) {
  const ttlSeconds = ctx.config.ACCESS_TOKEN_TTL_SECONDS
  const sessionIds = await revokeUserTokens(work.trx, userId, undefined, oldestLiveAccessToken(ttlSeconds))
  const context = { userId, requestId: meta.requestId, accessTokenTtlSeconds: ttlSeconds }
  recordSessionsRevoked(work, { sessionIds, reason }, context)
}

/**
 * Changes a user's role and/or status, audited; either ends the user's sign-ins. A status change
 * records auth.user.status_changed first, so a refused account's open streams end as refused, not
 * as signed out. No change may leave the service without an active admin.
 */
export async function changeUser(
  ctx: AuthContext,
  actorId: string,
  targetId: string,
  change: UserChange,
  expectedVersion: number | undefined,
  meta: RequestContext,
) {
  if (!change.role && !change.status) {
    throw authError('nothing-to-change', 'Name a role or a status to change', {
      errors: [{ field: '/body', message: 'needs role or status' }],
    })
  }
  const row = await inUnitOfWork(ctx.db, async (work) => {
    const { trx } = work
    const admins = await lockActiveAdmins(trx)
    const target = await lockUser(trx, targetId)
    if (!target) throw errors.notFound('No such user')
    if (expectedVersion !== undefined && target.version !== expectedVersion) throw errors.preconditionFailed()
    if (target.deleted_at) throw authError('user-deleted', 'This account was deleted and cannot be changed')
    const role = change.role ?? target.role
    const status = change.status ?? target.status
    if (role === target.role && status === target.status) return target
    const losesAdmin = admins.includes(target.id) && !(role === 'admin' && status === 'active')
    if (losesAdmin && admins.length === 1) {
      throw authError(
        'last-active-admin',
        target.id === actorId
          ? 'You are the last active admin: you cannot demote, suspend or deactivate yourself'
          : 'This is the last active admin',
      )
    }
    const updated = (await updateUser(trx, target.id, { role, status }))!
    const audit = (action: string, from: string, to: string) =>
      insertAudit(trx, { actorId, action, targetUserId: target.id, details: { from, to, reason: change.reason } }, meta)
    if (role !== target.role) await audit('user.role_changed', target.role, role)
    if (status !== target.status) {
      await audit('user.status_changed', target.status, status)
      recordUserEvent(
        work,
        'auth.user.status_changed',
        { status, previousStatus: target.status, reason: change.reason, changedBy: actorId },
        { userId: target.id, requestId: meta.requestId },
      )
    }
    await endSignIns(ctx, work, target.id, status !== target.status ? 'status_changed' : 'role_changed', meta)
    return updated
  })
  return toUser(row)
}

export async function readAudit(
  ctx: AuthContext,
  query: Static<typeof AuditQuery>,
): Promise<{ items: Static<typeof AuditEntry>[]; nextCursor: string | null }> {
  const rows = await listAudit(ctx.db, {
    targetUserId: query.targetUserId,
    action: query.action,
    before: query.cursor ? decodeCursor(query.cursor) : undefined,
    limit: query.limit,
  })
  const page = pageOf(rows, query.limit)
  return {
    items: page.items.map((row) => ({
      id: row.id,
      actorId: row.actor_id,
      action: row.action,
      targetUserId: row.target_user_id,
      details: row.details,
      requestId: row.request_id,
      ip: row.ip,
      createdAt: row.created_at.toISOString(),
    })),
    nextCursor: page.nextCursor,
  }
}
