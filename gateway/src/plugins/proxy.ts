import type { Readable } from 'node:stream'
import { buffer } from 'node:stream/consumers'
import proxy from '@fastify/http-proxy'
import { sendProblem } from '@focushub/shared/http'
import { counterIn, gaugeIn, metricsPluginName } from '@focushub/shared/metrics'
import { relaysTraceHeaders, traceHeaderNames } from '@focushub/shared/tracing'
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import fp from 'fastify-plugin'
import { refuseNonCanonicalPath } from '../modules/edge/canonical-path.ts'
import { declaredTooLarge, limitedBody } from '../modules/upstream/body-limit.ts'
import { type CircuitBreaker, createCircuitBreaker } from '../modules/upstream/circuit-breaker.ts'
import { bodyTooLarge, isConnectionFailure, upstreamDown, upstreamError } from '../modules/upstream/upstream-errors.ts'
import { apiPrefix, isAnonymousRoute, publicRoutes, type ServiceName } from '../upstreams.ts'

const traceHeaders = traceHeaderNames()

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
 * How the connections to a replica killed with -9 fail, all three seen in a test of it: closed
 * (UND_ERR_SOCKET), reset (ECONNRESET: it had unread bytes, or had not yet accepted the connection) or
 * closed while the body was being written (EPIPE). Replicas share their port, so the next attempt's new
 * connection reaches a live one. A reset is as much a killed replica as a close, and a GET is safe to
 * send again after either.
 */
const droppedConnection = new Set(['UND_ERR_SOCKET', 'ECONNRESET', 'EPIPE'])

/**
 * Which failed calls the gateway sends again (reply-from's `retryDelay`), 10 ms later and at most twice:
 * a GET or HEAD, or a call of any method carrying Idempotency-Key, which its sender made safe to send
 * again (`sendUpstream` keeps its body for that). Either one the upstream dropped the connection under
 * (`droppedConnection`), or one answered 503 without Retry-After — Fastify's answer on a keep-alive
 * connection of a process that is shutting down, which ran no handler. A 503 with Retry-After is the
 * service's own answer (a dependency down) and goes to the client as is: reply-from's default would
 * retry it 10 times and hold the request. A POST without a key is never sent twice: the replica may
 * have run it before it died. A keyed one it ran (committed, then killed before answering) runs twice,
 * just as when its client sends it again after our 502: a 5xx frees the key.
 */
export function retryDelay({
  req,
  res,
  err,
  attempt,
}: {
  req: { method: string; headers: Record<string, unknown> }
  res?: unknown
  err?: unknown
  attempt: number
}) {
  const repeatable = req.method === 'GET' || req.method === 'HEAD' || req.headers['idempotency-key'] !== undefined
  if (attempt >= 2 || !repeatable) return null
  // reply-from's types call `req` a FastifyRequest and `res` a FastifyReply; they are the options it
  // gives undici (method, headers, body) and undici's answer (or undefined on an error).
  const answer = res as { statusCode: number; headers: Record<string, unknown> } | undefined
  const draining = answer?.statusCode === 503 && answer.headers['retry-after'] === undefined
  return draining || droppedConnection.has((err as { code?: string } | undefined)?.code ?? '') ? 10 : null
}

/**
 * Hands a request to reply-from, which sends the same body on every attempt. A stream (how bodies pass
 * through the gateway) is spent by the first, and a retry of it fails before reaching the upstream; so
 * the body of a call carrying Idempotency-Key, the one kind with a body that `retryDelay` repeats, goes
 * as bytes, which undici writes again. The idempotency plugin has already read a keyed POST's body into
 * memory; any other keyed body is read here, within its body limit.
 */
async function sendUpstream(request: FastifyRequest, reply: FastifyReply, dest: string, options: object) {
  if (request.headers['idempotency-key'] === undefined || !request.body) return reply.from(dest, options)
  const body = await buffer(request.body as Readable)
  const contentType = request.headers['content-type'] ?? 'application/octet-stream'
  return reply.from(dest, { ...options, body, contentType })
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
      handler: sendUpstream,
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
          // The gateway's own client span's traceparent replaces the one that reached it (traceHeaderNames),
          // unless the trace is unsampled: then nothing does, and it goes on as it came.
          if (!relaysTraceHeaders(headers.traceparent)) for (const name of traceHeaders) delete forwarded[name]
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
    const opened = counterIn(app.metrics, {
      name: 'gateway_upstream_circuit_opened_total',
      help: "Times an upstream's circuit opened: after its threshold of connection failures, or a failed trial",
      labelNames: ['upstream'],
    })
    const circuitCodes = { closed: 0, 'half-open': 1, open: 2 }
    gaugeIn(app.metrics, {
      name: 'gateway_upstream_circuit_state',
      help: "Each upstream's circuit: 0 closed, 1 half-open (a trial call may go), 2 open (calls refused with 503)",
      labelNames: ['upstream'],
      collect() {
        for (const [service, breaker] of breakers) this.set({ upstream: service }, circuitCodes[breaker.state])
      },
    })
    const breakerOf = (service: ServiceName) => {
      if (!breakers.has(service)) {
        const onOpened = () => opened.inc({ upstream: service })
        breakers.set(service, createCircuitBreaker({ ...options.circuit, onOpened }))
        // Its series from the start at 0, so that the first opening shows in increase().
        opened.inc({ upstream: service }, 0)
      }
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
    dependencies: [
      metricsPluginName,
      'focushub-gateway-authentication',
      'focushub-gateway-rate-limit',
      'focushub-gateway-idempotency',
    ],
  },
)
