import type { Server } from 'node:http'
import type { FastifyInstance } from 'fastify'
import fp from 'fastify-plugin'
import type { MetricsConfig } from './config.ts'
import { httpMetricsPlugin } from './http-metrics.ts'
import { closeMetricsListener, openMetricsListener } from './listener.ts'
import { createMetricsRegistry, type Registry, unnamedInstance } from './registry.ts'

declare module 'fastify' {
  interface FastifyInstance {
    /**
     * The process's metrics registry (metricsPlugin; every service has it through openServiceBackbone).
     * Code that counts outside a request (a job, a consumer) is handed it where it is created.
     */
    metrics: Registry
  }
}

/** The plugin's name, for the plugins that count in `app.metrics` to declare it as their dependency. */
export const metricsPluginName = 'focushub-metrics'

/**
 * The app's metrics: its registry (`app.metrics`), RED per route, and with METRICS_PORT its own
 * /metrics listener, open once the app is ready and closed with it. Registered before the routes it counts.
 */
export const metricsPlugin = fp(
  async (app: FastifyInstance, options: { service: string; config: MetricsConfig }) => {
    const { config } = options
    const listening = config.METRICS_PORT > 0
    const registry = createMetricsRegistry({
      service: options.service,
      instance: config.METRICS_INSTANCE || unnamedInstance(),
      processMetrics: listening,
    })
    app.decorate('metrics', registry)
    await app.register(httpMetricsPlugin, { registry })
    if (!listening) return
    let listener: Server | undefined
    app.addHook('onReady', async () => {
      listener = await openMetricsListener({
        registry,
        host: config.METRICS_HOST,
        port: config.METRICS_PORT,
        log: app.log,
      })
      app.log.info({ port: config.METRICS_PORT }, 'metrics listening')
    })
    app.addHook('onClose', async () => {
      if (listener) await closeMetricsListener(listener)
    })
  },
  { name: metricsPluginName },
)
