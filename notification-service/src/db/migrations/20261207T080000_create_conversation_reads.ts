import { type Kysely, sql } from 'kysely'

/**
 * Each member's read position in a conversation, as `social.conversation.read` last told it: a message's
 * `social.message.sent` that arrives after the receipt covering it (another partition) tells nothing.
 * Message ids are UUIDv7, and Postgres orders uuids as their text, so the greatest is the latest.
 */
export async function up(db: Kysely<unknown>) {
  await sql`
    create table conversation_reads (
      user_id uuid not null,
      conversation_id uuid not null,
      last_read_message_id uuid not null,
      primary key (user_id, conversation_id)
    )`.execute(db)
}
