import { type Kysely, sql } from 'kysely'

/**
 * Content a moderator hid: `hidden_at` and the reason its author is shown, on posts, comments and messages.
 * A hidden post or comment is read by its author alone (`hidden_at is null or author_id = me` in every read);
 * a hidden message stays a tombstone. `posts_author` is rebuilt to include `hidden_at` beside `visibility`,
 * so the feed's per-author probes stay index-only with the hidden filter.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  for (const table of ['posts', 'post_comments', 'messages'])
    await sql`
      alter table ${sql.table(table)}
        add column hidden_at timestamptz,
        add column hidden_reason text check (char_length(hidden_reason) between 1 and 500),
        add check ((hidden_at is null) = (hidden_reason is null))`.execute(db)
  await sql`drop index posts_author`.execute(db)
  await sql`create index posts_author on posts (author_id, id) include (visibility, hidden_at)`.execute(db)
}
