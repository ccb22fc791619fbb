import { randomBytes } from 'node:crypto'
import { redisUserOf } from '@focushub/shared/config'
import { errors } from '@focushub/shared/errors'
import { type App, createApp } from '@focushub/shared/http'
import { createRedis } from '@focushub/shared/redis'
import { startTestJwks, testAudience, testIssuer } from '@focushub/shared/testing'
import { buildApp } from '../../src/app.ts'
import { loadGatewayConfig } from '../../src/config.ts'

export { testAudience as audience, testIssuer as issuer }

export interface Seen {
  url: string
  headers: Record<string, unknown>
  body: unknown
}

const listen = async (app: App) => {
  await app.listen({ port: 0, host: '127.0.0.1' })
  return `http://127.0.0.1:${(app.server.address() as { port: number }).port}`
}

/** An auth-service-like signer: an Ed25519 key, its JWKS served over real HTTP on port 0. */
export const startJwks = startTestJwks

/**
 * A real HTTP upstream on port 0 that records what reached it; /…/slow answers after 1.5 s,
 * /…/unavailable 503 with Retry-After, /…/draining every other time a bare 503 as a closing Fastify does.
 */
export async function startUpstream(seen: Seen[] = []) {
  const app = createApp({ service: 'upstream', logLevel: 'silent' })
  app.addContentTypeParser('application/octet-stream', { parseAs: 'buffer', bodyLimit: 10 * 1024 * 1024 }, (_r, b, d) =>
    d(null, { bytes: (b as Buffer).length }),
  )
  app.all('/*', { bodyLimit: 10 * 1024 * 1024 }, async (request, reply) => {
    seen.push({ url: request.url, headers: request.headers, body: request.body })
    if (request.url.includes('/slow')) await new Promise((resolve) => setTimeout(resolve, 1500))
    if (request.url.includes('/unavailable')) throw errors.unavailable('The database is down', 5)
    if (request.url.includes('/draining') && seen.filter((s) => s.url.includes('/draining')).length % 2 === 1)
      return reply.code(503).header('connection', 'close').send({ statusCode: 503, error: 'Service Unavailable' })
    return { ok: true, url: request.url }
  })
  app.get('/ready', async () => ({ status: 'ready' }))
  const url = await listen(app)
  return { app, url, seen }
}

/** A key prefix of a test's own, inside the gateway's Redis namespace (its ACL user reaches no other keys). */
export const testRedisPrefix = () => `focushub:gateway:test:${randomBytes(6).toString('hex')}:`

/** A Redis connection as the gateway's ACL user, for a test to read or write the gateway's keys. */
export function gatewayRedis(name: string) {
  const config = loadGatewayConfig(gatewayEnv({}))
  return createRedis(config.REDIS_URL, name, { user: redisUserOf(config, 'GATEWAY') })
}

/** Variables of a test gateway: quiet, its own rate-limit and idempotency keys, tokens checked against `jwksUrl`. */
export function gatewayEnv(overrides: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  return {
    ...process.env,
    LOG_LEVEL: 'silent',
    AUTH_TOKEN_ISSUER: testIssuer,
    AUTH_TOKEN_AUDIENCE: testAudience,
    RATE_LIMIT_REDIS_PREFIX: testRedisPrefix(),
    IDEMPOTENCY_REDIS_PREFIX: `${testRedisPrefix()}idempotency:`,
    RATE_LIMIT_MAX: '100000',
    RATE_LIMIT_AUTH_MAX: '100000',
    OPENAPI_REFRESH_MS: '60000',
    ...overrides,
  }
}

export const startGateway = (overrides: NodeJS.ProcessEnv) => buildApp(loadGatewayConfig(gatewayEnv(overrides)))

/** Every upstream variable pointing at one URL. */
export const allServicesAt = (url: string) => ({
  AUTH_SERVICE_URL: url,
  TASK_SERVICE_URL: url,
  FOCUS_SERVICE_URL: url,
  HABIT_SERVICE_URL: url,
  NOTIFICATION_SERVICE_URL: url,
  SOCIAL_SERVICE_URL: url,
})

export const bearer = (token: string) => ({ authorization: `Bearer ${token}` })

/** Polls `condition` every 100 ms until it holds; throws past `timeoutMs`. */
export async function waitFor(condition: () => Promise<boolean>, timeoutMs = 10_000) {
  const deadline = Date.now() + timeoutMs
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error('condition not met in time')
    await new Promise((resolve) => setTimeout(resolve, 100))
  }
}

/**
 * One sample of the gateway's metrics, as a scrape reads it: the series of `family` with these labels
 * (0 when it has none yet). `sample` names a histogram's `_count` or `_sum`.
 */
export async function metricValue(app: App, family: string, labels: Record<string, string> = {}, sample = family) {
  // A histogram's values name their sample (`_bucket`, `_count`, `_sum`); a counter's or a gauge's do not.
  const values = ((await app.metrics.getSingleMetric(family)?.get())?.values ?? []) as Array<{
    value: number
    labels: Record<string, string | number | undefined>
    metricName?: string
  }>
  const found = values.find(
    (value) =>
      (value.metricName ?? family) === sample &&
      Object.entries(labels).every(([name, label]) => value.labels[name] === label),
  )
  return found?.value ?? 0
}
