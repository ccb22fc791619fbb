import rateLimit from '@fastify/rate-limit'
import { AppError, errors } from '@focushub/shared/errors'
import { counterIn, metricsPluginName } from '@focushub/shared/metrics'
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import fp from 'fastify-plugin'
import type { Redis } from 'ioredis'
import { createOutageNotice } from '../modules/edge/outage-notice.ts'
import { isCredentialRoute } from '../upstreams.ts'

declare module 'fastify' {
  interface FastifyInstance {
    /** Counts the request against its caller's budget (shared by every replica in Redis); 429 when spent. */
    limitRate: (request: FastifyRequest, reply: FastifyReply) => Promise<void>
    /** Counts a credential check (a personal access token traded) against the client IP's credential budget; 429 when spent. */
    limitCredentials: (request: FastifyRequest) => Promise<void>
  }
}

export interface Budget {
  max: number
  windowMs: number
}

export interface RateLimitOptions {
  redis: Redis
  prefix: string
  /** Every route: per user when the token was verified (per personal access token for one), else per client IP. */
  general: Budget
  /** Login, register and refresh: per client IP, stricter. */
  credentials: Budget
  /** With Redis down: serve unlimited (and warn), or refuse with 503. */
  whenRedisDown: 'serve' | 'refuse'
}

export const rateLimitPlugin = fp(
  async (app: FastifyInstance, options: RateLimitOptions) => {
    await app.register(rateLimit, {
      global: false,
      redis: options.redis,
      nameSpace: options.prefix,
      skipOnError: false,
    })
    const general = app.createRateLimit({
      max: options.general.max,
      timeWindow: options.general.windowMs,
      // A personal access token (it has scopes) has its own budget: a script cannot spend its owner's.
      keyGenerator: (request) =>
        request.user
          ? request.user.scopes
            ? `token:${request.user.sessionId}`
            : `user:${request.user.userId}`
          : `ip:${request.ip}`,
    })
    const credentials = app.createRateLimit({
      max: options.credentials.max,
      timeWindow: options.credentials.windowMs,
      keyGenerator: (request) => `credentials:ip:${request.ip}`,
    })
    const decisions = counterIn(app.metrics, {
      name: 'gateway_rate_limit_decisions_total',
      help:
        'Rate-limit decisions by budget (general, credentials): allowed, limited (429), unchecked (Redis down, ' +
        'served anyway) or refused (Redis down, answered 503)',
      labelNames: ['bucket', 'decision'],
    })
    const countingDown = createOutageNotice(
      app.log,
      'rate limiting unavailable (Redis down): requests served unlimited',
    )

    /** Counts the request in `bucket`; the headers of a budget nearly spent go on `reply` when there is one. */
    const limit = async (bucket: 'general' | 'credentials', request: FastifyRequest, reply?: FastifyReply) => {
      const limiter = bucket === 'credentials' ? credentials : general
      let result: Awaited<ReturnType<typeof limiter>>
      try {
        result = await limiter(request)
      } catch (error) {
        if (options.whenRedisDown === 'refuse') {
          decisions.inc({ bucket, decision: 'refused' })
          throw errors.unavailable('Rate limiting is unavailable', 5)
        }
        decisions.inc({ bucket, decision: 'unchecked' })
        countingDown(error)
        return
      }
      decisions.inc({ bucket, decision: !result.isAllowed && result.isExceeded ? 'limited' : 'allowed' })
      if (result.isAllowed) return
      const headers = {
        'ratelimit-limit': String(result.max),
        'ratelimit-remaining': String(result.remaining),
        'ratelimit-reset': String(result.ttlInSeconds),
      }
      if (!result.isExceeded) {
        reply?.headers(headers)
        return
      }
      throw new AppError(429, 'too-many-requests', `Rate limit of ${result.max} requests exceeded`, {
        headers: { ...headers, 'ratelimit-remaining': '0', 'retry-after': String(result.ttlInSeconds) },
      })
    }
    app.decorate('limitRate', (request: FastifyRequest, reply: FastifyReply) =>
      limit(isCredentialRoute(request.method, request.url) ? 'credentials' : 'general', request, reply),
    )
    app.decorate('limitCredentials', (request: FastifyRequest) => limit('credentials', request))
  },
  { name: 'focushub-gateway-rate-limit', dependencies: [metricsPluginName] },
)
