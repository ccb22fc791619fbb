import type { Kysely } from 'kysely'
import { v7 as uuidv7 } from 'uuid'
import type { ShareAction } from '../../db/tables/sharing.ts'
import type { Database } from '../../db/tables.ts'

/** Adds recipients; answers the ones that were not recipients already. */
export async function addRecipients(db: Kysely<Database>, sessionId: string, recipientIds: string[]) {
  const added = await db
    .insertInto('session_shares')
    .values(recipientIds.map((recipient_id) => ({ session_id: sessionId, recipient_id })))
    .onConflict((c) => c.columns(['session_id', 'recipient_id']).doNothing())
    .returning('recipient_id')
    .execute()
  return added.map((row) => row.recipient_id)
}

export async function removeRecipient(db: Kysely<Database>, sessionId: string, recipientId: string) {
  const removed = await db
    .deleteFrom('session_shares')
    .where('session_id', '=', sessionId)
    .where('recipient_id', '=', recipientId)
    .executeTakeFirst()
  return removed.numDeletedRows > 0n
}

/** A session's recipients in the order they were added (one share's by id), each with their display name or null. */
export const recipientsOf = (db: Kysely<Database>, sessionId: string) =>
  db
    .selectFrom('session_shares')
    .leftJoin('user_profiles', 'user_profiles.user_id', 'session_shares.recipient_id')
    .select(['session_shares.recipient_id as userId', 'user_profiles.display_name as displayName'])
    .where('session_shares.session_id', '=', sessionId)
    .orderBy('session_shares.created_at')
    .orderBy('session_shares.recipient_id')
    .execute()

export const linksOf = (db: Kysely<Database>, sessionId: string) =>
  db.selectFrom('public_links').selectAll().where('session_id', '=', sessionId).orderBy('id').execute()

export const insertPublicLink = (db: Kysely<Database>, sessionId: string, tokenHash: string, expiresAt: Date) =>
  db
    .insertInto('public_links')
    .values({ id: uuidv7(), session_id: sessionId, token_hash: tokenHash, expires_at: expiresAt })
    .returningAll()
    .executeTakeFirstOrThrow()

/** Revokes the session's link unless already revoked; false when there was no such active link. */
export async function revokeLink(db: Kysely<Database>, sessionId: string, linkId: string, at: Date) {
  const revoked = await db
    .updateTable('public_links')
    .set({ revoked_at: at })
    .where('id', '=', linkId)
    .where('session_id', '=', sessionId)
    .where('revoked_at', 'is', null)
    .returning('id')
    .executeTakeFirst()
  return revoked !== undefined
}

/** The session a public link (by its token's hash) shows, with the link's expiry and revocation. */
export const findLinkedSession = (db: Kysely<Database>, tokenHash: string) =>
  db
    .selectFrom('public_links')
    .innerJoin('focus_sessions', 'focus_sessions.id', 'public_links.session_id')
    .selectAll('focus_sessions')
    .select(['public_links.expires_at as link_expires_at', 'public_links.revoked_at as link_revoked_at'])
    .where('public_links.token_hash', '=', tokenHash)
    .executeTakeFirst()

export async function recordShareAudit(
  db: Kysely<Database>,
  entry: {
    sessionId: string
    actorId: string
    action: ShareAction
    details: Record<string, unknown>
    requestId: string
  },
) {
  await db
    .insertInto('share_audit')
    .values({
      id: uuidv7(),
      session_id: entry.sessionId,
      actor_id: entry.actorId,
      action: entry.action,
      details: JSON.stringify(entry.details),
      request_id: entry.requestId,
    })
    .execute()
}

/**
 * Sessions shared with a user, newest first by session id (UUIDv7), after the cursor's id, each with
 * its owner's display name (null while unknown): one query, the name joined by the profile's key.
 */
export function sessionsSharedWith(db: Kysely<Database>, recipientId: string, limit: number, before?: string) {
  let query = db
    .selectFrom('session_shares')
    .innerJoin('focus_sessions', 'focus_sessions.id', 'session_shares.session_id')
    .leftJoin('user_profiles', 'user_profiles.user_id', 'focus_sessions.user_id')
    .selectAll('focus_sessions')
    .select('user_profiles.display_name as owner_name')
    .where('session_shares.recipient_id', '=', recipientId)
    .orderBy('focus_sessions.id', 'desc')
    .limit(limit + 1)
  if (before) query = query.where('focus_sessions.id', '<', before)
  return query.execute()
}
