import { type ConsumedEvent, handle, type UnitOfWork } from '@focushub/shared/events'
import type { Database } from '../db/tables.ts'
import { tellConnections, tellMessages } from '../modules/notifications/social-notifications.service.ts'

const isMessage = (event: { type: string }): event is ConsumedEvent<'social.message.sent'> =>
  event.type === 'social.message.sent'
const isRead = (event: { type: string }): event is ConsumedEvent<'social.conversation.read'> =>
  event.type === 'social.conversation.read'

/**
 * A friend request → the addressee told; accepted → the requester; a follow → the followee; a message →
 * each other member, one unread notification per conversation, which the member's read receipt covering
 * its latest message marks read. One handler, messages and receipts first: their locks come before any
 * unread count is taken, the order every change keeps.
 */
export const socialEventHandlers = [
  handle(
    [
      'social.message.sent',
      'social.conversation.read',
      'social.friend.requested',
      'social.friend.accepted',
      'social.user.followed',
    ],
    async (work: UnitOfWork<Database>, events) => {
      await tellMessages(work, events.filter(isMessage), events.filter(isRead))
      await tellConnections(
        work,
        events.filter((event) => !isMessage(event) && !isRead(event)),
      )
    },
  ),
]
