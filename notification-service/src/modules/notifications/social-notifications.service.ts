import type { ConsumedEvent, UnitOfWork } from '@focushub/shared/events'
import type { Database } from '../../db/tables.ts'
import { recordNotificationEvent } from '../../events/notification-events.ts'
import { displayNamesOf } from '../delivery/delivery.repository.ts'
import {
  countUnread,
  lockConversationKeys,
  lockUnreadCounts,
  markRead,
  readPositionsOf,
  rewriteNotification,
  saveReadPositions,
  subtractUnread,
  unreadConversationNotifications,
} from './notifications.repository.ts'
import { createNotifications, tell, wantedOnly } from './notifications.service.ts'
import { toNotification } from './notifications.view.ts'
import {
  type ConnectionEvent,
  type ConversationRead,
  connectionDraft,
  conversationReads,
  messageRuns,
  messagesDraft,
  readCovers,
} from './social-triggers.ts'
import type { NotificationDraft } from './triggers.ts'

/** A friend request, an acceptance, a follow → the person it concerns told, by the other's display name. */
export async function tellConnections(work: UnitOfWork<Database>, events: ConnectionEvent[]) {
  if (events.length === 0) return
  const names = await displayNamesOf(work.trx, [...new Set(events.map((event) => event.userId))])
  await tell(
    work,
    events.map((event) => connectionDraft(event, names)),
  )
}

/**
 * New messages → one unread notification per member (not the sender) and conversation: the run's
 * messages are added to the unread one there is (`notification.updated`), or start one
 * (`notification.created`, e-mailed when the user takes them by e-mail) when there is none: never
 * told, or read since. Refused accounts, mute and the kind's in-app channel apply as in `tell`.
 * Read receipts → the reader's read position moves forward: a message it covers is not told (its
 * receipt came first), and the reader's unread one is marked read (`notification.read`) when the
 * position covers the latest message it tells; an older receipt leaves it as it is.
 */
export async function tellMessages(
  work: UnitOfWork<Database>,
  messages: ConsumedEvent<'social.message.sent'>[],
  receipts: ConsumedEvent<'social.conversation.read'>[] = [],
) {
  const told = messageRuns(messages)
  const reads = conversationReads(receipts)
  if (told.length === 0 && reads.length === 0) return
  const keys = [...told, ...reads].map((pair) => `notifications.conversation:${pair.userId}:${pair.conversationId}`)
  await lockConversationKeys(work.trx, [...new Set(keys)].sort())
  await saveReadPositions(work.trx, reads)
  const runs = await wantedOnly(work.trx, messageRuns(messages, await readPositionsOf(work.trx, told)))
  const [unread, names] = await Promise.all([
    unreadConversationNotifications(work.trx, [...runs, ...reads]),
    displayNamesOf(work.trx, [...new Set(runs.map((run) => run.latest.userId))]),
  ])
  if (reads.length > 0)
    await lockUnreadCounts(
      work.trx,
      [...runs, ...reads].map((pair) => pair.userId),
    )
  const unreadOf = new Map(unread.map((row) => [`${row.user_id}:${row.data.conversationId}`, row]))
  const started: NotificationDraft[] = []
  for (const run of runs) {
    const row = unreadOf.get(`${run.userId}:${run.conversationId}`)
    const draft = messagesDraft(run, (row?.data.messageCount ?? 0) + run.count, names)
    if (row) await retell(work, row.id, draft)
    else started.push(draft)
  }
  await createNotifications(work, started)
  await clearRead(work, reads)
}

/** Marks read each reader's unread notification of the conversation whose latest message their read covers. */
async function clearRead(work: UnitOfWork<Database>, reads: ConversationRead[]) {
  if (reads.length === 0) return
  const unread = await unreadConversationNotifications(work.trx, reads)
  const unreadOf = new Map(unread.map((row) => [`${row.user_id}:${row.data.conversationId}`, row]))
  const readAt = new Date()
  for (const read of reads) {
    const row = unreadOf.get(`${read.userId}:${read.conversationId}`)
    if (!row || !readCovers(read, row.data.messageId)) continue
    await markRead(work.trx, read.userId, row.id, readAt)
    const unreadCount = await subtractUnread(work.trx, read.userId, 1)
    const data = { notificationId: row.id, readAt: readAt.toISOString(), unreadCount }
    recordNotificationEvent(work, 'notification.read', data, read)
  }
}

/** Rewrites an unread notification as the draft says and publishes it (its unread count unchanged). */
async function retell(work: UnitOfWork<Database>, id: string, draft: NotificationDraft) {
  const row = await rewriteNotification(work.trx, id, draft)
  const { kind, title, body, data, createdAt } = toNotification(row)
  const unreadCount = await countUnread(work.trx, row.user_id)
  const event = { notificationId: id, kind, title, body, data, createdAt, unreadCount }
  recordNotificationEvent(work, 'notification.updated', event, { userId: row.user_id, requestId: draft.requestId })
}
