import { runServer } from '@focushub/shared/http'
import { buildApp } from './app.ts'
import { loadServiceConfig } from './config.ts'

await runServer(async () => {
  const config = loadServiceConfig()
  const app = await buildApp(config)
  return {
    app,
    options: {
      port: config.SOCIAL_SERVICE_PORT,
      host: config.HOST,
      shutdownTimeoutMs: config.SHUTDOWN_TIMEOUT_MS,
    },
  }
})
