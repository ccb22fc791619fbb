import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'

type Check = (request: FastifyRequest, reply: FastifyReply) => Promise<void>

/** An OpenAPI security requirement, e.g. `{ bearerAuth: [] }`. */
export type SecurityRequirement = Record<string, string[]>

/** What the OpenAPI document assumes of a route that declares no `security`: a user's access token. */
export const defaultSecurity: SecurityRequirement[] = [{ bearerAuth: [] }]

/** A check of the scope's own: a hook for every route of it, and the security it stands for in OpenAPI. */
export interface ScopeCheck {
  /** Runs before the body is read: a service credential, the gateway's edge checks. */
  onRequest?: Check
  /** Runs after validation, for checks that read the validated query (a stream ticket). */
  preHandler?: Check
  /** Omitted: the document's default (a bearer token). */
  security?: SecurityRequirement[]
}

export interface RouteScope {
  /** The OpenAPI tags of every route of the scope. */
  tags: string[]
  /**
   * Who may call: `user` (a verified access token, 401 without: the OpenAPI default), `public`
   * (anyone: `security: []`), or a check of the scope's own.
   */
  access: 'user' | 'public' | ScopeCheck
}

/**
 * A module's route preamble, said once for the routes its plugin registers (as fastify/demo's
 * autohooks): one onRequest hook checks the caller for the whole scope, and an onRoute hook gives
 * every route the scope's tags and, where it differs from the default, its security. A module with
 * public and signed-in routes registers each kind in its own scope.
 */
export function routeScope(app: FastifyInstance, { tags, access }: RouteScope) {
  const security = access === 'public' ? [] : access === 'user' ? undefined : access.security
  app.addHook('onRoute', (route) => {
    route.schema = { tags, ...(security ? { security } : {}), ...route.schema }
  })
  if (access === 'user') app.addHook('onRequest', app.authenticate)
  else if (access !== 'public') {
    if (access.onRequest) app.addHook('onRequest', access.onRequest)
    if (access.preHandler) app.addHook('preHandler', access.preHandler)
  }
}
