import { createServer } from 'node:net'
import { type App, createApp } from '@focushub/shared/http'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { bearer, startGateway, startJwks } from './support.ts'

let jwks: Awaited<ReturnType<typeof startJwks>>
let gateway: App
const upstreams: App[] = []
const seen: Array<{ url: string; authorization?: string; requestId?: string }> = []

/** A service stand-in answering every GET with its path, after `delayMs`. */
async function startService(delayMs = 0) {
  const app = createApp({ service: 'stand-in', logLevel: 'silent' })
  app.get('/*', async (request) => {
    seen.push({
      url: request.url,
      authorization: request.headers.authorization,
      requestId: request.headers['x-request-id'] as string,
    })
    await new Promise((resolve) => setTimeout(resolve, delayMs))
    return { items: [{ from: request.url }], nextCursor: null }
  })
  await app.listen({ port: 0, host: '127.0.0.1' })
  upstreams.push(app)
  return `http://127.0.0.1:${(app.server.address() as { port: number }).port}`
}

/** An address nothing listens on: a port taken, then freed. */
async function stoppedService() {
  const server = createServer().listen(0, '127.0.0.1')
  await new Promise((resolve) => server.once('listening', resolve))
  const { port } = server.address() as { port: number }
  await new Promise((resolve) => server.close(resolve))
  return `http://127.0.0.1:${port}`
}

beforeAll(async () => {
  jwks = await startJwks()
  gateway = await startGateway({
    ...jwks.env,
    AUTH_SERVICE_URL: await startService(),
    TASK_SERVICE_URL: await startService(),
    FOCUS_SERVICE_URL: await startService(2000),
    HABIT_SERVICE_URL: await stoppedService(),
    DASHBOARD_DEADLINE_MS: '400',
  })
})

afterAll(async () => {
  await gateway?.close()
  await Promise.all(upstreams.map((app) => app.close()))
  await jwks?.close()
})

describe('GET /api/v1/dashboard', () => {
  it('answers 200 with the sections that came back, marking a slow and a stopped service unavailable', async () => {
    const token = await jwks.sign()
    const response = await gateway.inject({
      url: '/api/v1/dashboard',
      headers: { ...bearer(token), 'x-request-id': 'dashboard-test-1' },
    })
    expect(response.statusCode).toBe(200)
    const body = response.json()
    expect(body.tasks).toEqual({
      status: 'ok',
      data: {
        dueToday: { items: [{ from: '/tasks?dueToday=true&limit=50' }], nextCursor: null },
        overdue: { items: [{ from: '/tasks?overdue=true&limit=50' }], nextCursor: null },
      },
    })
    // Answered at the deadline, not when the slow service was (how soon: bench/gateway/dashboard.ts).
    expect(body.focus).toEqual({ status: 'unavailable', reason: 'timeout' })
    expect(body.habits).toEqual({ status: 'unavailable', reason: 'ECONNREFUSED' })
    expect(body.achievements.status).toBe('unavailable')
    const taskCalls = seen.filter((call) => call.url.startsWith('/tasks'))
    expect(taskCalls.every((call) => call.authorization === `Bearer ${token}`)).toBe(true)
    expect(taskCalls.every((call) => call.requestId === 'dashboard-test-1')).toBe(true)
  })

  it('needs an access token', async () => {
    const response = await gateway.inject({ url: '/api/v1/dashboard' })
    expect(response.statusCode).toBe(401)
    expect(response.headers['content-type']).toContain('application/problem+json')
  })
})
