import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { createLocalJWKSet, decodeProtectedHeader, jwtVerify } from 'jose'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  expectProblem,
  loginUser,
  password,
  registerUser,
  startAuthService,
  type TestService,
  uniqueEmail,
} from './support.ts'

let service: TestService
let limited: TestService

beforeAll(async () => {
  ;[service, limited] = await Promise.all([
    startAuthService(),
    startAuthService({
      LOGIN_IP_MAX_ATTEMPTS: '4',
      LOGIN_ACCOUNT_MAX_FAILURES: '3',
      LOGIN_LOCKOUT_SECONDS: '600',
    }),
  ])
})
afterAll(() => Promise.all([service.close(), limited.close()]))

const login = (target: TestService, payload: Record<string, unknown>, options: Record<string, unknown> = {}) =>
  target.app.inject({ method: 'POST', url: '/auth/login', payload, ...options })

describe('POST /auth/login', () => {
  it('answers an EdDSA access token with iss, aud, sub, role, jti and kid, and a refresh token', async () => {
    const user = await registerUser(service.app)
    const session = await loginUser(service.app, user.email)
    expect(session).toMatchObject({ tokenType: 'Bearer', expiresIn: 900, user: { id: user.id, role: 'user' } })
    expect(session.refreshToken).toMatch(/^[A-Za-z0-9_-]{43}$/)
    const jwk = JSON.parse(await readFile(join(service.keysDir, 'current.jwk.json'), 'utf8'))
    const { d: _private, ...publicJwk } = jwk
    const { payload } = await jwtVerify(session.accessToken, createLocalJWKSet({ keys: [publicJwk] }), {
      algorithms: ['EdDSA'],
    })
    expect(payload).toMatchObject({ iss: 'focushub-auth', aud: 'focushub', sub: user.id, role: 'user' })
    expect(payload.jti).toMatch(/^[0-9a-f-]{36}$/)
    expect((payload.exp ?? 0) - (payload.iat ?? 0)).toBe(900)
    expect(decodeProtectedHeader(session.accessToken)).toEqual({ alg: 'EdDSA', kid: jwk.kid, typ: 'at+jwt' })
  })

  it('treats the e-mail case-insensitively', async () => {
    const user = await registerUser(service.app, { email: uniqueEmail('MiXeD') })
    expect((await login(service, { email: user.email.toUpperCase(), password })).statusCode).toBe(200)
  })

  it('answers unknown e-mail and wrong password the same way', async () => {
    const user = await registerUser(service.app)
    const wrong = expectProblem(await login(service, { email: user.email, password: 'not the password' }), 401)
    const unknown = expectProblem(await login(service, { email: uniqueEmail('ghost'), password }), 401)
    const { requestId: _a, ...wrongBody } = wrong
    const { requestId: _b, ...unknownBody } = unknown
    expect(wrongBody).toEqual(unknownBody)
    expect(wrongBody.type).toBe('https://focushub.dev/problems/invalid-credentials')
  })

  it('never matches a password over 72 bytes, even if its first 72 bytes are right', async () => {
    const base = 'a'.repeat(72)
    const user = await registerUser(service.app, { password: base })
    expectProblem(await login(service, { email: user.email, password: `${base}extra` }), 401)
  })

  it('refuses suspended and deactivated accounts with a 403 that says so', async () => {
    for (const status of ['suspended', 'deactivated'] as const) {
      const user = await registerUser(service.app)
      await service.db.updateTable('users').set({ status }).where('id', '=', user.id).execute()
      const problem = expectProblem(await login(service, { email: user.email, password }), 403, `account-${status}`)
      expect(problem.detail).toContain(status)
    }
  })
})

describe('login throttling', () => {
  it('answers 429 with Retry-After and RateLimit headers past the per-IP limit', async () => {
    const ip = { remoteAddress: '198.51.100.7' }
    const user = await registerUser(limited.app)
    for (let i = 0; i < 4; i++) expect((await login(limited, { email: user.email, password }, ip)).statusCode).toBe(200)
    const refused = await login(limited, { email: user.email, password }, ip)
    expectProblem(refused, 429, 'too-many-requests')
    expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0)
    expect(refused.headers['ratelimit-limit']).toBe('4')
    expect(refused.headers['ratelimit-remaining']).toBe('0')
    expect((await login(limited, { email: user.email, password }, { remoteAddress: '198.51.100.8' })).statusCode).toBe(
      200,
    )
  })

  it('believes X-Forwarded-For only from a trusted loopback proxy', async () => {
    const user = await registerUser(limited.app)
    const spoofed = (n: number) => ({ remoteAddress: '203.0.113.50', headers: { 'x-forwarded-for': `192.0.2.${n}` } })
    for (let i = 0; i < 4; i++) await login(limited, { email: user.email, password }, spoofed(i))
    expectProblem(await login(limited, { email: user.email, password }, spoofed(99)), 429)
    const viaProxy = { remoteAddress: '127.0.0.1', headers: { 'x-forwarded-for': '203.0.113.51' } }
    expect((await login(limited, { email: user.email, password }, viaProxy)).statusCode).toBe(200)
  })

  it('locks an account after repeated failures, even for the right password, and only that account', async () => {
    const user = await registerUser(limited.app)
    const other = await registerUser(limited.app)
    const from = (n: number) => ({ remoteAddress: `198.51.100.${20 + n}` })
    for (let i = 0; i < 3; i++)
      expectProblem(await login(limited, { email: user.email, password: 'wrong-guess' }, from(i)), 401)
    const locked = expectProblem(await login(limited, { email: user.email, password }, from(5)), 429, 'account-locked')
    expect(locked.detail).toMatch(/Too many failed sign-ins/)
    expect(locked.retryAfterSeconds).toBeGreaterThan(590)
    expect((await login(limited, { email: other.email, password }, from(6))).statusCode).toBe(200)
  })

  it('locks unknown e-mails the same way, so lockout reveals nothing', async () => {
    const email = uniqueEmail('nobody')
    const from = (n: number) => ({ remoteAddress: `198.51.100.${40 + n}` })
    for (let i = 0; i < 3; i++) expectProblem(await login(limited, { email, password }, from(i)), 401)
    expectProblem(await login(limited, { email, password }, from(4)), 429, 'account-locked')
  })

  it('forgets failures after a successful sign-in', async () => {
    const user = await registerUser(limited.app)
    const from = (n: number) => ({ remoteAddress: `198.51.100.${60 + n}` })
    for (const n of [0, 1]) await login(limited, { email: user.email, password: 'wrong-guess' }, from(n))
    expect((await login(limited, { email: user.email, password }, from(2))).statusCode).toBe(200)
    for (const n of [3, 4]) await login(limited, { email: user.email, password: 'wrong-guess' }, from(n))
    expect((await login(limited, { email: user.email, password }, from(5))).statusCode).toBe(200)
  })
})
