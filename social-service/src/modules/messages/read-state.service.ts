import type { RequestContext } from '@focushub/shared/context'
import { errors } from '@focushub/shared/errors'
import { inUnitOfWork } from '@focushub/shared/events'
import type { SocialContext } from '../../context.ts'
import { recordSocialEvent } from '../../events/social-events.ts'
import { openConversation } from './conversation-access.ts'
import { memberIdsOf } from './conversations.repository.ts'
import { countUnreadAfter, findMessage, markTyping, setReadPosition } from './messages.repository.ts'
import { databaseNow } from './people.repository.ts'

/**
 * I have read the conversation up to that message (one of it: 404 otherwise): my read position moves
 * forward only (an older message changes nothing and tells no one), my unread count is recounted after
 * it (bounded: countUnreadAfter), and the members get my read receipt.
 */
export function markRead(ctx: SocialContext, context: RequestContext, conversationId: string, messageId: string) {
  const userId = context.userId
  return inUnitOfWork(ctx.db, async (work) => {
    const conversation = await openConversation(work.trx, conversationId, userId, true)
    if (!(await findMessage(work.trx, conversationId, messageId))) throw errors.notFound('No such message')
    const current = conversation.last_read_message_id
    if (current && current >= messageId.toLowerCase())
      return { lastReadMessageId: current, unreadCount: conversation.unread_count }
    const unread = await countUnreadAfter(work.trx, conversationId, userId, messageId)
    await setReadPosition(work.trx, conversationId, userId, { messageId, unread })
    const audience = await memberIdsOf(work.trx, conversationId)
    recordSocialEvent(
      work,
      'social.conversation.read',
      { conversationId, audience, lastReadMessageId: messageId },
      context,
    )
    return { lastReadMessageId: messageId, unreadCount: unread }
  })
}

/** I am typing: the members are told, at most once per typing interval (more often is answered and dropped). */
export function typing(ctx: SocialContext, context: RequestContext, conversationId: string) {
  const userId = context.userId
  return inUnitOfWork(ctx.db, async (work) => {
    await openConversation(work.trx, conversationId, userId)
    if (!(await markTyping(work.trx, conversationId, userId, await databaseNow(work.trx)))) return
    const audience = await memberIdsOf(work.trx, conversationId)
    recordSocialEvent(work, 'social.conversation.typing', { conversationId, audience }, context)
  })
}
