import { type CryptoKey, createLocalJWKSet, exportJWK, generateKeyPair, type JWK, SignJWT } from 'jose'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { authenticatePlugin, currentUser } from '../../src/auth/authenticate.ts'
import { createTokenVerifier } from '../../src/auth/token-verifier.ts'
import { type App, createApp } from '../../src/http/create-app.ts'

let app: App
let privateKey: CryptoKey
let publicJwk: JWK

const token = (role: string, claims: Record<string, unknown> = {}) =>
  new SignJWT({ role, iss: 'focushub-auth', aud: 'focushub', sub: 'user-7', jti: 'jti-7', ...claims })
    .setProtectedHeader({ alg: 'EdDSA', kid: 'k', typ: 'at+jwt' })
    .setIssuedAt()
    .setExpirationTime('5m')
    .sign(privateKey)

beforeAll(async () => {
  const pair = await generateKeyPair('EdDSA', { crv: 'Ed25519' })
  privateKey = pair.privateKey
  publicJwk = { ...(await exportJWK(pair.publicKey)), kid: 'k' }
  app = createApp({ service: 'test', logLevel: 'silent' })
  const verify = createTokenVerifier({
    keys: createLocalJWKSet({ keys: [publicJwk] }),
    issuer: 'focushub-auth',
    audience: 'focushub',
  })
  await app.register(authenticatePlugin, { verify, areasOf: () => ['tasks'] })
  app.get('/mine', { onRequest: app.authenticate }, async (request) => currentUser(request))
  app.post('/mine', { onRequest: app.authenticate }, async () => ({ written: true }))
  app.get('/open', async (request) => ({ user: request.user }))
  app.get('/admin', { onRequest: app.requireRole('admin') }, async () => ({ ok: true }))
  await app.ready()
})
afterAll(() => app.close())

describe('authenticatePlugin', () => {
  it('sets request.user from a verified Bearer token', async () => {
    const response = await app.inject({ url: '/mine', headers: { authorization: `Bearer ${await token('user')}` } })
    expect(response.json()).toEqual({ userId: 'user-7', role: 'user', jti: 'jti-7', expiresAt: expect.any(Number) })
  })

  it('answers 401 problem+json with a Bearer challenge, and leaves open routes alone', async () => {
    const missing = await app.inject({ url: '/mine' })
    expect(missing.statusCode).toBe(401)
    expect(missing.headers['content-type']).toContain('application/problem+json')
    expect(missing.headers['www-authenticate']).toBe('Bearer')
    const spoofed = await app.inject({ url: '/mine', headers: { 'x-user-id': 'admin', authorization: 'Bearer nope' } })
    expect(spoofed.statusCode).toBe(401)
    expect((await app.inject({ url: '/open', headers: { 'x-user-id': 'someone' } })).json()).toEqual({ user: null })
  })

  it('answers 403 when the role is not allowed', async () => {
    const asUser = await app.inject({ url: '/admin', headers: { authorization: `Bearer ${await token('user')}` } })
    expect(asUser.statusCode).toBe(403)
    const asAdmin = await app.inject({ url: '/admin', headers: { authorization: `bearer ${await token('admin')}` } })
    expect(asAdmin.statusCode).toBe(200)
  })

  it("limits a personal access token's token to its scopes: 403 insufficient_scope naming the one missing", async () => {
    const asToken = async (scope: string, method: 'GET' | 'POST') =>
      app.inject({ method, url: '/mine', headers: { authorization: `Bearer ${await token('user', { scope })}` } })
    const read = await asToken('focus:write tasks:read', 'GET')
    expect(read.json()).toMatchObject({ userId: 'user-7', scopes: ['focus:write', 'tasks:read'] })
    const write = await asToken('tasks:read', 'POST')
    expect(write.statusCode).toBe(403)
    expect(write.headers['content-type']).toContain('application/problem+json')
    expect(write.headers['www-authenticate']).toBe('Bearer error="insufficient_scope", scope="tasks:write"')
    expect(write.json()).toMatchObject({ code: 'insufficient-scope', scope: 'tasks:write' })
    expect((await asToken('tasks:write', 'GET')).statusCode).toBe(200)
    expect((await asToken('tasks:write', 'POST')).json()).toEqual({ written: true })
    const otherArea = await asToken('focus:write', 'GET')
    expect(otherArea.statusCode).toBe(403)
    expect(otherArea.json()).toMatchObject({ scope: 'tasks:read' })
  })
})
