import type { RequestContext } from '@focushub/shared/context'
import { errors } from '@focushub/shared/errors'
import { inUnitOfWork } from '@focushub/shared/events'
import { decodeCursor, pageOf } from '@focushub/shared/http'
import type { Kysely } from 'kysely'
import type { Static } from 'typebox'
import type { FocusContext } from '../../context.ts'
import type { Database } from '../../db/tables.ts'
import { focusError } from '../../errors.ts'
import { recordFocusEvent } from '../../events/focus-events.ts'
import { toSessionView } from '../sessions/session-view.ts'
import { findOwnSession } from '../sessions/sessions.repository.ts'
import { hashPublicToken, newPublicToken } from './public-token.ts'
import {
  addRecipients,
  findLinkedSession,
  insertPublicLink,
  linksOf,
  recipientsOf,
  recordShareAudit,
  removeRecipient,
  revokeLink,
  sessionsSharedWith,
} from './sharing.repository.ts'
import type { ShareBody } from './sharing.schemas.ts'

async function ownSession(db: Kysely<Database>, userId: string, sessionId: string) {
  const row = await findOwnSession(db, userId, sessionId)
  if (!row) throw errors.notFound('No such session')
  return row
}

const linkView = (link: { id: string; expires_at: Date; revoked_at: Date | null; created_at: Date }) => ({
  id: link.id,
  expiresAt: link.expires_at.toISOString(),
  revokedAt: link.revoked_at?.toISOString() ?? null,
  createdAt: link.created_at.toISOString(),
})

/** Who a session is shared with and its public links (the owner's view). */
export async function sharesOf(ctx: FocusContext, userId: string, sessionId: string) {
  await ownSession(ctx.db, userId, sessionId)
  const [recipients, links] = await Promise.all([recipientsOf(ctx.db, sessionId), linksOf(ctx.db, sessionId)])
  return {
    sessionId,
    recipientIds: recipients.map((recipient) => recipient.userId),
    recipients,
    links: links.map(linkView),
  }
}

/** The accounts of the e-mails, asked of auth-service's directory; every e-mail without one is named (422). */
export async function accountsOf(ctx: FocusContext, emails: string[]) {
  const found = await Promise.all(emails.map((email) => ctx.users.findByEmail(email)))
  const unknown = emails.filter((_, index) => !found[index])
  if (unknown.length > 0) {
    throw focusError('recipient-unknown', `No FocusHub account has the e-mail ${unknown.join(', ')}`, {
      errors: found.flatMap((user, index) =>
        user ? [] : [{ field: `/body/emails/${index}`, message: 'no account has this e-mail' }],
      ),
    })
  }
  return found.flatMap((user) => (user ? [user.id] : []))
}

/** The user ids a share names, by e-mail or as given; naming the owner is refused (422). */
async function recipientIdsOf(ctx: FocusContext, ownerId: string, body: Static<typeof ShareBody>) {
  const [field, ids] = body.emails ? ['emails', await accountsOf(ctx, body.emails)] : ['userIds', body.userIds ?? []]
  const self = ids.indexOf(ownerId)
  if (self >= 0) {
    throw focusError('share-with-self', 'You cannot share a session with yourself', {
      errors: [{ field: `/body/${field}/${self}`, message: 'names you' }],
    })
  }
  return [...new Set(ids)]
}

/**
 * Shares a session read-only with users, named by e-mail or by id; new recipients are audited and
 * published. Another's session answers 404 before any e-mail is looked up.
 */
export async function shareSession(
  ctx: FocusContext,
  userId: string,
  sessionId: string,
  body: Static<typeof ShareBody>,
  meta: RequestContext,
) {
  await ownSession(ctx.db, userId, sessionId)
  const recipientIds = await recipientIdsOf(ctx, userId, body)
  await inUnitOfWork(ctx.db, async (work) => {
    const { trx } = work
    await ownSession(trx, userId, sessionId)
    const added = await addRecipients(trx, sessionId, recipientIds)
    if (added.length === 0) return
    await recordShareAudit(trx, {
      sessionId,
      actorId: userId,
      action: 'shared',
      details: { recipientIds: added },
      requestId: meta.requestId,
    })
    recordFocusEvent(
      work,
      'focus.session.shared',
      { sessionId, recipientIds: added },
      { userId, requestId: meta.requestId },
    )
  })
  return sharesOf(ctx, userId, sessionId)
}

