import { type Kysely, sql } from 'kysely'

/**
 * The community feed: posts, their comments and likes, and the public posts' tags.
 * - Post ids are UUIDv7, so time-ordered: every list of posts is newest first by id, its cursor the last id.
 * - `posts_author` (author_id, id) include (visibility) serves a person's posts and the feed, which is read
 *   on demand (fan-out on read): each followee's newest visible posts are an index-only backward range of it.
 *   `posts_author_time` (author_id, created_at) counts a writer's posts of the last day.
 * - `post_tags` (tag, post_id) holds the tags of public posts only: a tag feed is one backward range of it.
 * - `like_count` and `comment_count` are counters on the post, moved in the transaction of each like,
 *   unlike, comment and deletion (the post's row is the lock they take turns on).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table posts (
      id uuid primary key,
      author_id uuid not null,
      body text not null check (char_length(body) between 1 and 2000),
      tags text[] not null default '{}' check (cardinality(tags) <= 5),
      visibility text not null check (visibility in ('public', 'friends', 'private')),
      like_count integer not null default 0 check (like_count >= 0),
      comment_count integer not null default 0 check (comment_count >= 0),
      created_at timestamptz not null default date_trunc('milliseconds', now()),
      edited_at timestamptz
    )`.execute(db)
  await sql`create index posts_author on posts (author_id, id) include (visibility)`.execute(db)
  await sql`create index posts_author_time on posts (author_id, created_at)`.execute(db)
  await sql`
    create table post_tags (
      tag text not null check (tag ~ '^[a-z0-9_-]{1,30}$'),
      post_id uuid not null references posts (id) on delete cascade,
      author_id uuid not null,
      primary key (tag, post_id)
    )`.execute(db)
  await sql`create index post_tags_post on post_tags (post_id)`.execute(db)
  await sql`
    create table post_comments (
      id uuid primary key,
      post_id uuid not null references posts (id) on delete cascade,
      author_id uuid not null,
      body text not null check (char_length(body) between 1 and 1000),
      created_at timestamptz not null default date_trunc('milliseconds', now())
    )`.execute(db)
  await sql`create index post_comments_post on post_comments (post_id, id)`.execute(db)
  await sql`create index post_comments_author on post_comments (author_id, created_at)`.execute(db)
  await sql`
    create table post_likes (
      post_id uuid not null references posts (id) on delete cascade,
      user_id uuid not null,
      created_at timestamptz not null default date_trunc('milliseconds', now()),
      primary key (post_id, user_id)
    )`.execute(db)
  await sql`create index post_likes_user on post_likes (user_id, post_id)`.execute(db)
}
