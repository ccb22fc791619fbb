import type { FastifyInstance } from 'fastify'
import type { Kysely } from 'kysely'
import type { Static, TObject } from 'typebox'
import { type AccessRefusalsDatabase, createAccessRefusalCheck } from './access-refusals.ts'
import { authenticatePlugin } from './authenticate.ts'
import { accessTokenConfig, jwksConfig } from './token-config.ts'
import { createRemoteTokenVerifier } from './token-verifier.ts'

/** Variables of a service that verifies access tokens itself against auth-service's JWKS. */
export const verifierConfig = { ...accessTokenConfig, ...jwksConfig }
export type VerifierConfig = Static<TObject<typeof verifierConfig>>

/**
 * app.authenticate for task, focus and habit services: every token checked here, not only at the
 * gateway, and refused when the service's access_refusals table (fed by accountEventHandlers) names
 * its account or sign-in.
 */
export async function registerRemoteAuthentication(
  app: FastifyInstance,
  config: VerifierConfig,
  refusals: { db: Kysely<AccessRefusalsDatabase> },
) {
  const verify = createRemoteTokenVerifier({
    jwksUrl: config.AUTH_JWKS_URL,
    issuer: config.AUTH_TOKEN_ISSUER,
    audience: config.AUTH_TOKEN_AUDIENCE,
  })
  await app.register(authenticatePlugin, { verify, admit: createAccessRefusalCheck(refusals.db) })
}
