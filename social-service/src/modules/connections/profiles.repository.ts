import { type Kysely, sql } from 'kysely'
import type { WhoMayFollow, WhoMayMessage } from '../../db/tables/profiles.ts'
import type { Database } from '../../db/tables.ts'

/** A person as others see them: their handle (if any) and display name (null until their profile arrives). */
export interface PersonRow {
  user_id: string
  handle: string | null
  display_name: string | null
}

/** Makes the user's social profile if they have none (a known user, or the caller of a route); safe to repeat. */
export async function ensureProfile(db: Kysely<Database>, userId: string) {
  await db
    .insertInto('social_profiles')
    .values({ user_id: userId, handle: null })
    .onConflict((c) => c.column('user_id').doNothing())
    .execute()
}

const profileQuery = (db: Kysely<Database>, userId: string) =>
  db
    .selectFrom('social_profiles as s')
    .leftJoin('user_profiles as u', 'u.user_id', 's.user_id')
    .select([
      's.user_id',
      's.handle',
      'u.display_name',
      's.who_may_follow',
      's.who_may_message',
      's.milestone_posts',
      's.version',
    ])
    .where('s.user_id', '=', userId)

export const profileOf = (db: Kysely<Database>, userId: string) => profileQuery(db, userId).executeTakeFirstOrThrow()

/** The user's profile, or undefined for a user without one (profileOf is for those a profile was made for). */
export const findProfile = (db: Kysely<Database>, userId: string) => profileQuery(db, userId).executeTakeFirst()

export interface ProfileChanges {
  handle?: string | null
  who_may_follow?: WhoMayFollow
  who_may_message?: WhoMayMessage
  milestone_posts?: boolean
}

/** Applies the changes when the profile is at `version` (any when undefined); undefined when it is not. */
export function updateProfile(db: Kysely<Database>, userId: string, changes: ProfileChanges, version?: number) {
  let query = db
    .updateTable('social_profiles')
    .set({ ...changes, version: sql`version + 1`, updated_at: sql`now()` })
    .where('user_id', '=', userId)
  if (version !== undefined) query = query.where('version', '=', version)
  return query.returning('user_id').executeTakeFirst()
}

export const handleTaken = (error: unknown) =>
  (error as { code?: string }).code === '23505' &&
  (error as { constraint?: string }).constraint === 'social_profiles_handle'

/**
 * Locks both people's profiles, in id order (so two writes between the same two people never wait on each
 * other in a circle, and a block and a follow between them are applied one after the other): every write
 * between two people starts here. Answers the other's privacy setting, or undefined when they have no profile.
 */
export async function lockPair(db: Kysely<Database>, userId: string, otherId: string) {
  const rows = await db
    .selectFrom('social_profiles')
    .select(['user_id', 'who_may_follow'])
    .where('user_id', 'in', [userId, otherId])
    .orderBy('user_id')
    .forUpdate()
    .execute()
  return rows.find((row) => row.user_id === otherId)
}

/** Whether either has blocked the other, each way. */
export async function blocksBetween(db: Kysely<Database>, userId: string, otherId: string) {
  const rows = await db
    .selectFrom('blocks')
    .select('blocker_id')
    .where((eb) =>
      eb.or([
        eb.and([eb('blocker_id', '=', userId), eb('blocked_id', '=', otherId)]),
        eb.and([eb('blocker_id', '=', otherId), eb('blocked_id', '=', userId)]),
      ]),
    )
    .execute()
  return {
    iBlocked: rows.some((row) => row.blocker_id === userId),
    theyBlocked: rows.some((row) => row.blocker_id === otherId),
  }
}

export function personOf(db: Kysely<Database>, userId: string): Promise<PersonRow> {
  return db
    .selectFrom('social_profiles as s')
    .leftJoin('user_profiles as u', 'u.user_id', 's.user_id')
    .select(['s.user_id', 's.handle', 'u.display_name'])
    .where('s.user_id', '=', userId)
    .executeTakeFirstOrThrow()
}

/** `like` pattern of a prefix: its wildcards taken literally. */
export const prefixPattern = (prefix: string) => `${prefix.toLowerCase().replace(/[\\%_]/g, '\\$&')}%`

/** Neither has blocked the other: a condition on a row's `user_id` column for the caller `viewerId`. */
const unblocked = (column: string, viewerId: string) => sql`not exists (
  select 1 from blocks b
  where (b.blocker_id = ${viewerId} and b.blocked_id = ${sql.ref(column)})
     or (b.blocker_id = ${sql.ref(column)} and b.blocked_id = ${viewerId}))`

/**
 * People whose display name or handle begins with `prefix`, in that order, without the caller and anyone
 * blocked either way. Each side reads at most `limit` rows of its prefix index (the "C" collation orders a
 * range as it is served), and the two are merged: the cost is the page's, however many people match.
 */
export async function findPeople(db: Kysely<Database>, viewerId: string, prefix: string, limit: number) {
  const pattern = prefixPattern(prefix)
  const result = await sql<PersonRow>`
    select s.user_id, s.handle, u.display_name
    from (
      select user_id, min(key) as key from (
        (select n.user_id, lower(n.display_name) collate "C" as key from user_profiles n
          where lower(n.display_name) collate "C" like ${pattern} and n.user_id <> ${viewerId}
            and ${unblocked('n.user_id', viewerId)}
          order by lower(n.display_name) collate "C", n.user_id limit ${limit})
        union all
        (select h.user_id, lower(h.handle) collate "C" as key from social_profiles h
          where lower(h.handle) collate "C" like ${pattern} and h.user_id <> ${viewerId}
            and ${unblocked('h.user_id', viewerId)}
          order by lower(h.handle) collate "C" limit ${limit})
      ) matches
      group by user_id
      order by key, user_id
      limit ${limit}
    ) m
    join social_profiles s on s.user_id = m.user_id
    left join user_profiles u on u.user_id = m.user_id
    order by m.key, m.user_id`.execute(db)
  return result.rows
}

/** Everything social-service keeps about a deleted user, both ways: their profile, follows, requests, friendships, blocks. */
export async function eraseConnections(db: Kysely<Database>, userId: string) {
  await db
    .deleteFrom('follows')
    .where((eb) => eb.or([eb('follower_id', '=', userId), eb('followee_id', '=', userId)]))
    .execute()
  await db
    .deleteFrom('friend_requests')
    .where((eb) => eb.or([eb('from_id', '=', userId), eb('to_id', '=', userId)]))
    .execute()
  await db
    .deleteFrom('friendships')
    .where((eb) => eb.or([eb('user_id', '=', userId), eb('friend_id', '=', userId)]))
    .execute()
  await db
    .deleteFrom('blocks')
    .where((eb) => eb.or([eb('blocker_id', '=', userId), eb('blocked_id', '=', userId)]))
    .execute()
  await db.deleteFrom('social_profiles').where('user_id', '=', userId).execute()
}
