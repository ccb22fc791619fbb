import { randomUUID } from 'node:crypto'
import type { App } from '@focushub/shared/http'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { freePort, redisServer } from './redis-server.ts'
import { allServicesAt, bearer, startGateway, startJwks, startUpstream, waitFor } from './support.ts'

// Redis keeps the rate-limit counters (and the refused users and sign-ins) in its append-only file, and
// a restart loads them back. A counter is made by a script (INCR, then PEXPIRE on the first count),
// which Redis logs as MULTI … EXEC. Redis 7.0 re-checks a transaction's ACL as the default user while
// it loads the file: with that user allowed nothing, every such EXEC was refused, the counters came
// back without their expiry, and their callers were refused for good.
const windowMs = 3000
let upstream: App
let jwks: Awaited<ReturnType<typeof startJwks>>
let redis: ReturnType<typeof redisServer>
let gateway: App

beforeAll(async () => {
  const started = await startUpstream()
  upstream = started.app
  jwks = await startJwks()
  redis = redisServer(await freePort(), { durable: true })
  await redis.start()
  gateway = await startGateway({
    AUTH_JWKS_URL: jwks.jwksUrl,
    ...allServicesAt(started.url),
    REDIS_URL: redis.url,
    RATE_LIMIT_MAX: '5',
    RATE_LIMIT_WINDOW_MS: String(windowMs),
    RATE_LIMIT_REDIS_DOWN: 'refuse',
  })
})

afterAll(async () => {
  await gateway?.close()
  await redis?.stop()
  await upstream?.close()
  await jwks?.app.close()
})

const get = async (token: string) => (await gateway.inject({ url: '/api/v1/tasks', headers: bearer(token) })).statusCode

describe('rate limits across a Redis restart', () => {
  it('keeps a spent budget through kill -9 and gives it back when its window ends', async () => {
    const token = await jwks.sign(randomUUID())
    const statuses = []
    for (let i = 0; i < 6; i++) statuses.push(await get(token))
    expect(statuses).toEqual([200, 200, 200, 200, 200, 429])
    const spentAt = Date.now()

    await redis.kill()
    await redis.start()
    // Refused (503) until the gateway's client is back; then still spent within its window (the counter
    // came back), and served again after it (so did its expiry).
    let status = 503
    await waitFor(async () => {
      status = await get(token)
      return status !== 503
    }, 15_000)
    if (Date.now() - spentAt < windowMs - 500) expect(status).toBe(429)
    await waitFor(async () => (await get(token)) === 200, 15_000)
    expect(Date.now() - spentAt).toBeLessThan(windowMs * 3)
  })
})
