import type { FastifyInstance, FastifyRequest } from 'fastify'
import fp from 'fastify-plugin'
import { errors } from '../errors.ts'
import type { Role } from './account.ts'
import { checkScopes, type ScopeAreasOf } from './scopes.ts'
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
  /**
   * The areas a request needs a scoped token (a personal access token's) to cover (scopes.ts); checked
   * after the signature, before `admit`. A sign-in's token has no scopes and is not limited by them.
   */
  areasOf: ScopeAreasOf
  /** Runs after the signature check: throws when a valid token is no longer honoured (a revoked sign-in …). */
  admit?: (user: AuthenticatedUser) => Promise<void>
  /**
   * The gateway's: trades a credential that is not an access token (a personal access token) for one, which
   * then replaces the request's Authorization header, so that every hop after verifies an access token.
   * Answers undefined for a token it does not trade. It gets the request, to count a trade against its client.
   */
  exchange?: (token: string, request: FastifyRequest) => Promise<string | undefined>
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
      let token = bearerToken(request)
      const exchanged = await options.exchange?.(token, request)
      if (exchanged) {
        token = exchanged
        request.headers.authorization = `Bearer ${exchanged}`
      }
      const user = await options.verify(token)
      checkScopes(user.scopes, options.areasOf(request), request.method)
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
