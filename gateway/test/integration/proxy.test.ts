import { type App, createApp } from '@focushub/shared'
import { closedAddress } from '@focushub/shared/testing'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildApp } from '../../src/app.ts'
import { loadGatewayConfig } from '../../src/config.ts'

interface Seen {
  url: string
  headers: Record<string, unknown>
  body: unknown
}

const seen: Seen[] = []
let upstream: App
let gateway: App

/** A real HTTP upstream on port 0 that records what reached it. */
async function startUpstream() {
  const app = createApp({ service: 'upstream', logLevel: 'silent' })
  app.all('/*', async (request) => {
    seen.push({ url: request.url, headers: request.headers, body: request.body })
    if (request.url.startsWith('/focus/slow')) await new Promise((resolve) => setTimeout(resolve, 1500))
    return { ok: true, url: request.url }
  })
  app.get('/ready', async () => ({ status: 'ready' }))
  await app.listen({ port: 0, host: '127.0.0.1' })
  const { port } = app.server.address() as { port: number }
  return { app, url: `http://127.0.0.1:${port}` }
}

beforeAll(async () => {
  const started = await startUpstream()
  upstream = started.app
  gateway = await buildApp(
    loadGatewayConfig({
      ...process.env,
      LOG_LEVEL: 'silent',
      AUTH_SERVICE_URL: started.url,
      TASK_SERVICE_URL: started.url,
      FOCUS_SERVICE_URL: started.url,
      HABIT_SERVICE_URL: `http://${closedAddress}`,
      UPSTREAM_TIMEOUT_MS: '500',
    }),
  )
})

afterAll(async () => {
  await gateway?.close()
  await upstream?.close()
})

describe('gateway routing to real upstreams', () => {
  it('strips /api/v1, keeps the query and passes the request id on', async () => {
    const response = await gateway.inject({ url: '/api/v1/tasks?status=todo', headers: { 'x-request-id': 'req-42' } })
    expect(response.statusCode).toBe(200)
    expect(response.json()).toEqual({ ok: true, url: '/tasks?status=todo' })
    expect(response.headers['x-request-id']).toBe('req-42')
    expect(seen.at(-1)?.headers['x-request-id']).toBe('req-42')
  })

  it('routes every public prefix to its service', async () => {
    for (const path of ['/auth/login', '/admin/users', '/projects', '/labels', '/focus/goal']) {
      const response = await gateway.inject({ url: `/api/v1${path}` })
      expect(response.json().url).toBe(path)
    }
  })

  it('passes a body through unchanged', async () => {
    const response = await gateway.inject({ method: 'POST', url: '/api/v1/projects', payload: { name: 'Home' } })
    expect(response.statusCode).toBe(200)
    expect(seen.at(-1)?.body).toEqual({ name: 'Home' })
  })

  it('never forwards client-sent x-user-* headers', async () => {
    await gateway.inject({ url: '/api/v1/tasks', headers: { 'x-user-id': 'someone-else', 'X-User-Role': 'admin' } })
    const headers = Object.keys(seen.at(-1)?.headers ?? {})
    expect(headers.filter((name) => name.startsWith('x-user-'))).toEqual([])
  })

  it('answers 502 problem+json when a service is unreachable', async () => {
    const response = await gateway.inject({ url: '/api/v1/habits' })
    expect(response.statusCode).toBe(502)
    expect(response.headers['content-type']).toContain('application/problem+json')
    expect(response.json()).toMatchObject({ status: 502, detail: 'habit-service is unreachable' })
  })

  it('answers 504 problem+json when a service is too slow', async () => {
    const response = await gateway.inject({ url: '/api/v1/focus/slow' })
    expect(response.statusCode).toBe(504)
    expect(response.json()).toMatchObject({ status: 504, detail: 'focus-service did not answer in time' })
  })

  it('answers an unknown path with a 404 problem', async () => {
    const response = await gateway.inject({ url: '/api/v1/nothing-here' })
    expect(response.statusCode).toBe(404)
    expect(response.headers['content-type']).toContain('application/problem+json')
  })
})

describe('chain health', () => {
  it('reports each service and answers 503 naming the one that is down', async () => {
    const response = await gateway.inject({ url: '/api/v1/health' })
    expect(response.statusCode).toBe(503)
    const body = response.json()
    expect(body.status).toBe('down')
    expect(body.gateway.status).toBe('up')
    expect(body.services['task-service']).toEqual({ status: 'up' })
    expect(body.services['habit-service'].status).toBe('down')
  })

  it('reports the gateway not ready while a service is down', async () => {
    const response = await gateway.inject({ url: '/ready' })
    expect(response.statusCode).toBe(503)
    expect(response.json().down).toEqual(['habit-service'])
  })
})
