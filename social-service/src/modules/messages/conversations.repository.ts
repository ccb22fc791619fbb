import { type Insertable, type Kysely, type SqlBool, sql } from 'kysely'
import type { ConversationKind, ConversationMembersTable, ConversationsTable } from '../../db/tables/messages.ts'
import type { Database } from '../../db/tables.ts'

/** A member of a one-to-one conversation with a block between its two people (either way) sees nothing of it. */
export const pairUnblocked = sql<SqlBool>`not exists (
  select 1 from blocks b
  where (b.blocker_id = m.user_id and b.blocked_id = m.other_id)
     or (b.blocker_id = m.other_id and b.blocked_id = m.user_id))`

/** The caller's membership row and its conversation. */
export interface MemberConversation {
  id: string
  kind: ConversationKind
  title: string | null
  creator_id: string | null
  direct_low: string | null
  direct_high: string | null
  member_count: number
  last_message_id: string | null
  last_message_at: Date
  last_read_message_id: string | null
  unread_count: number
  muted: boolean
  typing_at: Date | null
}

/**
 * The conversation as its member `userId` sees it, or undefined for anyone else (and for both people of a
 * one-to-one conversation with a block between them). `lock`: the conversation row, for no key update, so
 * that sends and membership changes in one conversation take turns.
 */
export function memberConversation(db: Kysely<Database>, conversationId: string, userId: string, lock = false) {
  const query = db
    .selectFrom('conversation_members as m')
    .innerJoin('conversations as c', 'c.id', 'm.conversation_id')
    .select([
      'c.id',
      'c.kind',
      'c.title',
      'c.creator_id',
      'c.direct_low',
      'c.direct_high',
      'c.member_count',
      'c.last_message_id',
      'c.last_message_at',
      'm.last_read_message_id',
      'm.unread_count',
      'm.muted',
      'm.typing_at',
    ])
    .where('m.conversation_id', '=', conversationId)
    .where('m.user_id', '=', userId)
    .where(pairUnblocked)
  return (lock ? query.forNoKeyUpdate('c') : query).executeTakeFirst() as Promise<MemberConversation | undefined>
}

export const findDirect = (db: Kysely<Database>, [low, high]: [string, string]) =>
  db
    .selectFrom('conversations')
    .select('id')
    .where('direct_low', '=', low)
    .where('direct_high', '=', high)
    .executeTakeFirst()

/** Inserts a conversation; a one-to-one one that exists already (a concurrent start) is left as it is: undefined. */
export const insertConversation = (db: Kysely<Database>, row: Insertable<ConversationsTable>) =>
  db
    .insertInto('conversations')
    .values(row)
    .onConflict((c) => c.columns(['direct_low', 'direct_high']).doNothing())
    .returning('id')
    .executeTakeFirst()

export const insertMembers = (db: Kysely<Database>, rows: Insertable<ConversationMembersTable>[]) =>
  db.insertInto('conversation_members').values(rows).execute()

/** The conversations `userId` is in, counted up to `limit` (a limit check reads no more than that). */
export async function countConversationsUpTo(db: Kysely<Database>, userId: string, limit: number) {
  const result = await sql<{ count: string }>`
    select count(*) as count from (select 1 from conversation_members where user_id = ${userId} limit ${limit}) m`.execute(
    db,
  )
  return Number(result.rows[0].count)
}

/** Who is in the conversation now, longest member first (≤ 50): an event's audience, a group's members. */
export const memberIdsOf = async (db: Kysely<Database>, conversationId: string) =>
  (
    await db
      .selectFrom('conversation_members')
      .select('user_id')
      .where('conversation_id', '=', conversationId)
      .orderBy('joined_at')
      .orderBy('user_id')
      .execute()
  ).map((row) => row.user_id)

/** The members with their names and read receipts, longest member first. */
export const membersOf = (db: Kysely<Database>, conversationId: string) =>
  db
    .selectFrom('conversation_members as m')
    .leftJoin('social_profiles as s', 's.user_id', 'm.user_id')
    .leftJoin('user_profiles as u', 'u.user_id', 'm.user_id')
    .select(['m.user_id', 'm.joined_at', 'm.last_read_message_id', 's.handle', 'u.display_name'])
    .where('m.conversation_id', '=', conversationId)
    .orderBy('m.joined_at')
    .orderBy('m.user_id')
    .execute()

export const setMuted = (db: Kysely<Database>, conversationId: string, userId: string, muted: boolean) =>
  db
    .updateTable('conversation_members')
    .set({ muted })
    .where('conversation_id', '=', conversationId)
    .where('user_id', '=', userId)
    .execute()

/**
 * Takes `userId` out of the conversation (locked by the caller): the last one out deletes it (and its
 * messages); a creator leaving passes the group to its longest member.
 */
export async function removeMembership(
  db: Kysely<Database>,
  conversation: Pick<MemberConversation, 'id' | 'member_count' | 'creator_id'>,
  userId: string,
) {
  await db
    .deleteFrom('conversation_members')
    .where('conversation_id', '=', conversation.id)
    .where('user_id', '=', userId)
    .execute()
  if (conversation.member_count <= 1) {
    await db.deleteFrom('conversations').where('id', '=', conversation.id).execute()
    return
  }
  const successor = sql<string>`(select user_id from conversation_members where conversation_id = ${conversation.id}
    order by joined_at, user_id limit 1)`
  await db
    .updateTable('conversations')
    .set({
      member_count: sql`member_count - 1`,
      ...(conversation.creator_id === userId ? { creator_id: successor } : {}),
    })
    .where('id', '=', conversation.id)
    .execute()
}

export const addToMemberCount = (db: Kysely<Database>, conversationId: string, added: number) =>
  db
    .updateTable('conversations')
    .set({ member_count: sql`member_count + ${added}` })
    .where('id', '=', conversationId)
    .execute()
