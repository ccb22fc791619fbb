import type { Kysely } from 'kysely'
import { sql } from 'kysely'
import type { Database } from '../../db/tables.ts'
import { socialError } from '../../errors.ts'

/** The user's suspension from social features while it is in force, else undefined. */
export const suspensionOf = (db: Kysely<Database>, userId: string) =>
  db
    .selectFrom('social_suspensions')
    .select(['since', 'until', 'reason'])
    .where('user_id', '=', userId)
    .where('until', '>', sql<Date>`now()`)
    .executeTakeFirst()

/**
 * 403 `social-suspended` (its end in `until`) for a suspended user: every write that reaches others (a post,
 * comment, like, message, conversation, added member, follow or friend request) asks this first, in its
 * transaction. Reads, deleting one's own content, unfollowing, blocking and leaving do not.
 */
export async function ensureNotSuspended(db: Kysely<Database>, userId: string) {
  const suspension = await suspensionOf(db, userId)
  if (!suspension) return
  const until = suspension.until.toISOString()
  throw socialError('social-suspended', `You are suspended from social features until ${until}`, {
    details: { until },
  })
}
