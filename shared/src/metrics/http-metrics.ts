import type { FastifyInstance } from 'fastify'
import fp from 'fastify-plugin'
import { counterIn, histogramIn, type Registry } from './registry.ts'

/** From 1 ms to 10 s: a cached read to the slowest upstream call a request may wait for. */
export const requestDurationBuckets = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10]

/** The route label of a request no route matched (a 404 of the router): never its raw URL. */
export const unmatchedRoute = 'unmatched'

/**
 * Rate, errors and duration per route: `http_requests_total{method,route,status}` and
 * `http_request_duration_seconds{method,route}`. The route is its pattern (`/tasks/:taskId`), so the
 * label's values are as many as the routes. Counted once the answer is sent, synchronously: a request
 * waits for none of it.
 */
export const httpMetricsPlugin = fp(
  async (app: FastifyInstance, options: { registry: Registry }) => {
    const requests = counterIn(options.registry, {
      name: 'http_requests_total',
      help: 'HTTP requests answered, by route pattern and status',
      labelNames: ['method', 'route', 'status'],
    })
    const duration = histogramIn(options.registry, {
      name: 'http_request_duration_seconds',
      help: 'Time from the start of a request to the end of its answer, by route pattern',
      labelNames: ['method', 'route'],
      buckets: requestDurationBuckets,
    })
    app.addHook('onResponse', (request, reply, done) => {
      const route = request.routeOptions.url ?? unmatchedRoute
      requests.inc({ method: request.method, route, status: reply.statusCode })
      duration.observe({ method: request.method, route }, reply.elapsedTime / 1000)
      done()
    })
  },
  { name: 'focushub-http-metrics' },
)
