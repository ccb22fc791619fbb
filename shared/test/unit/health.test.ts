import { afterEach, describe, expect, it } from 'vitest'
import { type App, createApp } from '../../src/http/create-app.ts'
import { healthPlugin } from '../../src/http/health.ts'

let app: App

async function build(
  checks: Record<string, () => Promise<unknown>>,
  optionalChecks: Record<string, () => Promise<unknown>> = {},
) {
  app = createApp({ service: 'test-service', logLevel: 'silent' })
  await app.register(healthPlugin, { service: 'test-service', checks, optionalChecks, checkTimeoutMs: 100 })
  return app
}

afterEach(() => app?.close())

describe('health plugin', () => {
  it('answers liveness without asking dependencies', async () => {
    const response = await (await build({ postgres: () => Promise.reject(new Error('down')) })).inject('/health')
    expect(response.statusCode).toBe(200)
    expect(response.json()).toMatchObject({ status: 'ok', service: 'test-service' })
  })

  it('is ready when every check passes', async () => {
    const response = await (await build({ postgres: async () => 1, kafka: async () => 1 })).inject('/ready')
    expect(response.statusCode).toBe(200)
    expect(response.json()).toEqual({
      status: 'ready',
      service: 'test-service',
      checks: { postgres: { status: 'up' }, kafka: { status: 'up' } },
      down: [],
      degraded: [],
    })
  })

  it('names each dependency that is down or too slow', async () => {
    const never = () => new Promise(() => {})
    const response = await (
      await build({
        postgres: async () => 1,
        kafka: () => Promise.reject(new Error('connection refused')),
        redis: never,
      })
    ).inject('/ready')
    expect(response.statusCode).toBe(503)
    const body = response.json()
    expect(body.down).toEqual(['kafka', 'redis'])
    expect(body.checks.kafka).toEqual({ status: 'down', error: 'connection refused' })
    expect(body.checks.redis.error).toMatch(/no answer within 100 ms/)
  })

  it('serves degraded while only an optional dependency is down', async () => {
    const response = await (
      await build({ postgres: async () => 1 }, { redis: () => Promise.reject(new Error('connection refused')) })
    ).inject('/ready')
    expect(response.statusCode).toBe(200)
    expect(response.json()).toMatchObject({ status: 'degraded', down: [], degraded: ['redis'] })
  })
})
