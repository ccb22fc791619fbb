import { type AuthenticatedUser, accessRefused, authenticatePlugin, createTokenVerifier } from '@focushub/shared'
import type { FastifyInstance } from 'fastify'
import { createLocalJWKSet } from 'jose'
import type { Kysely } from 'kysely'
import type { Config } from '../config.ts'
import type { Database } from '../db/tables.ts'
import { publicJwks, type SigningKeys } from '../modules/keys/signing-keys.ts'

/**
 * A token of a sign-in that has ended (logout, password change elsewhere, refresh-token reuse) is
 * refused here at once: the family's rows are this service's own. An inactive account's families
 * are revoked too, but its routes answer that status (403) from the users table instead.
 */
const revokedSession = (db: Kysely<Database>) => async (user: AuthenticatedUser) => {
  if (!user.sessionId) return
  const revoked = await db
    .selectFrom('refresh_tokens')
    .innerJoin('users', 'users.id', 'refresh_tokens.user_id')
    .select('refresh_tokens.id')
    .where('refresh_tokens.family_id', '=', user.sessionId)
    .where('refresh_tokens.revoked_at', 'is not', null)
    .where('users.status', '=', 'active')
    .limit(1)
    .executeTakeFirst()
  if (revoked) throw accessRefused('session-revoked')
}

/** The shared authenticate plugin, verifying against this service's own public keys without HTTP. */
export async function registerAuthentication(
  app: FastifyInstance,
  config: Config,
  keys: SigningKeys,
  db: Kysely<Database>,
) {
  const verify = createTokenVerifier({
    keys: createLocalJWKSet(publicJwks(keys)),
    issuer: config.AUTH_TOKEN_ISSUER,
    audience: config.AUTH_TOKEN_AUDIENCE,
  })
  await app.register(authenticatePlugin, { verify, admit: revokedSession(db) })
}
