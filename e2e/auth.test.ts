import { randomUUID } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { edgeUrl } from './stack.ts'

const api = `${edgeUrl}/api/v1`

async function post(path: string, body: unknown, headers: Record<string, string> = {}) {
  return fetch(`${api}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  })
}

describe('identity through NGINX', () => {
  it('registers, signs in, reads the profile, refreshes and signs out', async () => {
    const email = `e2e-${randomUUID()}@example.com`
    const registered = await post('/auth/register', {
      email,
      password: 'correct horse battery',
      displayName: 'E2E',
      timezone: 'Europe/Berlin',
    })
    expect(registered.status).toBe(201)

    const login = await post('/auth/login', { email: email.toUpperCase(), password: 'correct horse battery' })
    expect(login.status).toBe(200)
    const session = (await login.json()) as { accessToken: string; refreshToken: string }

    const me = await fetch(`${api}/auth/me`, { headers: { authorization: `Bearer ${session.accessToken}` } })
    expect(me.status).toBe(200)
    expect(await me.json()).toMatchObject({ email, displayName: 'E2E', timezone: 'Europe/Berlin', role: 'user' })

    const refreshed = await post('/auth/refresh', { refreshToken: session.refreshToken })
    expect(refreshed.status).toBe(200)
    const next = (await refreshed.json()) as { refreshToken: string }
    expect((await post('/auth/logout', { refreshToken: next.refreshToken })).status).toBe(204)
    expect((await post('/auth/refresh', { refreshToken: next.refreshToken })).status).toBe(401)
  })

  it('publishes the public signing keys', async () => {
    const response = await fetch(`${api}/auth/.well-known/jwks.json`)
    expect(response.status).toBe(200)
    const { keys } = (await response.json()) as { keys: Array<{ kty: string; crv: string; d?: string }> }
    expect(keys.length).toBeGreaterThanOrEqual(1)
    expect(keys[0]).toMatchObject({ kty: 'OKP', crv: 'Ed25519' })
    expect(keys.every((key) => key.d === undefined)).toBe(true)
  })

  it('answers a bad token and a bad body with problem+json', async () => {
    const me = await fetch(`${api}/auth/me`, { headers: { authorization: 'Bearer not-a-jwt' } })
    expect(me.status).toBe(401)
    expect(me.headers.get('content-type')).toContain('application/problem+json')
    const register = await post('/auth/register', { email: 'x@example.com', password: 'p', admin: true })
    expect(register.status).toBe(400)
    expect(((await register.json()) as { errors: unknown[] }).errors.length).toBeGreaterThan(0)
  })
})
