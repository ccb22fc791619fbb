import { randomUUID } from 'node:crypto'
import type { App } from '@focushub/shared/http'
import type { Redis } from 'ioredis'
import { SignJWT } from 'jose'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createAccountStatusStore } from '../../src/modules/account-status/account-status.store.ts'
import {
  allServicesAt,
  audience,
  bearer,
  gatewayRedis,
  issuer,
  type Seen,
  startGateway,
  startJwks,
  startUpstream,
} from './support.ts'

const seen: Seen[] = []
let upstream: App
let jwks: Awaited<ReturnType<typeof startJwks>>
let gateway: App
let redis: Redis

beforeAll(async () => {
  const started = await startUpstream(seen)
  upstream = started.app
  jwks = await startJwks()
  redis = gatewayRedis('gateway-auth-test')
  gateway = await startGateway({
    AUTH_JWKS_URL: jwks.jwksUrl,
    ...allServicesAt(started.url),
    CORS_ORIGINS: 'https://app.focushub.test',
  })
})

afterAll(async () => {
  await gateway?.close()
  await upstream?.close()
  await jwks?.app.close()
  await redis?.quit()
})

async function expectUnauthorized(headers: Record<string, string>, detail?: string) {
  const before = seen.length
  const response = await gateway.inject({ url: '/api/v1/tasks', headers })
  expect(response.statusCode).toBe(401)
  expect(response.headers['content-type']).toContain('application/problem+json')
  expect(response.headers['www-authenticate']).toMatch(/^Bearer/)
  expect(response.json()).toMatchObject({ status: 401, type: 'https://focushub.dev/problems/unauthorized' })
  if (detail) expect(response.json().detail).toBe(detail)
  expect(seen.length).toBe(before)
}

describe('access tokens, verified at the gateway', () => {
  it('admits a valid token and passes it upstream', async () => {
    const token = await jwks.sign()
    const response = await gateway.inject({ url: '/api/v1/tasks', headers: bearer(token) })
    expect(response.statusCode).toBe(200)
    expect(seen.at(-1)?.headers.authorization).toBe(`Bearer ${token}`)
  })

  it('refuses a request without a token', () => expectUnauthorized({}, 'A Bearer access token is required'))

  it('refuses a malformed token', async () => {
    await expectUnauthorized(bearer('not-a-jwt'))
    await expectUnauthorized({ authorization: 'Basic dXNlcjpwYXNz' })
  })

  it('refuses an expired token', async () =>
    expectUnauthorized(
      bearer(await jwks.sign(randomUUID(), { expiresIn: Math.floor(Date.now() / 1000) - 60 })),
      'The access token has expired',
    ))

  it('refuses a token of another issuer or audience', async () => {
    await expectUnauthorized(bearer(await jwks.sign(randomUUID(), { issuer: 'someone-else' })))
    await expectUnauthorized(bearer(await jwks.sign(randomUUID(), { audience: 'another-api' })))
  })

  it('refuses an unsigned token (alg none)', async () => {
    const encode = (part: object) => Buffer.from(JSON.stringify(part)).toString('base64url')
    const now = Math.floor(Date.now() / 1000)
    const claims = {
      sub: randomUUID(),
      role: 'admin',
      jti: randomUUID(),
      iss: issuer,
      aud: audience,
      iat: now,
      exp: now + 300,
    }
    await expectUnauthorized(bearer(`${encode({ alg: 'none', typ: 'at+jwt' })}.${encode(claims)}.`))
  })

  it('refuses a token signed with an HMAC secret', async () => {
    const token = await new SignJWT({ role: 'admin' })
      .setProtectedHeader({ alg: 'HS256', typ: 'at+jwt' })
      .setIssuer(issuer)
      .setAudience(audience)
      .setSubject(randomUUID())
      .setJti(randomUUID())
      .setIssuedAt()
      .setExpirationTime('5m')
      .sign(new TextEncoder().encode('a-guessed-secret-of-32-bytes-len'))
    await expectUnauthorized(bearer(token))
  })

  it('refuses a token whose key id the JWKS does not know', async () =>
    expectUnauthorized(bearer(await jwks.sign(randomUUID(), { kid: 'unknown-key' }))))
})

