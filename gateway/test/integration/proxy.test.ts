import { randomUUID } from 'node:crypto'
import { type App, createApp } from '@focushub/shared/http'
import { closedAddress } from '@focushub/shared/testing'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { allServicesAt, bearer, metricValue, type Seen, startGateway, startJwks, startUpstream } from './support.ts'

const seen: Seen[] = []
let upstream: App
let jwks: Awaited<ReturnType<typeof startJwks>>
let gateway: App
let auth: Record<string, string>

beforeAll(async () => {
  const started = await startUpstream(seen)
  upstream = started.app
  jwks = await startJwks()
  auth = bearer(await jwks.sign())
  gateway = await startGateway({
    AUTH_JWKS_URL: jwks.jwksUrl,
    AUTH_SERVICE_URL: started.url,
    TASK_SERVICE_URL: started.url,
    FOCUS_SERVICE_URL: started.url,
    HABIT_SERVICE_URL: `http://${closedAddress}`,
    NOTIFICATION_SERVICE_URL: started.url,
    SOCIAL_SERVICE_URL: started.url,
    UPSTREAM_TIMEOUT_MS: '500',
    UPSTREAM_FAILURE_THRESHOLD: '3',
    UPSTREAM_OPEN_MS: '60000',
    BODY_LIMIT_AUTH_BYTES: '16384',
    BODY_LIMIT_BYTES: '65536',
  })
})

afterAll(async () => {
  await gateway?.close()
  await upstream?.close()
  await jwks?.app.close()
})

describe('gateway routing to real upstreams', () => {
  it('strips /api/v1, keeps the query, passes the token and the request id on', async () => {
    const response = await gateway.inject({
      url: '/api/v1/tasks?status=todo',
      headers: { ...auth, 'x-request-id': 'req-42' },
    })
    expect(response.statusCode).toBe(200)
    expect(response.json()).toEqual({ ok: true, url: '/tasks?status=todo' })
    expect(response.headers['x-request-id']).toBe('req-42')
    expect(seen.at(-1)?.headers['x-request-id']).toBe('req-42')
    expect(seen.at(-1)?.headers.authorization).toBe(auth.authorization)
  })

  it('mints a request id when the caller sends none or a malformed one, and passes it on', async () => {
    const response = await gateway.inject({ url: '/api/v1/tasks', headers: { ...auth, 'x-request-id': 'bad id!' } })
    const minted = response.headers['x-request-id']
    expect(minted).toMatch(/^[0-9a-f-]{36}$/)
    expect(seen.at(-1)?.headers['x-request-id']).toBe(minted)
  })

  it('routes every public prefix to its service', async () => {
    for (const path of ['/auth/me', '/admin/users', '/projects', '/labels', '/focus/goal']) {
      const response = await gateway.inject({ url: `/api/v1${path}`, headers: auth })
      expect(response.json().url).toBe(path)
    }
  })

  it('passes a body through unchanged', async () => {
    const response = await gateway.inject({
      method: 'POST',
      url: '/api/v1/projects',
      headers: auth,
      payload: { name: 'Home' },
    })
    expect(response.statusCode).toBe(200)
    expect(seen.at(-1)?.body).toEqual({ name: 'Home' })
  })

  it('never forwards client-sent x-user-* headers', async () => {
    await gateway.inject({
      url: '/api/v1/tasks',
      headers: { ...auth, 'x-user-id': 'someone-else', 'X-User-Role': 'admin' },
    })
    const headers = Object.keys(seen.at(-1)?.headers ?? {})
    expect(headers.filter((name) => name.startsWith('x-user-'))).toEqual([])
  })

  it('answers 504 problem+json when a service is too slow', async () => {
    const response = await gateway.inject({ url: '/api/v1/focus/slow', headers: auth })
    expect(response.statusCode).toBe(504)
    expect(response.json()).toMatchObject({ status: 504, detail: 'focus-service did not answer in time' })
  })

  it("passes a service's own 503 (Retry-After) on at once, without asking again", async () => {
    const before = seen.length
    const response = await gateway.inject({ url: '/api/v1/tasks/unavailable', headers: auth })
    expect(response.statusCode).toBe(503)
    expect(response.headers['retry-after']).toBe('5')
    expect(response.headers['content-type']).toContain('application/problem+json')
    expect(seen.length - before).toBe(1)
  })

  it('asks again when a replica shutting down answers a GET with a bare 503', async () => {
    const before = seen.length
    const response = await gateway.inject({ url: '/api/v1/tasks/draining', headers: auth })
    expect(response.statusCode).toBe(200)
    expect(seen.length - before).toBe(2)
  })

  it('answers an unknown path with a 404 problem', async () => {
    const response = await gateway.inject({ url: '/api/v1/nothing-here' })
    expect(response.statusCode).toBe(404)
    expect(response.headers['content-type']).toContain('application/problem+json')
  })
})

