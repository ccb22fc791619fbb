import { type Kysely, sql } from 'kysely'
import type { Database } from '../../db/tables.ts'
import type { PersonRow } from './profiles.repository.ts'

/** Each list a user has: the table, the column that is theirs and the column naming the other person. */
export const lists = {
  following: { table: 'follows', owner: 'follower_id', other: 'followee_id' },
  followers: { table: 'follows', owner: 'followee_id', other: 'follower_id' },
  outgoing: { table: 'friend_requests', owner: 'from_id', other: 'to_id' },
  incoming: { table: 'friend_requests', owner: 'to_id', other: 'from_id' },
  friends: { table: 'friendships', owner: 'user_id', other: 'friend_id' },
  blocks: { table: 'blocks', owner: 'blocker_id', other: 'blocked_id' },
} as const

export type ListName = keyof typeof lists

/** Where a page ended: its last entry's time and person. */
export interface ListPosition {
  at: Date
  userId: string
}

export type EntryRow = PersonRow & { created_at: Date }

/**
 * A page of one of the user's lists, newest first: one backward range of the (owner, created_at, other)
 * index, bounded by the cursor as an index condition, so a page costs its own rows. Blocks leave every list
 * but the blocker's list of blocks, which leaves out whoever blocked the blocker back (they are nobody there).
 */
export async function listPage(
  db: Kysely<Database>,
  name: ListName,
  userId: string,
  after: ListPosition | undefined,
  rows: number,
) {
  const { table, owner, other } = lists[name]
  const ownerRef = sql.ref(`r.${owner}`)
  const otherRef = sql.ref(`r.${other}`)
  const from = after ? sql`and (r.created_at, ${otherRef}) < (${after.at}, ${after.userId}::uuid)` : sql``
  const hidden =
    name === 'blocks'
      ? sql`and not exists (select 1 from blocks back where back.blocker_id = ${otherRef} and back.blocked_id = ${userId})`
      : sql``
  const result = await sql<EntryRow>`
    select ${otherRef} as user_id, r.created_at, s.handle, u.display_name
    from ${sql.table(table)} r
    left join social_profiles s on s.user_id = ${otherRef}
    left join user_profiles u on u.user_id = ${otherRef}
    where ${ownerRef} = ${userId} ${from} ${hidden}
    order by r.created_at desc, ${otherRef} desc
    limit ${rows}`.execute(db)
  return result.rows
}

/** How many rows the user has in a list, counted up to `limit` (a limit check reads no more than that). */
export async function countUpTo(db: Kysely<Database>, name: ListName, userId: string, limit: number) {
  const { table, owner } = lists[name]
  const result = await sql<{ count: string }>`
    select count(*) as count from (select 1 from ${sql.table(table)} where ${sql.ref(owner)} = ${userId} limit ${limit}) r`.execute(
    db,
  )
  return Number(result.rows[0].count)
}

export function findFollow(db: Kysely<Database>, followerId: string, followeeId: string) {
  return db
    .selectFrom('follows')
    .select('created_at')
    .where('follower_id', '=', followerId)
    .where('followee_id', '=', followeeId)
    .executeTakeFirst()
}

export const insertFollow = (db: Kysely<Database>, followerId: string, followeeId: string) =>
  db
    .insertInto('follows')
    .values({ follower_id: followerId, followee_id: followeeId })
    .returning('created_at')
    .executeTakeFirstOrThrow()

export const deleteFollow = (db: Kysely<Database>, followerId: string, followeeId: string) =>
  db.deleteFrom('follows').where('follower_id', '=', followerId).where('followee_id', '=', followeeId).execute()

export function findRequest(db: Kysely<Database>, fromId: string, toId: string) {
  return db
    .selectFrom('friend_requests')
    .select('created_at')
    .where('from_id', '=', fromId)
    .where('to_id', '=', toId)
    .executeTakeFirst()
}

export const insertRequest = (db: Kysely<Database>, fromId: string, toId: string) =>
  db
    .insertInto('friend_requests')
    .values({ from_id: fromId, to_id: toId })
    .returning('created_at')
    .executeTakeFirstOrThrow()

/** Deletes the pending request from → to; answers whether there was one. */
export async function deleteRequest(db: Kysely<Database>, fromId: string, toId: string) {
  const result = await db
    .deleteFrom('friend_requests')
    .where('from_id', '=', fromId)
    .where('to_id', '=', toId)
    .executeTakeFirst()
  return result.numDeletedRows > 0n
}

export function findFriendship(db: Kysely<Database>, userId: string, friendId: string) {
  return db
    .selectFrom('friendships')
    .select('created_at')
    .where('user_id', '=', userId)
    .where('friend_id', '=', friendId)
    .executeTakeFirst()
}

/** Both rows of a new friendship, at one instant. */
export async function insertFriendship(db: Kysely<Database>, userId: string, friendId: string) {
  const rows = await db
    .insertInto('friendships')
    .values([
      { user_id: userId, friend_id: friendId },
      { user_id: friendId, friend_id: userId },
    ])
    .returning('created_at')
    .execute()
  return rows[0]
}

/** Deletes both rows of a friendship; answers whether there was one. */
export async function deleteFriendship(db: Kysely<Database>, userId: string, friendId: string) {
  const result = await db
    .deleteFrom('friendships')
    .where((eb) =>
      eb.or([
        eb.and([eb('user_id', '=', userId), eb('friend_id', '=', friendId)]),
        eb.and([eb('user_id', '=', friendId), eb('friend_id', '=', userId)]),
      ]),
    )
    .executeTakeFirst()
  return result.numDeletedRows > 0n
}

/** Records the block (an existing one stays as it was); answers when it was made. */
export async function insertBlock(db: Kysely<Database>, blockerId: string, blockedId: string) {
  await db
    .insertInto('blocks')
    .values({ blocker_id: blockerId, blocked_id: blockedId })
    .onConflict((c) => c.columns(['blocker_id', 'blocked_id']).doNothing())
    .execute()
  return db
    .selectFrom('blocks')
    .select('created_at')
    .where('blocker_id', '=', blockerId)
    .where('blocked_id', '=', blockedId)
    .executeTakeFirstOrThrow()
}

/** Deletes my block of them; answers whether there was one. */
export async function deleteBlock(db: Kysely<Database>, blockerId: string, blockedId: string) {
  const result = await db
    .deleteFrom('blocks')
    .where('blocker_id', '=', blockerId)
    .where('blocked_id', '=', blockedId)
    .executeTakeFirst()
  return result.numDeletedRows > 0n
}

/** What a block cuts between two people, both ways: follows, the friendship and pending requests. */
export async function cutConnections(db: Kysely<Database>, userId: string, otherId: string) {
  const between = (a: string, b: string) => [
    [a, b],
    [b, a],
  ]
  for (const [x, y] of between(userId, otherId)) {
    await deleteFollow(db, x, y)
    await deleteRequest(db, x, y)
  }
  await deleteFriendship(db, userId, otherId)
}
