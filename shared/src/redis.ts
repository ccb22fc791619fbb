import { Redis } from 'ioredis'

/** Short timeouts: a Redis outage must fail fast, never hang a request. */
export function createRedis(url: string, connectionName: string): Redis {
  return new Redis(url, {
    connectionName,
    connectTimeout: 2000,
    commandTimeout: 1000,
    maxRetriesPerRequest: 1,
    retryStrategy: (attempt) => Math.min(attempt * 200, 2000),
  })
}

export function redisCheck(redis: Redis) {
  return () => redis.ping()
}
