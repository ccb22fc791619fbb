import { inUnitOfWork } from '@focushub/shared/events'
import type { Kysely } from 'kysely'
import { v7 as uuidv7 } from 'uuid'
import type { SocialContext } from '../../context.ts'
import type { Database } from '../../db/tables.ts'
import { socialError } from '../../errors.ts'
import { noSuchUser } from '../connections/pair.ts'
import { ensureProfile } from '../connections/profiles.repository.ts'
import { ensureNotSuspended } from '../moderation/suspension.ts'
import { ensureReachable, ensureRoomFor, noSuchConversation, openConversation } from './conversation-access.ts'
import { conversationPage, conversationSummary } from './conversation-list.repository.ts'
import { findDirect, insertConversation, insertMembers, membersOf, setMuted } from './conversations.repository.ts'
import { orderedPair } from './messages.rules.ts'
import { ConversationsCursor } from './messages.schemas.ts'
import { toMember, toSummary } from './messages.view.ts'
import { databaseNow, lockSender, reachOf } from './people.repository.ts'

/** The conversation with its members and their read receipts, as member `userId` sees it (404 for anyone else). */
export async function conversationDetail(db: Kysely<Database>, userId: string, conversationId: string) {
  const summary = await conversationSummary(db, userId, conversationId)
  if (!summary) throw noSuchConversation()
  return { ...toSummary(summary), members: (await membersOf(db, conversationId)).map(toMember) }
}

/**
 * Starts my one-to-one conversation with them, or finds it again (created: false). 404 for nobody and for
 * someone blocked either way; 403 when their setting refuses me or I am suspended (only when starting it: an
 * existing one is found again, and its sends are refused); 409 when either of us is in too many conversations.
 */
export async function startDirect(ctx: SocialContext, userId: string, otherId: string) {
  if (userId.toLowerCase() === otherId.toLowerCase())
    throw socialError('self-conversation', 'You cannot start a conversation with yourself')
  await ensureProfile(ctx.db, userId)
  const pair = orderedPair(userId, otherId)
  const { created, id } = await inUnitOfWork(ctx.db, async (work) => {
    await lockSender(work.trx, userId)
    const [other] = await reachOf(work.trx, userId, [otherId])
    if (!other || other.blocked) throw noSuchUser()
    const existing = await findDirect(work.trx, pair)
    if (existing) return { created: false, id: existing.id }
    await ensureNotSuspended(work.trx, userId)
    await ensureReachable(work.trx, userId, [otherId])
    await ensureRoomFor(work.trx, pair)
    const now = await databaseNow(work.trx)
    const row = { id: uuidv7(), kind: 'direct' as const, title: null, creator_id: null, member_count: 2 }
    const inserted = await insertConversation(work.trx, {
      ...row,
      direct_low: pair[0],
      direct_high: pair[1],
      last_message_id: null,
      last_message_at: now,
      created_at: now,
    })
    // Started at the same moment by the other: theirs is ours.
    if (!inserted) return { created: false, id: (await findDirect(work.trx, pair))?.id as string }
    await insertMembers(
      work.trx,
      pair.map((member, index) => ({
        conversation_id: row.id,
        user_id: member,
        other_id: pair[1 - index],
        joined_at: now,
        last_message_at: now,
        typing_at: null,
        last_read_message_id: null,
      })),
    )
    return { created: true, id: row.id }
  })
  return { created, conversation: await conversationDetail(ctx.db, userId, id) }
}

/** Creates a group of me and `memberIds`, titled (not while I am suspended: 403); each added person as a one-to-one start checks them. */
export async function createGroup(ctx: SocialContext, userId: string, group: { title: string; memberIds: string[] }) {
  const memberIds = [...new Set(group.memberIds.map((id) => id.toLowerCase()))].filter(
    (id) => id !== userId.toLowerCase(),
  )
  if (memberIds.length === 0) throw socialError('self-conversation', 'A group needs someone besides you')
  await ensureProfile(ctx.db, userId)
  const id = await inUnitOfWork(ctx.db, async (work) => {
    await ensureNotSuspended(work.trx, userId)
    await lockSender(work.trx, userId)
    await ensureReachable(work.trx, userId, memberIds)
    await ensureRoomFor(work.trx, [userId, ...memberIds])
    const now = await databaseNow(work.trx)
    const id = uuidv7()
    await insertConversation(work.trx, {
      id,
      kind: 'group',
      title: group.title.trim(),
      creator_id: userId,
      direct_low: null,
      direct_high: null,
      member_count: memberIds.length + 1,
      last_message_id: null,
      last_message_at: now,
      created_at: now,
    })
    await insertMembers(
      work.trx,
      [userId, ...memberIds].map((member) => ({
        conversation_id: id,
        user_id: member,
        other_id: null,
        joined_at: now,
        last_message_at: now,
        typing_at: null,
        last_read_message_id: null,
      })),
    )
    return id
  })
  return conversationDetail(ctx.db, userId, id)
}

/** A page of my conversations, newest activity first, each with its unread count and last message. */
export async function listConversations(ctx: SocialContext, userId: string, query: { cursor?: string; limit: number }) {
  const after = query.cursor ? ConversationsCursor.decode(query.cursor) : undefined
  const rows = await conversationPage(ctx.db, userId, after && { at: after[0], id: after[1] }, query.limit + 1)
  const page = rows.slice(0, query.limit)
  const last = page.at(-1)
  return {
    items: page.map(toSummary),
    nextCursor: rows.length > query.limit && last ? ConversationsCursor.encode([last.last_message_at, last.id]) : null,
  }
}

/** Mutes or unmutes the conversation for me (again: no change). */
export async function muteConversation(ctx: SocialContext, userId: string, conversationId: string, muted: boolean) {
  await openConversation(ctx.db, conversationId, userId)
  await setMuted(ctx.db, conversationId, userId, muted)
}
