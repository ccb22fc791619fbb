import { createHmac } from 'node:crypto'
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { type CryptoKey, exportJWK, generateKeyPair, type JWK, SignJWT } from 'jose'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createRemoteTokenVerifier, type TokenVerifier } from '../../src/auth/token-verifier.ts'
import { AppError } from '../../src/errors.ts'

interface Key {
  privateKey: CryptoKey
  publicJwk: JWK
}

async function newKey(kid: string): Promise<Key> {
  const { privateKey, publicKey } = await generateKeyPair('EdDSA', { crv: 'Ed25519' })
  return { privateKey, publicJwk: { ...(await exportJWK(publicKey)), kid, alg: 'EdDSA', use: 'sig' } }
}

const issuer = 'focushub-auth'
const audience = 'focushub'
const now = () => Math.floor(Date.now() / 1000)
let published: Key[] = []
let fetches = 0
let server: Server
let jwksUrl: string
let verify: TokenVerifier
let first: Key

function sign(key: Key, claims: Record<string, unknown> = {}, header: Record<string, unknown> = {}, exp = now() + 900) {
  return new SignJWT({
    iss: issuer,
    aud: audience,
    sub: 'user-1',
    role: 'user',
    jti: 'jti-1',
    sid: 'family-1',
    ...claims,
  })
    .setProtectedHeader({ alg: 'EdDSA', kid: key.publicJwk.kid, typ: 'at+jwt', ...header })
    .setIssuedAt()
    .setExpirationTime(exp)
    .sign(key.privateKey)
}

async function expect401(token: string) {
  const error = await verify(token).catch((e: unknown) => e)
  expect(error).toBeInstanceOf(AppError)
  expect((error as AppError).status).toBe(401)
  return error as AppError
}

beforeAll(async () => {
  first = await newKey('key-1')
  published = [first]
  server = createServer((_request, response) => {
    fetches++
    response.setHeader('content-type', 'application/json')
    response.end(JSON.stringify({ keys: published.map((key) => key.publicJwk) }))
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  jwksUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/auth/.well-known/jwks.json`
  verify = createRemoteTokenVerifier({ jwksUrl, issuer, audience, jwks: { cooldownDuration: 0 } })
})
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())))

describe('createRemoteTokenVerifier', () => {
  it('verifies a FocusHub access token and answers who it speaks for', async () => {
    expect(await verify(await sign(first))).toEqual({
      userId: 'user-1',
      role: 'user',
      jti: 'jti-1',
      sessionId: 'family-1',
      expiresAt: expect.any(Number),
    })
  })

  it('caches keys and refetches on an unknown kid (a rotation)', async () => {
    await verify(await sign(first))
    const before = fetches
    await verify(await sign(first))
    expect(fetches).toBe(before)
    const second = await newKey('key-2')
    published = [second, first]
    expect((await verify(await sign(second))).userId).toBe('user-1')
    expect(fetches).toBe(before + 1)
  })

  it('refetches at most once per cooldown when kids keep being unknown', async () => {
    const guarded = createRemoteTokenVerifier({ jwksUrl, issuer, audience, jwks: { cooldownDuration: 60_000 } })
    await guarded(await sign(first))
    const before = fetches
    const stranger = await newKey('never-published')
    for (let i = 0; i < 5; i++) await guarded(await sign(stranger)).catch(() => {})
    expect(fetches - before).toBeLessThanOrEqual(1)
  })

  it('refuses alg none, HS256 with the public key, wrong iss or aud, expired, malformed', async () => {
    const good = await sign(first)
    const [, payload] = good.split('.')
    const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url')
    await expect401(`${b64({ alg: 'none', kid: 'key-1', typ: 'at+jwt' })}.${payload}.`)
    const hsHeader = b64({ alg: 'HS256', kid: 'key-1', typ: 'at+jwt' })
    const hmac = createHmac('sha256', String(first.publicJwk.x)).update(`${hsHeader}.${payload}`).digest('base64url')
    await expect401(`${hsHeader}.${payload}.${hmac}`)
    await expect401(await sign(first, { iss: 'evil' }))
    await expect401(await sign(first, { aud: 'elsewhere' }))
    expect((await expect401(await sign(first, {}, {}, now() - 60))).message).toMatch(/expired/)
    await expect401(await sign(first, { role: 'root' }))
    await expect401(await sign(first, {}, { typ: 'JWT' }))
    for (const token of ['', 'abc', 'a.b.c', `${good}tampered`, 'x'.repeat(5000)]) await expect401(token)
  })

  it('answers 503, not 401, when the key source is unreachable', async () => {
    const offline = createRemoteTokenVerifier({ jwksUrl: 'http://127.0.0.1:1/jwks.json', issuer, audience })
    const error = await offline(await sign(first)).catch((e: unknown) => e)
    expect((error as AppError).status).toBe(503)
  })
})
