import { createServer, type Server } from 'node:http'
import type { FastifyBaseLogger } from 'fastify'
import type { Registry } from './registry.ts'

export interface MetricsListenerOptions {
  registry: Registry
  host: string
  port: number
  log: Pick<FastifyBaseLogger, 'warn'>
}

/**
 * GET /metrics on a listener of the process's own. A service's replicas share their public port, so a
 * scrape there would reach any one of them; here each process answers for itself, and nothing routed
 * from the outside reaches it. SO_REUSEPORT as on the public port: a stand-in started during a rolling
 * replacement runs with the same METRICS_PORT, and the two share it until the old process is gone.
 */
export async function openMetricsListener(options: MetricsListenerOptions): Promise<Server> {
  const { registry, log } = options
  const server = createServer((request, response) => {
    const path = request.url?.split('?')[0]
    if (path !== '/metrics' || (request.method !== 'GET' && request.method !== 'HEAD')) {
      response.writeHead(404, { 'content-type': 'text/plain' }).end('Not found\n')
      return
    }
    registry.metrics().then(
      (text) => response.writeHead(200, { 'content-type': registry.contentType }).end(text),
      (error: Error) => {
        log.warn({ err: error.message }, 'metrics could not be collected')
        response.writeHead(500, { 'content-type': 'text/plain' }).end('Metrics could not be collected\n')
      },
    )
  })
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen({ host: options.host, port: options.port, reusePort: true }, () => {
      server.off('error', reject)
      resolve()
    })
  })
  return server
}

/** Stops listening and ends idle keep-alive connections (a scraper keeps one open). */
export function closeMetricsListener(server: Server) {
  return new Promise<void>((resolve) => {
    server.close(() => resolve())
    server.closeIdleConnections()
  })
}
