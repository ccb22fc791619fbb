import { type Kysely, sql } from 'kysely'
import type { Database } from '../../db/tables.ts'
import { messageLimits } from './messages.rules.ts'

const messageColumns = [
  'id',
  'conversation_id',
  'author_id',
  'body',
  'created_at',
  'edited_at',
  'deleted_at',
  'hidden_at',
  'hidden_reason',
] as const

/** The sender's sends within the minute before `now`, newest first, at most perMinute (by `messages_author`). */
export const recentSends = async (db: Kysely<Database>, authorId: string, now: Date) =>
  (
    await db
      .selectFrom('messages')
      .select('created_at')
      .where('author_id', '=', authorId)
      .where('created_at', '>', new Date(now.getTime() - 60_000))
      .orderBy('created_at', 'desc')
      .limit(messageLimits.perMinute)
      .execute()
  ).map((row) => row.created_at)

export const insertMessage = (
  db: Kysely<Database>,
  message: { id: string; conversation_id: string; author_id: string; body: string; created_at: Date },
) =>
  db
    .insertInto('messages')
    .values({ ...message, edited_at: null, deleted_at: null })
    .returning(messageColumns)
    .executeTakeFirstOrThrow()

/**
 * A send moves the conversation's last message and every member's copy of its activity (the key of their
 * list); each other member has one more unread, the sender has read up to their own message. Answers the
 * members (the event's audience) and those of them who muted it (told live, not notified).
 */
export async function recordActivity(
  db: Kysely<Database>,
  message: { id: string; conversation_id: string; author_id: string; created_at: Date },
) {
  await db
    .updateTable('conversations')
    .set({ last_message_id: message.id, last_message_at: message.created_at })
    .where('id', '=', message.conversation_id)
    .execute()
  const sender = sql<boolean>`user_id = ${message.author_id}`
  const rows = await db
    .updateTable('conversation_members')
    .set({
      last_message_at: message.created_at,
      unread_count: sql`case when ${sender} then 0 else unread_count + 1 end`,
      last_read_message_id: sql`case when ${sender} then ${message.id}::uuid else last_read_message_id end`,
    })
    .where('conversation_id', '=', message.conversation_id)
    .returning(['user_id', 'muted'])
    .execute()
  return {
    audience: rows.map((row) => row.user_id),
    mutedBy: rows.filter((row) => row.muted).map((row) => row.user_id),
  }
}

/** A page of the conversation's messages, newest first, before the cursor's id: a backward range of `messages_conversation`. */
export function messagePage(db: Kysely<Database>, conversationId: string, before: string | undefined, rows: number) {
  let query = db
    .selectFrom('messages')
    .select(messageColumns)
    .where('conversation_id', '=', conversationId)
    .orderBy('id', 'desc')
    .limit(rows)
  if (before) query = query.where('id', '<', before)
  return query.execute()
}

export const findMessage = (db: Kysely<Database>, conversationId: string, messageId: string) =>
  db
    .selectFrom('messages')
    .select(messageColumns)
    .where('id', '=', messageId)
    .where('conversation_id', '=', conversationId)
    .forUpdate()
    .executeTakeFirst()

export const updateMessage = (
  db: Kysely<Database>,
  messageId: string,
  changes: { body: string; edited_at?: Date; deleted_at?: Date },
) =>
  db
    .updateTable('messages')
    .set(changes)
    .where('id', '=', messageId)
    .returning(messageColumns)
    .executeTakeFirstOrThrow()

/**
 * What is left unread for `userId` after `afterId`: the others' messages (tombstones too: they hold their
 * place) in a forward range of `messages_conversation`, counted up to unreadRecountCap. The reader's own
 * messages are all at or before their read position (a send moves it), so the range holds no more rows
 * than it counts.
 */
export async function countUnreadAfter(db: Kysely<Database>, conversationId: string, userId: string, afterId: string) {
  const result = await sql<{ count: string }>`
    select count(*) as count from (
      select 1 from messages
      where conversation_id = ${conversationId} and id > ${afterId} and author_id is distinct from ${userId}
      limit ${messageLimits.unreadRecountCap}) m`.execute(db)
  return Number(result.rows[0].count)
}

export const setReadPosition = (
  db: Kysely<Database>,
  conversationId: string,
  userId: string,
  position: { messageId: string; unread: number },
) =>
  db
    .updateTable('conversation_members')
    .set({ last_read_message_id: position.messageId, unread_count: position.unread })
    .where('conversation_id', '=', conversationId)
    .where('user_id', '=', userId)
    .execute()

/** Marks the member typing at `now` unless their last typing event went out less than an interval ago; answers whether it did. */
export async function markTyping(db: Kysely<Database>, conversationId: string, userId: string, now: Date) {
  const result = await db
    .updateTable('conversation_members')
    .set({ typing_at: now })
    .where('conversation_id', '=', conversationId)
    .where('user_id', '=', userId)
    .where((eb) =>
      eb.or([
        eb('typing_at', 'is', null),
        eb('typing_at', '<=', new Date(now.getTime() - messageLimits.typingIntervalMs)),
      ]),
    )
    .executeTakeFirst()
  return result.numUpdatedRows > 0n
}
