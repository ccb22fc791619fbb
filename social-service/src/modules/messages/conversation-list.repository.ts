import { type Kysely, type RawBuilder, sql } from 'kysely'
import type { ConversationKind } from '../../db/tables/messages.ts'
import type { Database } from '../../db/tables.ts'
import { pairUnblocked } from './conversations.repository.ts'

/** How much of the last message a conversation list shows. */
export const previewCharacters = 100

/** A conversation as its member sees it in their list: the other person of a one-to-one, the last message. */
export interface SummaryRow {
  id: string
  kind: ConversationKind
  title: string | null
  creator_id: string | null
  member_count: number
  last_message_at: Date
  unread_count: number
  muted: boolean
  other_id: string | null
  other_handle: string | null
  other_name: string | null
  last_id: string | null
  last_author_id: string | null
  last_body: string | null
  last_created_at: Date | null
  last_edited_at: Date | null
  last_deleted_at: Date | null
  last_hidden: boolean
}

/** Where a page of the list ended: its last conversation's activity and id. */
export interface ActivityPosition {
  at: Date
  id: string
}

/**
 * The page is picked from the member's rows alone (the inner query: a range of `conversation_members_list`,
 * each row's pair checked against the blocks' keys), and only then joined, by primary keys, to its
 * conversations, the other people's profiles and the last messages. Joined first, the planner, which
 * expects a user to be in as many conversations as the average one, could sort the rest of a big list
 * after joining all of it.
 */
function summaries(db: Kysely<Database>, userId: string, where: RawBuilder<unknown>, rows: number) {
  return sql<SummaryRow>`
    select c.id, c.kind, c.title, c.creator_id, c.member_count, p.last_message_at, p.unread_count, p.muted,
      p.other_id, s.handle as other_handle, u.display_name as other_name,
      lm.id as last_id, lm.author_id as last_author_id,
      case when lm.hidden_at is null then left(lm.body, ${previewCharacters}) else '' end as last_body,
      lm.created_at as last_created_at, lm.edited_at as last_edited_at, lm.deleted_at as last_deleted_at,
      coalesce(lm.hidden_at is not null, false) as last_hidden
    from (
      select m.conversation_id, m.last_message_at, m.unread_count, m.muted, m.other_id
      from conversation_members m
      where m.user_id = ${userId} and ${where} and ${pairUnblocked}
      order by m.last_message_at desc, m.conversation_id desc
      limit ${rows}
    ) p
    join conversations c on c.id = p.conversation_id
    left join social_profiles s on s.user_id = p.other_id
    left join user_profiles u on u.user_id = p.other_id
    left join messages lm on lm.id = c.last_message_id
    order by p.last_message_at desc, p.conversation_id desc`.execute(db)
}

/** A page of the user's conversations, newest activity first (O(page) whatever the depth: see summaries). */
export async function conversationPage(
  db: Kysely<Database>,
  userId: string,
  after: ActivityPosition | undefined,
  rows: number,
) {
  const from = after ? sql`(m.last_message_at, m.conversation_id) < (${after.at}, ${after.id}::uuid)` : sql`true`
  return (await summaries(db, userId, from, rows)).rows
}

/** The one conversation, as its member sees it in their list; undefined for anyone else. */
export async function conversationSummary(db: Kysely<Database>, userId: string, conversationId: string) {
  return (await summaries(db, userId, sql`m.conversation_id = ${conversationId}`, 1)).rows[0]
}
