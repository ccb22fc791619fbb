import { redisUserOf } from '@focushub/shared/config'
import { createRedis, type RedisUser } from '@focushub/shared/redis'
import { stackRedis } from '@focushub/shared/testing'
import { afterAll, describe, expect, it } from 'vitest'
import { loadServiceConfig } from '../auth-service/src/config.ts'
import { loadGatewayConfig } from '../gateway/src/config.ts'
import { loadBalancerConfig } from '../load-balancer/src/config.ts'
import { edgeUrl } from './stack.ts'

/**
 * The running stack's Redis and load balancer accept no caller without credentials: Redis's
 * default user is off and each component's user reaches only its own keys; the balancer's admin
 * routes answer only its loopback admin listener, with its token, and never through NGINX.
 */

const gateway = loadGatewayConfig()
const auth = loadServiceConfig()
const connections: ReturnType<typeof createRedis>[] = []

function connect(name: string, user?: RedisUser) {
  const redis = createRedis(gateway.REDIS_URL, `e2e-${name}`, { user })
  redis.on('error', () => {})
  connections.push(redis)
  return redis
}

afterAll(async () => {
  await Promise.all(connections.map((redis) => redis.quit().catch(() => redis.disconnect())))
})

describe('Redis', () => {
  it('refuses a connection that does not sign in, and the default user', async () => {
    await expect(connect('anonymous').get('focushub:gateway:anything')).rejects.toThrow(/NOAUTH/)
    await expect(connect('default', { username: 'default', password: 'x' }).ping()).rejects.toThrow(/WRONGPASS/)
  })

  it('refuses a wrong password', async () => {
    const user = { ...redisUserOf(gateway, 'GATEWAY'), password: 'not-the-password' }
    await expect(connect('wrong', user).ping()).rejects.toThrow(/WRONGPASS/)
  })

  it('holds each component to its own keys and channels and to data commands', async () => {
    const asGateway = connect('gateway', redisUserOf(gateway, 'GATEWAY'))
    const asAuth = connect('auth', redisUserOf(auth, 'AUTH'))
    const key = `e2e:${Date.now()}`
    expect(await asGateway.set(`focushub:gateway:${key}`, '1', 'EX', 60)).toBe('OK')
    expect(await asAuth.set(`focushub:auth:${key}`, '1', 'EX', 60)).toBe('OK')
    await expect(asGateway.get(`focushub:auth:${key}`)).rejects.toThrow(/NOPERM/)
    await expect(asGateway.set(`focushub:auth:${key}`, 'forged')).rejects.toThrow(/NOPERM/)
    await expect(asAuth.get(`focushub:gateway:${key}`)).rejects.toThrow(/NOPERM/)
    await expect(asAuth.del(`focushub:gateway:${key}`)).rejects.toThrow(/NOPERM/)
    await expect(asGateway.get(`other:${key}`)).rejects.toThrow(/NOPERM/)
    await expect(asAuth.publish('focushub:gateway:live:events', 'forged')).rejects.toThrow(/NOPERM/)
    for (const redis of [asGateway, asAuth]) {
      await expect(redis.keys('*')).rejects.toThrow(/NOPERM/)
      await expect(redis.flushall()).rejects.toThrow(/NOPERM/)
      await expect(redis.config('GET', 'requirepass')).rejects.toThrow(/NOPERM/)
      await expect(redis.call('ACL', 'LIST')).rejects.toThrow(/NOPERM/)
    }
    const admin = stackRedis('e2e-stack')
    connections.push(admin)
    expect(await admin.del(`focushub:gateway:${key}`, `focushub:auth:${key}`)).toBe(2)
  })
})

describe('the load balancer’s admin routes', () => {
  const balancer = loadBalancerConfig()
  const admin = `http://127.0.0.1:${balancer.LB_ADMIN_PORT}`
  const routes = [
    ['GET', '/lb/status'],
    ['GET', '/lb/metrics'],
    ['PUT', '/lb/upstreams'],
  ]

  it('refuse a request without the admin token, or with another one', async () => {
    for (const authorization of [undefined, 'Bearer not-the-admin-token', balancer.LB_ADMIN_TOKEN]) {
      for (const [method, path] of routes) {
        const response = await fetch(`${admin}${path}`, {
          method,
          headers: authorization ? { authorization } : {},
          body: method === 'PUT' ? 'http://127.0.0.1:1' : undefined,
        })
        expect(response.status, `${method} ${path}`).toBe(401)
        expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/)
      }
    }
    const status = await fetch(`${admin}/lb/status`, {
      headers: { authorization: `Bearer ${balancer.LB_ADMIN_TOKEN}` },
    })
    expect(status.status).toBe(200)
  })

  it('are not served through NGINX, with or without the token', async () => {
    for (const [method, path] of routes) {
      for (const headers of [{}, { authorization: `Bearer ${balancer.LB_ADMIN_TOKEN}` }]) {
        const response = await fetch(`${edgeUrl}${path}`, { method, headers })
        expect(response.status, `${method} ${path}`).toBe(404)
      }
    }
  })
})
