// task-service in a process of its own for bench/tasks/list-and-create.ts: the load generator must
// not share the service's event loop. Reads the service's variables plus BENCH_SCHEMA; prints its URL.
import { createDatabase } from '@focushub/shared'
import { buildApp } from '../../task-service/src/app.ts'
import { loadServiceConfig } from '../../task-service/src/config.ts'
import type { Database } from '../../task-service/src/db/tables.ts'

const config = loadServiceConfig()
// The service's own pool size (DATABASE_POOL_MAX), on the bench's schema.
const db = createDatabase<Database>({
  url: config.TASK_DATABASE_URL,
  poolMax: config.DATABASE_POOL_MAX,
  schema: process.env.BENCH_SCHEMA,
})
const app = await buildApp(config, { db })
await app.listen({ port: 0, host: '127.0.0.1' })
process.stdout.write(
  `${JSON.stringify({ url: `http://127.0.0.1:${(app.server.address() as { port: number }).port}` })}\n`,
)
process.on('SIGTERM', () => void app.close().then(() => db.destroy()))
