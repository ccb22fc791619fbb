import type { RequestContext } from '@focushub/shared/context'
import type { OutboxEntry } from '@focushub/shared/events'
import { decodeCursor, pageOf } from '@focushub/shared/http'
import { v7 as uuidv7 } from 'uuid'
import type { FocusContext } from '../../context.ts'
import type { RoomMessagesTable } from '../../db/tables/rooms.ts'
import { focusError } from '../../errors.ts'
import { recordFocusEvent } from '../../events/focus-events.ts'
import { participantRoom } from '../rooms/room-access.ts'
import { spendChatToken } from './chat-budget.ts'
import { chatParticipant, messagesOf, postIfUnchanged } from './room-chat.repository.ts'

export const messageView = (message: RoomMessagesTable, displayName: string | null) => ({
  id: message.id,
  userId: message.user_id,
  displayName,
  body: message.body,
  createdAt: message.created_at.toISOString(),
})

/** 429 `chat-rate-limited`: `Retry-After` (and `RateLimit-*`) say when the next token is there. */
function chatRateLimited(ctx: FocusContext, retryAfterMs: number) {
  const seconds = String(Math.max(1, Math.ceil(retryAfterMs / 1000)))
  return focusError('chat-rate-limited', `Too many messages: wait ${seconds} s`, {
    headers: {
      'retry-after': seconds,
      'ratelimit-limit': String(ctx.config.FOCUS_ROOM_CHAT_BURST),
      'ratelimit-remaining': '0',
      'ratelimit-reset': seconds,
    },
  })
}

/** Posts that find the budget changed under them (the same person posting twice at once) try again. */
const attempts = 3

/**
 * Posts a chat message: participants only, not while muted (403), one token of the participant's budget
 * (FOCUS_ROOM_CHAT_BURST, one more every FOCUS_ROOM_CHAT_REFILL_MS), else 429.
 * `focus.room.message_posted` goes to the room as it is (a message does not change its version).
 *
 * Chat is a room's busiest write, so a post is two statements and no transaction (there were ten round
 * trips): one read of all it needs, then one statement that spends the budget only if it is as read, and
 * then inserts the message and writes its event to the outbox (postIfUnchanged). A budget changed since
 * the read means a concurrent post by the same person: read again and retry.
 */
export async function postMessage(
  ctx: FocusContext,
  userId: string,
  roomId: string,
  text: string,
  meta: RequestContext,
) {
  const body = text.trim()
  for (let attempt = 1; ; attempt++) {
    const now = ctx.now()
    const participant = await chatParticipant(ctx.db, roomId, userId)
    if (!participant) {
      // Refused as participantRoom refuses: 404 to whoever may not see the room, else 409 `not-in-room`.
      await participantRoom(ctx.db, roomId, userId)
      throw focusError('not-in-room', 'Join the room first')
    }
    if (participant.muted) throw focusError('participant-muted', 'The host muted you in this room')
    const read = { tokens: participant.chat_tokens, refilledAt: participant.chat_refilled_at }
    const spent = spendChatToken(read, now, {
      burst: ctx.config.FOCUS_ROOM_CHAT_BURST,
      refillMs: ctx.config.FOCUS_ROOM_CHAT_REFILL_MS,
    })
    if (!spent.allowed) throw chatRateLimited(ctx, spent.retryAfterMs)
    const message = { id: uuidv7(), room_id: roomId, user_id: userId, body, created_at: now }
    const pending = { outbox: [] as OutboxEntry[] }
    recordFocusEvent(
      pending,
      'focus.room.message_posted',
      {
        roomId,
        audience: participant.audience,
        roomVersion: participant.version,
        messageId: message.id,
        body,
        postedAt: now.toISOString(),
      },
      { userId, requestId: meta.requestId },
    )
    const posted = await postIfUnchanged(ctx.db, { message, read, spent: spent.budget, event: pending.outbox[0] })
    if (posted) return messageView(message, participant.display_name)
    // Posting this many at once is what the budget is there to slow down.
    if (attempt === attempts) throw chatRateLimited(ctx, 1000)
  }
}

/** A room's chat, newest first: participants only (a private room's stranger 404, a public one's 409). */
export async function roomMessages(ctx: FocusContext, userId: string, roomId: string, limit: number, cursor?: string) {
  await participantRoom(ctx.db, roomId, userId)
  const rows = await messagesOf(ctx.db, roomId, limit, cursor ? decodeCursor(cursor) : undefined)
  const page = pageOf(rows, limit)
  return { items: page.items.map((row) => messageView(row, row.display_name)), nextCursor: page.nextCursor }
}
