import { type Kysely, sql } from 'kysely'
import { jsonArrayFrom } from 'kysely/helpers/postgres'
import type { Database } from '../../db/tables.ts'
import { messageLimits } from './messages.rules.ts'
import { clockNow, reachQuery } from './people.repository.ts'

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

/**
 * What a send decides on, read in one statement after all its locks (so its snapshot follows them): the
 * database's clock, to the millisecond (every time a message carries comes from it); the sender's sends
 * within the minute before it, newest first, at most perMinute of them (a backward range of
 * `messages_author`), counted, with the oldest; and the reach of `recipientIds` when there are any (a
 * one-to-one conversation's other person, whose profile lockProfiles locked).
 */
export async function sendingState(db: Kysely<Database>, authorId: string, recipientIds: string[]) {
  const row = await db
    .with('clock', (qb) => qb.selectNoFrom(clockNow.as('now')))
    .with('recent', (qb) =>
      qb
        .selectFrom('messages')
        .select('created_at')
        .where('author_id', '=', authorId)
        .where('created_at', '>', (eb) =>
          eb.selectFrom('clock').select(sql<Date>`clock.now - interval '1 minute'`.as('since')),
        )
        .orderBy('created_at', 'desc')
        .limit(messageLimits.perMinute),
    )
    .selectFrom('clock')
    .select((eb) => [
      'clock.now',
      eb.selectFrom('recent').select(sql<number>`count(*)::int`.as('count')).as('recentCount'),
      eb
        .selectFrom('recent')
        .select((r) => r.fn.min('created_at').as('oldest'))
        .as('oldestRecent'),
    ])
    .$if(recipientIds.length > 0, (qb) => qb.select(jsonArrayFrom(reachQuery(db, authorId, recipientIds)).as('reach')))
    .executeTakeFirstOrThrow()
  return { now: row.now, recent: { count: row.recentCount ?? 0, oldest: row.oldestRecent }, reach: row.reach ?? [] }
}

/**
 * Sends a message, in one statement: the message; the conversation's last message; every member's copy of
 * its activity (the key of their list), each other member one more unread, the sender read up to their own
 * message. The caller holds the conversation's row, so sends take turns and lock member rows in one order.
 * Answers the message and its members (the event's audience, and who muted it: told live, not notified).
 */
export async function insertMessage(
  db: Kysely<Database>,
  message: { id: string; conversation_id: string; author_id: string; body: string; created_at: Date },
) {
  const sender = sql<boolean>`user_id = ${message.author_id}`
  const { members, ...sent } = await db
    .with('message', (qb) =>
      qb
        .insertInto('messages')
        .values({ ...message, edited_at: null, deleted_at: null })
        .returning(messageColumns),
    )
    .with('conversation', (qb) =>
      qb
        .updateTable('conversations')
        .set({ last_message_id: message.id, last_message_at: message.created_at })
        .where('id', '=', message.conversation_id),
    )
    .with('members', (qb) =>
      qb
        .updateTable('conversation_members')
        .set({
          last_message_at: message.created_at,
          unread_count: sql`case when ${sender} then 0 else unread_count + 1 end`,
          last_read_message_id: sql`case when ${sender} then ${message.id}::uuid else last_read_message_id end`,
        })
        .where('conversation_id', '=', message.conversation_id)
        .returning(['user_id', 'muted']),
    )
    .selectFrom('message')
    .selectAll('message')
    .select((eb) => jsonArrayFrom(eb.selectFrom('members').select(['user_id', 'muted'])).as('members'))
    .executeTakeFirstOrThrow()
  return {
    message: sent,
    audience: members.map((member) => member.user_id),
    mutedBy: members.filter((member) => member.muted).map((member) => member.user_id),
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
