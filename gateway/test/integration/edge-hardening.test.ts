import { type App, createApp } from '@focushub/shared/http'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { allServicesAt, bearer, type Seen, startGateway, startJwks, startUpstream } from './support.ts'

/** A service whose /ready counts its callers. */
async function countingService() {
  const app = createApp({ service: 'counted', logLevel: 'silent' })
  const counter = { ready: 0 }
  app.get('/ready', async () => {
    counter.ready++
    return { status: 'ready' }
  })
  await app.listen({ port: 0, host: '127.0.0.1' })
  return { app, counter, url: `http://127.0.0.1:${(app.server.address() as { port: number }).port}` }
}

describe('public health', () => {
  let service: Awaited<ReturnType<typeof countingService>>
  let gateway: App

  beforeAll(async () => {
    service = await countingService()
    gateway = await startGateway({
      ...allServicesAt(service.url),
      HEALTH_VIEW_REFRESH_MS: '60000',
      RATE_LIMIT_MAX: '5',
    })
  })

  afterAll(async () => {
    await gateway?.close()
    await service?.app.close()
  })

  it('asks each service once per refresh, however many callers, and names no internal address', async () => {
    const answers = await Promise.all(
      Array.from({ length: 4 }, (_, i) => gateway.inject({ url: '/api/v1/health', remoteAddress: `192.0.2.${i + 1}` })),
    )
    // Once per service (each at the counting one's address), not once per caller.
    expect(service.counter.ready).toBe(Object.keys(allServicesAt(service.url)).length)
    for (const answer of answers) {
      expect(answer.statusCode).toBe(200)
      expect(answer.body).not.toMatch(/127\.0\.0\.1|:\d{4}\b/)
      expect(answer.json().checkedAt).toBe(answers[0].json().checkedAt)
    }
  })

  it('counts each caller against its own budget: 429 once spent', async () => {
    const ask = (remoteAddress: string) => gateway.inject({ url: '/api/v1/health', remoteAddress })
    const statuses: number[] = []
    for (let i = 0; i < 6; i++) statuses.push((await ask('198.51.100.7')).statusCode)
    expect(statuses).toEqual([200, 200, 200, 200, 200, 429])
    expect((await ask('198.51.100.8')).statusCode).toBe(200)
  })
})

describe('one spelling per route', () => {
  const seen: Seen[] = []
  let upstream: App
  let jwks: Awaited<ReturnType<typeof startJwks>>
  let gateway: App
  let auth: Record<string, string>

  beforeAll(async () => {
    const started = await startUpstream(seen)
    upstream = started.app
    jwks = await startJwks()
    auth = bearer(await jwks.sign())
    gateway = await startGateway({ AUTH_JWKS_URL: jwks.jwksUrl, ...allServicesAt(started.url) })
  })

  afterAll(async () => {
    await gateway?.close()
    await upstream?.close()
    await jwks?.app.close()
  })

  it('refuses another spelling before any upstream sees it, as 400 problem+json', async () => {
    for (const url of ['/api/v1/auth/%6cogin', '/api/v1/auth/login/', '/api/v1/auth/%2Ewell-known/jwks.json']) {
      const before = seen.length
      const response = await gateway.inject({ method: 'POST', url, headers: auth, payload: {} })
      expect(response.statusCode, url).toBe(400)
      expect(response.headers['content-type']).toContain('application/problem+json')
      expect(response.json().type).toBe('https://focushub.dev/problems/non-canonical-path')
      expect(seen.length).toBe(before)
    }
  })

  it('never stores the answer of an identity route under an Idempotency-Key, even signed in', async () => {
    const send = () =>
      gateway.inject({
        method: 'POST',
        url: '/api/v1/auth/password',
        headers: { ...auth, 'idempotency-key': 'same-key' },
        payload: { currentPassword: 'a', newPassword: 'b' },
      })
    const first = await send()
    const second = await send()
    expect(first.statusCode).toBe(200)
    expect(second.statusCode).toBe(200)
    expect(second.headers['idempotent-replayed']).toBeUndefined()
    expect(seen.filter((s) => s.url === '/auth/password')).toHaveLength(2)
  })
})
