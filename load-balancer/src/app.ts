import { readFileSync } from 'node:fs'
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import { setTimeout as sleep } from 'node:timers/promises'
import { createLogger } from '@focushub/shared/logger'
import { createMetricsRegistry, type Registry, unnamedInstance } from '@focushub/shared/metrics'
import type { Logger } from 'pino'
import { adminTokenCheck } from './admin-token.ts'
import { Balancer } from './balancer.ts'
import type { Config } from './config.ts'
import { answersHealthy, HealthChecker } from './health.ts'
import { balancerMetrics, statusDocument } from './observability.ts'
import { createProxyHandler, sendProblem } from './proxy.ts'
import { applyUpstreams } from './reload.ts'
import { RetryBudget } from './retry-budget.ts'
import { createTotals } from './totals.ts'
import { createUpgradeHandler } from './upgrade.ts'
import { createUpstream, parseUpstreams, type UpstreamSpec } from './upstreams.ts'

function json(res: ServerResponse, status: number, body: unknown, type = 'application/json; charset=utf-8') {
  res.writeHead(status, { 'content-type': type, 'cache-control': 'no-store' })
  res.end(typeof body === 'string' ? body : JSON.stringify(body))
}

async function readText(request: IncomingMessage, limit: number) {
  let text = ''
  for await (const chunk of request) {
    text += chunk
    if (text.length > limit) throw new Error(`the list exceeds ${limit} bytes`)
  }
  return text
}

/** The balancer's own routes answered on the public port; anything else is proxied there. */
const publicPaths = new Set(['/health', '/ready'])

function pathOf(request: IncomingMessage) {
  const url = request.url ?? '/'
  const query = url.indexOf('?')
  return query === -1 ? url : url.slice(0, query)
}

const isPublicRoute = (request: IncomingMessage) =>
  (request.method === 'GET' || request.method === 'HEAD') && publicPaths.has(pathOf(request))

export interface LoadBalancer {
  server: Server
  /** Loopback-only listener of the admin routes (/lb/status, /lb/metrics, PUT /lb/upstreams), behind LB_ADMIN_TOKEN. */
  adminServer: Server
  log: Logger
  /**
   * The process's metrics: the balancer's figures, and process metrics when METRICS_PORT is set (server.ts
   * serves it there). The admin listener's /lb/metrics answers the same text.
   */
  metrics: Registry
  balancer: Balancer
  health: HealthChecker
  /** Re-reads LB_UPSTREAMS_FILE (SIGHUP); false when no file is configured. */
  reloadFromFile(): boolean
  reload(specs: UpstreamSpec[]): { added: string[]; removed: string[] }
  close(): Promise<void>
}

