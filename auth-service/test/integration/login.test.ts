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
let delayed: TestService

beforeAll(async () => {
  ;[service, limited, delayed] = await Promise.all([
    startAuthService(),
    startAuthService({
      LOGIN_IP_MAX_ATTEMPTS: '6',
      LOGIN_ACCOUNT_MAX_FAILURES: '3',
      LOGIN_ACCOUNT_CEILING_FAILURES: '6',
      LOGIN_BACKOFF_BASE_SECONDS: '0',
      LOGIN_LOCKOUT_SECONDS: '600',
    }),
    startAuthService({ LOGIN_BACKOFF_BASE_SECONDS: '1' }),
  ])
})
afterAll(() => Promise.all([service.close(), limited.close(), delayed.close()]))

/** Repeats an attempt until it is no longer refused as delayed (the delay runs out), within 10 s. */
async function waitUntilAdmitted(attempt: () => Promise<{ statusCode: number }>) {
  const deadline = Date.now() + 10_000
  while ((await attempt()).statusCode === 429) {
    if (Date.now() > deadline) throw new Error('still delayed after 10 s')
    await new Promise((resolve) => setTimeout(resolve, 100))
  }
}

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
    for (let i = 0; i < 6; i++) expect((await login(limited, { email: user.email, password }, ip)).statusCode).toBe(200)
    const refused = await login(limited, { email: user.email, password }, ip)
    expectProblem(refused, 429, 'too-many-requests')
    expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0)
    expect(refused.headers['ratelimit-limit']).toBe('6')
    expect(refused.headers['ratelimit-remaining']).toBe('0')
    expect((await login(limited, { email: user.email, password }, { remoteAddress: '198.51.100.8' })).statusCode).toBe(
      200,
    )
  })

  it('believes X-Forwarded-For only from a trusted loopback proxy', async () => {
    const user = await registerUser(limited.app)
    const spoofed = (n: number) => ({ remoteAddress: '203.0.113.50', headers: { 'x-forwarded-for': `192.0.2.${n}` } })
    for (let i = 0; i < 6; i++) await login(limited, { email: user.email, password }, spoofed(i))
    expectProblem(await login(limited, { email: user.email, password }, spoofed(99)), 429)
    const viaProxy = { remoteAddress: '127.0.0.1', headers: { 'x-forwarded-for': '203.0.113.51' } }
    expect((await login(limited, { email: user.email, password }, viaProxy)).statusCode).toBe(200)
  })

  it('locks a client out of an account after repeated failures, even for the right password, and only that client', async () => {
    const user = await registerUser(limited.app)
    const stranger = { remoteAddress: '198.51.100.20' }
    for (let i = 0; i < 3; i++)
      expectProblem(await login(limited, { email: user.email, password: 'wrong-guess' }, stranger), 401)
    const locked = expectProblem(await login(limited, { email: user.email, password }, stranger), 429, 'account-locked')
    expect(locked.detail).toMatch(/Too many failed sign-ins for this account from your address/)
    expect(locked.retryAfterSeconds).toBeGreaterThan(590)
    const owner = { remoteAddress: '198.51.100.21' }
    expect((await login(limited, { email: user.email, password }, owner)).statusCode).toBe(200)
  })

  it('locks an unknown e-mail for a client the same way, so lockout reveals nothing', async () => {
    const email = uniqueEmail('nobody')
    const from = { remoteAddress: '198.51.100.40' }
    for (let i = 0; i < 3; i++) expectProblem(await login(limited, { email, password }, from), 401)
    expectProblem(await login(limited, { email, password }, from), 429, 'account-locked')
  })

  it('past the per-account ceiling, locks the account for new addresses but never for one it signed in from', async () => {
    const user = await registerUser(limited.app)
    const home = { remoteAddress: '198.51.100.50' }
    expect((await login(limited, { email: user.email, password }, home)).statusCode).toBe(200)
    // Six strangers' failures reach the ceiling (6) without any one of them reaching its own limit (3).
    for (let n = 0; n < 6; n++) {
      const stranger = { remoteAddress: `198.51.100.${51 + n}` }
      expectProblem(await login(limited, { email: user.email, password: 'wrong-guess' }, stranger), 401)
    }
    const elsewhere = { remoteAddress: '198.51.100.60' }
    const locked = expectProblem(
      await login(limited, { email: user.email, password }, elsewhere),
      429,
      'account-locked',
    )
    expect(locked.retryAfterSeconds).toBeGreaterThan(590)
    expect((await login(limited, { email: user.email, password }, home)).statusCode).toBe(200)
  })

  it('delays a client progressively after its second failure, and not the other clients', async () => {
    const user = await registerUser(delayed.app)
    const stranger = { remoteAddress: '198.51.100.70' }
    for (let i = 0; i < 2; i++)
      expectProblem(await login(delayed, { email: user.email, password: 'wrong-guess' }, stranger), 401)
    const refused = expectProblem(
      await login(delayed, { email: user.email, password }, stranger),
      429,
      'sign-in-delayed',
    )
    expect(refused.retryAfterSeconds).toBe(1)
    expect((await login(delayed, { email: user.email, password }, { remoteAddress: '198.51.100.71' })).statusCode).toBe(
      200,
    )
    await waitUntilAdmitted(() => login(delayed, { email: user.email, password: 'wrong-guess' }, stranger))
    const longer = expectProblem(
      await login(delayed, { email: user.email, password }, stranger),
      429,
      'sign-in-delayed',
    )
    expect(longer.retryAfterSeconds).toBe(2)
  })

  it('forgets a client’s failures after its successful sign-in', async () => {
    const user = await registerUser(limited.app)
    const from = { remoteAddress: '198.51.100.80' }
    for (let i = 0; i < 2; i++) await login(limited, { email: user.email, password: 'wrong-guess' }, from)
    expect((await login(limited, { email: user.email, password }, from)).statusCode).toBe(200)
    for (let i = 0; i < 2; i++) await login(limited, { email: user.email, password: 'wrong-guess' }, from)
    expect((await login(limited, { email: user.email, password }, from)).statusCode).toBe(200)
  })
})
