// Child process of overhead.ts: one gateway, as ./focushub runs it, built from environment variables.
import { buildApp } from '../../gateway/src/app.ts'
import { loadGatewayConfig } from '../../gateway/src/config.ts'

const app = await buildApp(loadGatewayConfig())
await app.listen({ port: 0, host: '127.0.0.1' })
process.stdout.write(
  `${JSON.stringify({ url: `http://127.0.0.1:${(app.server.address() as { port: number }).port}` })}\n`,
)
process.on('SIGTERM', () => app.close().then(() => process.exit(0)))
