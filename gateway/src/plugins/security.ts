import cors from '@fastify/cors'
import type { FastifyInstance } from 'fastify'
import fp from 'fastify-plugin'
import helmet from 'helmet'

export interface SecurityOptions {
  /** Browser origins (the SPA) allowed to call the API; none when empty. */
  corsOrigins: string[]
}

const helmetOptions = {
  contentSecurityPolicy: { useDefaults: false, directives: { defaultSrc: ["'none'"], frameAncestors: ["'none'"] } },
  crossOriginEmbedderPolicy: false,
} as const

/**
 * Security headers fit for a JSON API (a deny-all CSP: no JSON answer is a page; the docs page
 * sets its own) and CORS for the configured origins only.
 */
export const securityPlugin = fp(
  async (app: FastifyInstance, options: SecurityOptions) => {
    // helmet's middleware is built once: @fastify/helmet rebuilds it, parsing the CSP again, per request.
    const securityHeaders = helmet(helmetOptions)
    app.addHook('onRequest', (request, reply, done) => securityHeaders(request.raw, reply.raw, () => done()))
    if (options.corsOrigins.length === 0) return
    await app.register(cors, {
      origin: options.corsOrigins,
      methods: ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE'],
      allowedHeaders: ['authorization', 'content-type', 'idempotency-key', 'if-match', 'x-request-id'],
      exposedHeaders: [
        'x-request-id',
        'etag',
        'location',
        'retry-after',
        'ratelimit-limit',
        'ratelimit-remaining',
        'ratelimit-reset',
      ],
      maxAge: 600,
    })
  },
  { name: 'focushub-gateway-security' },
)
