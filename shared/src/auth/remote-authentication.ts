import type { FastifyInstance } from 'fastify'
import type { Kysely } from 'kysely'
import type { Static, TObject } from 'typebox'
import { type AccessRefusalsDatabase, createAccessRefusalCheck } from './access-refusals.ts'
import { authenticatePlugin } from './authenticate.ts'
import { onlyArea, type ScopeArea, type ScopeAreasOf } from './scopes.ts'
import { accessTokenConfig, jwksConfig } from './token-config.ts'
import { createRemoteTokenVerifier } from './token-verifier.ts'

/** Variables of a service that verifies access tokens itself against auth-service's JWKS. */
export const verifierConfig = { ...accessTokenConfig, ...jwksConfig }
export type VerifierConfig = Static<TObject<typeof verifierConfig>>

/**
 * app.authenticate for the services other than auth-service: every token checked here, not only at the
 * gateway, and refused when the service's access_refusals table (fed by accountEventHandlers) names
 * its account or sign-in, or when it is a personal access token's without a scope of the service's `area`
 * (or of the areas `area` names for each request: none for routes no such token may reach).
 */
export async function registerRemoteAuthentication(
  app: FastifyInstance,
  config: VerifierConfig,
  refusals: { db: Kysely<AccessRefusalsDatabase> },
  area: ScopeArea | ScopeAreasOf,
) {
  const verify = createRemoteTokenVerifier({
    jwksUrl: config.AUTH_JWKS_URL,
    issuer: config.AUTH_TOKEN_ISSUER,
    audience: config.AUTH_TOKEN_AUDIENCE,
  })
  await app.register(authenticatePlugin, {
    verify,
    areasOf: typeof area === 'string' ? onlyArea(area) : area,
    admit: createAccessRefusalCheck(refusals.db),
  })
}
