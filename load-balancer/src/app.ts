import { createServer, type Server } from 'node:http'
import { createLogger } from '@focushub/shared/logger'
import type { Logger } from 'pino'
import type { Config } from './config.ts'
import { createProxyHandler, sendProblem } from './proxy.ts'
import { createUpstream, RoundRobin } from './upstreams.ts'

function json(res: import('node:http').ServerResponse, status: number, body: unknown) {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8' })
  res.end(JSON.stringify(body))
}

async function upstreamAnswers(url: string) {
  try {
    const response = await fetch(new URL('/health', url), { signal: AbortSignal.timeout(1500) })
    return response.ok
  } catch {
    return false
  }
}

export interface LoadBalancer {
  server: Server
  log: Logger
  balancer: RoundRobin
  close(): Promise<void>
}

/** The balancer's own routes (/health, /ready, /lb/status); everything else is proxied. */
export function buildLoadBalancer(config: Config): LoadBalancer {
  const log = createLogger('load-balancer', config.LOG_LEVEL)
  const balancer = new RoundRobin(config.LB_UPSTREAMS.split(',').map(createUpstream))
  const proxy = createProxyHandler(balancer, log)
  const startedAt = Date.now()

  const server = createServer(async (request, res) => {
    const path = request.url?.split('?')[0]
    if (path === '/health')
      return json(res, 200, { status: 'ok', service: 'load-balancer', uptimeSeconds: (Date.now() - startedAt) / 1000 })
    if (path === '/ready') {
      const answers = await Promise.all(balancer.upstreams.map((upstream) => upstreamAnswers(upstream.url)))
      const checks = Object.fromEntries(
        balancer.upstreams.map((u, i) => [u.url, { status: answers[i] ? 'up' : 'down' }]),
      )
      const down = balancer.upstreams.filter((_, i) => !answers[i]).map((u) => u.url)
      const ready = answers.some(Boolean)
      return json(res, ready ? 200 : 503, {
        status: ready ? 'ready' : 'unavailable',
        service: 'load-balancer',
        checks,
        down,
      })
    }
    if (path === '/lb/status') {
      const upstreams = balancer.upstreams.map(({ url, inFlight, requests, failures }) => ({
        url,
        inFlight,
        requests,
        failures,
      }))
      return json(res, 200, { upstreams })
    }
    try {
      await proxy(request, res)
    } catch (error) {
      log.error({ err: error }, 'proxy failed')
      sendProblem(res, 500, 'internal', 'An unexpected error occurred', 'unknown')
    }
  })
  server.keepAliveTimeout = 65_000

  return {
    server,
    log,
    balancer,
    async close() {
      await new Promise<void>((resolve) => {
        server.close(() => resolve())
        server.closeIdleConnections()
      })
      await balancer.close()
    },
  }
}
