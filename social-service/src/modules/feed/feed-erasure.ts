import { type Kysely, sql } from 'kysely'
import type { Database } from '../../db/tables.ts'

/**
 * What the feed keeps of a deleted user: nothing. Their posts go (with every comment, like and tag on them),
 * then their likes and comments on others' posts, each post's counters moved down by what left it.
 */
export async function eraseFeed(db: Kysely<Database>, userId: string) {
  await db.deleteFrom('posts').where('author_id', '=', userId).execute()
  await sql`
    with gone as (delete from post_likes where user_id = ${userId} returning post_id)
    update posts p set like_count = p.like_count - 1 from gone where p.id = gone.post_id`.execute(db)
  await sql`
    with gone as (delete from post_comments where author_id = ${userId} returning post_id),
      counted as (select post_id, count(*)::integer as n from gone group by post_id)
    update posts p set comment_count = p.comment_count - counted.n from counted
    where p.id = counted.post_id`.execute(db)
}
