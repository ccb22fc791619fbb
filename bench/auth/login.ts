// Logins per second and latency percentiles against an in-process auth-service on port 0, real
// Postgres and Redis, at the configured BCRYPT_COST (default: the tuned one).
// Run: node bench/auth/login.ts   (BENCH_SECONDS=10 BENCH_CONCURRENCY=8 BCRYPT_COST=11 to change)
import { randomBytes } from 'node:crypto'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createTestDatabase } from '@focushub/shared/testing'
import { buildApp } from '../../auth-service/src/app.ts'
import { loadServiceConfig } from '../../auth-service/src/config.ts'
import { migrations } from '../../auth-service/src/db/migrations/index.ts'
import type { Database } from '../../auth-service/src/db/tables.ts'

const seconds = Number(process.env.BENCH_SECONDS ?? 10)
const concurrency = Number(process.env.BENCH_CONCURRENCY ?? 8)
const keysDir = await mkdtemp(join(tmpdir(), 'focushub-bench-keys-'))
const config = loadServiceConfig({
  ...process.env,
  LOG_LEVEL: 'silent',
  AUTH_KEYS_DIR: keysDir,
  AUTH_REDIS_PREFIX: `focushub:auth:bench:${randomBytes(4).toString('hex')}`,
  LOGIN_IP_MAX_ATTEMPTS: '1000000',
})
const database = await createTestDatabase<Database>(config.AUTH_DATABASE_URL, migrations)
const app = await buildApp(config, { db: database.db })
await app.listen({ port: 0, host: '127.0.0.1' })
const base = `http://127.0.0.1:${(app.server.address() as { port: number }).port}`

const post = (path: string, body: unknown) =>
  fetch(`${base}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  })

const credentials = { email: 'bench@example.com', password: 'correct horse battery' }
await post('/auth/register', { ...credentials, displayName: 'Bench' })

const latencies: number[] = []
let failures = 0
const deadline = performance.now() + seconds * 1000
async function worker() {
  while (performance.now() < deadline) {
    const started = performance.now()
    const response = await post('/auth/login', credentials)
    await response.arrayBuffer()
    if (response.status === 200) latencies.push(performance.now() - started)
    else failures++
  }
}
const started = performance.now()
await Promise.all(Array.from({ length: concurrency }, worker))
const elapsed = (performance.now() - started) / 1000

latencies.sort((a, b) => a - b)
const percentile = (p: number) =>
  latencies[Math.min(latencies.length - 1, Math.floor((p / 100) * latencies.length))] ?? 0
console.log(
  `login bench: bcrypt cost ${config.BCRYPT_COST}, ${concurrency} concurrent clients, ${elapsed.toFixed(1)} s`,
)
console.log(`  logins/s   ${(latencies.length / elapsed).toFixed(1)}  (${latencies.length} ok, ${failures} failed)`)
console.log(
  `  p50 ${percentile(50).toFixed(1)} ms   p90 ${percentile(90).toFixed(1)} ms   p99 ${percentile(99).toFixed(1)} ms`,
)

await app.close()
await database.destroy()
await rm(keysDir, { recursive: true, force: true })
