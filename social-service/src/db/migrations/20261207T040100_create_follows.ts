import { type Kysely, sql } from 'kysely'

/**
 * Who follows whom. The key answers "do I follow them"; each list (whom I follow, who follows me) walks
 * one index range newest first, so a page costs its own rows.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table follows (
      follower_id uuid not null,
      followee_id uuid not null,
      created_at timestamptz not null default date_trunc('milliseconds', now()),
      primary key (follower_id, followee_id),
      check (follower_id <> followee_id)
    )`.execute(db)
  await sql`create index follows_following on follows (follower_id, created_at, followee_id)`.execute(db)
  await sql`create index follows_followers on follows (followee_id, created_at, follower_id)`.execute(db)
}
