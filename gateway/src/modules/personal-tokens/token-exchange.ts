import { createHash } from 'node:crypto'
import { askInternal, InternalCallUnreachable, invalidToken } from '@focushub/shared/auth'
import { errors } from '@focushub/shared/errors'
import { LRUCache } from 'lru-cache'

/** How auth-service's tokens begin (auth-service/src/modules/tokens/tokens.schemas.ts). */
export const tokenPrefixes = { personal: 'fhp_', calendar: 'fhc_' } as const
/** An access token traded for one is reused until this long before it expires. */
const renewBeforeExpiryMs = 30_000

export interface TokenExchangeOptions {
  authServiceUrl: string
  /** The gateway's service credential, listed in auth-service's INTERNAL_CALLERS. */
  authorization: string
  timeoutMs: number
  max?: number
}

export interface Traded {
  accessToken: string
  /** The token owner's time zone (IANA). */
  timezone: string
}

/**
 * A personal access token or calendar feed token → an access token limited to its scopes, from auth-service,
 * kept (by the token's digest, never the token) until shortly before it expires: one call per token per few
 * minutes and replica, however many requests it makes; concurrent requests share one call. A revoked token's
 * kept access token is refused by its `sid` like an ended sign-in's (the account-status store).
 */
export function createTokenExchange(options: TokenExchangeOptions) {
  const url = new URL('/internal/personal-access-tokens/exchange', options.authServiceUrl)
  const traded = new LRUCache<string, Traded, string>({
    max: options.max ?? 10_000,
    fetchMethod: async (_digest, _stale, { context: token, options: entry }) => {
      let response: Response
      try {
        response = await askInternal(url, {
          authorization: options.authorization,
          timeoutMs: options.timeoutMs,
          body: { token },
        })
      } catch (error) {
        if (error instanceof InternalCallUnreachable)
          throw errors.unavailable('Personal access tokens cannot be checked right now')
        throw error
      }
      if (response.status === 401 || response.status === 400) {
        await response.body?.cancel()
        throw invalidToken('The personal access token is not valid, has expired or was revoked')
      }
      if (response.status !== 200) {
        await response.body?.cancel()
        throw errors.unavailable('Personal access tokens cannot be checked right now')
      }
      const { accessToken, expiresIn, timezone } = (await response.json()) as Traded & { expiresIn: number }
      entry.ttl = Math.max(1000, expiresIn * 1000 - renewBeforeExpiryMs)
      return { accessToken, timezone }
    },
  })
  /**
   * The trade of a token of one of auth-service's kinds; undefined for anything else. `beforeAsking` runs
   * when auth-service must be asked (the token is not kept): the gateway counts it against the client's
   * credential budget there, so that made-up tokens cost auth-service a bounded number of look-ups.
   */
  const trade = async (token: string, beforeAsking?: () => Promise<void>) => {
    if (!Object.values(tokenPrefixes).some((prefix) => token.startsWith(prefix))) return undefined
    const digest = createHash('sha256').update(token).digest('base64url')
    if (beforeAsking && !traded.has(digest)) await beforeAsking()
    return traded.fetch(digest, { context: token })
  }
  return {
    trade,
    /** For the Authorization header: a personal access token only (a calendar feed's is a URL's secret). */
    accessTokenFor: async (token: string, beforeAsking?: () => Promise<void>) =>
      token.startsWith(tokenPrefixes.personal) ? (await trade(token, beforeAsking))?.accessToken : undefined,
  }
}

export type TokenExchange = ReturnType<typeof createTokenExchange>
