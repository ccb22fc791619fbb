import { randomBytes, randomUUID } from 'node:crypto'
import { type App, createApp } from '@focushub/shared/http'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  allServicesAt,
  bearer,
  metricValue,
  startGateway,
  startJwks,
  startUpstream,
  testRedisPrefix,
} from './support.ts'

let upstream: App
let jwks: Awaited<ReturnType<typeof startJwks>>
const gateways: App[] = []
let env: NodeJS.ProcessEnv

beforeAll(async () => {
  const started = await startUpstream()
  upstream = started.app
  jwks = await startJwks()
  env = {
    AUTH_JWKS_URL: jwks.jwksUrl,
    ...allServicesAt(started.url),
    RATE_LIMIT_MAX: '50',
    RATE_LIMIT_AUTH_MAX: '3',
    RATE_LIMIT_REDIS_PREFIX: testRedisPrefix(),
  }
  // Two replicas sharing one Redis, as the stack runs them behind the balancer.
  for (let i = 0; i < 2; i++) {
    const gateway = await startGateway(env)
    await gateway.listen({ port: 0, host: '127.0.0.1' })
    gateways.push(gateway)
  }
})

afterAll(async () => {
  await Promise.all(gateways.map((gateway) => gateway.close()))
  await upstream?.close()
  await jwks?.app.close()
})

const urlOf = (gateway: App) => `http://127.0.0.1:${(gateway.server.address() as { port: number }).port}`

describe('rate limits shared by every replica', () => {
  it('accepts exactly the limit of 200 concurrent requests spread over two gateways', async () => {
    const token = await jwks.sign()
    const responses = await Promise.all(
      Array.from({ length: 200 }, (_, i) =>
        fetch(`${urlOf(gateways[i % 2])}/api/v1/tasks`, { headers: bearer(token) }),
      ),
    )
    const statuses = responses.map((response) => response.status)
    expect(statuses.filter((status) => status === 200).length).toBe(50)
    expect(statuses.filter((status) => status === 429).length).toBe(150)
    const refused = responses.find((response) => response.status === 429) as Response
    expect(refused.headers.get('content-type')).toContain('application/problem+json')
    expect(refused.headers.get('ratelimit-limit')).toBe('50')
    expect(refused.headers.get('ratelimit-remaining')).toBe('0')
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0)
    expect(Number(refused.headers.get('ratelimit-reset'))).toBeGreaterThan(0)
    expect(await refused.json()).toMatchObject({ status: 429, type: 'https://focushub.dev/problems/too-many-requests' })
    await Promise.all(responses.filter((response) => !response.bodyUsed).map((response) => response.body?.cancel()))
  })

  it('counts per user: another user keeps a full budget', async () => {
    const response = await gateways[0].inject({ url: '/api/v1/tasks', headers: bearer(await jwks.sign(randomUUID())) })
    expect(response.statusCode).toBe(200)
    expect(response.headers['ratelimit-limit']).toBe('50')
    expect(response.headers['ratelimit-remaining']).toBe('49')
  })

  it('limits login, register and refresh more strictly, per client IP', async () => {
    const login = (gateway: App, remoteAddress: string) =>
      gateway.inject({ method: 'POST', url: '/api/v1/auth/login', payload: {}, remoteAddress })
    const statuses = []
    for (let i = 0; i < 4; i++) statuses.push((await login(gateways[i % 2], '198.51.100.20')).statusCode)
    expect(statuses).toEqual([200, 200, 200, 429])
    expect((await login(gateways[0], '198.51.100.21')).statusCode).toBe(200)
  })

  it('counts each decision by budget', async () => {
    const decided = (bucket: string, decision: string) =>
      metricValue(gateways[0], 'gateway_rate_limit_decisions_total', { bucket, decision })
    const before = {
      allowed: await decided('credentials', 'allowed'),
      limited: await decided('credentials', 'limited'),
    }
    const generalBefore = await decided('general', 'allowed')
    const login = () =>
      gateways[0].inject({ method: 'POST', url: '/api/v1/auth/login', payload: {}, remoteAddress: '198.51.100.30' })
    for (let i = 0; i < 4; i++) await login()
    expect(await decided('credentials', 'allowed')).toBe(before.allowed + 3)
    expect(await decided('credentials', 'limited')).toBe(before.limited + 1)
    await gateways[0].inject({ url: '/api/v1/tasks', headers: bearer(await jwks.sign(randomUUID())) })
    expect(await decided('general', 'allowed')).toBe(generalBefore + 1)
  })
})

describe('the client address behind the proxies', () => {
  const login = (remoteAddress: string, forwardedFor: string) =>
    gateways[0].inject({
      method: 'POST',
      url: '/api/v1/auth/register',
      payload: {},
      remoteAddress,
      headers: { 'x-forwarded-for': forwardedFor },
    })

  it('ignores X-Forwarded-For from a peer that is not a trusted proxy', async () => {
    const statuses = []
    for (let i = 0; i < 4; i++) statuses.push((await login('203.0.113.7', `192.0.2.${i}`)).statusCode)
    expect(statuses).toEqual([200, 200, 200, 429])
  })

  it('believes the trusted hops only: a client-written X-Forwarded-For entry cannot pick the key', async () => {
    const statuses = []
    for (let i = 0; i < 4; i++) statuses.push((await login('127.0.0.1', `192.0.2.${i}, 203.0.113.50`)).statusCode)
    expect(statuses).toEqual([200, 200, 200, 429])
    expect((await login('127.0.0.1', '203.0.113.51')).statusCode).toBe(200)
  })
})

describe('personal access tokens made up', () => {
  it('cost auth-service a look-up each only within the client’s credential budget, then 429', async () => {
    let asked = 0
    const auth = createApp({ service: 'auth-stand-in', logLevel: 'silent' })
    auth.post('/internal/personal-access-tokens/exchange', async (_request, reply) => {
      asked += 1
      return reply.code(401).send({ code: 'unauthorized' })
    })
    await auth.listen({ port: 0, host: '127.0.0.1' })
    const gateway = await startGateway({ ...env, AUTH_SERVICE_URL: urlOf(auth) })
    try {
      const call = (remoteAddress: string, token = `fhp_${randomBytes(24).toString('base64url')}`) =>
        gateway.inject({ url: '/api/v1/tasks', headers: bearer(token), remoteAddress })
      const statuses = []
      for (let i = 0; i < 5; i++) statuses.push((await call('198.51.100.40')).statusCode)
      // RATE_LIMIT_AUTH_MAX is 3: three look-ups answered 401, then no more asked.
      expect(statuses).toEqual([401, 401, 401, 429, 429])
      expect(asked).toBe(3)
      // Another client keeps its own budget; an access token is not counted there at all.
      expect((await call('198.51.100.41')).statusCode).toBe(401)
      expect(asked).toBe(4)
      const user = await gateway.inject({
        url: '/api/v1/tasks',
        headers: bearer(await jwks.sign(randomUUID())),
        remoteAddress: '198.51.100.40',
      })
      expect(user.statusCode).toBe(200)
    } finally {
      await gateway.close()
      await auth.close()
    }
  })
})
