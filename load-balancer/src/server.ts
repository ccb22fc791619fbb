import { flushCompileCache } from 'node:module'
import type { AddressInfo } from 'node:net'
import { ConfigError } from '@focushub/shared/config'
import { closeMetricsListener, openMetricsListener } from '@focushub/shared/metrics'
import closeWithGrace from 'close-with-grace'
import { buildLoadBalancer } from './app.ts'
import { loadBalancerConfig } from './config.ts'

let config: ReturnType<typeof loadBalancerConfig>
try {
  config = loadBalancerConfig()
} catch (error) {
  process.stderr.write(`${error instanceof ConfigError ? error.message : (error as Error).stack}\n`)
  process.exit(1)
}

const lb = buildLoadBalancer(config)
// The balancing figures and the process's own (CPU, heap, event loop) on its METRICS_PORT, as every
// Node process has them.
const metrics =
  config.METRICS_PORT > 0
    ? await openMetricsListener({
        registry: lb.metrics,
        host: config.METRICS_HOST,
        port: config.METRICS_PORT,
        log: lb.log,
      })
    : undefined
// Our own drain is bounded by SHUTDOWN_TIMEOUT_MS; close-with-grace's bound only catches a hang.
closeWithGrace({ delay: config.SHUTDOWN_TIMEOUT_MS + 2_000, skip: ['SIGHUP'] }, async ({ err, signal }) => {
  if (err) lb.log.error({ err }, 'shutting down after an uncaught error')
  else lb.log.info({ signal }, 'shutting down')
  await lb.close()
  if (metrics) await closeMetricsListener(metrics)
})
process.on('SIGHUP', () => {
  try {
    if (!lb.reloadFromFile()) lb.log.warn('SIGHUP ignored: LB_UPSTREAMS_FILE is not set')
  } catch (err) {
    lb.log.error({ err }, 'reload failed; the previous upstreams stay')
  }
})
// SO_REUSEPORT, as every process of the stack (shared/src/http/run-server.ts): the balancer's replicas
// share LB_PORT, and a replacement listens before the process it replaces stops.
const listen = (server: typeof lb.server, port: number, host: string) =>
  new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen({ port, host, reusePort: true }, resolve)
  })
try {
  // The admin routes change the balancer: loopback only, whatever HOST says.
  await Promise.all([
    listen(lb.server, config.LB_PORT, config.HOST),
    listen(lb.adminServer, config.LB_ADMIN_PORT, '127.0.0.1'),
  ])
} catch (err) {
  // Nothing to drain: exit at once, so a supervisor counts a failed start, not a long-running process.
  lb.log.fatal({ err }, 'could not listen')
  lb.log.flush()
  process.exit(1)
}
const portOf = (server: typeof lb.server) => (server.address() as AddressInfo).port
lb.log.info(
  { port: portOf(lb.server), adminPort: portOf(lb.adminServer), upstreams: lb.balancer.upstreams.map((u) => u.url) },
  'listening',
)
lb.log.flush()
// As every process's runServer: the compiled code of what the start loaded, kept for the next start.
flushCompileCache()