export async function unshareSession(
  ctx: FocusContext,
  userId: string,
  sessionId: string,
  recipientId: string,
  meta: RequestContext,
) {
  await ctx.db.transaction().execute(async (trx) => {
    await ownSession(trx, userId, sessionId)
    if (!(await removeRecipient(trx, sessionId, recipientId)))
      throw errors.notFound('The session is not shared with that user')
    await recordShareAudit(trx, {
      sessionId,
      actorId: userId,
      action: 'unshared',
      details: { recipientId },
      requestId: meta.requestId,
    })
  })
}

/** Creates a public read-only link; the token is shown once, only its hash is kept. */
export async function createPublicLink(
  ctx: FocusContext,
  userId: string,
  sessionId: string,
  expiresInHours: number,
  meta: RequestContext,
) {
  const token = newPublicToken()
  const expiresAt = new Date(ctx.now().getTime() + expiresInHours * 3_600_000)
  const link = await ctx.db.transaction().execute(async (trx) => {
    await ownSession(trx, userId, sessionId)
    const link = await insertPublicLink(trx, sessionId, hashPublicToken(token), expiresAt)
    await recordShareAudit(trx, {
      sessionId,
      actorId: userId,
      action: 'link_created',
      details: { linkId: link.id, expiresAt: expiresAt.toISOString() },
      requestId: meta.requestId,
    })
    return link
  })
  return { ...linkView(link), token, path: `/api/v1/focus/public/${token}` }
}

export async function revokePublicLink(
  ctx: FocusContext,
  userId: string,
  sessionId: string,
  linkId: string,
  meta: RequestContext,
) {
  await ctx.db.transaction().execute(async (trx) => {
    await ownSession(trx, userId, sessionId)
    if (!(await revokeLink(trx, sessionId, linkId, ctx.now()))) throw errors.notFound('No such active link')
    await recordShareAudit(trx, {
      sessionId,
      actorId: userId,
      action: 'link_revoked',
      details: { linkId },
      requestId: meta.requestId,
    })
  })
}

/** Sessions others shared with the user, read-only (no actions offered), each with its owner's id and name. */
export async function sharedWithMe(ctx: FocusContext, userId: string, limit: number, cursor?: string) {
  const rows = await sessionsSharedWith(ctx.db, userId, limit, cursor ? decodeCursor(cursor) : undefined)
  const now = ctx.now()
  const page = pageOf(rows, limit)
  return {
    items: page.items.map((row) => ({
      ...toSessionView(row, now),
      allowedActions: [],
      ownerId: row.user_id,
      ownerName: row.owner_name,
    })),
    nextCursor: page.nextCursor,
  }
}

/** What a public link shows: the session's timing, no identities, no note. 410 once revoked or expired. */
export async function publicSession(ctx: FocusContext, token: string) {
  const found = await findLinkedSession(ctx.db, hashPublicToken(token))
  if (!found) throw errors.notFound('No such link')
  const now = ctx.now()
  if (found.link_revoked_at) throw focusError('link-revoked', 'This link was revoked')
  if (found.link_expires_at <= now) throw focusError('link-expired', 'This link has expired')
  const view = toSessionView(found, now)
  return {
    kind: view.kind,
    status: view.status,
    phase: view.phase,
    remainingSeconds: view.remainingSeconds,
    focusedMinutes: view.focusedMinutes,
    pomodoros: view.pomodoros,
    startedAt: view.startedAt,
    endedAt: view.endedAt,
    localDate: view.localDate,
    linkExpiresAt: found.link_expires_at.toISOString(),
  }
}
