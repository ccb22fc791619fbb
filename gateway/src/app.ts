import { randomBytes } from 'node:crypto'
import { createRemoteTokenVerifier, serviceAuthorization } from '@focushub/shared/auth'
import { redisUserOf } from '@focushub/shared/config'
import { openEventBus } from '@focushub/shared/events'
import { type App, createApp, healthPlugin, openRedis } from '@focushub/shared/http'
import { metricsPlugin } from '@focushub/shared/metrics'
import { redisCheck, redisConnected } from '@focushub/shared/redis'
import { AccessLogController, createAccessLog } from './access-log.ts'
import { type Config, listOf } from './config.ts'
import { gatewayErrors } from './errors.ts'
import { runAccountStatusConsumer } from './modules/account-status/account-status.consumer.ts'
import { createAccountStatusStore } from './modules/account-status/account-status.store.ts'
import { calendarRoutes } from './modules/calendar/calendar.routes.ts'
import { dashboardRoutes } from './modules/dashboard/dashboard.routes.ts'
import { docsRoutes } from './modules/docs/docs.routes.ts'
import { createOpenApiCatalog, openApiCatalogJob } from './modules/docs/openapi-catalog.ts'
import type { OpenApiDocument } from './modules/docs/openapi-merge.ts'
import { healthRoutes } from './modules/health/health.routes.ts'
import { probeService } from './modules/health/health.service.ts'
import { createHealthView } from './modules/health/health.view.ts'
import { createIdempotencyStore } from './modules/idempotency/idempotency.store.ts'
import { liveUpdates } from './modules/live/live.plugin.ts'
import { createTokenExchange } from './modules/personal-tokens/token-exchange.ts'
import { authenticationPlugin } from './plugins/authentication.ts'
import { idempotencyPlugin } from './plugins/idempotency.ts'
import { proxyPlugin } from './plugins/proxy.ts'
import { rateLimitPlugin } from './plugins/rate-limit.ts'
import { securityPlugin, trustedProxies } from './plugins/security.ts'
import { serviceUrls } from './upstreams.ts'

export async function buildApp(config: Config): Promise<App> {
  const app = createApp({
    service: 'gateway',
    logLevel: config.LOG_LEVEL,
    errors: gatewayErrors,
    // Only the trusted hops (NGINX → balancer) may name the client in X-Forwarded-For.
    fastify: {
      trustProxy: trustedProxies(listOf(config.TRUSTED_PROXIES)),
      logController: new AccessLogController(createAccessLog(config.LOG_LEVEL)),
    },
  })
  // RED per route and process metrics on the gateway's own METRICS_PORT, as every service has them.
  await app.register(metricsPlugin, { service: 'gateway', config })
  const services = serviceUrls(config)
  const bus = openEventBus(app, config)
  const redisUser = redisUserOf(config, 'GATEWAY')
  const redis = openRedis(app, config.REDIS_URL, { user: redisUser })
  runAccountStatusConsumer(app, bus, redis, config)
  // The request path's own connection (rate limits, refused accounts): it fails fast while Redis is down.
  const edgeRedis = openRedis(app, config.REDIS_URL, { user: redisUser, failFast: true, name: 'edge' })
  await redisConnected(edgeRedis, 1000)
  const upstreamChecks = Object.fromEntries(
    Object.entries(services).map(([name, url]) => [
      name,
      async () => {
        const health = await probeService(url, 1500)
        if (health.status === 'down') throw new Error(health.error)
      },
    ]),
  )
  const redisDependency = { redis: redisCheck(redis) }
  const serveWithoutRedis = config.RATE_LIMIT_REDIS_DOWN === 'serve'
  await app.register(healthPlugin, {
    service: 'gateway',
    checks: { kafka: bus.ping, ...upstreamChecks, ...(serveWithoutRedis ? {} : redisDependency) },
    optionalChecks: serveWithoutRedis ? redisDependency : {},
  })

  await app.register(securityPlugin, { corsOrigins: listOf(config.CORS_ORIGINS) })
  const tokens = createTokenExchange({
    authServiceUrl: config.AUTH_SERVICE_URL,
    authorization: serviceAuthorization('gateway', config.GATEWAY_INTERNAL_SECRET),
    timeoutMs: config.UPSTREAM_TIMEOUT_MS,
  })
  await app.register(authenticationPlugin, {
    verify: createRemoteTokenVerifier({
      jwksUrl: config.AUTH_JWKS_URL,
      issuer: config.AUTH_TOKEN_ISSUER,
      audience: config.AUTH_TOKEN_AUDIENCE,
    }),
    accountStatus: createAccountStatusStore(edgeRedis),
    // A token not yet traded on this replica costs its client a credential attempt, as a sign-in does.
    exchange: (token, request) => tokens.accessTokenFor(token, () => app.limitCredentials(request)),
  })
  await app.register(rateLimitPlugin, {
    redis: edgeRedis,
    prefix: config.RATE_LIMIT_REDIS_PREFIX,
    general: { max: config.RATE_LIMIT_MAX, windowMs: config.RATE_LIMIT_WINDOW_MS },
    credentials: { max: config.RATE_LIMIT_AUTH_MAX, windowMs: config.RATE_LIMIT_AUTH_WINDOW_MS },
    whenRedisDown: config.RATE_LIMIT_REDIS_DOWN,
  })
  await app.register(healthRoutes, {
    view: createHealthView({ services, refreshMs: config.HEALTH_VIEW_REFRESH_MS, timeoutMs: 2000, log: app.log }),
    instance: randomBytes(4).toString('hex'),
  })
  await app.register(idempotencyPlugin, {
    store: createIdempotencyStore(edgeRedis, {
      prefix: config.IDEMPOTENCY_REDIS_PREFIX,
      retentionMs: config.IDEMPOTENCY_RETENTION_MS,
      claimMs: config.IDEMPOTENCY_CLAIM_MS,
    }),
    maxStoredBytes: config.IDEMPOTENCY_MAX_RESPONSE_BYTES,
    waitMs: config.IDEMPOTENCY_WAIT_MS,
    whenRedisDown: config.RATE_LIMIT_REDIS_DOWN,
  })
  await app.register(proxyPlugin, {
    services,
    timeoutMs: config.UPSTREAM_TIMEOUT_MS,
    connectTimeoutMs: config.UPSTREAM_CONNECT_TIMEOUT_MS,
    circuit: { threshold: config.UPSTREAM_FAILURE_THRESHOLD, openMs: config.UPSTREAM_OPEN_MS },
    bodyLimits: { auth: config.BODY_LIMIT_AUTH_BYTES, other: config.BODY_LIMIT_BYTES },
  })
  // Real-time push (SSE, WebSocket), fanned out across replicas through Redis.
  await liveUpdates(app, { config, bus, redis, edgeRedis })

  await app.register(dashboardRoutes, { services, deadlineMs: config.DASHBOARD_DEADLINE_MS })
  await app.register(calendarRoutes, { services, tokens, timeoutMs: config.UPSTREAM_TIMEOUT_MS })

  const catalog = createOpenApiCatalog({
    services,
    gatewayDocument: () => app.swagger() as unknown as OpenApiDocument,
    refreshMs: config.OPENAPI_REFRESH_MS,
    log: app.log,
  })
  await app.register(docsRoutes, { catalog })
  await app.register(openApiCatalogJob, { catalog })
  return app
}