export function buildLoadBalancer(config: Config): LoadBalancer {
  // One access-log line per request: buffered, so logging stays off the proxying path.
  const log = createLogger('load-balancer', config.LOG_LEVEL, { buffered: true })
  const poolOptions = {
    connections: config.LB_UPSTREAM_CONNECTIONS,
    connectTimeoutMs: config.LB_CONNECT_TIMEOUT_MS,
    responseTimeoutMs: config.LB_RESPONSE_TIMEOUT_MS,
    streamIdleTimeoutMs: config.LB_STREAM_IDLE_TIMEOUT_MS,
  }
  const create = (spec: UpstreamSpec) => createUpstream(spec, poolOptions)
  const listed = () =>
    parseUpstreams(config.LB_UPSTREAMS_FILE ? readFileSync(config.LB_UPSTREAMS_FILE, 'utf8') : config.LB_UPSTREAMS)
  const balancer = new Balancer(listed().map(create), {
    afterFailures: config.LB_EJECT_AFTER_FAILURES,
    baseMs: config.LB_EJECT_BASE_MS,
    maxMs: config.LB_EJECT_MAX_MS,
    maxPercent: config.LB_EJECT_MAX_PERCENT,
  })
  const healthOptions = {
    path: config.LB_HEALTH_PATH,
    intervalMs: config.LB_HEALTH_INTERVAL_MS,
    timeoutMs: config.LB_HEALTH_TIMEOUT_MS,
    falls: config.LB_HEALTH_FALLS,
    rises: config.LB_HEALTH_RISES,
  }
  const health = new HealthChecker(balancer, healthOptions, log)
  const budget = new RetryBudget({
    percent: config.LB_RETRY_BUDGET_PERCENT,
    minimum: config.LB_RETRY_BUDGET_MIN,
    windowMs: config.LB_RETRY_BUDGET_WINDOW_MS,
  })
  const totals = createTotals()
  const observed = { balancer, totals, budget }
  const registry = createMetricsRegistry({
    service: 'load-balancer',
    instance: config.METRICS_INSTANCE || unnamedInstance(),
    processMetrics: config.METRICS_PORT > 0,
  })
  const metrics = balancerMetrics(registry, observed)
  const proxy = createProxyHandler({
    balancer,
    budget,
    totals,
    metrics,
    log,
    // The access log's fields are fixed and none is secret (the URL's share-link token is cut by
    // redactUrl): its lines skip the redaction walk, which cost about 5 % of the balancer's CPU.
    accessLog: config.LB_ACCESS_LOG ? log.child({}, { redact: [] }) : undefined,
    retryBufferBytes: config.LB_RETRY_BUFFER_BYTES,
  })
  const startedAt = Date.now()
  const reload = (specs: UpstreamSpec[]) => {
    totals.reloads++
    const changes = applyUpstreams(balancer, specs, create, config.SHUTDOWN_TIMEOUT_MS, log)
    metrics.forget(changes.removed)
    return changes
  }

  const isAdmin = adminTokenCheck(config.LB_ADMIN_TOKEN)

  /** Answers the balancer's own routes; false for anything to proxy. */
  async function ownRoute(request: IncomingMessage, res: ServerResponse, admin: boolean) {
    const path = pathOf(request)
    const get = request.method === 'GET' || request.method === 'HEAD'
    if (get && path === '/health')
      json(res, 200, { status: 'ok', service: 'load-balancer', uptimeSeconds: (Date.now() - startedAt) / 1000 })
    else if (get && path === '/ready') {
      const answers = await Promise.all(balancer.upstreams.map((u) => answersHealthy(u, healthOptions)))
      const checks = Object.fromEntries(
        balancer.upstreams.map((u, i) => [u.url, { status: answers[i] ? 'up' : 'down' }]),
      )
      const down = balancer.upstreams.filter((_, i) => !answers[i]).map((u) => u.url)
      const ready = answers.some(Boolean)
      json(res, ready ? 200 : 503, { status: ready ? 'ready' : 'unavailable', service: 'load-balancer', checks, down })
    } else if (!admin) return false
    else if (!isAdmin(request)) {
      res.setHeader('www-authenticate', 'Bearer')
      sendProblem(res, 401, 'unauthorized', 'The admin routes need LB_ADMIN_TOKEN as a bearer token', 'admin')
    } else if (get && path === '/lb/status') json(res, 200, statusDocument(observed))
    else if (get && path === '/lb/metrics') json(res, 200, await registry.metrics(), registry.contentType)
    else if (request.method === 'PUT' && path === '/lb/upstreams') {
      try {
        const changes = reload(parseUpstreams(await readText(request, 65_536)))
        json(res, 200, { ...changes, upstreams: statusDocument(observed).upstreams })
      } catch (error) {
        sendProblem(res, 400, 'invalid-upstreams', (error as Error).message, 'admin')
      }
    } else sendProblem(res, 404, 'not-found', `No route for ${request.method} ${path}`, 'admin')
    return true
  }

  const server = createServer((request, res) => {
    // Nearly every request is proxied: it goes straight on, without first awaiting a route lookup.
    const handled = isPublicRoute(request) ? ownRoute(request, res, false) : proxy(request, res)
    handled.catch((error: unknown) => {
      log.error({ err: error }, 'proxy failed')
      sendProblem(res, 500, 'internal', 'An unexpected error occurred', 'unknown')
    })
  })
  server.keepAliveTimeout = 65_000
  server.requestTimeout = config.LB_STREAM_IDLE_TIMEOUT_MS
  server.on(
    'upgrade',
    createUpgradeHandler({
      balancer,
      totals,
      log,
      connectTimeoutMs: config.LB_CONNECT_TIMEOUT_MS,
      idleTimeoutMs: config.LB_STREAM_IDLE_TIMEOUT_MS,
    }),
  )
  const adminServer = createServer((request, res) => {
    ownRoute(request, res, true).catch((error) => {
      log.error({ err: error }, 'admin route failed')
      sendProblem(res, 500, 'internal', 'An unexpected error occurred', 'admin')
    })
  })
  health.start()

  return {
    server,
    adminServer,
    log,
    metrics: registry,
    balancer,
    health,
    reload,
    reloadFromFile() {
      if (!config.LB_UPSTREAMS_FILE) return false
      reload(listed())
      return true
    },
    /** Stops accepting, lets in-flight requests finish within SHUTDOWN_TIMEOUT_MS, then cuts what is left. */
    async close() {
      const checksStopped = health.stop()
      const closed = Promise.all(
        [server, adminServer].map(
          (s) => new Promise<void>((resolve) => (s.listening ? s.close(() => resolve()) : resolve())),
        ),
      )
      const deadline = Date.now() + config.SHUTDOWN_TIMEOUT_MS
      while (totals.inFlight > 0 && Date.now() < deadline) {
        server.closeIdleConnections()
        await sleep(20)
      }
      server.closeAllConnections()
      adminServer.closeAllConnections()
      for (const upstream of balancer.upstreams) for (const socket of upstream.tunnels) socket.destroy()
      await Promise.all([closed, checksStopped])
      await Promise.all(balancer.upstreams.map((upstream) => upstream.pool.destroy()))
      log.flush()
    },
  }
}