describe('routes open without a token', () => {
  for (const [method, path] of [
    ['POST', '/auth/register'],
    ['POST', '/auth/login'],
    ['POST', '/auth/refresh'],
    ['POST', '/auth/logout'],
    ['GET', '/auth/.well-known/jwks.json'],
  ] as const) {
    it(`${method} ${path} reaches the service`, async () => {
      const response = await gateway.inject({
        method,
        url: `/api/v1${path}`,
        payload: method === 'POST' ? {} : undefined,
      })
      expect(response.statusCode).toBe(200)
      expect(response.json().url).toBe(path)
    })
  }

  it('health, readiness, docs and the OpenAPI document answer without a token', async () => {
    for (const url of ['/health', '/api/v1/health', '/api/v1/openapi.json', '/api/v1/docs/']) {
      expect((await gateway.inject({ url })).statusCode, url).toBe(200)
    }
  })

  it('refuses any other spelling of a public path (400), and other paths need a token', async () => {
    for (const url of ['/api/v1/auth/login/', '/api/v1/auth/%6cogin']) {
      expect((await gateway.inject({ method: 'POST', url, payload: {} })).statusCode, url).toBe(400)
    }
    expect((await gateway.inject({ method: 'POST', url: '/api/v1/auth/me', payload: {} })).statusCode).toBe(401)
  })
})

describe('refused accounts', () => {
  const store = () => createAccountStatusStore(redis)

  it('answers 403 account-suspended for a suspended user, and admits them again once active', async () => {
    const userId = randomUUID()
    const token = await jwks.sign(userId)
    await store().refuse(userId, 'suspended')
    const refused = await gateway.inject({ url: '/api/v1/tasks', headers: bearer(token) })
    expect(refused.statusCode).toBe(403)
    expect(refused.headers['content-type']).toContain('application/problem+json')
    expect(refused.json()).toMatchObject({ status: 403, type: 'https://focushub.dev/problems/account-suspended' })
    await store().allow(userId)
    expect((await gateway.inject({ url: '/api/v1/tasks', headers: bearer(token) })).statusCode).toBe(200)
  })

  it('answers 403 account-deactivated for a deactivated user', async () => {
    const userId = randomUUID()
    await store().refuse(userId, 'deactivated')
    const response = await gateway.inject({ url: '/api/v1/focus/goal', headers: bearer(await jwks.sign(userId)) })
    expect(response.json()).toMatchObject({ status: 403, type: 'https://focushub.dev/problems/account-deactivated' })
    await store().allow(userId)
  })

  it('answers 401 account-deleted for a deleted user whose token has not expired yet', async () => {
    const userId = randomUUID()
    await store().refuse(userId, 'deleted')
    const response = await gateway.inject({ url: '/api/v1/habits', headers: bearer(await jwks.sign(userId)) })
    expect(response.statusCode).toBe(401)
    expect(response.headers['content-type']).toContain('application/problem+json')
    expect(response.json()).toMatchObject({ status: 401, type: 'https://focushub.dev/problems/account-deleted' })
    await store().allow(userId)
  })

  it('answers 401 session-revoked for a token of a revoked sign-in, and admits the user’s other sign-ins', async () => {
    const userId = randomUUID()
    const [revoked, kept] = [randomUUID(), randomUUID()]
    await store().revokeSessions([revoked], new Date(Date.now() + 60_000))
    const before = seen.length
    const response = await gateway.inject({
      url: '/api/v1/tasks',
      headers: bearer(await jwks.sign(userId, { sessionId: revoked })),
    })
    expect(response.statusCode).toBe(401)
    expect(response.headers['www-authenticate']).toMatch(/^Bearer error="invalid_token"/)
    expect(response.json()).toMatchObject({ status: 401, type: 'https://focushub.dev/problems/session-revoked' })
    expect(seen.length).toBe(before)
    const other = await gateway.inject({
      url: '/api/v1/tasks',
      headers: bearer(await jwks.sign(userId, { sessionId: kept })),
    })
    expect(other.statusCode).toBe(200)
    await redis.del(`focushub:gateway:revoked-session:${revoked}`)
  })
})

describe('CORS and security headers', () => {
  it('answers a preflight from a configured origin, without a token', async () => {
    const response = await gateway.inject({
      method: 'OPTIONS',
      url: '/api/v1/tasks',
      headers: {
        origin: 'https://app.focushub.test',
        'access-control-request-method': 'POST',
        'access-control-request-headers': 'authorization,content-type',
      },
    })
    expect(response.statusCode).toBe(204)
    expect(response.headers['access-control-allow-origin']).toBe('https://app.focushub.test')
    expect(String(response.headers['access-control-allow-methods'])).toContain('POST')
    expect(String(response.headers['access-control-allow-headers'])).toContain('authorization')
  })

  it('grants no other origin', async () => {
    const response = await gateway.inject({
      method: 'OPTIONS',
      url: '/api/v1/tasks',
      headers: { origin: 'https://evil.test', 'access-control-request-method': 'GET' },
    })
    expect(response.headers['access-control-allow-origin']).toBeUndefined()
  })

  it('sends API security headers on proxied answers', async () => {
    const response = await gateway.inject({ url: '/api/v1/tasks', headers: bearer(await jwks.sign()) })
    expect(response.headers['x-content-type-options']).toBe('nosniff')
    expect(response.headers['content-security-policy']).toBe("default-src 'none';frame-ancestors 'none'")
    expect(response.headers['strict-transport-security']).toBeTruthy()
  })
})
