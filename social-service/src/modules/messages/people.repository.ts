import { type Kysely, sql } from 'kysely'
import type { WhoMayMessage } from '../../db/tables/profiles.ts'
import type { Database } from '../../db/tables.ts'

/** What `userId` needs to know to write to each of `otherIds`. */
export interface Reach {
  user_id: string
  who_may_message: WhoMayMessage
  blocked: boolean
  friends: boolean
}

/**
 * Each other person's messaging setting, whether a block stands between them and `userId` (either way)
 * and whether they are friends; a person with no profile has no row. The profiles are locked first, in
 * id order and shared, then read in a second statement: a block (which locks both profiles for update)
 * either commits before and is seen, or waits for this transaction.
 */
export async function reachOf(db: Kysely<Database>, userId: string, otherIds: string[]): Promise<Reach[]> {
  const ids = [userId, ...otherIds]
  await sql`select user_id from social_profiles where user_id = any(${ids}::uuid[]) order by user_id for share`.execute(
    db,
  )
  const result = await sql<Reach>`
    select s.user_id, s.who_may_message,
      exists (select 1 from blocks b
        where (b.blocker_id = ${userId} and b.blocked_id = s.user_id)
           or (b.blocker_id = s.user_id and b.blocked_id = ${userId})) as blocked,
      exists (select 1 from friendships f where f.user_id = s.user_id and f.friend_id = ${userId}) as friends
    from social_profiles s
    where s.user_id = any(${otherIds}::uuid[])`.execute(db)
  return result.rows
}

/** Serializes one user's sends (their rate is counted, then spent, in one transaction at a time). */
export async function lockSender(db: Kysely<Database>, userId: string) {
  await sql`select pg_advisory_xact_lock(hashtextextended(${`social.messages:${userId}`}, 0))`.execute(db)
}

/** The database's clock, to the millisecond, read after the locks (every time a message carries comes from it). */
export async function databaseNow(db: Kysely<Database>) {
  const result = await sql<{ now: Date }>`select date_trunc('milliseconds', clock_timestamp()) as now`.execute(db)
  return result.rows[0].now
}
