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
  /** The refresh-token family: lets a password change keep this sign-in and end the others. */
  sessionId: string
}

export type AccessTokenSigner = (subject: AccessTokenSubject) => Promise<{ token: string; expiresIn: number }>

export function createAccessTokenSigner(settings: AccessTokenSettings): AccessTokenSigner {
  return async ({ userId, role, sessionId }) => {
    const token = await new SignJWT({ role, sid: sessionId })
      .setProtectedHeader({ alg: signingAlgorithm, kid: settings.key.kid, typ: accessTokenType })
      .setIssuer(settings.issuer)
      .setAudience(settings.audience)
      .setSubject(userId)
      .setJti(uuidv7())
      .setIssuedAt()
      .setExpirationTime(`${settings.ttlSeconds}s`)
      .sign(settings.key.privateKey)
    return { token, expiresIn: settings.ttlSeconds }
  }
}
