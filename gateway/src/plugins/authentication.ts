import { type AccessRefusal, accessRefused, authenticatePlugin, type TokenVerifier } from '@focushub/shared/auth'
import type { FastifyInstance, FastifyRequest } from 'fastify'
import fp from 'fastify-plugin'
import type { AccountStatusStore } from '../modules/account-status/account-status.store.ts'
import { createOutageNotice } from '../modules/edge/outage-notice.ts'
import { scopeAreasOf } from '../upstreams.ts'

declare module 'fastify' {
  interface FastifyInstance {
    /**
     * After app.authenticate: 403 when the token's account is suspended or deactivated, 401 when
     * deleted or when its sign-in was revoked (logout, password change, refresh-token reuse).
     */
    checkAccountStatus: (request: FastifyRequest) => Promise<void>
  }
}

export interface AuthenticationOptions {
  verify: TokenVerifier
  accountStatus: Pick<AccountStatusStore, 'refusal'>
  /** A personal access token → an access token limited to its scopes (modules/personal-tokens), for the request. */
  exchange: (token: string, request: FastifyRequest) => Promise<string | undefined>
}

/** A deleted account's or revoked sign-in's token names nobody, so it is a bad credential (401); the others are forbidden. */
export const accountRefused = (refusal: AccessRefusal) =>
  accessRefused(refusal, refusal === 'suspended' || refusal === 'deactivated' ? 403 : 401)

/**
 * The gateway's own token check, before any upstream is called. The token still travels on:
 * every service verifies it again. A personal access token is traded for an access token first, which
 * replaces it on the request, and must have the scopes of the route's area. A status store outage lets
 * verified tokens through (they expire within minutes) rather than refusing every user.
 */
export const authenticationPlugin = fp(
  async (app: FastifyInstance, options: AuthenticationOptions) => {
    await app.register(authenticatePlugin, {
      verify: options.verify,
      exchange: options.exchange,
      areasOf: (request) => scopeAreasOf(request.url),
    })
    const statusUnknown = createOutageNotice(app.log, 'account status unavailable: verified tokens admitted')
    app.decorate('checkAccountStatus', async (request: FastifyRequest) => {
      const user = request.user
      let refusal: AccessRefusal | null = null
      try {
        refusal = await options.accountStatus.refusal(user?.userId as string, user?.sessionId)
      } catch (error) {
        statusUnknown(error)
      }
      if (refusal) throw accountRefused(refusal)
    })
  },
  { name: 'focushub-gateway-authentication' },
)
