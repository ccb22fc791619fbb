import { type Kysely, sql } from 'kysely'
import { v7 as uuidv7 } from 'uuid'
import type { RefreshTokenRow } from '../../db/tables/refresh-tokens.ts'
import type { Database } from '../../db/tables.ts'

export async function insertRefreshToken(
  db: Kysely<Database>,
  token: { familyId: string; userId: string; tokenHash: string; expiresAt: Date },
) {
  await db
    .insertInto('refresh_tokens')
    .values({
      id: uuidv7(),
      family_id: token.familyId,
      user_id: token.userId,
      token_hash: token.tokenHash,
      expires_at: token.expiresAt,
    })
    .execute()
}

/**
 * Marks a live token used and returns it, in one conditional UPDATE: of two requests presenting
 * the same token at once, exactly one gets the row.
 */
export const spendRefreshToken = (db: Kysely<Database>, tokenHash: string): Promise<RefreshTokenRow | undefined> =>
  db
    .updateTable('refresh_tokens')
    .set({ used_at: sql<Date>`now()` })
    .where('token_hash', '=', tokenHash)
    .where('used_at', 'is', null)
    .where('revoked_at', 'is', null)
    .where('expires_at', '>', sql<Date>`now()`)
    .returningAll()
    .executeTakeFirst()

export const findRefreshToken = (db: Kysely<Database>, tokenHash: string) =>
  db.selectFrom('refresh_tokens').selectAll().where('token_hash', '=', tokenHash).executeTakeFirst()

/** Whether the sign-in (refresh-token family) was revoked while its user is active. */
export async function isFamilyRevokedForActiveUser(db: Kysely<Database>, familyId: string) {
  const revoked = await db
    .selectFrom('refresh_tokens')
    .innerJoin('users', 'users.id', 'refresh_tokens.user_id')
    .select('refresh_tokens.id')
    .where('refresh_tokens.family_id', '=', familyId)
    .where('refresh_tokens.revoked_at', 'is not', null)
    .where('users.status', '=', 'active')
    .limit(1)
    .executeTakeFirst()
  return revoked !== undefined
}

export async function revokeFamily(db: Kysely<Database>, familyId: string) {
  const result = await db
    .updateTable('refresh_tokens')
    .set({ revoked_at: sql<Date>`now()` })
    .where('family_id', '=', familyId)
    .where('revoked_at', 'is', null)
    .executeTakeFirst()
  return Number(result.numUpdatedRows)
}

/**
 * Ends every sign-in of the user, except `keepFamilyId` when given. Answers the families revoked,
 * only those with a token issued since `issuedSince` when given (whose access tokens may still be valid).
 */
export async function revokeUserTokens(
  db: Kysely<Database>,
  userId: string,
  keepFamilyId?: string,
  issuedSince = new Date(0),
) {
  let query = db
    .updateTable('refresh_tokens')
    .set({ revoked_at: sql<Date>`now()` })
    .where('user_id', '=', userId)
    .where('revoked_at', 'is', null)
  if (keepFamilyId) query = query.where('family_id', '<>', keepFamilyId)
  const revoked = await query.returning(['family_id', 'created_at']).execute()
  return [...new Set(revoked.filter((row) => row.created_at >= issuedSince).map((row) => row.family_id))]
}

export async function deleteUserTokens(db: Kysely<Database>, userId: string) {
  await db.deleteFrom('refresh_tokens').where('user_id', '=', userId).execute()
}
