import { type Kysely, sql } from 'kysely'

/**
 * Direct messages: conversations (one-to-one, one per pair by the ordered pair's unique key, or groups of up
 * to 50), their members and their messages.
 * - A member's row carries a copy of the conversation's last activity: `conversation_members_list`
 *   (user_id, last_message_at desc, conversation_id desc) serves the conversation list newest activity first,
 *   a page a range of it. A send moves every member's copy (≤ 50 rows, the conversation row locked first).
 *   It also names the other person of a one-to-one conversation (`other_id`), so that a page is picked, and
 *   blocked pairs left out, from the member rows alone before anything is joined to it.
 * - `unread_count` is kept by the send (+1 for each other member) and recounted, bounded, on a read receipt.
 * - Messages page by `messages_conversation` (conversation_id, id): ids are UUIDv7, so time-ordered.
 *   `messages_author` (author_id, created_at) counts a sender's last minute and finds an erased author's.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table conversations (
      id uuid primary key,
      kind text not null check (kind in ('direct', 'group')),
      title text check (char_length(title) between 1 and 100),
      creator_id uuid,
      direct_low uuid,
      direct_high uuid,
      member_count integer not null check (member_count between 0 and 50),
      last_message_id uuid,
      last_message_at timestamptz not null,
      created_at timestamptz not null default date_trunc('milliseconds', now()),
      unique (direct_low, direct_high),
      check ((kind = 'direct') = (direct_low is not null and direct_high is not null and title is null)),
      check (direct_low < direct_high)
    )`.execute(db)
  await sql`
    create table conversation_members (
      conversation_id uuid not null references conversations (id) on delete cascade,
      user_id uuid not null,
      other_id uuid,
      joined_at timestamptz not null default date_trunc('milliseconds', now()),
      last_message_at timestamptz not null,
      last_read_message_id uuid,
      unread_count integer not null default 0 check (unread_count >= 0),
      muted boolean not null default false,
      typing_at timestamptz,
      primary key (conversation_id, user_id)
    )`.execute(db)
  await sql`
    create index conversation_members_list
    on conversation_members (user_id, last_message_at desc, conversation_id desc)`.execute(db)
  await sql`
    create table messages (
      id uuid primary key,
      conversation_id uuid not null references conversations (id) on delete cascade,
      author_id uuid,
      body text not null check (char_length(body) <= 2000),
      created_at timestamptz not null default date_trunc('milliseconds', now()),
      edited_at timestamptz,
      deleted_at timestamptz,
      check (deleted_at is null or body = '')
    )`.execute(db)
  await sql`create index messages_conversation on messages (conversation_id, id)`.execute(db)
  await sql`create index messages_author on messages (author_id, created_at)`.execute(db)
}
