import { createServer } from 'node:net'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { type App, createApp } from '../../src/http/create-app.ts'
import { createBackgroundJob } from '../../src/jobs/background-job.ts'
import { metricsPlugin } from '../../src/metrics/plugin.ts'
import { counterIn, createMetricsRegistry, type Registry } from '../../src/metrics/registry.ts'

const config = { METRICS_PORT: 0, METRICS_HOST: '127.0.0.1', METRICS_INSTANCE: 'unit-1' }

async function freePort() {
  const server = createServer()
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as { port: number }
  await new Promise((resolve) => server.close(resolve))
  return port
}

/** An app with the metrics plugin and three routes: one answering, one failing, one with a parameter. */
async function appWithRoutes(metricsPort = 0) {
  const app = createApp({ service: 'unit-service', logLevel: 'silent' })
  await app.register(metricsPlugin, { service: 'unit-service', config: { ...config, METRICS_PORT: metricsPort } })
  app.get('/items/:itemId', async () => ({ ok: true }))
  app.post('/items', async (_request, reply) => reply.code(201).send({ ok: true }))
  app.get('/broken', async () => {
    throw new Error('boom')
  })
  await app.ready()
  return app
}

/** The value of one series of a family, as the registry holds it. */
async function seriesValue(registry: Registry, name: string, labels: Record<string, string | number>) {
  const family = await registry.getSingleMetric(name)?.get()
  const series = family?.values.find((value) =>
    Object.entries(labels).every(([label, wanted]) => String(value.labels[label]) === String(wanted)),
  )
  return series?.value
}

let app: App | undefined
afterEach(async () => {
  await app?.close()
  app = undefined
})

describe('the RED plugin', () => {
  it('counts requests by route pattern, method and status, a 404 of the router as unmatched', async () => {
    app = await appWithRoutes()
    await app.inject({ method: 'GET', url: '/items/1' })
    await app.inject({ method: 'GET', url: '/items/2?fields=name' })
    await app.inject({ method: 'POST', url: '/items' })
    await app.inject({ method: 'GET', url: '/broken' })
    await app.inject({ method: 'GET', url: '/nowhere/7' })
    const registry = app.metrics
    const requests = (labels: Record<string, string | number>) => seriesValue(registry, 'http_requests_total', labels)
    expect(await requests({ method: 'GET', route: '/items/:itemId', status: 200 })).toBe(2)
    expect(await requests({ method: 'POST', route: '/items', status: 201 })).toBe(1)
    expect(await requests({ method: 'GET', route: '/broken', status: 500 })).toBe(1)
    expect(await requests({ method: 'GET', route: 'unmatched', status: 404 })).toBe(1)
    const routes = (await registry.getSingleMetric('http_requests_total')?.get())?.values.map((v) => v.labels.route)
    expect(routes).not.toContain('/items/1')
    expect(routes).not.toContain('/nowhere/7')
  })

  it('times each route in a histogram from 1 ms to 10 s', async () => {
    app = await appWithRoutes()
    await app.inject({ method: 'GET', url: '/items/1' })
    await app.inject({ method: 'GET', url: '/items/2' })
    const text = await app.metrics.getSingleMetricAsString('http_request_duration_seconds')
    expect(text).toContain('le="0.001"')
    expect(text).toContain('le="10"')
    expect(text).toMatch(/http_request_duration_seconds_count\{[^}]*method="GET",route="\/items\/:itemId"\} 2$/m)
    const sum = text.match(/http_request_duration_seconds_sum\{[^}]*route="\/items\/:itemId"\} (\S+)/)?.[1]
    expect(Number(sum)).toBeGreaterThan(0)
  })
})

describe('the exposition', () => {
  it('labels every series with the service and the instance, in the text format', async () => {
    app = await appWithRoutes()
    await app.inject({ method: 'GET', url: '/items/1' })
    const text = await app.metrics.metrics()
    expect(app.metrics.contentType).toMatch(/^text\/plain; version=0\.0\.4/)
    expect(text).toContain('# TYPE http_requests_total counter')
    expect(text).toContain(
      'http_requests_total{method="GET",route="/items/:itemId",status="200",service="unit-service",instance="unit-1"} 1',
    )
  })

  it('is served on the metrics listener only, with the process metrics, and stops with the app', async () => {
    const port = await freePort()
    app = await appWithRoutes(port)
    await app.inject({ method: 'GET', url: '/items/1' })
    const scrape = await fetch(`http://127.0.0.1:${port}/metrics`)
    expect(scrape.status).toBe(200)
    expect(scrape.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/)
    const text = await scrape.text()
    for (const family of [
      'process_cpu_seconds_total',
      'nodejs_heap_size_used_bytes',
      'nodejs_eventloop_lag_p99_seconds',
      'nodejs_gc_duration_seconds',
      'http_requests_total',
    ]) {
      expect(text).toContain(`# TYPE ${family} `)
    }
    expect((await fetch(`http://127.0.0.1:${port}/items/1`)).status).toBe(404)
    expect((await app.inject({ method: 'GET', url: '/metrics' })).statusCode).toBe(404)
    await app.close()
    app = undefined
    await expect(fetch(`http://127.0.0.1:${port}/metrics`)).rejects.toThrow()
  })
})

describe('families', () => {
  it('are declared once per registry however many times their code asks for them', () => {
    const registry = createMetricsRegistry({ service: 'unit-service', instance: 'unit-1', processMetrics: false })
    const first = counterIn(registry, { name: 'things_total', help: 'things' })
    expect(counterIn(registry, { name: 'things_total', help: 'things' })).toBe(first)
    const other = createMetricsRegistry({ service: 'unit-service', instance: 'unit-2', processMetrics: false })
    expect(counterIn(other, { name: 'things_total', help: 'things' })).not.toBe(first)
  })

  it('count and time the passes of a background job by outcome', async () => {
    const registry = createMetricsRegistry({ service: 'unit-service', instance: 'unit-1', processMetrics: false })
    const outcomes = [async () => 3, async () => Promise.reject(new Error('down')), async () => 0]
    let passes = 0
    const job = createBackgroundJob({
      name: 'unit sweep',
      intervalMs: 1,
      immediate: true,
      pass: () => outcomes[passes++]?.() ?? new Promise(() => {}),
      log: { info: vi.fn(), warn: vi.fn() },
      metrics: registry,
    })
    job.start()
    await vi.waitFor(() => expect(passes).toBe(4))
    expect(await seriesValue(registry, 'background_job_runs_total', { job: 'unit sweep', outcome: 'ok' })).toBe(2)
    expect(await seriesValue(registry, 'background_job_runs_total', { job: 'unit sweep', outcome: 'failed' })).toBe(1)
    const durations = await registry.getSingleMetricAsString('background_job_duration_seconds')
    expect(durations).toMatch(/background_job_duration_seconds_count\{[^}]*job="unit sweep"\} 3/)
  })
})
