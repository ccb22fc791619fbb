import { once } from 'node:events'
import type { AddressInfo } from 'node:net'
import { ConfigError } from '@focushub/shared/config'
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
// Our own drain is bounded by SHUTDOWN_TIMEOUT_MS; close-with-grace's bound only catches a hang.
closeWithGrace({ delay: config.SHUTDOWN_TIMEOUT_MS + 2_000, skip: ['SIGHUP'] }, async ({ err, signal }) => {
  if (err) lb.log.error({ err }, 'shutting down after an uncaught error')
  else lb.log.info({ signal }, 'shutting down')
  await lb.close()
})
process.on('SIGHUP', () => {
  try {
    if (!lb.reloadFromFile()) lb.log.warn('SIGHUP ignored: LB_UPSTREAMS_FILE is not set')
  } catch (err) {
    lb.log.error({ err }, 'reload failed; the previous upstreams stay')
  }
})
lb.server.listen(config.LB_PORT, config.HOST)
// The admin routes change the balancer: loopback only, whatever HOST says.
lb.adminServer.listen(config.LB_ADMIN_PORT, '127.0.0.1')
await Promise.all([once(lb.server, 'listening'), once(lb.adminServer, 'listening')])
const portOf = (server: typeof lb.server) => (server.address() as AddressInfo).port
lb.log.info(
  { port: portOf(lb.server), adminPort: portOf(lb.adminServer), upstreams: lb.balancer.upstreams.map((u) => u.url) },
  'listening',
)
lb.log.flush()
