import { type Kysely, type RawBuilder, sql } from 'kysely'
import type { Database } from '../../db/tables.ts'
import { unblocked, visibleTo } from './post-access.ts'
import { postsOf } from './posts.repository.ts'

const before = (cursor: string | undefined, column = sql`p.id`) =>
  cursor ? sql`${column} < ${cursor}::uuid` : sql`true`

/** A hidden post is its author's alone (`posts_author` includes `hidden_at`: its probes stay index-only). */
const shown = (userId: string) => sql`(p.hidden_at is null or p.author_id = ${userId})`

/** How many of the newest posts in the table the feed's first try reads (see feedPage). */
const feedWindow = 2000

/**
 * The people whose posts are in my feed, each with the visibilities I see of theirs: the people I follow
 * (`friends` posts too of a friend) without anyone blocked either way, and I (everything of mine).
 */
const feedAuthors = (userId: string) => sql`
  select f.followee_id as author_id,
    case when exists (select 1 from friendships fr where fr.user_id = f.followee_id and fr.friend_id = ${userId})
      then array['public', 'friends'] else array['public'] end as kinds
  from follows f
  where f.follower_id = ${userId} and ${unblocked(userId, sql`f.followee_id`)}
  union all
  select ${userId}::uuid, array['public', 'friends', 'private']`

const pickedIds = async (db: Kysely<Database>, query: RawBuilder<{ id: string }>) =>
  (await query.execute(db)).rows.map((row) => row.id)

/** My feed's page among the feedWindow newest posts before the cursor (a backward range of the primary key). */
export const windowPage = (db: Kysely<Database>, userId: string, cursor: string | undefined, rows: number) =>
  pickedIds(
    db,
    sql<{ id: string }>`
      with a as materialized (${feedAuthors(userId)})
      select g.id from (
        select p.id, p.author_id, p.visibility, p.hidden_at from posts p
        where ${before(cursor)} order by p.id desc limit ${feedWindow}
      ) g
      join a on a.author_id = g.author_id and g.visibility = any(a.kinds)
        and (g.hidden_at is null or g.author_id = ${userId})
      order by g.id desc
      limit ${rows}`,
  )

/**
 * My feed's page author by author: each author's newest visible post before the cursor (one index-only
 * probe of `posts_author` each), the `rows` newest of those heads, then only those heads' authors' posts
 * down to the last head (no other author has a post that new), merged.
 */
export const authorsPage = (db: Kysely<Database>, userId: string, cursor: string | undefined, rows: number) =>
  pickedIds(
    db,
    sql<{ id: string }>`
      with a as materialized (${feedAuthors(userId)}),
      heads as materialized (
        select a.author_id, a.kinds, h.id from a cross join lateral (
          select p.id from posts p
          where p.author_id = a.author_id and ${before(cursor)} and p.visibility = any(a.kinds) and ${shown(userId)}
          order by p.id desc limit 1) h
        order by h.id desc limit ${rows})
      select p.id from heads cross join lateral (
        select p.id from posts p
        where p.author_id = heads.author_id and ${before(cursor)} and p.visibility = any(heads.kinds) and ${shown(userId)}
          and p.id >= coalesce((select h.id from heads h order by h.id desc offset ${rows - 1} limit 1),
            '00000000-0000-0000-0000-000000000000'::uuid)
        order by p.id desc limit ${rows}) p
      order by p.id desc
      limit ${rows}`,
  )

/**
 * My feed, read on demand (fan-out on read; the README has the measured plans). First the feedWindow newest
 * posts of everyone before the cursor, kept if mine to see: when that fills the page, no post of my feed
 * newer than its last one lies outside the window, so it is the page. Otherwise (the people I follow post
 * little of what is new) author by author, whose cost grows with how many I follow, which is then few or
 * quiet. Only the chosen page is read and joined.
 */
export async function feedPage(db: Kysely<Database>, userId: string, cursor: string | undefined, rows: number) {
  let ids = await windowPage(db, userId, cursor, rows)
  if (ids.length < rows) ids = await authorsPage(db, userId, cursor, rows)
  return postsOf(db, userId, sql`select unnest(${ids}::uuid[]) as id`)
}

/** The public posts with a tag, newest first, without authors blocked either way (a backward range of `post_tags`). */
export function tagPage(db: Kysely<Database>, userId: string, tag: string, cursor: string | undefined, rows: number) {
  return postsOf(
    db,
    userId,
    sql`
      select t.post_id as id from post_tags t
      join posts p on p.id = t.post_id and p.visibility = 'public' and ${shown(userId)}
      where t.tag = ${tag} and ${before(cursor, sql`t.post_id`)} and ${unblocked(userId, sql`t.author_id`)}
      order by t.post_id desc
      limit ${rows}`,
  )
}

/** What `userId` may see of one person's posts, newest first (a backward range of `posts_author`). */
export function personPage(
  db: Kysely<Database>,
  userId: string,
  authorId: string,
  cursor: string | undefined,
  rows: number,
) {
  return postsOf(
    db,
    userId,
    sql`
      select p.id from posts p
      where p.author_id = ${authorId} and ${before(cursor)} and ${visibleTo(userId)}
      order by p.id desc
      limit ${rows}`,
  )
}
