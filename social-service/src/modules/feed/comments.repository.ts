import { type Kysely, sql } from 'kysely'
import type { Database } from '../../db/tables.ts'
import { unblocked } from './post-access.ts'

export interface CommentRow {
  id: string
  post_id: string
  author_id: string
  handle: string | null
  display_name: string | null
  body: string
  created_at: Date
  hidden_at: Date | null
  hidden_reason: string | null
}

const commentsWhere = async (db: Kysely<Database>, where: ReturnType<typeof sql>, rows: number) =>
  (
    await sql<CommentRow>`
      select c.id, c.post_id, c.author_id, s.handle, u.display_name, c.body, c.created_at, c.hidden_at, c.hidden_reason
      from (
        select c.id from post_comments c
        where ${where}
        order by c.id
        limit ${rows}
      ) k
      join post_comments c on c.id = k.id
      left join social_profiles s on s.user_id = c.author_id
      left join user_profiles u on u.user_id = c.author_id
      order by c.id`.execute(db)
  ).rows

/** A hidden comment is its author's alone. */
const shownTo = (viewerId: string) => sql`(c.hidden_at is null or c.author_id = ${viewerId})`

/**
 * A page of a post's comments, oldest first after the cursor (a forward range of `post_comments_post`),
 * without those of anyone blocked by `viewerId` or blocking them, nor others' hidden ones.
 */
export const commentPage = (
  db: Kysely<Database>,
  viewerId: string,
  postId: string,
  after: string | undefined,
  rows: number,
) =>
  commentsWhere(
    db,
    sql`c.post_id = ${postId} and ${after ? sql`c.id > ${after}::uuid` : sql`true`} and ${unblocked(viewerId, sql`c.author_id`)} and ${shownTo(viewerId)}`,
    rows,
  )

export const commentById = async (db: Kysely<Database>, commentId: string) =>
  (await commentsWhere(db, sql`c.id = ${commentId}`, 1))[0]

export const insertComment = (
  db: Kysely<Database>,
  comment: { id: string; post_id: string; author_id: string; body: string; created_at: Date },
) => db.insertInto('post_comments').values(comment).execute()

/**
 * The comment on that post, locked, as `viewerId` may reach it: not one of someone blocked either way, unless
 * the post is theirs; not one a moderator hid, unless the comment is theirs.
 */
export async function lockComment(
  db: Kysely<Database>,
  viewerId: string,
  post: { id: string; author_id: string },
  commentId: string,
) {
  const mayReach = post.author_id === viewerId ? sql`true` : unblocked(viewerId, sql`c.author_id`)
  const result = await sql<{ id: string; author_id: string }>`
    select c.id, c.author_id from post_comments c
    where c.id = ${commentId} and c.post_id = ${post.id} and ${mayReach} and ${shownTo(viewerId)}
    for update of c`.execute(db)
  return result.rows[0]
}

export const deleteComment = (db: Kysely<Database>, commentId: string) =>
  db.deleteFrom('post_comments').where('id', '=', commentId).execute()

/** Moves a post's comment or like counter by `delta`; answers the new count. */
export async function moveCounter(
  db: Kysely<Database>,
  postId: string,
  counter: 'comment_count' | 'like_count',
  delta: 1 | -1,
) {
  const row = await db
    .updateTable('posts')
    .set({ [counter]: sql`${sql.ref(counter)} + ${delta}` })
    .where('id', '=', postId)
    .returning(counter)
    .executeTakeFirstOrThrow()
  return (row as Record<typeof counter, number>)[counter]
}

/** Likes the post for the user if they had not (answers whether this added it). */
export async function addLike(db: Kysely<Database>, postId: string, userId: string) {
  const rows = await db
    .insertInto('post_likes')
    .values({ post_id: postId, user_id: userId })
    .onConflict((c) => c.columns(['post_id', 'user_id']).doNothing())
    .returning('post_id')
    .execute()
  return rows.length > 0
}

export async function removeLike(db: Kysely<Database>, postId: string, userId: string) {
  const result = await db
    .deleteFrom('post_likes')
    .where('post_id', '=', postId)
    .where('user_id', '=', userId)
    .executeTakeFirst()
  return result.numDeletedRows > 0n
}

export const likeCountOf = async (db: Kysely<Database>, postId: string) =>
  (await db.selectFrom('posts').select('like_count').where('id', '=', postId).executeTakeFirstOrThrow()).like_count
