import type { Kysely } from 'kysely'
import { sql } from 'kysely'
import type { Database } from '../../db/tables.ts'
import { socialError } from '../../errors.ts'

/** The user's suspension from social features, if one is in force. */
const inForce = (db: Kysely<Database>, userId: string) =>
  db.selectFrom('social_suspensions').where('user_id', '=', userId).where('until', '>', sql<Date>`now()`)

/** The user's suspension from social features while it is in force, else undefined. */
export const suspensionOf = (db: Kysely<Database>, userId: string) =>
  inForce(db, userId).select(['since', 'until', 'reason']).executeTakeFirst()

/** The end of the user's suspension in force (null when none is), as a subquery of a statement that asks more. */
export const suspendedUntil = (db: Kysely<Database>, userId: string) => inForce(db, userId).select('until')

/** 403 `social-suspended`, with the suspension's end in `until`. */
export function suspended(until: Date) {
  const end = until.toISOString()
  return socialError('social-suspended', `You are suspended from social features until ${end}`, {
    details: { until: end },
  })
}

/**
 * 403 `social-suspended` (its end in `until`) for a suspended user: every write that reaches others (a post,
 * comment, like, message, conversation, added member, follow or friend request) asks this first, in its
 * transaction. Reads, deleting one's own content, unfollowing, blocking and leaving do not.
 */
export async function ensureNotSuspended(db: Kysely<Database>, userId: string) {
  const suspension = await suspensionOf(db, userId)
  if (suspension) throw suspended(suspension.until)
}
