// task-service in a process of its own for bench/tasks/list-and-create.ts: the load generator must
// not share the service's event loop. Reads the service's variables plus BENCH_SCHEMA; prints its URL.
// Asked 'times' over IPC, it answers the percentiles of the time its requests took inside the service
// (Fastify's reply.elapsedTime) since the last ask: beside the client's figures, that tells whether a
// slow tail is spent in the service or in the sending process.
import { createDatabase } from '@focushub/shared/db'
import { buildApp } from '../../task-service/src/app.ts'
import { loadServiceConfig } from '../../task-service/src/config.ts'
import type { Database } from '../../task-service/src/db/tables.ts'
import { percentile } from '../support/steady-rate.ts'

const config = loadServiceConfig()
// The service's own pool size (DATABASE_POOL_MAX), on the bench's schema.
const db = createDatabase<Database>({
  url: config.TASK_DATABASE_URL,
  poolMax: config.DATABASE_POOL_MAX,
  schema: process.env.BENCH_SCHEMA,
})
const app = await buildApp(config, { db })
const elapsed: number[] = []
app.addHook('onResponse', (_request, reply, done) => {
  elapsed.push(reply.elapsedTime)
  done()
})
process.on('message', (message) => {
  if (message !== 'times') return
  const sorted = elapsed.splice(0).sort((a, b) => a - b)
  const [p50, p90, p99] = [50, 90, 99].map((p) => percentile(sorted, p))
  process.send?.({ p50, p90, p99, max: sorted.at(-1) ?? 0, count: sorted.length })
})
await app.listen({ port: 0, host: '127.0.0.1' })
process.stdout.write(
  `${JSON.stringify({ url: `http://127.0.0.1:${(app.server.address() as { port: number }).port}` })}\n`,
)
// Exits once closed: the bench waits for it (and --cpu-prof writes its profile at exit).
process.on(
  'SIGTERM',
  () =>
    void app
      .close()
      .then(() => db.destroy())
      .finally(() => process.exit(0)),
)
