import type { ConsumedEvent, ConsumedEventOf } from '@focushub/shared/events'
import type { NotificationDraft } from './triggers.ts'

/** The names this service keeps of users (`displayNamesOf`); one it has none for is "Someone". */
export type DisplayNames = Map<string, string>
const nameOf = (names: DisplayNames, userId: string) => names.get(userId) ?? 'Someone'

export type ConnectionEvent = ConsumedEventOf<
  'social.friend.requested' | 'social.friend.accepted' | 'social.user.followed'
>

/**
 * A friend request → the addressee; accepted → the one who asked; a follow → the followee. Once per pair
 * and kind (the trigger names the other person): a request cancelled and made again, or a follow undone and
 * made again, is not told twice.
 */
export function connectionDraft(event: ConnectionEvent, names: DisplayNames): NotificationDraft {
  const name = nameOf(names, event.userId)
  const about = { data: { personId: event.userId }, requestId: event.requestId }
  switch (event.type) {
    case 'social.friend.requested':
      return {
        userId: event.data.addresseeId,
        kind: 'friend_request',
        triggerKey: `friend-request:${event.userId}`,
        title: `${name} wants to be friends`,
        body: 'Accept or decline the request under People.',
        ...about,
      }
    case 'social.friend.accepted':
      return {
        userId: event.data.requesterId,
        kind: 'friend_accepted',
        triggerKey: `friend-accepted:${event.userId}`,
        title: `${name} accepted your friend request`,
        body: 'You are friends now.',
        ...about,
      }
    case 'social.user.followed':
      return {
        userId: event.data.followeeId,
        kind: 'new_follower',
        triggerKey: `follower:${event.userId}`,
        title: `${name} follows you now`,
        body: 'Your followers are under People.',
        ...about,
      }
  }
}

/** One recipient's new messages of one conversation in a run of events: how many, and the latest. */
export interface MessageRun {
  userId: string
  kind: 'direct_message'
  conversationId: string
  count: number
  latest: ConsumedEvent<'social.message.sent'>
}

/**
 * The run's messages per recipient (every member but the sender) and conversation, in key order, but
 * those a recipient has read already (`readUpTo`: read positions by `user:conversation`).
 */
export function messageRuns(
  events: ConsumedEvent<'social.message.sent'>[],
  readUpTo = new Map<string, string>(),
): MessageRun[] {
  const runs = new Map<string, MessageRun>()
  for (const event of events) {
    const { conversationId, audience, mutedBy = [] } = event.data
    for (const userId of audience) {
      if (userId === event.userId || mutedBy.includes(userId)) continue
      const key = `${userId}:${conversationId}`
      const read = readUpTo.get(key)
      if (read !== undefined && read >= event.data.messageId.toLowerCase()) continue
      const count = (runs.get(key)?.count ?? 0) + 1
      runs.set(key, { userId, kind: 'direct_message', conversationId, count, latest: event })
    }
  }
  return [...runs].sort(([a], [b]) => (a < b ? -1 : 1)).map(([, run]) => run)
}

/** A member's read position in one conversation: the latest a run of read receipts gives. */
export interface ConversationRead {
  userId: string
  conversationId: string
  lastReadMessageId: string
  requestId: string
}

/**
 * The run's read receipts, the furthest per reader and conversation (message ids are UUIDv7, so their
 * order is the messages'), in key order.
 */
export function conversationReads(events: ConsumedEvent<'social.conversation.read'>[]): ConversationRead[] {
  const reads = new Map<string, ConversationRead>()
  for (const event of events) {
    const { conversationId } = event.data
    const lastReadMessageId = event.data.lastReadMessageId.toLowerCase()
    const key = `${event.userId}:${conversationId}`
    const before = reads.get(key)
    if (before && before.lastReadMessageId >= lastReadMessageId) continue
    reads.set(key, { userId: event.userId, conversationId, lastReadMessageId, requestId: event.requestId })
  }
  return [...reads].sort(([a], [b]) => (a < b ? -1 : 1)).map(([, read]) => read)
}

/** Whether a read position covers the latest message a conversation's notification tells. */
export const readCovers = (read: ConversationRead, toldMessageId: string | undefined) =>
  toldMessageId !== undefined && read.lastReadMessageId >= toldMessageId.toLowerCase()

/**
 * A conversation's unread messages for one member, as one notification: `count` since it was last read,
 * the latest sender named, and the group's title if it is one. No message text: it is edited, deleted and erased in social-service, which a
 * copy here (and in an e-mail) would not follow.
 */
export function messagesDraft(run: MessageRun, count: number, names: DisplayNames): NotificationDraft {
  const { messageId, title: group } = run.latest.data
  const sender = nameOf(names, run.latest.userId)
  const where = group ? ` in ${group}` : ''
  return {
    userId: run.userId,
    kind: 'direct_message',
    triggerKey: `message:${messageId}`,
    title:
      count === 1 ? `New message${where} from ${sender}` : `${count} new messages${where}, the latest from ${sender}`,
    body: count === 1 ? 'Open the conversation to read it.' : 'Open the conversation to read them.',
    data: { conversationId: run.conversationId, messageId, senderId: run.latest.userId, messageCount: count },
    requestId: run.latest.requestId,
  }
}
