import { runServer } from '@focushub/shared/http'
import { buildApp } from './app.ts'
import { loadGatewayConfig } from './config.ts'

await runServer(async () => {
  const config = loadGatewayConfig()
  const app = await buildApp(config)
  return {
    app,
    options: { port: config.GATEWAY_PORT, host: config.HOST, shutdownTimeoutMs: config.SHUTDOWN_TIMEOUT_MS },
  }
})
