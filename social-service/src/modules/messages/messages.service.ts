import type { RequestContext } from '@focushub/shared/context'
import { errors } from '@focushub/shared/errors'
import { inUnitOfWork } from '@focushub/shared/events'
import { decodeCursor, pageOf } from '@focushub/shared/http'
import { v7 as uuidv7 } from 'uuid'
import type { SocialContext } from '../../context.ts'
import { socialError } from '../../errors.ts'
import { recordSocialEvent } from '../../events/social-events.ts'
import { ensureNotSuspended, suspended } from '../moderation/suspension.ts'
import { ensureMayWrite, openConversation, otherOf } from './conversation-access.ts'
import { memberIdsOf } from './conversations.repository.ts'
import { findMessage, insertMessage, messagePage, sendingState, updateMessage } from './messages.repository.ts'
import { messageLimits, sendWaitSeconds, withinEditWindow } from './messages.rules.ts'
import { toMessage } from './messages.view.ts'
import { databaseNow, lockProfiles, lockSenderUnlessSuspended } from './people.repository.ts'

const noSuchMessage = () => errors.notFound('No such message')

function rateLimited(seconds: number) {
  const wait = String(seconds)
  return socialError('message-rate-limited', `Too many messages: wait ${wait} s`, {
    headers: {
      'retry-after': wait,
      'ratelimit-limit': String(messageLimits.perMinute),
      'ratelimit-remaining': '0',
      'ratelimit-reset': wait,
    },
  })
}

/** A page of the conversation's messages, newest first (members only; tombstones keep their place). */
export async function listMessages(
  ctx: SocialContext,
  userId: string,
  conversationId: string,
  query: { cursor?: string; limit: number },
) {
  await openConversation(ctx.db, conversationId, userId)
  const rows = await messagePage(ctx.db, conversationId, query.cursor && decodeCursor(query.cursor), query.limit + 1)
  const page = pageOf(rows, query.limit)
  return { items: page.items.map((row) => toMessage(row, userId)), nextCursor: page.nextCursor }
}

/**
 * Sends a message: members only (404), not while suspended (403), in a one-to-one conversation only while no block stands between us
 * (404, as for no conversation) and their setting lets me (403); at most perMinute sends a minute in all
 * conversations (429 with Retry-After). In one transaction, my sends one at a time and the conversation's
 * row locked (so its members' activity is moved in one order): the message, every member's list position
 * and unread count, and `social.message.sent` to the members. Five statements (six in a one-to-one
 * conversation): suspension and my lock, the conversation and its lock, (the two profiles' lock), the clock,
 * my last minute and their reach, the message with the members' activity, the outbox.
 */
export function sendMessage(ctx: SocialContext, context: RequestContext, conversationId: string, text: string) {
  const userId = context.userId
  return inUnitOfWork(ctx.db, async (work) => {
    const suspendedUntil = await lockSenderUnlessSuspended(work.trx, userId)
    if (suspendedUntil) throw suspended(suspendedUntil)
    const conversation = await openConversation(work.trx, conversationId, userId, true)
    const recipients = conversation.kind === 'direct' ? [otherOf(conversation, userId)] : []
    if (recipients.length > 0) await lockProfiles(work.trx, [userId, ...recipients])
    const { now, recent, reach } = await sendingState(work.trx, userId, recipients)
    if (recipients.length > 0) ensureMayWrite(reach, recipients)
    const wait = sendWaitSeconds(recent, now)
    if (wait > 0) throw rateLimited(wait)
    const { message, audience, mutedBy } = await insertMessage(work.trx, {
      id: uuidv7(),
      conversation_id: conversationId,
      author_id: userId,
      body: text.trim(),
      created_at: now,
    })
    const sentAt = now.toISOString()
    const { title } = conversation
    const data = { conversationId, title, audience, mutedBy, messageId: message.id, body: message.body, sentAt }
    recordSocialEvent(work, 'social.message.sent', data, context)
    return toMessage(message, userId)
  })
}

/** My message in a conversation I am in, locked, if I may still change it (403 past the window or not mine). */
async function ownMessage(trx: SocialContext['db'], userId: string, ids: { id: string; messageId: string }) {
  await openConversation(trx, ids.id, userId)
  const message = await findMessage(trx, ids.id, ids.messageId)
  if (!message) throw noSuchMessage()
  if (message.author_id !== userId) throw socialError('not-message-author', 'Only its author changes a message')
  const now = await databaseNow(trx)
  return { message, now, open: withinEditWindow(message.created_at, now) }
}

const windowClosed = () =>
  socialError('message-window-closed', 'Messages can be edited or deleted within 15 minutes of sending')

/**
 * Edits my message within 15 minutes of sending it (not once deleted or hidden: 409; not while suspended:
 * 403); the members are told.
 */
export function editMessage(
  ctx: SocialContext,
  context: RequestContext,
  ids: { id: string; messageId: string },
  text: string,
) {
  return inUnitOfWork(ctx.db, async (work) => {
    await ensureNotSuspended(work.trx, context.userId)
    const { message, now, open } = await ownMessage(work.trx, context.userId, ids)
    if (message.deleted_at) throw socialError('message-deleted', 'The message was deleted')
    if (message.hidden_at) throw socialError('message-hidden', 'A moderator hid the message')
    if (!open) throw windowClosed()
    const edited = await updateMessage(work.trx, message.id, { body: text.trim(), edited_at: now })
    const audience = await memberIdsOf(work.trx, ids.id)
    const data = {
      conversationId: ids.id,
      audience,
      messageId: message.id,
      body: edited.body,
      editedAt: now.toISOString(),
    }
    recordSocialEvent(work, 'social.message.edited', data, context)
    return toMessage(edited, context.userId)
  })
}

/** Deletes my message within 15 minutes of sending it: its body is erased, its tombstone stays (again: no change). */
export function deleteMessage(ctx: SocialContext, context: RequestContext, ids: { id: string; messageId: string }) {
  return inUnitOfWork(ctx.db, async (work) => {
    const { message, now, open } = await ownMessage(work.trx, context.userId, ids)
    if (message.deleted_at) return
    if (!open) throw windowClosed()
    await updateMessage(work.trx, message.id, { body: '', deleted_at: now })
    const audience = await memberIdsOf(work.trx, ids.id)
    const data = { conversationId: ids.id, audience, messageId: message.id, deletedAt: now.toISOString() }
    recordSocialEvent(work, 'social.message.deleted', data, context)
  })
}
