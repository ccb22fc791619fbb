import { randomUUID } from 'node:crypto'
import type { App } from '@focushub/shared/http'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { freePort, redisServer } from './redis-server.ts'
import { allServicesAt, bearer, startGateway, startJwks, startUpstream, waitFor } from './support.ts'

let upstream: App
let jwks: Awaited<ReturnType<typeof startJwks>>
let redis: ReturnType<typeof redisServer>
let serving: App
let refusing: App

beforeAll(async () => {
  const started = await startUpstream()
  upstream = started.app
  jwks = await startJwks()
  redis = redisServer(await freePort())
  await redis.start()
  const env = { AUTH_JWKS_URL: jwks.jwksUrl, ...allServicesAt(started.url), REDIS_URL: redis.url, RATE_LIMIT_MAX: '5' }
  serving = await startGateway({ ...env, RATE_LIMIT_REDIS_DOWN: 'serve' })
  refusing = await startGateway({ ...env, RATE_LIMIT_REDIS_DOWN: 'refuse' })
})

afterAll(async () => {
  await serving?.close()
  await refusing?.close()
  await redis?.stop()
  await upstream?.close()
  await jwks?.app.close()
})

const burst = async (gateway: App, token: string, count: number) => {
  const statuses: number[] = []
  for (let i = 0; i < count; i++) {
    statuses.push((await gateway.inject({ url: '/api/v1/tasks', headers: bearer(token) })).statusCode)
  }
  return statuses
}

describe('rate limiting while Redis is down', () => {
  it('limits while Redis is up', async () => {
    expect(await burst(serving, await jwks.sign(randomUUID()), 6)).toEqual([200, 200, 200, 200, 200, 429])
  })

  // How fast it answers meanwhile: bench/gateway/redis-down.ts.
  it('serve: answers without limits and reports degraded in /ready', async () => {
    await redis.stop()
    const token = await jwks.sign(randomUUID())
    expect(await burst(serving, token, 8)).toEqual(Array(8).fill(200))
    await waitFor(async () => (await serving.inject('/ready')).json().status === 'degraded')
    const ready = await serving.inject('/ready')
    expect(ready.statusCode).toBe(200)
    expect(ready.json()).toMatchObject({ status: 'degraded', degraded: ['redis'], down: [] })
  })

  it('refuse: answers 503 problem+json with Retry-After, and is not ready', async () => {
    const response = await refusing.inject({ url: '/api/v1/tasks', headers: bearer(await jwks.sign()) })
    expect(response.statusCode).toBe(503)
    expect(response.headers['content-type']).toContain('application/problem+json')
    expect(response.headers['retry-after']).toBe('5')
    expect(response.json().detail).toBe('Rate limiting is unavailable')
    const ready = await refusing.inject('/ready')
    expect(ready.statusCode).toBe(503)
    expect(ready.json().down).toEqual(['redis'])
  })

  it('limits again once Redis is back', async () => {
    await redis.start()
    const token = await jwks.sign(randomUUID())
    await waitFor(async () => (await serving.inject('/ready')).json().status === 'ready')
    await waitFor(
      async () => (await refusing.inject({ url: '/api/v1/tasks', headers: bearer(token) })).statusCode === 200,
    )
    expect(await burst(serving, token, 6)).toEqual([200, 200, 200, 200, 200, 429])
  })
})
