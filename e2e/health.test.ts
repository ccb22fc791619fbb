import { request } from 'node:http'
import { describe, expect, it } from 'vitest'
import { edgeUrl, processes } from './stack.ts'

interface ChainHealth {
  status: string
  gateway: { status: string; instance: string }
  services: Record<string, unknown>
}

describe('the running stack through NGINX', () => {
  it('answers /health for the whole chain, naming every service healthy', async () => {
    const response = await fetch(`${edgeUrl}/health`)
    expect(response.status).toBe(200)
    expect(response.headers.get('x-request-id')).toBeTruthy()
    const body = (await response.json()) as ChainHealth
    expect(body.status).toBe('up')
    expect(body.gateway.status).toBe('up')
    expect(body.services).toEqual({
      'auth-service': { status: 'up' },
      'task-service': { status: 'up' },
      'focus-service': { status: 'up' },
      'habit-service': { status: 'up' },
      'notification-service': { status: 'up' },
      'social-service': { status: 'up' },
    })
  })

  it('reaches both gateway replicas through the load balancer', async () => {
    const instances = new Set<string>()
    for (let i = 0; i < 6; i++) {
      const body = (await (await fetch(`${edgeUrl}/health`)).json()) as ChainHealth
      instances.add(body.gateway.instance)
    }
    expect(instances.size).toBeGreaterThanOrEqual(2)
  })

  it('carries the caller’s request id through every hop and back', async () => {
    const response = await fetch(`${edgeUrl}/api/v1/no-such-route`, { headers: { 'x-request-id': 'e2e-trace-1' } })
    expect(response.status).toBe(404)
    expect(response.headers.get('x-request-id')).toBe('e2e-trace-1')
    expect(response.headers.get('content-type')).toContain('application/problem+json')
    expect(await response.json()).toMatchObject({ status: 404, requestId: 'e2e-trace-1' })
  })

  it('answers an API path no route serves with a problem, never the web app’s HTML page', async () => {
    const response = await fetch(`${edgeUrl}/api/index.html`)
    expect(response.status).toBe(404)
    expect(response.headers.get('content-type')).toContain('application/problem+json')
  })

  it('refuses a method NGINX does not serve (TRACE) with 405 problem+json, also on a .json path', async () => {
    const answer = await new Promise<{ status?: number; type?: string; allow?: string; body: string }>(
      (resolve, reject) => {
        request(`${edgeUrl}/api/v1/auth/.well-known/jwks.json`, { method: 'TRACE' }, (response) => {
          let body = ''
          response.on('data', (chunk) => (body += chunk))
          const { 'content-type': type, allow } = response.headers
          response.on('end', () => resolve({ status: response.statusCode, type, allow, body }))
        })
          .on('error', reject)
          .end()
      },
    )
    expect(answer.status).toBe(405)
    expect(answer.type).toBe('application/problem+json')
    expect(JSON.parse(answer.body)).toMatchObject({
      status: 405,
      title: 'Method Not Allowed',
      code: 'method-not-allowed',
    })
    expect(answer.allow).toBe('GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS')
  })
})

describe('every process', () => {
  for (const [name, url] of Object.entries(processes)) {
    it(`${name} is live and ready`, async () => {
      expect((await fetch(`${url}/health`)).status).toBe(200)
      const ready = await fetch(`${url}/ready`)
      expect(await ready.json()).toMatchObject({ status: 'ready', down: [] })
      expect(ready.status).toBe(200)
    })
  }
})

describe('the edge', () => {
  it('keeps the load balancer’s status and metrics away from clients', async () => {
    for (const path of ['/lb/status', '/lb/metrics']) {
      const response = await fetch(`${edgeUrl}${path}`)
      expect(response.status).toBe(404)
      expect(response.headers.get('content-type')).toContain('application/problem+json')
    }
  })
})
