import { type App, createApp, healthPlugin, openKafka, openRedis, redisCheck } from '@focushub/shared'
import type { Config } from './config.ts'
import { healthRoutes } from './modules/health/health.routes.ts'
import { probeService } from './modules/health/health.service.ts'
import { proxyPlugin } from './plugins/proxy.ts'
import { serviceUrls } from './upstreams.ts'

export async function buildApp(config: Config): Promise<App> {
  const app = createApp({ service: 'gateway', logLevel: config.LOG_LEVEL })
  const services = serviceUrls(config)
  const kafka = openKafka(app, config.KAFKA_BROKERS)
  const redis = openRedis(app, config.REDIS_URL)
  const upstreamChecks = Object.fromEntries(
    Object.entries(services).map(([name, url]) => [
      name,
      async () => {
        const health = await probeService(url, 1500)
        if (health.status === 'down') throw new Error(health.error)
      },
    ]),
  )
  await app.register(healthPlugin, {
    service: 'gateway',
    checks: { redis: redisCheck(redis), kafka: kafka.check, ...upstreamChecks },
  })
  await app.register(healthRoutes, { services, instance: `${config.HOST}:${config.GATEWAY_PORT}` })
  await app.register(proxyPlugin, { services, timeoutMs: config.UPSTREAM_TIMEOUT_MS })
  return app
}
