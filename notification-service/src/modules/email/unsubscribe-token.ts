import { NotificationKind } from '@focushub/shared/events'
import { errors as joseErrors, jwtVerify, SignJWT } from 'jose'
import Type, { type Static } from 'typebox'
import Value from 'typebox/value'

/** What one unsubscribe link turns off: the e-mails of one kind, or every e-mail. */
export const UnsubscribeScope = Type.Union([NotificationKind, Type.Literal('all')])
export type UnsubscribeScope = Static<typeof UnsubscribeScope>

const Claims = Type.Object({ sub: Type.String({ format: 'uuid' }), kind: UnsubscribeScope })

export type UnsubscribeVerdict =
  | { valid: true; userId: string; kind: UnsubscribeScope }
  | { valid: false; reason: 'expired' | 'invalid' }

export interface UnsubscribeTokenOptions {
  /** HS256 key: UNSUBSCRIBE_SECRET. */
  secret: string
  /** How long a link works after it was signed. */
  ttlSeconds: number
  now?: () => Date
}

// Bound to this one use: a token signed with the same secret for anything else is refused.
const issuer = 'focushub-notification-service'
const audience = 'focushub:unsubscribe'
const longestToken = 1024

/**
 * The signed token of a one-click unsubscribe link (RFC 8058): it names the user and what to turn off,
 * and is the whole credential, so the link works without signing in. A JWT (HS256, jose): tampering
 * with any part breaks its signature; it stops working `ttlSeconds` after it was signed.
 */
export function unsubscribeTokens({ secret, ttlSeconds, now = () => new Date() }: UnsubscribeTokenOptions) {
  const key = new TextEncoder().encode(secret)
  const seconds = (date: Date) => Math.floor(date.getTime() / 1000)
  return {
    sign(userId: string, kind: UnsubscribeScope): Promise<string> {
      const issuedAt = seconds(now())
      return new SignJWT({ kind })
        .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
        .setIssuer(issuer)
        .setAudience(audience)
        .setSubject(userId)
        .setIssuedAt(issuedAt)
        .setExpirationTime(issuedAt + ttlSeconds)
        .sign(key)
    },

    async verify(token: string): Promise<UnsubscribeVerdict> {
      if (token.length > longestToken) return { valid: false, reason: 'invalid' }
      try {
        const { payload } = await jwtVerify(token, key, {
          algorithms: ['HS256'],
          issuer,
          audience,
          requiredClaims: ['sub', 'exp'],
          currentDate: now(),
        })
        if (!Value.Check(Claims, payload)) return { valid: false, reason: 'invalid' }
        return { valid: true, userId: payload.sub, kind: payload.kind }
      } catch (error) {
        if (error instanceof joseErrors.JWTExpired) return { valid: false, reason: 'expired' }
        if (error instanceof joseErrors.JOSEError) return { valid: false, reason: 'invalid' }
        throw error
      }
    },
  }
}

export type UnsubscribeTokens = ReturnType<typeof unsubscribeTokens>
