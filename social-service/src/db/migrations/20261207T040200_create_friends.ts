import { type Kysely, sql } from 'kysely'

/**
 * Pending friend requests (an accepted one becomes a friendship, a declined one is deleted) and friendships,
 * two rows each, so both friends' lists are one index range.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table friend_requests (
      from_id uuid not null,
      to_id uuid not null,
      created_at timestamptz not null default date_trunc('milliseconds', now()),
      primary key (from_id, to_id),
      check (from_id <> to_id)
    )`.execute(db)
  await sql`create index friend_requests_outgoing on friend_requests (from_id, created_at, to_id)`.execute(db)
  await sql`create index friend_requests_incoming on friend_requests (to_id, created_at, from_id)`.execute(db)
  await sql`
    create table friendships (
      user_id uuid not null,
      friend_id uuid not null,
      created_at timestamptz not null default date_trunc('milliseconds', now()),
      primary key (user_id, friend_id),
      check (user_id <> friend_id)
    )`.execute(db)
  await sql`create index friendships_list on friendships (user_id, created_at, friend_id)`.execute(db)
}
