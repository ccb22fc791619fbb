import { createHash, randomUUID } from 'node:crypto'
import { type App, createApp } from '@focushub/shared/http'
import type { Redis } from 'ioredis'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  allServicesAt,
  bearer,
  gatewayRedis,
  metricValue,
  startGateway,
  startJwks,
  testRedisPrefix,
} from './support.ts'

let upstream: App
let jwks: Awaited<ReturnType<typeof startJwks>>
const gateways: App[] = []
/** A replica that waits only 300 ms for a request still running with a key. */
let impatient: App
let redis: Redis
const prefix = testRedisPrefix()
let executed = 0
let failuresLeft = 0

/** A task-service stand-in: every POST it executes mints a new id; /tasks/slow takes 800 ms, /tasks/slower 1500 ms, /tasks/flaky fails once. */
async function startCountingUpstream() {
  const app = createApp({ service: 'upstream', logLevel: 'silent' })
  app.post('/tasks/:kind', async (request, reply) => {
    executed++
    const { kind } = request.params as { kind: string }
    if (kind === 'slow') await new Promise((resolve) => setTimeout(resolve, 800))
    if (kind === 'slower') await new Promise((resolve) => setTimeout(resolve, 1500))
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
    IDEMPOTENCY_REDIS_PREFIX: prefix, // one store for every replica
    IDEMPOTENCY_CLAIM_MS: '1000',
    ...allServicesAt(`http://127.0.0.1:${(upstream.server.address() as { port: number }).port}`),
  }
  for (let i = 0; i < 2; i++) gateways.push(await startGateway(env))
  impatient = await startGateway({ ...env, IDEMPOTENCY_WAIT_MS: '300' })
  redis = gatewayRedis('idempotency-test')
})

afterAll(async () => {
  await Promise.all([...gateways, impatient].map((gateway) => gateway?.close()))
  await redis?.quit()
  await upstream?.close()
  await jwks?.close()
})

const outcomes = (gateway: App, outcome: string) =>
  metricValue(gateway, 'gateway_idempotency_outcomes_total', { outcome })

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
    const claimed = await outcomes(gateways[0], 'claimed')
    const replayed = await outcomes(gateways[1], 'replayed')
    const first = await post(gateways[0], 'plain', { token, key })
    const retry = await post(gateways[1], 'plain', { token, key })
    expect(await outcomes(gateways[0], 'claimed')).toBe(claimed + 1)
    expect(await outcomes(gateways[1], 'replayed')).toBe(replayed + 1)
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
    const mismatched = await outcomes(gateways[0], 'mismatch')
    const other = await post(gateways[0], 'plain', { token, key, body: { title: 'two' } })
    expect(other.statusCode).toBe(422)
    expect(await outcomes(gateways[0], 'mismatch')).toBe(mismatched + 1)
    expect(other.headers['content-type']).toContain('application/problem+json')
    expect(other.json()).toMatchObject({ status: 422, type: 'https://focushub.dev/problems/idempotency-key-reused' })
  })

  it('answers a retry sent while the first request runs with its answer, once it has one', async () => {
    const token = await jwks.sign()
    const key = randomUUID()
    const before = executed
    const waited = await outcomes(gateways[1], 'waited')
    const first = post(gateways[0], 'slow', { token, key })
    await new Promise((resolve) => setTimeout(resolve, 200))
    const concurrent = await post(gateways[1], 'slow', { token, key })
    expect(concurrent.statusCode).toBe(201)
    expect(await outcomes(gateways[1], 'waited')).toBe(waited + 1)
    expect(concurrent.headers['idempotent-replayed']).toBe('true')
    expect(concurrent.json()).toEqual((await first).json())
    expect(executed - before).toBe(1)
  })

  it('answers 409 with Retry-After when the first request outlasts the wait', async () => {
    const token = await jwks.sign()
    const key = randomUUID()
    const inUse = await outcomes(impatient, 'in_use')
    const first = post(gateways[0], 'slow', { token, key })
    await new Promise((resolve) => setTimeout(resolve, 200))
    const concurrent = await post(impatient, 'slow', { token, key })
    expect(concurrent.statusCode).toBe(409)
    expect(await outcomes(impatient, 'in_use')).toBe(inUse + 1)
    expect(concurrent.headers['retry-after']).toBe('1')
    expect((await first).statusCode).toBe(201)
  })

  it('keeps a running request’s claim past its lease, and lets a retry take over the claim of a gateway that died', async () => {
    const token = await jwks.sign()
    const user = JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString()).sub as string
    // The claim outlives its 1 s lease only because its gateway renews it.
    const key = randomUUID()
    const before = executed
    const slow = post(gateways[0], 'slower', { token, key })
    await new Promise((resolve) => setTimeout(resolve, 1200))
    expect(await redis.pttl(`${prefix}${user}:${key}`)).toBeGreaterThan(0)
    expect((await slow).statusCode).toBe(201)
    expect(executed - before).toBe(1)

    // A claim no gateway renews (its holder was killed): the retry waits for it to lapse, then runs.
    const orphan = randomUUID()
    const body = JSON.stringify({ title: 'Write the report' })
    const fingerprint = createHash('sha256').update('POST /api/v1/tasks/plain\n').update(body).digest('hex')
    await redis.set(`${prefix}${user}:${orphan}`, JSON.stringify({ fingerprint, holder: 'killed' }), 'PX', 1000)
    const started = Date.now()
    const retry = await post(gateways[1], 'plain', { token, key: orphan })
    expect(retry.statusCode).toBe(201)
    expect(retry.headers['idempotent-replayed']).toBeUndefined()
    expect(Date.now() - started).toBeGreaterThanOrEqual(500)
    expect(executed - before).toBe(2)
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
