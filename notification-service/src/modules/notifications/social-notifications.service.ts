import type { ConsumedEvent, UnitOfWork } from '@focushub/shared/events'
import type { Database } from '../../db/tables.ts'
import { recordNotificationEvent } from '../../events/notification-events.ts'
import { displayNamesOf } from '../delivery/delivery.repository.ts'
import {
  countUnread,
  lockConversationKeys,
  rewriteNotification,
  unreadConversationNotifications,
} from './notifications.repository.ts'
import { createNotifications, tell, wantedOnly } from './notifications.service.ts'
import { toNotification } from './notifications.view.ts'
import { type ConnectionEvent, connectionDraft, messageRuns, messagesDraft } from './social-triggers.ts'
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
 */
export async function tellMessages(work: UnitOfWork<Database>, events: ConsumedEvent<'social.message.sent'>[]) {
  const runs = await wantedOnly(work.trx, messageRuns(events))
  if (runs.length === 0) return
  await lockConversationKeys(
    work.trx,
    runs.map((run) => `notifications.conversation:${run.userId}:${run.conversationId}`),
  )
  const [unread, names] = await Promise.all([
    unreadConversationNotifications(work.trx, runs),
    displayNamesOf(work.trx, [...new Set(runs.map((run) => run.latest.userId))]),
  ])
  const unreadOf = new Map(unread.map((row) => [`${row.user_id}:${row.data.conversationId}`, row]))
  const started: NotificationDraft[] = []
  for (const run of runs) {
    const row = unreadOf.get(`${run.userId}:${run.conversationId}`)
    const draft = messagesDraft(run, (row?.data.messageCount ?? 0) + run.count, names)
    if (row) await retell(work, row.id, draft)
    else started.push(draft)
  }
  await createNotifications(work, started)
}

/** Rewrites an unread notification as the draft says and publishes it (its unread count unchanged). */
async function retell(work: UnitOfWork<Database>, id: string, draft: NotificationDraft) {
  const row = await rewriteNotification(work.trx, id, draft)
  const { kind, title, body, data, createdAt } = toNotification(row)
  const unreadCount = await countUnread(work.trx, row.user_id)
  const event = { notificationId: id, kind, title, body, data, createdAt, unreadCount }
  recordNotificationEvent(work, 'notification.updated', event, { userId: row.user_id, requestId: draft.requestId })
}
