import { type Kysely, type RawBuilder, sql } from 'kysely'
import type { PostVisibility } from '../../db/tables/feed.ts'
import type { Database } from '../../db/tables.ts'
import { visibleTo } from './post-access.ts'

/** A post as its reader gets it: its author's handle and name, its counters, whether the reader liked it. */
export interface PostRow {
  id: string
  author_id: string
  handle: string | null
  display_name: string | null
  body: string
  tags: string[]
  visibility: PostVisibility
  like_count: number
  comment_count: number
  liked: boolean
  created_at: Date
  edited_at: Date | null
  hidden_at: Date | null
  hidden_reason: string | null
}

/**
 * The posts whose ids `picked` selects (a query of one column `id`, already limited to a page), newest first,
 * as `viewerId` gets them: the page is chosen first, then only its rows are joined to the authors and likes.
 */
export async function postsOf(db: Kysely<Database>, viewerId: string, picked: RawBuilder<unknown>) {
  const result = await sql<PostRow>`
    select p.id, p.author_id, s.handle, u.display_name, p.body, p.tags, p.visibility, p.like_count,
      p.comment_count, p.created_at, p.edited_at, p.hidden_at, p.hidden_reason,
      exists (select 1 from post_likes l where l.post_id = p.id and l.user_id = ${viewerId}) as liked
    from (${picked}) k
    join posts p on p.id = k.id
    left join social_profiles s on s.user_id = p.author_id
    left join user_profiles u on u.user_id = p.author_id
    order by p.id desc`.execute(db)
  return result.rows
}

/** The post if `viewerId` may see it (undefined for a missing one and one they may not: both answer 404). */
export async function visiblePost(db: Kysely<Database>, viewerId: string, postId: string) {
  const rows = await postsOf(
    db,
    viewerId,
    sql`select p.id from posts p where p.id = ${postId} and ${visibleTo(viewerId)}`,
  )
  return rows[0]
}

/** The post's author and visibility if `viewerId` may see it, its row locked for the write that follows. */
export async function lockVisiblePost(db: Kysely<Database>, viewerId: string, postId: string) {
  const result = await sql<{ id: string; author_id: string }>`
    select p.id, p.author_id from posts p where p.id = ${postId} and ${visibleTo(viewerId)}
    for no key update of p`.execute(db)
  return result.rows[0]
}

export const insertPost = (
  db: Kysely<Database>,
  post: { id: string; author_id: string; body: string; tags: string[]; visibility: PostVisibility; created_at: Date },
) =>
  db
    .insertInto('posts')
    .values({ ...post, edited_at: null })
    .execute()

export const updatePost = (
  db: Kysely<Database>,
  postId: string,
  changes: { body?: string; tags?: string[]; visibility?: PostVisibility; edited_at: Date },
) =>
  db
    .updateTable('posts')
    .set(changes)
    .where('id', '=', postId)
    .returning(['id', 'author_id', 'tags', 'visibility'])
    .executeTakeFirstOrThrow()

export const deletePost = (db: Kysely<Database>, postId: string) =>
  db.deleteFrom('posts').where('id', '=', postId).execute()

/** The public tag index of a post: its tags while it is public, nothing otherwise. */
export async function indexTags(
  db: Kysely<Database>,
  post: { id: string; author_id: string; tags: string[]; visibility: PostVisibility },
) {
  await db.deleteFrom('post_tags').where('post_id', '=', post.id).execute()
  if (post.visibility !== 'public' || post.tags.length === 0) return
  await db
    .insertInto('post_tags')
    .values(post.tags.map((tag) => ({ tag, post_id: post.id, author_id: post.author_id })))
    .execute()
}

/** The writer's writes of the last day in `table`, newest first, at most `max` (an index-only backward range). */
export async function writesSince(
  db: Kysely<Database>,
  table: 'posts' | 'post_comments',
  authorId: string,
  since: Date,
  max: number,
) {
  const rows = await db
    .selectFrom(table)
    .select('created_at')
    .where('author_id', '=', authorId)
    .where('created_at', '>', since)
    .orderBy('created_at', 'desc')
    .limit(max)
    .execute()
  return rows.map((row) => row.created_at)
}

/** Serializes one user's posts and comments (a quota is counted, then spent, in one transaction at a time). */
export async function lockWriter(db: Kysely<Database>, userId: string) {
  await sql`select pg_advisory_xact_lock(hashtextextended(${`social.feed:${userId}`}, 0))`.execute(db)
}
