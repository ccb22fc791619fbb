import { accessTokenType, type Role } from '@focushub/shared/auth'
import { SignJWT } from 'jose'
import { v7 as uuidv7 } from 'uuid'
import { type SigningKey, signingAlgorithm } from './signing-keys.ts'

export interface AccessTokenSettings {
  key: SigningKey
  issuer: string
  audience: string
  ttlSeconds: number
}

export interface AccessTokenSubject {
  userId: string
  role: Role
  /**
   * The refresh-token family: lets a password change keep this sign-in and end the others. For a personal
   * access token's, the token's id: revoking it ends its access tokens the same way.
   */
  sessionId: string
  /** A personal access token's scopes (the `scope` claim): absent for a sign-in, which is not limited by any. */
  scopes?: readonly string[]
  /** Shorter than the settings' lifetime, for a credential that expires sooner. */
  ttlSeconds?: number
}

export type AccessTokenSigner = (subject: AccessTokenSubject) => Promise<{ token: string; expiresIn: number }>

export function createAccessTokenSigner(settings: AccessTokenSettings): AccessTokenSigner {
  return async ({ userId, role, sessionId, scopes, ttlSeconds = settings.ttlSeconds }) => {
    const claims = { role, sid: sessionId, ...(scopes && { scope: scopes.join(' ') }) }
    const token = await new SignJWT(claims)
      .setProtectedHeader({ alg: signingAlgorithm, kid: settings.key.kid, typ: accessTokenType })
      .setIssuer(settings.issuer)
      .setAudience(settings.audience)
      .setSubject(userId)
      .setJti(uuidv7())
      .setIssuedAt()
      .setExpirationTime(`${ttlSeconds}s`)
      .sign(settings.key.privateKey)
    return { token, expiresIn: ttlSeconds }
  }
}
