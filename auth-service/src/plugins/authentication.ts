import { authenticatePlugin, createTokenVerifier } from '@focushub/shared'
import type { FastifyInstance } from 'fastify'
import { createLocalJWKSet } from 'jose'
import type { Config } from '../config.ts'
import { publicJwks, type SigningKeys } from '../modules/keys/signing-keys.ts'

/** The shared authenticate plugin, verifying against this service's own public keys without HTTP. */
export async function registerAuthentication(app: FastifyInstance, config: Config, keys: SigningKeys) {
  const verify = createTokenVerifier({
    keys: createLocalJWKSet(publicJwks(keys)),
    issuer: config.AUTH_TOKEN_ISSUER,
    audience: config.AUTH_TOKEN_AUDIENCE,
  })
  await app.register(authenticatePlugin, { verify })
}
