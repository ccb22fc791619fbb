import { createHmac } from 'node:crypto'
import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { importJWK, type JWK, SignJWT } from 'jose'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildApp } from '../../src/app.ts'
import { loadServiceConfig } from '../../src/config.ts'
import { generateSigningJwk, rotateSigningKeys } from '../../src/modules/keys/signing-keys.ts'
import { bearer, expectProblem, signedInUser, startAuthService, type TestService } from './support.ts'

let service: TestService
let userId: string
let accessToken: string
let jwk: JWK

beforeAll(async () => {
  service = await startAuthService()
  const { user, session } = await signedInUser(service.app)
  userId = user.id
  accessToken = session.accessToken
  jwk = JSON.parse(await readFile(join(service.keysDir, 'current.jwk.json'), 'utf8'))
})
afterAll(() => service.close())

const me = (token: string, app = service.app) => app.inject({ url: '/auth/me', headers: bearer(token) })
const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url')
const now = () => Math.floor(Date.now() / 1000)

interface Forged {
  key?: JWK
  header?: Record<string, unknown>
  claims?: Record<string, unknown>
  exp?: number
}

async function forge({ key = jwk, header = {}, claims = {}, exp = now() + 600 }: Forged = {}) {
  const privateKey = await importJWK(key, 'EdDSA')
  return new SignJWT({ iss: 'focushub-auth', aud: 'focushub', role: 'user', ...claims })
    .setProtectedHeader({ alg: 'EdDSA', kid: key.kid, typ: 'at+jwt', ...header })
    .setSubject(userId)
    .setJti('forged-jti')
    .setIssuedAt(now() - 60)
    .setExpirationTime(exp)
    .sign(privateKey)
}

describe('access tokens on protected routes', () => {
  it('accepts the real token, and a well-formed token signed by the current key', async () => {
    expect((await me(accessToken)).statusCode).toBe(200)
    expect((await me(await forge())).statusCode).toBe(200)
  })

  it('asks for a Bearer token when none is sent', async () => {
    const response = await service.app.inject({ url: '/auth/me' })
    expectProblem(response, 401, 'unauthorized')
    expect(response.headers['www-authenticate']).toBe('Bearer')
    expectProblem(await service.app.inject({ url: '/auth/me', headers: { authorization: `Basic ${b64('a:b')}` } }), 401)
  })

  it('refuses alg none', async () => {
    const [, payload] = accessToken.split('.')
    const unsigned = `${b64({ alg: 'none', typ: 'at+jwt', kid: jwk.kid })}.${payload}.`
    const response = await me(unsigned)
    expectProblem(response, 401)
    expect(response.headers['www-authenticate']).toContain('invalid_token')
  })

  it('refuses HS256 signed with the public key', async () => {
    const [, payload] = accessToken.split('.')
    const header = b64({ alg: 'HS256', typ: 'at+jwt', kid: jwk.kid })
    for (const secret of [jwk.x as string, JSON.stringify({ kty: 'OKP', crv: 'Ed25519', x: jwk.x })]) {
      const signature = createHmac('sha256', secret).update(`${header}.${payload}`).digest('base64url')
      expectProblem(await me(`${header}.${payload}.${signature}`), 401)
    }
  })

  it('refuses a wrong issuer or audience', async () => {
    expectProblem(await me(await forge({ claims: { iss: 'someone-else' } })), 401)
    expectProblem(await me(await forge({ claims: { aud: 'other-audience' } })), 401)
  })

  it('refuses an expired token, saying so', async () => {
    const problem = expectProblem(await me(await forge({ exp: now() - 120 })), 401)
    expect(problem.detail).toMatch(/expired/)
  })

  it('refuses an unknown kid, and a foreign key claiming our kid', async () => {
    const stranger = await generateSigningJwk()
    expectProblem(await me(await forge({ key: stranger })), 401)
    expectProblem(await me(await forge({ key: { ...stranger, kid: jwk.kid } })), 401)
  })

  it('refuses tokens without a role, with an unknown role, or of another type', async () => {
    expectProblem(await me(await forge({ claims: { role: 'superuser' } })), 401)
    expectProblem(await me(await forge({ claims: { role: undefined } })), 401)
    expectProblem(await me(await forge({ header: { typ: 'JWT' } })), 401)
  })

  it('refuses malformed and oversized tokens', async () => {
    for (const token of [
      'abc',
      'a.b.c',
      `${accessToken}x`,
      accessToken.replace(/\.[^.]+$/, '.AAAA'),
      'x'.repeat(5000),
    ]) {
      expectProblem(await me(token), 401)
    }
  })
})

describe('key rotation', () => {
  it('publishes current and previous keys; tokens of the previous key stay valid', async () => {
    await rotateSigningKeys(service.keysDir)
    const config = loadServiceConfig({ ...service.config, LOG_LEVEL: 'silent' } as unknown as NodeJS.ProcessEnv)
    const rotated = await buildApp(config, { db: service.db })
    try {
      const { keys } = (await rotated.inject({ url: '/auth/.well-known/jwks.json' })).json()
      expect(keys).toHaveLength(2)
      expect(keys[1].kid).toBe(jwk.kid)
      expect(keys.every((key: Record<string, unknown>) => key.d === undefined)).toBe(true)
      expect((await me(accessToken, rotated)).statusCode).toBe(200)
    } finally {
      await rotated.close()
    }
  })
})
