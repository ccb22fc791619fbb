import type { RequestContext } from '@focushub/shared/context'
import { errors } from '@focushub/shared/errors'
import { inUnitOfWork, type UnitOfWork } from '@focushub/shared/events'
import type { Kysely } from 'kysely'
import { v7 as uuidv7 } from 'uuid'
import type { NotificationContext } from '../../context.ts'
import type { Database } from '../../db/tables.ts'
import { recordNotificationEvent } from '../../events/notification-events.ts'
import { planEmails } from '../delivery/delivery.service.ts'
import { inAppRefusals } from '../preferences/preferences.repository.ts'
import {
  addUnread,
  countUnread,
  deleteNotification,
  findNotification,
  insertNotifications,
  markAllRead,
  markRead,
  notificationsOf,
  refusedAccounts,
  subtractUnread,
} from './notifications.repository.ts'
import { toNotification } from './notifications.view.ts'
import { decodeNotificationCursor, encodeNotificationCursor } from './notifications-cursor.ts'
import type { NotificationDraft } from './triggers.ts'

export interface NotificationListFilter {
  order: 'newest' | 'unread'
  unread?: boolean
  cursor?: string
  limit: number
}

/** The user's inbox, newest first or unread first, keyset-paginated so new notifications never shift a page. */
export async function listNotifications(ctx: NotificationContext, userId: string, filter: NotificationListFilter) {
  const after = filter.cursor ? decodeNotificationCursor(filter.cursor) : undefined
  const rows = await notificationsOf(ctx.db, userId, { ...filter, after, rows: filter.limit + 1 })
  const page = rows.slice(0, filter.limit)
  const last = page.at(-1)
  return {
    items: page.map(toNotification),
    nextCursor: rows.length > filter.limit && last ? encodeNotificationCursor(last) : null,
  }
}

export const unreadCountOf = async (ctx: NotificationContext, userId: string) => ({
  unread: await countUnread(ctx.db, userId),
})

/** Marks one read (a read one stays as it was, and publishes nothing). Another user's answers 404. */
export function readNotification(ctx: NotificationContext, context: RequestContext, id: string) {
  return inUnitOfWork(ctx.db, async (work) => {
    const readAt = new Date()
    const row = await markRead(work.trx, context.userId, id, readAt)
    if (!row) {
      const existing = await findNotification(work.trx, context.userId, id)
      if (!existing) throw errors.notFound('No such notification')
      return toNotification(existing)
    }
    const unreadCount = await subtractUnread(work.trx, context.userId, 1)
    const data = { notificationId: id, readAt: readAt.toISOString(), unreadCount }
    recordNotificationEvent(work, 'notification.read', data, context)
    return toNotification(row)
  })
}

export function readAllNotifications(ctx: NotificationContext, context: RequestContext) {
  return inUnitOfWork(ctx.db, async (work) => {
    const readAt = new Date()
    const marked = await markAllRead(work.trx, context.userId, readAt)
    if (marked > 0) {
      // What this statement marked comes off the count: one told meanwhile, after its snapshot, stays on it.
      const unreadCount = await subtractUnread(work.trx, context.userId, marked)
      const data = { readAt: readAt.toISOString(), marked, unreadCount }
      recordNotificationEvent(work, 'notification.all_read', data, context)
    }
    return { marked }
  })
}

export function removeNotification(ctx: NotificationContext, context: RequestContext, id: string) {
  return inUnitOfWork(ctx.db, async (work) => {
    const deleted = await deleteNotification(work.trx, context.userId, id)
    if (!deleted) throw errors.notFound('No such notification')
    const unreadCount = deleted.unread
      ? await subtractUnread(work.trx, context.userId, 1)
      : await countUnread(work.trx, context.userId)
    recordNotificationEvent(work, 'notification.deleted', { notificationId: id, unreadCount }, context)
  })
}

/**
 * Creates the notifications a run of events asks for, each once per (user, trigger), none for an
 * account that is suspended, deactivated or deleted, nor for a user who muted notifications or turned
 * that kind's in-app channel off; each new one is published as
 * notification.created with the user's unread count after the run; its e-mail, when the user takes
 * that kind by e-mail, is queued with it (`planEmails`).
 */
export async function tell(work: UnitOfWork<Database>, drafts: NotificationDraft[]) {
  await createNotifications(work, await wantedOnly(work.trx, drafts))
}

/** The drafts their users take: none for a refused account, a muted user or a kind whose in-app channel is off. */
export async function wantedOnly<D extends Pick<NotificationDraft, 'userId' | 'kind'>>(
  trx: Kysely<Database>,
  drafts: D[],
) {
  const users = [...new Set(drafts.map((draft) => draft.userId))]
  const [refused, declines] = await Promise.all([refusedAccounts(trx, users), inAppRefusals(trx, users)])
  return drafts.filter((draft) => !refused.has(draft.userId) && !declines.get(draft.userId)?.(draft.kind))
}

/** `tell`'s creating half, for drafts already known to be wanted. */
export async function createNotifications(work: UnitOfWork<Database>, told: NotificationDraft[]) {
  const wanted = new Map(told.map((draft) => [uuidv7(), draft]))
  const rows = [...wanted].map(([id, draft]) => ({
    id,
    user_id: draft.userId,
    kind: draft.kind,
    trigger_key: draft.triggerKey,
    title: draft.title,
    body: draft.body,
    data: JSON.stringify(draft.data),
  }))
  const created = await insertNotifications(work.trx, rows)
  await planEmails(work, created)
  const counts = await addUnread(work.trx, created)
  // Each event carries the count right after its own notification: later ones of the same user not yet in.
  const countAfter = new Map<string, number>()
  for (const row of created.toReversed()) {
    const count = counts.get(row.user_id) ?? 0
    countAfter.set(row.id, count)
    counts.set(row.user_id, count - 1)
  }
  for (const row of created) {
    const { id, kind, title, body, data, createdAt } = toNotification(row)
    const cause = { userId: row.user_id, requestId: wanted.get(id)?.requestId ?? '' }
    const event = { notificationId: id, kind, title, body, data, createdAt, unreadCount: countAfter.get(id) ?? 0 }
    recordNotificationEvent(work, 'notification.created', event, cause)
  }
}