describe('body limits', () => {
  it('refuses a declared body over the auth limit with 413 problem+json, before the service sees it', async () => {
    const before = seen.length
    const response = await gateway.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { email: 'a@example.com', password: 'x'.repeat(20_000) },
    })
    expect(response.statusCode).toBe(413)
    expect(response.headers['content-type']).toContain('application/problem+json')
    expect(response.json()).toMatchObject({ status: 413, detail: 'The request body exceeds 16384 bytes' })
    expect(seen.length).toBe(before)
  })

  it('lets the larger general limit through elsewhere and refuses above it', async () => {
    const fits = await gateway.inject({
      method: 'POST',
      url: '/api/v1/projects',
      headers: { ...auth, 'content-type': 'application/octet-stream' },
      payload: Buffer.alloc(40_000),
    })
    expect(fits.statusCode).toBe(200)
    const tooBig = await gateway.inject({
      method: 'POST',
      url: '/api/v1/projects',
      headers: { ...auth, 'content-type': 'application/octet-stream' },
      payload: Buffer.alloc(70_000),
    })
    expect(tooBig.statusCode).toBe(413)
  })

  it('cuts off a chunked body (no Content-Length) once it passes the limit', async () => {
    await gateway.listen({ port: 0, host: '127.0.0.1' })
    const { port } = gateway.server.address() as { port: number }
    const body = new ReadableStream({
      start(controller) {
        for (let i = 0; i < 10; i++) controller.enqueue(new Uint8Array(10_000))
        controller.close()
      },
    })
    const response = await fetch(`http://127.0.0.1:${port}/api/v1/projects`, {
      method: 'POST',
      headers: { ...auth, 'content-type': 'application/octet-stream' },
      body,
      duplex: 'half',
    } as RequestInit)
    expect(response.status).toBe(413)
    expect(response.headers.get('content-type')).toContain('application/problem+json')
  })
})

describe('an upstream that is down', () => {
  it('answers 502 while connections fail, then 503 with Retry-After once its circuit opens', async () => {
    const circuit = { upstream: 'habit-service' }
    expect(await metricValue(gateway, 'gateway_upstream_circuit_state', circuit)).toBe(0)
    expect(await metricValue(gateway, 'gateway_upstream_circuit_opened_total', circuit)).toBe(0)
    const statuses: number[] = []
    for (let i = 0; i < 3; i++) {
      const response = await gateway.inject({ url: '/api/v1/habits', headers: auth })
      expect(response.headers['content-type']).toContain('application/problem+json')
      statuses.push(response.statusCode)
      if (i === 0) expect(response.json()).toMatchObject({ status: 502, detail: 'habit-service is unreachable' })
    }
    expect(statuses).toEqual([502, 502, 502])
    const open = await gateway.inject({ url: '/api/v1/achievements', headers: auth })
    expect(open.statusCode).toBe(503)
    expect(open.headers['retry-after']).toBe('60')
    expect(open.json()).toMatchObject({ status: 503, detail: 'habit-service is down; try again shortly' })
    expect(await metricValue(gateway, 'gateway_upstream_circuit_state', circuit)).toBe(2)
    expect(await metricValue(gateway, 'gateway_upstream_circuit_opened_total', circuit)).toBe(1)
    expect(await metricValue(gateway, 'gateway_upstream_circuit_state', { upstream: 'task-service' })).toBe(0)
  })

  it('keeps the other services reachable', async () => {
    expect((await gateway.inject({ url: '/api/v1/tasks', headers: auth })).statusCode).toBe(200)
  })
})

/**
 * A replica killed under its first call of each path: it reads the request, then drops the connection
 * without an answer (closed, or reset on /…/reset); the next call of that path gets 201 and its body back.
 */
async function startDyingUpstream(seen: Seen[]) {
  const app = createApp({ service: 'upstream', logLevel: 'silent' })
  app.all('/*', async (request, reply) => {
    seen.push({ url: request.url, headers: request.headers, body: request.body })
    if (seen.filter((s) => s.url === request.url).length > 1) return reply.code(201).send({ body: request.body })
    reply.hijack()
    if (request.url.includes('/reset')) request.raw.socket.resetAndDestroy()
    else request.raw.socket.destroy()
  })
  await app.listen({ port: 0, host: '127.0.0.1' })
  return app
}

describe('a replica killed under a call', () => {
  const attempts: Seen[] = []
  let dying: App
  let dyingGateway: App
  const attemptsAt = (path: string) => attempts.filter((s) => s.url === path)

  beforeAll(async () => {
    dying = await startDyingUpstream(attempts)
    const { port } = dying.server.address() as { port: number }
    dyingGateway = await startGateway({ AUTH_JWKS_URL: jwks.jwksUrl, ...allServicesAt(`http://127.0.0.1:${port}`) })
  })

  afterAll(async () => {
    await dyingGateway?.close()
    await dying?.close()
  })

  it('sends a POST carrying Idempotency-Key again, with the same body', async () => {
    const response = await dyingGateway.inject({
      method: 'POST',
      url: '/api/v1/tasks/keyed',
      headers: { ...auth, 'idempotency-key': randomUUID() },
      payload: { title: 'Write the report' },
    })
    expect(response.statusCode).toBe(201)
    expect(response.json()).toEqual({ body: { title: 'Write the report' } })
    expect(attemptsAt('/tasks/keyed').map((s) => s.body)).toEqual([
      { title: 'Write the report' },
      { title: 'Write the report' },
    ])
  })

  it('never sends a POST without a key twice: the replica may have run it', async () => {
    const response = await dyingGateway.inject({
      method: 'POST',
      url: '/api/v1/tasks/unkeyed',
      headers: auth,
      payload: { title: 'Write the report' },
    })
    expect(response.statusCode).toBe(502)
    expect(response.headers['content-type']).toContain('application/problem+json')
    expect(attemptsAt('/tasks/unkeyed')).toHaveLength(1)
  })

  it('sends a GET again after a reset connection', async () => {
    const response = await dyingGateway.inject({ url: '/api/v1/tasks/reset', headers: auth })
    expect(response.statusCode).toBe(201)
    expect(attemptsAt('/tasks/reset')).toHaveLength(2)
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
