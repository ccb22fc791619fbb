import { type AuthenticatedUser, accessRefused, authenticatePlugin, createTokenVerifier } from '@focushub/shared/auth'
import type { FastifyInstance } from 'fastify'
import { createLocalJWKSet } from 'jose'
import type { Kysely } from 'kysely'
import type { Config } from '../config.ts'
import type { Database } from '../db/tables.ts'
import { publicJwks, type SigningKeys } from '../modules/keys/signing-keys.ts'
import { isFamilyRevokedForActiveUser } from '../modules/sessions/refresh-tokens.repository.ts'

/**
 * A token of a sign-in that has ended (logout, password change elsewhere, refresh-token reuse) is
 * refused here at once: the family's rows are this service's own. An inactive account's families
 * are revoked too, but its routes answer that status (403) from the users table instead.
 */
const revokedSession = (db: Kysely<Database>) => async (user: AuthenticatedUser) => {
  if (!user.sessionId) return
  if (await isFamilyRevokedForActiveUser(db, user.sessionId)) throw accessRefused('session-revoked')
}

/** The account's own routes are in no scope: a personal access token reaches none of them (scopes.ts). */
const noArea = () => []

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
  await app.register(authenticatePlugin, { verify, areasOf: noArea, admit: revokedSession(db) })
}
