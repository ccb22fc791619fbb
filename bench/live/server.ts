// Child process of fan-out.ts: one gateway built from environment variables, run with --expose-gc.
// Answers 'memory' messages with its memory after a full collection, and 'delay' messages with its
// event-loop delay (p99 and max, ms) since the previous one.
import { monitorEventLoopDelay } from 'node:perf_hooks'
import { buildApp } from '../../gateway/src/app.ts'
import { loadGatewayConfig } from '../../gateway/src/config.ts'

const app = await buildApp(loadGatewayConfig())
await app.listen({ port: 0, host: '127.0.0.1' })
const loopDelay = monitorEventLoopDelay({ resolution: 10 })
loopDelay.enable()
process.on('message', (message) => {
  if (message === 'memory') {
    globalThis.gc?.()
    process.send?.(process.memoryUsage())
  } else if (message === 'delay') {
    process.send?.({ p99: loopDelay.percentile(99) / 1e6, max: loopDelay.max / 1e6 })
    loopDelay.reset()
  }
})
process.send?.({ url: `http://127.0.0.1:${(app.server.address() as { port: number }).port}` })
process.on('SIGTERM', () => app.close().then(() => process.exit(0)))
