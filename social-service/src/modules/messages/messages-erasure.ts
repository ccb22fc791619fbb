import { type Kysely, sql } from 'kysely'
import type { Database } from '../../db/tables.ts'
import { removeMembership } from './conversations.repository.ts'

/**
 * What direct messages keep of a deleted user: their messages become tombstones with no author (body
 * emptied, `author_id` null, deleted then if not before; by `messages_author`), and they leave every
 * conversation (a group they created passes to its longest member; the last one out deletes it). A
 * one-to-one conversation stays the other person's, with its history; its pair key still holds the
 * deleted user's id, which names no one any more (their profile goes with it).
 */
export async function eraseMessages(db: Kysely<Database>, userId: string) {
  await db
    .updateTable('messages')
    .set({
      body: '',
      author_id: null,
      edited_at: null,
      deleted_at: sql`coalesce(deleted_at, date_trunc('milliseconds', now()))`,
    })
    .where('author_id', '=', userId)
    .execute()
  const memberships = await db
    .selectFrom('conversation_members as m')
    .innerJoin('conversations as c', 'c.id', 'm.conversation_id')
    .select(['c.id', 'c.member_count', 'c.creator_id'])
    .where('m.user_id', '=', userId)
    .orderBy('c.id')
    .forNoKeyUpdate('c')
    .execute()
  for (const conversation of memberships) await removeMembership(db, conversation, userId)
}
