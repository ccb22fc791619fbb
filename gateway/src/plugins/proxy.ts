import type { Readable } from 'node:stream'
import proxy from '@fastify/http-proxy'
import { sendProblem } from '@focushub/shared/http'
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import fp from 'fastify-plugin'
import { refuseNonCanonicalPath } from '../modules/edge/canonical-path.ts'
import { declaredTooLarge, limitedBody } from '../modules/upstream/body-limit.ts'
import { type CircuitBreaker, createCircuitBreaker } from '../modules/upstream/circuit-breaker.ts'
import { bodyTooLarge, isConnectionFailure, upstreamDown, upstreamError } from '../modules/upstream/upstream-errors.ts'
import { apiPrefix, isAnonymousRoute, publicRoutes, type ServiceName } from '../upstreams.ts'

export interface ProxyOptions {
  services: Record<ServiceName, string>
  /** Longest wait for an upstream's headers, then for each body chunk: 504 after. */
  timeoutMs: number
  connectTimeoutMs: number
  circuit: { threshold: number; openMs: number }
  bodyLimits: { auth: number; other: number }
}

/** Client-sent identity headers never reach a service: identity comes only from a verified token. */
export function withoutIdentityHeaders<Headers extends Record<string, unknown>>(headers: Headers): Headers {
  const kept: Record<string, unknown> = {}
  for (const name in headers) {
    if (!name.toLowerCase().startsWith('x-user-')) kept[name] = headers[name]
  }
  return kept as Headers
}

/**
 * Which failed GETs the gateway sends again (reply-from's `retryDelay`), 10 ms later and at most twice:
 * one the upstream dropped the connection under (UND_ERR_SOCKET), and one answered 503 without
 * Retry-After — Fastify's answer on a keep-alive connection of a process that is shutting down,
 * which ran no handler. A 503 with Retry-After is the service's own answer (a dependency down) and
 * goes to the client as is: reply-from's default would retry it 10 times and hold the request.
 */
export function retryDelay({
  req,
  res,
  err,
  attempt,
}: {
  req: { method: string }
  res?: unknown
  err?: unknown
  attempt: number
}) {
  if (attempt >= 2 || (req.method !== 'GET' && req.method !== 'HEAD')) return null
  // reply-from's types call `res` a FastifyReply; it is undici's answer (or undefined on an error).
  const answer = res as { statusCode: number; headers: Record<string, unknown> } | undefined
  const draining = answer?.statusCode === 503 && answer.headers['retry-after'] === undefined
  return draining || (err as { code?: string } | undefined)?.code === 'UND_ERR_SOCKET' ? 10 : null
}

/** Calls that reached for an upstream and have not failed (yet): their answer closes its circuit. */
const inFlight = new WeakSet<FastifyRequest>()

/**
 * The edge in front of every proxied route: the access token (verified locally against the cached
 * JWKS), then the account's status and the rate limit, both in Redis and so asked at once.
 */
async function guard(request: FastifyRequest, reply: FastifyReply) {
  const { server } = request
  if (isAnonymousRoute(request.method, request.url)) return server.limitRate(request, reply)
  await server.authenticate(request)
  await Promise.all([server.checkAccountStatus(request), server.limitRate(request, reply)])
}

function proxyRoute(
  app: FastifyInstance,
  options: ProxyOptions,
  route: (typeof publicRoutes)[number],
  breaker: CircuitBreaker,
) {
  const bodyLimit = route.path === '/auth' ? options.bodyLimits.auth : options.bodyLimits.other
  return app.register(async (scope) => {
    // Hooks with nothing to wait for are synchronous: an async one costs a promise per request.
    scope.addHook('onRequest', (request, _reply, done) => {
      done(declaredTooLarge(request.headers['content-length'], bodyLimit) ? bodyTooLarge(bodyLimit) : undefined)
    })
    scope.addHook('preHandler', async (request, reply) => {
      const wait = breaker.blockedFor()
      if (wait > 0) throw upstreamDown(route.service, wait)
      if (request.body) request.body = limitedBody(request.body as Readable, bodyLimit)
      if (await scope.applyIdempotencyKey(request, reply)) return reply
      inFlight.add(request)
    })
    scope.addHook('onResponse', (request, _reply, done) => {
      if (inFlight.delete(request)) breaker.succeeded()
      done()
    })
    await scope.register(proxy, {
      upstream: options.services[route.service],
      prefix: `${apiPrefix}${route.path}`,
      rewritePrefix: route.path,
      // The access line (src/access-log.ts) already says everything: no "fetching"/"received" lines.
      disableRequestLogging: true,
      undici: {
        connections: 128,
        pipelining: 1,
        keepAliveTimeout: 60_000,
        headersTimeout: options.timeoutMs,
        bodyTimeout: options.timeoutMs,
        connect: { timeout: options.connectTimeoutMs },
      },
      replyOptions: {
        retryDelay,
        rewriteRequestHeaders: (request, headers) => {
          const forwarded = withoutIdentityHeaders(headers)
          forwarded['x-request-id'] = request.id
          return forwarded
        },
        onError: (reply, { error }) => {
          const request = reply.request as FastifyRequest
          inFlight.delete(request)
          if (isConnectionFailure(error)) breaker.failed()
          sendProblem(reply as FastifyReply, upstreamError(route.service, error))
        },
      },
    })
  })
}

export const proxyPlugin = fp(
  async (app: FastifyInstance, options: ProxyOptions) => {
    const breakers = new Map<ServiceName, CircuitBreaker>()
    const breakerOf = (service: ServiceName) => {
      if (!breakers.has(service)) breakers.set(service, createCircuitBreaker(options.circuit))
      return breakers.get(service) as CircuitBreaker
    }
    await app.register(async (edge) => {
      edge.addHook('onRequest', refuseNonCanonicalPath)
      edge.addHook('onRequest', guard)
      for (const route of publicRoutes) await proxyRoute(edge, options, route, breakerOf(route.service))
    })
  },
  {
    name: 'focushub-proxy',
    dependencies: ['focushub-gateway-authentication', 'focushub-gateway-rate-limit', 'focushub-gateway-idempotency'],
  },
)
