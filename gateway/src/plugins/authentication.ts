import { AppError, authenticatePlugin, type TokenVerifier } from '@focushub/shared'
import type { FastifyInstance, FastifyRequest } from 'fastify'
import fp from 'fastify-plugin'
import type { AccountStatusStore, RefusedStatus } from '../modules/account-status/account-status.store.ts'
import { createOutageNotice } from '../modules/edge/outage-notice.ts'

declare module 'fastify' {
  interface FastifyInstance {
    /** After app.authenticate: 403 when the token's account is suspended or deactivated, 401 when deleted. */
    checkAccountStatus: (request: FastifyRequest) => Promise<void>
  }
}

export interface AuthenticationOptions {
  verify: TokenVerifier
  accountStatus: Pick<AccountStatusStore, 'refusedStatus'>
}

const refusal: Record<RefusedStatus, string> = {
  suspended: 'This account is suspended',
  deactivated: 'This account is deactivated',
  deleted: 'This account has been deleted',
}

/** A deleted account's token names nobody, so it is a bad credential (401); the others are forbidden. */
export const accountRefused = (status: RefusedStatus) =>
  new AppError(status === 'deleted' ? 401 : 403, `account-${status}`, refusal[status])

/**
 * The gateway's own token check, before any upstream is called. The token still travels on:
 * every service verifies it again. A status store outage lets verified tokens through (they
 * expire within minutes) rather than refusing every user.
 */
export const authenticationPlugin = fp(
  async (app: FastifyInstance, options: AuthenticationOptions) => {
    await app.register(authenticatePlugin, { verify: options.verify })
    const statusUnknown = createOutageNotice(app.log, 'account status unavailable: verified tokens admitted')
    app.decorate('checkAccountStatus', async (request: FastifyRequest) => {
      const userId = request.user?.userId as string
      let status: RefusedStatus | null = null
      try {
        status = await options.accountStatus.refusedStatus(userId)
      } catch (error) {
        statusUnknown(error)
      }
      if (status) throw accountRefused(status)
    })
  },
  { name: 'focushub-gateway-authentication' },
)
