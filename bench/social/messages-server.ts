// social-service in a process of its own for bench/social/messages.ts (two of them: two replicas on one schema).
// Reads the service's variables plus BENCH_SCHEMA; prints its URL as a JSON line.
import { createDatabase } from '@focushub/shared/db'
import { buildApp } from '../../social-service/src/app.ts'
import { loadServiceConfig } from '../../social-service/src/config.ts'
import type { Database } from '../../social-service/src/db/tables.ts'

const config = loadServiceConfig()
const db = createDatabase<Database>({
  url: config.SOCIAL_DATABASE_URL,
  poolMax: config.DATABASE_POOL_MAX,
  schema: process.env.BENCH_SCHEMA,
})
const app = await buildApp(config, { db })
await app.listen({ port: 0, host: '127.0.0.1' })
process.stdout.write(
  `${JSON.stringify({ url: `http://127.0.0.1:${(app.server.address() as { port: number }).port}` })}\n`,
)
process.on('SIGTERM', () => void app.close().then(() => db.destroy()))
