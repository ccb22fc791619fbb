// A gateway-like upstream for the balancer benchmarks: Fastify answering a small JSON document
// and /health. Prints its port on stdout. Run by compare.ts and drill.ts, not by hand.
import Fastify from 'fastify'

const name = process.env.UPSTREAM_NAME ?? 'upstream'
const app = Fastify({ logger: false, keepAliveTimeout: 72_000 })
const today = { focusMinutes: 95, goalMinutes: 120, habitsDone: 3, habitsDue: 5, tasksOpen: 7, streak: 12 }
app.get('/health', async () => ({ status: 'ok' }))
app.get('/api/v1/dashboard', async (request) => ({ replica: name, requestId: request.headers['x-request-id'], today }))
await app.listen({ port: 0, host: '127.0.0.1' })
process.stdout.write(
  `${JSON.stringify({ port: app.server.address() && (app.server.address() as { port: number }).port })}\n`,
)
