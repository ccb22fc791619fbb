import { once } from 'node:events'
import { Redis, type RedisOptions } from 'ioredis'

/** The ACL user a connection authenticates as (each component has its own). */
export interface RedisUser {
  username: string
  password: string
}

export interface RedisConnectionOptions {
  user?: RedisUser
  /**
   * For the request path: no offline queue and no retries, so a command fails at once while Redis
   * is down instead of holding the request until a reconnect; the caller applies its outage policy.
   * Concurrent requests' commands share one write (auto-pipelining).
   */
  failFast?: boolean
}

const steady: RedisOptions = {
  connectTimeout: 2000,
  commandTimeout: 1000,
  maxRetriesPerRequest: 1,
  retryStrategy: (attempt) => Math.min(attempt * 200, 2000),
}

const failFast: RedisOptions = {
  connectTimeout: 1000,
  commandTimeout: 500,
  maxRetriesPerRequest: 0,
  enableOfflineQueue: false,
  enableAutoPipelining: true,
  retryStrategy: (attempt) => Math.min(attempt * 100, 1000),
}

/** Short timeouts: a Redis outage must fail fast, never hang a request. */
export function createRedis(url: string, connectionName: string, options: RedisConnectionOptions = {}): Redis {
  return new Redis(url, { connectionName, ...options.user, ...(options.failFast ? failFast : steady) })
}

/** Waits (a bounded time) for the first connection: without an offline queue, earlier commands fail. */
export async function redisConnected(redis: Redis, timeoutMs: number) {
  await Promise.race([
    once(redis, 'ready').catch(() => undefined),
    new Promise((resolve) => setTimeout(resolve, timeoutMs).unref()),
  ])
}

export function redisCheck(redis: Redis) {
  return () => redis.ping()
}
