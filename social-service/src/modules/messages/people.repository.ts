import { type Kysely, sql } from 'kysely'
import type { WhoMayMessage } from '../../db/tables/profiles.ts'
import type { Database } from '../../db/tables.ts'
import { suspendedUntil } from '../moderation/suspension.ts'

/** What `userId` needs to know to write to each of `otherIds`. */
export interface Reach {
  user_id: string
  who_may_message: WhoMayMessage
  blocked: boolean
  friends: boolean
}

/**
 * Locks the social profiles of `userIds` in id order, shared: a block (which locks both profiles for
 * update) either committed before, or waits for this transaction. What the lock guards is read in a later
 * statement, whose snapshot comes after the wait (this one's came before it).
 */
export async function lockProfiles(db: Kysely<Database>, userIds: string[]) {
  await sql`select user_id from social_profiles where user_id = any(${userIds}::uuid[]) order by user_id for share`.execute(
    db,
  )
}

/** Each other person's messaging setting, a block either way with `userId`, their friendship; no profile, no row. */
export const reachQuery = (db: Kysely<Database>, userId: string, otherIds: string[]) =>
  db
    .selectFrom('social_profiles as s')
    .select((eb) => [
      's.user_id',
      's.who_may_message',
      eb
        .exists(
          eb
            .selectFrom('blocks as b')
            .select('b.blocker_id')
            .where((w) =>
              w.or([
                w.and([w('b.blocker_id', '=', userId), w('b.blocked_id', '=', w.ref('s.user_id'))]),
                w.and([w('b.blocker_id', '=', w.ref('s.user_id')), w('b.blocked_id', '=', userId)]),
              ]),
            ),
        )
        .as('blocked'),
      eb
        .exists(
          eb
            .selectFrom('friendships as f')
            .select('f.user_id')
            .whereRef('f.user_id', '=', 's.user_id')
            .where('f.friend_id', '=', userId),
        )
        .as('friends'),
    ])
    .where('s.user_id', '=', sql<string>`any(${otherIds}::uuid[])`)
    .$castTo<Reach>()

/**
 * Each other person's messaging setting, whether a block stands between them and `userId` (either way)
 * and whether they are friends; a person with no profile has no row. The profiles are locked first, in
 * id order and shared, then read in a second statement (lockProfiles).
 */
export async function reachOf(db: Kysely<Database>, userId: string, otherIds: string[]): Promise<Reach[]> {
  await lockProfiles(db, [userId, ...otherIds])
  return reachQuery(db, userId, otherIds).execute()
}

const senderLock = (userId: string) =>
  sql<string>`pg_advisory_xact_lock(hashtextextended(${`social.messages:${userId}`}, 0))`

/** Serializes one user's sends (their rate is counted, then spent, in one transaction at a time). */
export async function lockSender(db: Kysely<Database>, userId: string) {
  await sql`select ${senderLock(userId)}`.execute(db)
}

/**
 * A send's first statement: the end of the sender's suspension in force, and only when there is none the
 * sender's lock (lockSender), taken in the same round trip. A CASE evaluates only the branch it takes, so a
 * suspended sender takes no lock, as when the suspension was asked in a statement of its own.
 */
export async function lockSenderUnlessSuspended(db: Kysely<Database>, userId: string) {
  const row = await db
    .selectNoFrom((eb) => {
      const until = suspendedUntil(db, userId)
      const lock = eb
        .case()
        .when(eb.not(eb.exists(until)))
        .then(senderLock(userId))
        .end()
      return [until.as('until'), lock.as('locked')]
    })
    .executeTakeFirstOrThrow()
  return row.until
}

/** The database's clock, to the millisecond, as an expression of a statement (databaseNow reads it alone). */
export const clockNow = sql<Date>`date_trunc('milliseconds', clock_timestamp())`

/** The database's clock, to the millisecond, read after the locks (every time a message carries comes from it). */
export async function databaseNow(db: Kysely<Database>) {
  const result = await sql<{ now: Date }>`select ${clockNow} as now`.execute(db)
  return result.rows[0].now
}
