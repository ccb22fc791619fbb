import { describe, expect, it } from 'vitest'
import { edgeUrl } from './stack.ts'

const api = `${edgeUrl}/api/v1`

describe('the gateway at the edge, through NGINX and the balancer', () => {
  it('refuses a private route without a token as 401 problem+json, carrying the request id', async () => {
    const response = await fetch(`${api}/tasks`, { headers: { 'x-request-id': 'e2e-gateway-1' } })
    expect(response.status).toBe(401)
    expect(response.headers.get('content-type')).toContain('application/problem+json')
    expect(response.headers.get('www-authenticate')).toBe('Bearer')
    expect(await response.json()).toMatchObject({ status: 401, requestId: 'e2e-gateway-1' })
  })

  it('counts public routes against the client IP with RateLimit headers, and sends security headers', async () => {
    const response = await fetch(`${api}/auth/.well-known/jwks.json`)
    expect(response.status).toBe(200)
    expect(Number(response.headers.get('ratelimit-limit'))).toBeGreaterThan(0)
    expect(response.headers.get('ratelimit-remaining')).not.toBeNull()
    expect(response.headers.get('x-content-type-options')).toBe('nosniff')
  })

  it('answers an oversized login body with 413 problem+json', async () => {
    const response = await fetch(`${api}/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'a@example.com', password: 'x'.repeat(64 * 1024) }),
    })
    expect(response.status).toBe(413)
    expect(response.headers.get('content-type')).toContain('application/problem+json')
  })
})
