import {
  createRemoteJWKSet,
  type JWTPayload,
  type JWTVerifyGetKey,
  errors as joseErrors,
  jwtVerify,
  type RemoteJWKSetOptions,
} from 'jose'
import { LRUCache } from 'lru-cache'
import Value from 'typebox/value'
import { AppError } from '../errors.ts'
import { Role } from './account.ts'

/** Who a verified access token speaks for. */
export interface AuthenticatedUser {
  userId: string
  role: Role
  jti: string
  /** The sign-in (refresh-token family) the token was issued for. */
  sessionId?: string
  /** When the token expires, in seconds since the epoch. */
  expiresAt: number
  /**
   * What the token may reach, when it was issued for a personal access token (its `scope` claim, RFC 9068);
   * absent for a sign-in's token, which reaches whatever its role allows.
   */
  scopes?: string[]
}

export type TokenVerifier = (token: string) => Promise<AuthenticatedUser>

export interface TokenVerifierOptions {
  /** Resolves the key for a token's header (jose's createRemoteJWKSet or createLocalJWKSet). */
  keys: JWTVerifyGetKey
  issuer: string
  audience: string
  clockToleranceSeconds?: number
}

/** The only algorithm FocusHub signs with; anything else (none, HS256 …) is refused before any key is used. */
export const accessTokenAlgorithms = ['EdDSA']
export const accessTokenType = 'at+jwt'
const maxTokenLength = 4096

/** 401 with the RFC 6750 challenge: `Bearer` alone when no token came, with error="invalid_token" when a bad one did. */
export const invalidToken = (detail = 'The access token is not valid', challenge = 'Bearer error="invalid_token"') =>
  new AppError(401, 'unauthorized', detail, { headers: { 'www-authenticate': challenge } })

function claimsOf(payload: JWTPayload): AuthenticatedUser {
  const { sub, role, jti, sid, exp, scope } = payload as JWTPayload & { role?: unknown; sid?: unknown; scope?: unknown }
  if (typeof sub !== 'string' || typeof jti !== 'string' || !Value.Check(Role, role)) {
    throw invalidToken('The access token lacks its subject, role or id')
  }
  if (scope !== undefined && typeof scope !== 'string') throw invalidToken("The access token's scope is not a string")
  return {
    userId: sub,
    role,
    jti,
    expiresAt: exp as number,
    ...(typeof sid === 'string' ? { sessionId: sid } : {}),
    ...(typeof scope === 'string' ? { scopes: scope.split(' ').filter(Boolean) } : {}),
  }
}

function isKeySourceDown(error: unknown) {
  if (error instanceof joseErrors.JWKSTimeout) return true
  return !(error instanceof joseErrors.JOSEError) && !(error instanceof AppError)
}

/**
 * Verifies a FocusHub access token: EdDSA only, issuer, audience, type and expiry checked.
 * A bad token throws a 401 AppError; an unreachable key source throws 503 (the token may be fine).
 */
export function createTokenVerifier(options: TokenVerifierOptions): TokenVerifier {
  return async (token) => {
    if (token.length === 0 || token.length > maxTokenLength) throw invalidToken()
    try {
      const { payload } = await jwtVerify(token, options.keys, {
        algorithms: accessTokenAlgorithms,
        issuer: options.issuer,
        audience: options.audience,
        typ: accessTokenType,
        requiredClaims: ['sub', 'jti', 'exp', 'iat'],
        clockTolerance: options.clockToleranceSeconds ?? 5,
      })
      return claimsOf(payload)
    } catch (error) {
      if (error instanceof AppError) throw error
      if (isKeySourceDown(error)) {
        throw new AppError(503, 'service-unavailable', 'The signing keys cannot be fetched right now', {
          headers: { 'retry-after': '5' },
        })
      }
      if (error instanceof joseErrors.JWTExpired) throw invalidToken('The access token has expired')
      throw invalidToken()
    }
  }
}

export interface RemoteVerifierOptions extends Omit<TokenVerifierOptions, 'keys'> {
  jwksUrl: string
  /** jose's cache and refetch tuning; defaults: refetch at most every 30 s on an unknown kid, keep keys 10 min. */
  jwks?: RemoteJWKSetOptions
}

export interface VerifiedTokenCacheOptions {
  max?: number
  maxAgeMs?: number
}

/**
 * Remembers tokens already verified, until they expire (at most `maxAgeMs`): a client sends the
 * same token with every request, and a signature check costs far more than a lookup. Only
 * successes are kept. Revocation never relied on re-verifying: suspended accounts are refused by
 * status, and a token stays valid until its expiry whatever the keys do.
 */
export function withVerifiedTokenCache(verify: TokenVerifier, options: VerifiedTokenCacheOptions = {}): TokenVerifier {
  const maxAgeMs = options.maxAgeMs ?? 60_000
  const cache = new LRUCache<string, AuthenticatedUser>({ max: options.max ?? 10_000, ttl: maxAgeMs })
  return async (token) => {
    const known = cache.get(token)
    if (known) return known
    const user = await verify(token)
    const untilExpiry = user.expiresAt * 1000 - Date.now()
    if (untilExpiry > 0) cache.set(token, user, { ttl: Math.min(maxAgeMs, untilExpiry) })
    return user
  }
}

/**
 * A verifier for any FocusHub process: keys come from auth-service's JWKS route, cached and
 * refetched on a new kid; verified tokens are remembered until they expire.
 */
export function createRemoteTokenVerifier(options: RemoteVerifierOptions): TokenVerifier {
  const keys = createRemoteJWKSet(new URL(options.jwksUrl), {
    cooldownDuration: 30_000,
    cacheMaxAge: 600_000,
    timeoutDuration: 2000,
    ...options.jwks,
  })
  // Fetched now, not on the first request: a process just started (on a busy machine, auth-service slow
  // to answer) would otherwise answer its first requests 503. Failing here is no error: the first
  // verification fetches again.
  keys.reload().catch(() => {})
  return withVerifiedTokenCache(createTokenVerifier({ ...options, keys }))
}
