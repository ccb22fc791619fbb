import { once } from 'node:events'
import type { App } from '@focushub/shared'
import { Redis } from 'ioredis'

/**
 * The Redis connection on the request path (rate-limit counters, refused accounts). Without an
 * offline queue a command fails at once while Redis is down, instead of holding the request
 * until a reconnect; the gateway then applies its configured outage policy.
 */
export async function openEdgeRedis(app: App, url: string): Promise<Redis> {
  const redis = new Redis(url, {
    connectionName: `${app.serviceName}-edge`,
    connectTimeout: 1000,
    commandTimeout: 500,
    maxRetriesPerRequest: 0,
    enableOfflineQueue: false,
    // Commands of concurrent requests share one write: fewer syscalls per request under load.
    enableAutoPipelining: true,
    retryStrategy: (attempt) => Math.min(attempt * 100, 1000),
  })
  redis.on('error', (err) => app.log.debug({ err: err.message }, 'edge redis unavailable'))
  app.addHook('onClose', async () => {
    await redis.quit().catch(() => redis.disconnect())
  })
  await Promise.race([
    once(redis, 'ready').catch(() => undefined),
    new Promise((resolve) => setTimeout(resolve, 1000).unref()),
  ])
  return redis
}
