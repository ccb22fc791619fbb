import { once } from 'node:events'
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
closeWithGrace({ delay: config.SHUTDOWN_TIMEOUT_MS }, async ({ err, signal }) => {
  if (err) lb.log.error({ err }, 'shutting down after an uncaught error')
  else lb.log.info({ signal }, 'shutting down')
  await lb.close()
})
lb.server.listen(config.LB_PORT, config.HOST)
await once(lb.server, 'listening')
