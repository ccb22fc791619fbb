import { randomUUID } from 'node:crypto'
import { type App, createApp } from '@focushub/shared/http'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { allServicesAt, bearer, startGateway, startJwks, testRedisPrefix } from './support.ts'

let upstream: App
let jwks: Awaited<ReturnType<typeof startJwks>>
const gateways: App[] = []
let executed = 0
let failuresLeft = 0

/** A task-service stand-in: every POST it executes mints a new id; /tasks/slow takes 800 ms, /tasks/flaky fails once. */
async function startCountingUpstream() {
  const app = createApp({ service: 'upstream', logLevel: 'silent' })
  app.post('/tasks/:kind', async (request, reply) => {
    executed++
    const { kind } = request.params as { kind: string }
    if (kind === 'slow') await new Promise((resolve) => setTimeout(resolve, 800))
    if (kind === 'flaky' && failuresLeft-- > 0) return reply.code(500).send({ broken: true })
    return reply.code(201).header('location', `/tasks/${executed}`).send({ id: randomUUID(), body: request.body })
  })
  app.get('/ready', async () => ({ status: 'ready' }))
  await app.listen({ port: 0, host: '127.0.0.1' })
  return app
}

beforeAll(async () => {
  upstream = await startCountingUpstream()
  jwks = await startJwks()
  const env = {
    ...jwks.env,
    IDEMPOTENCY_REDIS_PREFIX: testRedisPrefix(), // one store for both replicas
    ...allServicesAt(`http://127.0.0.1:${(upstream.server.address() as { port: number }).port}`),
  }
  for (let i = 0; i < 2; i++) gateways.push(await startGateway(env))
})

afterAll(async () => {
  await Promise.all(gateways.map((gateway) => gateway.close()))
  await upstream?.close()
  await jwks?.close()
})

const post = async (gateway: App, path: string, options: { token: string; key?: string; body?: unknown }) =>
  gateway.inject({
    method: 'POST',
    url: `/api/v1/tasks/${path}`,
    headers: { ...bearer(options.token), ...(options.key ? { 'idempotency-key': options.key } : {}) },
    payload: (options.body ?? { title: 'Write the report' }) as Record<string, unknown>,
  })

describe('Idempotency-Key on POST', () => {
  it('answers a retry from the first answer, on any replica, without running it again', async () => {
    const token = await jwks.sign()
    const key = randomUUID()
    const before = executed
    const first = await post(gateways[0], 'plain', { token, key })
    const retry = await post(gateways[1], 'plain', { token, key })
    expect(first.statusCode).toBe(201)
    expect(retry.statusCode).toBe(201)
    expect(retry.json()).toEqual(first.json())
    expect(retry.headers.location).toBe(first.headers.location)
    expect(retry.headers['idempotent-replayed']).toBe('true')
    expect(first.headers['idempotent-replayed']).toBeUndefined()
    expect(executed - before).toBe(1)
  })

  it('runs every POST without a key, and keeps each user’s keys apart', async () => {
    const key = randomUUID()
    const before = executed
    await post(gateways[0], 'plain', { token: await jwks.sign() })
    await post(gateways[0], 'plain', { token: await jwks.sign() })
    const mine = await post(gateways[0], 'plain', { token: await jwks.sign(randomUUID()), key })
    const theirs = await post(gateways[0], 'plain', { token: await jwks.sign(randomUUID()), key })
    expect(executed - before).toBe(4)
    expect(theirs.json().id).not.toBe(mine.json().id)
  })

  it('refuses the same key for a different request with 422', async () => {
    const token = await jwks.sign()
    const key = randomUUID()
    await post(gateways[0], 'plain', { token, key, body: { title: 'one' } })
    const other = await post(gateways[0], 'plain', { token, key, body: { title: 'two' } })
    expect(other.statusCode).toBe(422)
    expect(other.headers['content-type']).toContain('application/problem+json')
    expect(other.json()).toMatchObject({ status: 422, type: 'https://focushub.dev/problems/idempotency-key-reused' })
  })

  it('answers 409 with Retry-After while the first request is still running', async () => {
    const token = await jwks.sign()
    const key = randomUUID()
    const first = post(gateways[0], 'slow', { token, key })
    await new Promise((resolve) => setTimeout(resolve, 200))
    const concurrent = await post(gateways[1], 'slow', { token, key })
    expect(concurrent.statusCode).toBe(409)
    expect(concurrent.headers['retry-after']).toBe('1')
    expect((await first).statusCode).toBe(201)
    expect((await post(gateways[1], 'slow', { token, key })).headers['idempotent-replayed']).toBe('true')
  })

  it('does not keep a 5xx answer: the retry runs again', async () => {
    const token = await jwks.sign()
    const key = randomUUID()
    failuresLeft = 1
    expect((await post(gateways[0], 'flaky', { token, key })).statusCode).toBe(500)
    const retry = await post(gateways[0], 'flaky', { token, key })
    expect(retry.statusCode).toBe(201)
    expect(retry.headers['idempotent-replayed']).toBeUndefined()
  })

  it('refuses a malformed key with 400 problem+json', async () => {
    const response = await post(gateways[0], 'plain', { token: await jwks.sign(), key: 'x'.repeat(256) })
    expect(response.statusCode).toBe(400)
    expect(response.json()).toMatchObject({ type: 'https://focushub.dev/problems/invalid-idempotency-key' })
  })
})
