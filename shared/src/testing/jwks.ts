import { randomUUID } from 'node:crypto'
import { exportJWK, generateKeyPair, type JWK, SignJWT } from 'jose'
import { accessTokenType } from '../auth/token-verifier.ts'
import { createApp } from '../http/create-app.ts'

export const testIssuer = 'focushub-auth-test'
export const testAudience = 'focushub-test'

export interface TestTokenOptions {
  role?: string
  expiresIn?: string | number
  issuer?: string
  audience?: string
  kid?: string
  /** The `sid` claim: the sign-in (refresh-token family) the token belongs to. */
  sessionId?: string
}

/**
 * An auth-service stand-in: an Ed25519 key whose JWKS is served over real HTTP on port 0, and a
 * signer of access tokens for it. `env` points a verifying process at it.
 */
export async function startTestJwks() {
  const { privateKey, publicKey } = await generateKeyPair('EdDSA', { crv: 'Ed25519' })
  const kid = randomUUID()
  const jwk: JWK = { ...(await exportJWK(publicKey)), kid, alg: 'EdDSA', use: 'sig' }
  const app = createApp({ service: 'jwks', logLevel: 'silent' })
  app.get('/auth/.well-known/jwks.json', async () => ({ keys: [jwk] }))
  await app.listen({ port: 0, host: '127.0.0.1' })
  const jwksUrl = `http://127.0.0.1:${(app.server.address() as { port: number }).port}/auth/.well-known/jwks.json`

  function sign(userId: string = randomUUID(), options: TestTokenOptions = {}) {
    return new SignJWT({ role: options.role ?? 'user', ...(options.sessionId ? { sid: options.sessionId } : {}) })
      .setProtectedHeader({ alg: 'EdDSA', kid: options.kid ?? kid, typ: accessTokenType })
      .setIssuer(options.issuer ?? testIssuer)
      .setAudience(options.audience ?? testAudience)
      .setSubject(userId)
      .setJti(randomUUID())
      .setIssuedAt()
      .setExpirationTime(options.expiresIn ?? '5m')
      .sign(privateKey)
  }
  /** A ready Authorization header for a user. */
  const bearer = async (userId?: string, options?: TestTokenOptions) => `Bearer ${await sign(userId, options)}`
  const env = { AUTH_JWKS_URL: jwksUrl, AUTH_TOKEN_ISSUER: testIssuer, AUTH_TOKEN_AUDIENCE: testAudience }
  return { app, jwksUrl, sign, bearer, env, close: () => app.close() }
}
