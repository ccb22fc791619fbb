import type { FastifyInstance, FastifyRequest } from 'fastify'
import fp from 'fastify-plugin'
import { errors } from '../errors.ts'
import type { Role } from './account.ts'
import { type AuthenticatedUser, invalidToken, type TokenVerifier } from './token-verifier.ts'

declare module 'fastify' {
  interface FastifyRequest {
    /** Set by `app.authenticate` from a verified access token; null before (or on routes without it). */
    user: AuthenticatedUser | null
  }
  interface FastifyInstance {
    /** onRequest/preHandler hook: verifies the Bearer token and sets request.user, or answers 401. */
    authenticate: (request: FastifyRequest) => Promise<void>
    /** Answers 403 unless the token's role is one of `allowed`; authenticates first where the scope did not. */
    requireRole: (...allowed: Role[]) => (request: FastifyRequest) => Promise<void>
  }
}

export interface AuthenticateOptions {
  verify: TokenVerifier
  /** Runs after the signature check: throws when a valid token is no longer honoured (a revoked sign-in …). */
  admit?: (user: AuthenticatedUser) => Promise<void>
}

const bearer = /^Bearer +([A-Za-z0-9._~+/-]+=*) *$/i

export function bearerToken(request: FastifyRequest): string {
  const header = request.headers.authorization
  if (!header) throw invalidToken('A Bearer access token is required', 'Bearer')
  const match = bearer.exec(header)
  if (!match) throw invalidToken('The Authorization header is not a Bearer token')
  return match[1]
}

/** The verified caller of a route that ran `app.authenticate`. */
export function currentUser(request: FastifyRequest): AuthenticatedUser {
  if (!request.user) throw errors.unauthorized()
  return request.user
}

/** Identity from a verified token only: never from a body field, query parameter or client-sent header. */
export const authenticatePlugin = fp(
  async (app: FastifyInstance, options: AuthenticateOptions) => {
    app.decorateRequest('user', null)
    const authenticate = async (request: FastifyRequest) => {
      const user = await options.verify(bearerToken(request))
      await options.admit?.(user)
      request.user = user
    }
    app.decorate('authenticate', authenticate)
    app.decorate('requireRole', (...allowed: Role[]) => async (request: FastifyRequest) => {
      if (!request.user) await authenticate(request)
      if (!allowed.includes(currentUser(request).role)) throw errors.forbidden('Your role may not do this')
    })
  },
  { name: 'focushub-authenticate' },
)
