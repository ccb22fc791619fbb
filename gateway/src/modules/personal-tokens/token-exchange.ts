import { createHash } from 'node:crypto'
import { askInternal, InternalCallUnreachable, invalidToken } from '@focushub/shared/auth'
import { errors } from '@focushub/shared/errors'
import { LRUCache } from 'lru-cache'

/** How auth-service's personal access tokens begin (auth-service/src/modules/tokens/tokens.schemas.ts). */
const personalAccessTokenPrefix = 'fhp_'
/** An access token traded for one is reused until this long before it expires. */
const renewBeforeExpiryMs = 30_000

export interface TokenExchangeOptions {
  authServiceUrl: string
  /** The gateway's service credential, listed in auth-service's INTERNAL_CALLERS. */
  authorization: string
  timeoutMs: number
  max?: number
}

/**
 * A personal access token → an access token limited to its scopes, from auth-service, kept (by the token's
 * digest, never the token) until shortly before it expires: one call per token per few minutes and replica,
 * however many requests it makes. A revoked token's kept access token is refused by its `sid` like an ended
 * sign-in's (the account-status store). Anything that is not a personal access token is left as it is.
 */
export function createTokenExchange(options: TokenExchangeOptions) {
  const url = new URL('/internal/personal-access-tokens/exchange', options.authServiceUrl)
  const traded = new LRUCache<string, string, string>({
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
      const { accessToken, expiresIn } = (await response.json()) as { accessToken: string; expiresIn: number }
      entry.ttl = Math.max(1000, expiresIn * 1000 - renewBeforeExpiryMs)
      return accessToken
    },
  })
  return async (token: string) => {
    if (!token.startsWith(personalAccessTokenPrefix)) return undefined
    const digest = createHash('sha256').update(token).digest('base64url')
    return traded.fetch(digest, { context: token })
  }
}
